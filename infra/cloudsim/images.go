package cloudsim

import "strings"

// ImageType is the world's record type of an image held in a simulated ECR repository. Images
// are not Pulumi resources: they arrive by a push or a copy (PushImage, the registry endpoint),
// as in AWS, where CI pushes them and a rebuild copies them.
const ImageType = "cloudsim:ecr/image:Image"

// putImage records an image under a tag (and under its digest) in an account and region, with
// its manifest so the registry can serve it again in another process.
func (s *store) putImage(account, region, repo, tag, digest, manifest, mediaType string) {
	for _, ref := range []string{tag, digest} {
		if ref == "" {
			continue
		}
		out := map[string]any{"repositoryName": repo, "imageTag": tag, "imageDigest": digest, "manifest": manifest, "mediaType": mediaType}
		s.put(&record{Type: ImageType, ID: repo + imageSep(ref) + ref, Name: repo, Region: region, Account: account,
			Seed: digest, Inputs: out, Outputs: out})
	}
}

// hasImage says whether a repository holds a tag or digest.
func (s *store) hasImage(account, region, repo, ref string) bool {
	if s.get(account, region, ImageType, repo+imageSep(ref)+ref) != nil {
		return true
	}
	s.reload()
	return s.get(account, region, ImageType, repo+imageSep(ref)+ref) != nil
}

func imageSep(ref string) string {
	if strings.HasPrefix(ref, "sha256:") {
		return "@"
	}
	return ":"
}

// removeImages deletes every image of a repository (a repository deleted with forceDelete).
func (s *store) removeImages(account, region, repo string) int {
	n := 0
	for _, r := range s.list(func(r *record) bool {
		return r.Type == ImageType && r.Account == account && r.Region == region && r.Name == repo
	}) {
		if s.remove(account, region, ImageType, r.ID) {
			n++
		}
	}
	return n
}

// images lists the images of a repository.
func (s *store) images(account, region, repo string) []*record {
	return s.list(func(r *record) bool {
		return r.Type == ImageType && r.Account == account && r.Region == region && r.Name == repo
	})
}

// removeDigest deletes an image, under its digest and every tag that points at it.
func (s *store) removeDigest(account, region, repo, digest string) {
	for _, r := range s.images(account, region, repo) {
		if d, _ := r.Outputs["imageDigest"].(string); d == digest {
			s.remove(account, region, ImageType, r.ID)
		}
	}
}
