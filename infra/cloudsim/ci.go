package cloudsim

// CI's push. On AWS, the release pipeline pushes the Lambdas' images into an environment's
// repositories; notifyctl's up does it itself (docs/images.md), but the plain Pulumi CLI has no
// image step. Options.PushReleaseImages stands in for the pipeline when the plain CLI runs
// against the simulated world (notifyctl sim serve): a repository is filled with the release
// registry's images of the same name as it is created, so the functions created after it find
// their images, as they do on AWS once CI has pushed.

// pushReleaseImages copies the release registry's images of a repository just created into it,
// when Options.PushReleaseImages is on.
func (s *Sim) pushReleaseImages(obj *object) {
	if !s.opts.PushReleaseImages || obj.Type != ecrRepository || obj.Account == ReleaseAccount {
		return
	}
	repo := obj.name()
	for _, img := range s.store.images(ReleaseAccount, "ca-central-1", repo) {
		out := img.Outputs
		str := func(k string) string { v, _ := out[k].(string); return v }
		s.store.putImage(obj.Account, obj.Region, repo, str("imageTag"), str("imageDigest"), str("manifest"), str("mediaType"))
	}
}
