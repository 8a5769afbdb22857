package cloudsim

import (
	"fmt"
	"log"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

const ecrRepository = "aws:ecr/repository:Repository"

func init() {
	register(Rule{ID: "ecr.push-repository-exists", Service: "ECR", Operation: "InitiateLayerUpload/PutImage", Resource: "ECR Image",
		Code:    "RepositoryNotFoundException",
		Summary: "an image pushed or copied into a repository that does not exist",
		Source:  "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutImage.html",
		Types:   []string{ImageType}, Phases: []Phase{OnCreate},
		Check: func(c *RuleCall) string {
			repo := c.Obj.Name
			if c.World.find(c.Obj.Account, c.Obj.Region, ecrRepository, func(r *record) bool { return r.Name == repo }) != nil {
				return ""
			}
			return fmt.Sprintf("The repository with name '%s' does not exist in the registry with id '%s'", repo, c.Obj.Account)
		}})

	register(Rule{ID: "ecr.delete-repository-not-empty", Service: "ECR", Operation: "DeleteRepository", Resource: "ECR Repository",
		Code:    "RepositoryNotEmptyException",
		Summary: "deleting a repository that still holds images, without force",
		Source:  "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DeleteRepository.html",
		Types:   []string{ecrRepository}, Phases: []Phase{OnDelete},
		Check: func(c *RuleCall) string {
			if force, _ := c.Obj.in("forceDelete").(bool); force {
				return ""
			}
			repo := c.Obj.str("name")
			if n := len(c.World.images(c.Obj.Account, c.Obj.Region, repo)); n > 0 {
				return fmt.Sprintf("The repository with name '%s' in registry with id '%s' cannot be deleted because it still contains images", repo, c.Obj.Account)
			}
			return ""
		}})
}

// afterDelete is what AWS removes with a resource: a force-deleted repository's images.
func afterDelete(w *store, rec *record) {
	if rec.Type == ecrRepository {
		w.removeImages(rec.Account, rec.Region, rec.Name)
	}
}

// seedRelease pushes the release images into the release registry, as CI's builds would,
// unless they are there already. The release account's repositories need no repository
// resource: they belong to the world outside the rehearsal.
func (s *Sim) seedRelease(images []string) error {
	for _, ref := range images {
		repo, tag, ok := strings.Cut(ref, ":")
		if !ok || repo == "" || tag == "" {
			return fmt.Errorf("cloudsim: release image %q: want <repository>:<tag>", ref)
		}
		if s.store.hasImage(ReleaseAccount, "ca-central-1", repo, tag) {
			continue
		}
		img, err := random.Image(512, 1)
		if err != nil {
			return fmt.Errorf("cloudsim: build release image %s: %w", ref, err)
		}
		dst, err := name.NewTag(s.registry.host+"/"+ReleaseAccount+"/ca-central-1/"+ref, name.Insecure)
		if err != nil {
			return fmt.Errorf("cloudsim: release image %s: %w", ref, err)
		}
		if err := remote.Write(dst, img); err != nil {
			return fmt.Errorf("cloudsim: push release image %s: %w", ref, err)
		}
	}
	return nil
}

func discardLogger() *log.Logger { return log.New(discard{}, "", 0) }

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
