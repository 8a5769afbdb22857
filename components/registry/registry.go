// Package registry is GC Notify's container registry: the ECR repositories CI pushes the
// application and Lambda images to, in every region that runs one of them (a Lambda's image must
// live in the Lambda's region). Repository names are a contract with CI and are kept exact.
package registry

import (
	"cmp"
	"errors"
	"fmt"
	"sort"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// Tag mutability values ECR accepts (pulumi-aws v6.83.4 knows no IMMUTABLE_WITH_EXCLUSION).
const (
	Mutable   = "MUTABLE"
	Immutable = "IMMUTABLE"
)

// Defaults of the lifecycle policy.
const (
	DefaultUntaggedExpiryDays = 7
	DefaultUntaggedKeep       = 10
)

// Region is one region's repositories.
type Region struct {
	// Provider deploys the region's repositories. nil means the component's own provider (the
	// primary region); at most one region may leave it nil. Default nil.
	Provider *aws.Provider
	// KmsKeyArn encrypts the region's repositories; ECR needs a key of the same region.
	// Required.
	KmsKeyArn pulumi.StringInput
	// Names are the repository names, exactly as CI pushes to them (e.g. notify/api).
	// Required: one or more, no duplicates.
	Names []string
}

// Args configures the registry.
type Args struct {
	// Regions maps a region name (e.g. ca-central-1) to its repositories. Required: one or more.
	Regions map[string]Region
	// ForceDelete lets a repository be deleted with its images (ephemeral and dev stacks).
	// Default false.
	ForceDelete bool
	// ImageTagMutability is MUTABLE or IMMUTABLE. Default MUTABLE: CI re-pushes moving tags
	// (`latest` in staging, `bootstrap` for a rebuild) that IMMUTABLE would refuse; deployments
	// stay reproducible because production pins commit-SHA tags, which are never re-pushed.
	ImageTagMutability string
	// UntaggedExpiryDays expires untagged images this many days after their push. Default 7.
	UntaggedExpiryDays int
	// UntaggedKeep is the most untagged images a repository keeps. Default 10.
	UntaggedKeep int
}

// Registry is the set of repositories.
type Registry struct {
	pulumi.ResourceState

	// URLs maps region -> repository name -> repository URL (<account>.dkr.ecr.<region>.amazonaws.com/<name>).
	URLs map[string]map[string]pulumi.StringOutput
	// ARNs maps region -> repository name -> repository ARN.
	ARNs map[string]map[string]pulumi.StringOutput
}

func (a Args) withDefaults() Args {
	a.ImageTagMutability = cmp.Or(a.ImageTagMutability, Mutable)
	a.UntaggedExpiryDays = cmp.Or(a.UntaggedExpiryDays, DefaultUntaggedExpiryDays)
	a.UntaggedKeep = cmp.Or(a.UntaggedKeep, DefaultUntaggedKeep)
	return a
}

func (a Args) validate() error {
	var errs []error
	if len(a.Regions) == 0 {
		errs = append(errs, errors.New("registry: Regions: got none, want at least one region with repositories"))
	}
	if a.ImageTagMutability != Mutable && a.ImageTagMutability != Immutable {
		errs = append(errs, fmt.Errorf("registry: ImageTagMutability: got %q, want %s or %s", a.ImageTagMutability, Mutable, Immutable))
	}
	if a.UntaggedExpiryDays < 1 {
		errs = append(errs, fmt.Errorf("registry: UntaggedExpiryDays: got %d, want 1 or more", a.UntaggedExpiryDays))
	}
	if a.UntaggedKeep < 1 {
		errs = append(errs, fmt.Errorf("registry: UntaggedKeep: got %d, want 1 or more", a.UntaggedKeep))
	}
	var ownProvider []string
	for _, region := range sortedRegions(a.Regions) {
		r := a.Regions[region]
		if !awsrule.Region.MatchString(region) {
			errs = append(errs, fmt.Errorf("registry: Regions: got region %q, want an AWS region such as ca-central-1", region))
		}
		if r.Provider == nil {
			ownProvider = append(ownProvider, region)
		}
		if r.KmsKeyArn == nil {
			errs = append(errs, fmt.Errorf("registry: Regions[%s].KmsKeyArn: got nil, want the ARN of a KMS key of %s", region, region))
		}
		if len(r.Names) == 0 {
			errs = append(errs, fmt.Errorf("registry: Regions[%s].Names: got none, want at least one repository", region))
		}
		seen := map[string]string{}
		for _, name := range r.Names {
			if err := ValidRepositoryName(name); err != nil {
				errs = append(errs, fmt.Errorf("registry: Regions[%s].Names: %w", region, err))
			}
			if other, dup := seen[slug(name)]; dup {
				errs = append(errs, fmt.Errorf("registry: Regions[%s].Names: got %q and %q, want distinct repositories", region, other, name))
			}
			seen[slug(name)] = name
		}
	}
	if len(ownProvider) > 1 {
		errs = append(errs, fmt.Errorf("registry: Regions: got %v without a Provider, want at most one (the component's own region)", ownProvider))
	}
	return errors.Join(errs...)
}

// New creates the repositories. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Registry, error) {
	args = args.withDefaults()
	r := &Registry{URLs: map[string]map[string]pulumi.StringOutput{}, ARNs: map[string]map[string]pulumi.StringOutput{}}
	if _, err := component.Register(ctx, "gcnotify:registry:Registry", name, r, args.validate, opts...); err != nil {
		return nil, err
	}
	policy := LifecyclePolicy(args.UntaggedExpiryDays, args.UntaggedKeep)
	urls, arns := pulumi.Map{}, pulumi.Map{}
	for _, region := range sortedRegions(args.Regions) {
		spec := args.Regions[region]
		child := []pulumi.ResourceOption{pulumi.Parent(r)}
		if spec.Provider != nil {
			child = append(child, pulumi.Provider(spec.Provider))
		}
		r.URLs[region], r.ARNs[region] = map[string]pulumi.StringOutput{}, map[string]pulumi.StringOutput{}
		regionURLs, regionARNs := pulumi.StringMap{}, pulumi.StringMap{}
		names := append([]string(nil), spec.Names...)
		sort.Strings(names)
		for _, repoName := range names {
			logical := name + "-" + region + "-" + slug(repoName)
			repo, err := ecr.NewRepository(ctx, logical, &ecr.RepositoryArgs{
				Name:               pulumi.String(repoName),
				ImageTagMutability: pulumi.String(args.ImageTagMutability),
				ForceDelete:        pulumi.Bool(args.ForceDelete),
				ImageScanningConfiguration: &ecr.RepositoryImageScanningConfigurationArgs{
					ScanOnPush: pulumi.Bool(true),
				},
				EncryptionConfigurations: ecr.RepositoryEncryptionConfigurationArray{ecr.RepositoryEncryptionConfigurationArgs{
					EncryptionType: pulumi.String("KMS"),
					KmsKey:         spec.KmsKeyArn,
				}},
				Tags: tagging.Named(repoName),
			}, child...)
			if err != nil {
				return nil, fmt.Errorf("registry repository %s in %s: %w", repoName, region, err)
			}
			if _, err := ecr.NewLifecyclePolicy(ctx, logical, &ecr.LifecyclePolicyArgs{
				Repository: repo.Name,
				Policy:     pulumi.String(policy),
			}, child...); err != nil {
				return nil, fmt.Errorf("registry lifecycle policy %s in %s: %w", repoName, region, err)
			}
			r.URLs[region][repoName], r.ARNs[region][repoName] = repo.RepositoryUrl, repo.Arn
			regionURLs[repoName], regionARNs[repoName] = repo.RepositoryUrl, repo.Arn
		}
		urls[region], arns[region] = regionURLs, regionARNs
	}
	return r, ctx.RegisterResourceOutputs(r, pulumi.Map{"repositoryUrls": urls, "repositoryArns": arns})
}

func sortedRegions(m map[string]Region) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
