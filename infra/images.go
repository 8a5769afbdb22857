package infra

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"

	"github.com/cds-snc/notification-pulumi/infra/render"
	"github.com/cds-snc/notification-pulumi/stacks"
)

// A Lambda's image must be in its region's ECR repository before CreateFunction, and a new
// environment's repositories are created by the same program as its functions. So an up that
// finds images missing runs in three steps: the repositories (and what they need) alone, a copy
// of the released images into them, then the whole program. See docs/images.md.

// ErrNoRepository is Registry.Exists's answer when the image's repository does not exist.
var ErrNoRepository = errors.New("the repository does not exist")

// Registry is what the image step needs of container registries. References are ECR's:
// <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>.
type Registry interface {
	// Exists says whether the image is in its repository (ErrNoRepository when the repository
	// itself is missing).
	Exists(ctx context.Context, ref string) (bool, error)
	// Copy copies an image (every layer, the manifest and the tag) from src to dst.
	Copy(ctx context.Context, src, dst string) error
	// Delete removes an image (its manifest, under every tag); a missing one is no error.
	Delete(ctx context.Context, ref string) error
}

// RemoteRegistry is a Registry over the registry API (go-containerregistry).
type RemoteRegistry struct {
	// Map rewrites an ECR reference before use (the simulated ECR's Sim.RegistryRef). Nil: as is.
	Map func(string) (string, error)
	// Insecure allows plain HTTP (the simulated ECR on 127.0.0.1).
	Insecure bool
	// Keychain finds credentials. Default authn.DefaultKeychain: the Docker configuration's
	// credential helpers, e.g. docker-credential-ecr-login for ECR.
	Keychain authn.Keychain
}

func (r RemoteRegistry) ref(s string) (name.Reference, error) {
	if r.Map != nil {
		var err error
		if s, err = r.Map(s); err != nil {
			return nil, err
		}
	}
	var opts []name.Option
	if r.Insecure {
		opts = append(opts, name.Insecure)
	}
	return name.ParseReference(s, opts...)
}

func (r RemoteRegistry) options(ctx context.Context) []remote.Option {
	kc := r.Keychain
	if kc == nil {
		kc = authn.DefaultKeychain
	}
	return []remote.Option{remote.WithContext(ctx), remote.WithAuthFromKeychain(kc)}
}

// Exists implements Registry.
func (r RemoteRegistry) Exists(ctx context.Context, s string) (bool, error) {
	ref, err := r.ref(s)
	if err != nil {
		return false, err
	}
	_, err = remote.Get(ref, r.options(ctx)...)
	var terr *transport.Error
	switch {
	case err == nil:
		return true, nil
	case errors.As(err, &terr) && terr.StatusCode == http.StatusNotFound:
		for _, d := range terr.Errors {
			if d.Code == transport.NameUnknownErrorCode {
				return false, ErrNoRepository
			}
		}
		return false, nil
	}
	return false, fmt.Errorf("look up image %s: %w", s, err)
}

// Copy implements Registry.
func (r RemoteRegistry) Copy(ctx context.Context, src, dst string) error {
	from, err := r.ref(src)
	if err != nil {
		return err
	}
	to, err := r.ref(dst)
	if err != nil {
		return err
	}
	desc, err := remote.Get(from, r.options(ctx)...)
	if err != nil {
		return fmt.Errorf("read image %s: %w", src, err)
	}
	img, err := desc.Image()
	if err != nil {
		return fmt.Errorf("read image %s: %w", src, err)
	}
	if err := remote.Write(to, img, r.options(ctx)...); err != nil {
		return fmt.Errorf("copy %s to %s: %w", src, dst, err)
	}
	return nil
}

// Delete implements Registry. ECR itself answers the registry API's DELETE with 405 (it deletes
// through BatchDeleteImage): only rehearsals empty repositories this way.
func (r RemoteRegistry) Delete(ctx context.Context, s string) error {
	ref, err := r.ref(s)
	if err != nil {
		return err
	}
	desc, err := remote.Get(ref, r.options(ctx)...)
	var terr *transport.Error
	if errors.As(err, &terr) && terr.StatusCode == http.StatusNotFound {
		return nil
	}
	if err != nil {
		return fmt.Errorf("look up image %s: %w", s, err)
	}
	if err := remote.Delete(ref.Context().Digest(desc.Digest.String()), r.options(ctx)...); err != nil {
		return fmt.Errorf("delete image %s: %w", s, err)
	}
	return nil
}

// emptyRegistries deletes the Lambda images from the stack's own repositories, so a rehearsal
// teardown (Unprotect) deletes repositories that do not force-delete their images, as the
// teardown of a real environment empties them first.
func (s *Stack) emptyRegistries(ctx context.Context) error {
	if s.opts.Registry == nil {
		return nil
	}
	state, err := s.state(ctx)
	if err != nil {
		return err
	}
	owned := map[string]bool{} // repository URLs of the stack's own repositories
	for _, r := range state {
		if string(r.Type) == "aws:ecr/repository:Repository" {
			if url, ok := r.Outputs["repositoryUrl"].(string); ok {
				owned[url] = true
			}
		}
	}
	for _, img := range s.file.Config.LambdaImages() {
		if !owned[img.Registry()+"/"+img.Repository] {
			continue // another stack's repository: never touched
		}
		if err := s.opts.Registry.Delete(ctx, img.String()); err != nil {
			return err
		}
	}
	return nil
}

// MissingImagesError says which images the environment's Lambdas need that neither its
// registries nor a source hold.
type MissingImagesError struct {
	Stack   string
	Missing []string
	Source  string // the source looked in ("" when none is configured)
}

func (e *MissingImagesError) Error() string {
	if e.Source == "" {
		return fmt.Sprintf("stack %s: %d Lambda images are not in the environment's registries and no gcnotify:lambdaImageSource is configured to copy them from: %s (push them with CI, or set lambdaImageSource to a registry that holds them)",
			e.Stack, len(e.Missing), strings.Join(e.Missing, ", "))
	}
	return fmt.Sprintf("stack %s: %d Lambda images are in neither the environment's registries nor %s: %s",
		e.Stack, len(e.Missing), e.Source, strings.Join(e.Missing, ", "))
}

// Phase is one timed step of an operation that runs in several (an up that fills registries).
type Phase struct {
	Name            string  `json:"name"`
	DurationSeconds float64 `json:"durationSeconds"`
	Detail          string  `json:"detail"`
}

// imageSource is where missing images are copied from.
func (s *Stack) imageSource() string {
	if s.file.Config.LambdaImageSource != "" {
		return s.file.Config.LambdaImageSource
	}
	return s.opts.ImageSource
}

// fillRegistries makes sure every image the Lambdas need is in the environment's registries
// before the up creates the functions. It returns the phases it ran (none when nothing was
// missing) and, when the repositories had to be created first, that targeted up's result.
func (s *Stack) fillRegistries(ctx context.Context, o RunOptions) ([]Phase, *Result, error) {
	reg := s.opts.Registry
	if reg == nil {
		return nil, nil, nil
	}
	var missing []stacks.Image
	noRepo := false
	for _, img := range s.file.Config.LambdaImages() {
		ok, err := reg.Exists(ctx, img.String())
		switch {
		case errors.Is(err, ErrNoRepository):
			noRepo = true
		case err != nil:
			return nil, nil, err
		}
		if !ok {
			missing = append(missing, img)
		}
	}
	if len(missing) == 0 {
		return nil, nil, nil
	}
	source := s.imageSource()
	if source == "" {
		return nil, nil, &MissingImagesError{Stack: s.Name(), Missing: refs(missing)}
	}
	var unavailable []string
	for _, img := range missing {
		ok, err := reg.Exists(ctx, sourceRef(source, img))
		if err != nil && !errors.Is(err, ErrNoRepository) {
			return nil, nil, err
		}
		if !ok {
			unavailable = append(unavailable, sourceRef(source, img))
		}
	}
	if len(unavailable) > 0 {
		return nil, nil, &MissingImagesError{Stack: s.Name(), Missing: unavailable, Source: source}
	}

	var phases []Phase
	var repos *Result
	if noRepo {
		start := s.opts.Now()
		targets, err := s.registryTargets(ctx)
		if err != nil {
			return nil, nil, err
		}
		res, err := s.run(ctx, OpUp, true, o, func(st auto.Stack, ch chan<- events.EngineEvent) (auto.OutputMap, error) {
			r, err := st.Up(ctx, optup.EventStreams(ch), optup.Color("never"), optup.Target(targets))
			return r.Outputs, err
		})
		if err != nil {
			return nil, res, fmt.Errorf("create the registries before copying images: %w", err)
		}
		repos = res
		phases = append(phases, Phase{Name: "registries", DurationSeconds: s.opts.Now().Sub(start).Seconds(),
			Detail: fmt.Sprintf("%d resources: the ECR repositories and what they need", len(targets))})
	}
	start := s.opts.Now()
	for _, img := range missing {
		if err := reg.Copy(ctx, sourceRef(source, img), img.String()); err != nil {
			return phases, repos, err
		}
	}
	phases = append(phases, Phase{Name: "images", DurationSeconds: s.opts.Now().Sub(start).Seconds(),
		Detail: fmt.Sprintf("%d images copied from %s", len(missing), source)})
	return phases, repos, nil
}

func sourceRef(source string, img stacks.Image) string {
	return source + "/" + img.Repository + ":" + img.Tag
}

func refs(imgs []stacks.Image) []string {
	out := make([]string, len(imgs))
	for i, img := range imgs {
		out[i] = img.String()
	}
	return out
}

// registryTargets are the URNs an up must target to create the ECR repositories: the
// repositories and, transitively, what they depend on, their parents and their providers.
func (s *Stack) registryTargets(ctx context.Context) ([]string, error) {
	g, err := render.Render(ctx, render.Options{Stack: s.Name(), ProjectDir: s.opts.ProjectDir, Program: s.opts.Program})
	if err != nil {
		return nil, fmt.Errorf("render the graph of %s to find its registries: %w", s.Name(), err)
	}
	return closure(g, func(r render.Resource) bool { return r.Type == "aws:ecr/repository:Repository" }), nil
}

// closure returns the URNs of the resources keep selects and everything they need, sorted.
func closure(g *render.Graph, keep func(render.Resource) bool) []string {
	byURN := map[string]render.Resource{}
	for _, r := range g.Resources {
		byURN[r.URN] = r
	}
	seen := map[string]bool{}
	var visit func(urn string)
	visit = func(urn string) {
		if urn == "" || seen[urn] {
			return
		}
		r, ok := byURN[urn]
		if !ok {
			return // the stack itself, or a provider rendered under another form
		}
		seen[urn] = true
		for _, d := range r.Dependencies {
			visit(d)
		}
		visit(r.Parent)
		visit(r.Provider)
	}
	for _, r := range g.Resources {
		if keep(r) {
			visit(r.URN)
		}
	}
	return slices.Sorted(maps.Keys(seen))
}
