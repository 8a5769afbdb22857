// Package functions is GC Notify's container-image Lambdas (the Catalog): each with its own
// least-privilege role, a log group created before the function so retention and encryption
// apply from the first invocation, X-Ray tracing, and its trigger (schedule, SQS queue or
// CloudWatch Logs subscription). One generic builder serves every entry of the catalog. The
// component also owns the managed prefix list of Google's CIDRs that google-cidr keeps current.
package functions

import (
	"cmp"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
)

// Architectures Lambda runs images on.
const (
	X8664 = "x86_64"
	Arm64 = "arm64"
)

// Region is one region the functions run in.
type Region struct {
	// Name is the AWS region, e.g. us-west-2. Required.
	Name string
	// Provider deploys the region's functions; nil means the component's own provider, which
	// only the primary region may use. Required outside the primary region.
	Provider *aws.Provider
	// KmsKeyArn (a key of this region) encrypts the log groups and environment variables.
	// Required.
	KmsKeyArn pulumi.StringInput
	// RepositoryURLs maps repository name -> URL in this region (the registry's URLs[Name]).
	// Required for every repository of the region's functions.
	RepositoryURLs map[string]pulumi.StringOutput
	// AlarmTopicArn receives an alarm when a function of the region reports errors. Default
	// none: no alarm.
	AlarmTopicArn pulumi.StringInput
}

// Function is what one catalog entry needs from the composition.
type Function struct {
	// Environment is the function's plain, non-secret configuration. Secrets are refused:
	// pass their ARNs in Access.SecretArns and read them at run time. Default none.
	Environment map[string]string
	// Access is what the function may touch. Default nothing beyond its own log group.
	Access Access
	// TriggerQueueArn is the queue of a TriggerQueue function. Required for those.
	TriggerQueueArn pulumi.StringInput
	// LogGroups are the log groups a TriggerLogs function subscribes to: region role ->
	// label (e.g. "successes") -> log group name. Required for those, in each of its regions.
	LogGroups map[string]map[string]pulumi.StringInput
	// ReservedConcurrency overrides the catalog's value (Unreserved for none), e.g. on an
	// account whose concurrency limit leaves nothing to reserve. Default: the catalog's.
	ReservedConcurrency *int
}

// Vpc is where VPC functions run.
type Vpc struct {
	// ID is the VPC. Required when a catalog function runs in the VPC.
	ID pulumi.StringInput
	// SubnetIDs are the private subnets. Required with ID.
	SubnetIDs pulumi.StringArrayInput
	// CidrBlock is the VPC's block: VPC functions may reach PostgreSQL (5432) inside it.
	// Required with ID.
	CidrBlock string
}

// Args configures the functions.
type Args struct {
	// NamePrefix starts the security group's name, e.g. notification-canada-ca-dev. Required.
	NamePrefix string
	// AccountID is the account's 12-digit id, used in the log-group ARNs of permissions.
	// Required.
	AccountID string
	// Regions maps region roles (RegionPrimary, RegionSMS, RegionEmail) to regions. Required
	// for every role the catalog uses.
	Regions map[string]Region
	// ImageTags maps function name -> image tag (per-environment config). Required for every
	// function of the catalog.
	ImageTags map[string]string
	// Functions maps function name -> wiring. Required for every function with a trigger that
	// needs one; otherwise default zero.
	Functions map[string]Function
	// Vpc is where VPC functions run. Required because system_status runs in the VPC.
	Vpc Vpc
	// Architecture is the images' architecture, x86_64 or arm64. Default x86_64.
	Architecture string
	// LogRetentionDays is the retention of the functions' logs: one of awsrule.LogRetentionDays, 0 never expires. No default of its own: the composition
	// passes the environment's logRetentionDays (default 365, stacks/defaults.go).
	LogRetentionDays int
	// GooglePrefixList is the managed prefix list the PrefixList functions rewrite. Required
	// (its MaxEntries) because google-cidr rewrites it.
	GooglePrefixList PrefixList
}

// PrefixList is a managed IPv4 prefix list in the primary region.
type PrefixList struct {
	// Name is the list's name. Default DefaultGooglePrefixListName.
	Name string
	// MaxEntries is how many CIDRs it holds, 1 to 1000; EC2 counts the whole capacity against
	// the rule quota of every security group that references it. Required.
	MaxEntries int
}

// DefaultGooglePrefixListName is today's name of the Google CIDR prefix list.
const DefaultGooglePrefixListName = "Google Service CIDRs"

// PrefixListIDVariable is the environment variable that gives a PrefixList function the list.
const PrefixListIDVariable = "PREFIX_LIST_ID"

// Functions is the estate's Lambdas.
type Functions struct {
	pulumi.ResourceState

	// Arns, Names and RoleArns map region -> function name -> value.
	Arns     map[string]map[string]pulumi.StringOutput
	Names    map[string]map[string]pulumi.StringOutput
	RoleArns map[string]map[string]pulumi.StringOutput
	// SESReceivingEmailsArn is the function the email component's receipt rule invokes.
	SESReceivingEmailsArn pulumi.StringOutput
	// SecurityGroupID guards the VPC functions; data stores allow it in.
	SecurityGroupID pulumi.StringOutput
	// GooglePrefixListID and GooglePrefixListArn are the list of Google's CIDRs, kept current
	// by google-cidr, for security group rules that reach Google's services.
	GooglePrefixListID  pulumi.StringOutput
	GooglePrefixListArn pulumi.StringOutput
}

func (a Args) withDefaults() Args {
	a.Architecture = cmp.Or(a.Architecture, X8664)
	a.GooglePrefixList.Name = cmp.Or(a.GooglePrefixList.Name, DefaultGooglePrefixListName)
	return a
}

// New creates every function of the catalog. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Functions, error) {
	args = args.withDefaults()
	catalog := Catalog()
	f := &Functions{Arns: map[string]map[string]pulumi.StringOutput{}, Names: map[string]map[string]pulumi.StringOutput{},
		RoleArns: map[string]map[string]pulumi.StringOutput{}}
	if _, err := component.Register(ctx, "gcnotify:functions:Functions", name, f,
		func() error { return args.validate(catalog) }, opts...); err != nil {
		return nil, err
	}
	sg, err := f.securityGroup(ctx, name, args)
	if err != nil {
		return nil, err
	}
	f.SecurityGroupID = sg
	if err := f.prefixList(ctx, name, args, catalog); err != nil {
		return nil, err
	}
	for _, spec := range catalog {
		for _, role := range spec.Regions {
			region := args.Regions[role]
			built, err := f.build(ctx, name, args, spec, role, region)
			if err != nil {
				return nil, fmt.Errorf("functions %s in %s: %w", spec.Name, region.Name, err)
			}
			if f.Arns[region.Name] == nil {
				f.Arns[region.Name], f.Names[region.Name], f.RoleArns[region.Name] =
					map[string]pulumi.StringOutput{}, map[string]pulumi.StringOutput{}, map[string]pulumi.StringOutput{}
			}
			f.Arns[region.Name][spec.Name] = built.Arn
			f.Names[region.Name][spec.Name] = built.Name
			f.RoleArns[region.Name][spec.Name] = built.Role
			if spec.Trigger == TriggerSES {
				f.SESReceivingEmailsArn = built.Arn
			}
		}
	}
	outputs := pulumi.Map{
		"functionArns":          nested(f.Arns),
		"functionRoleArns":      nested(f.RoleArns),
		"sesReceivingEmailsArn": f.SESReceivingEmailsArn,
		"securityGroupId":       f.SecurityGroupID,
	}
	if usesPrefixList(catalog) {
		outputs["googlePrefixListId"] = f.GooglePrefixListID
	}
	return f, ctx.RegisterResourceOutputs(f, outputs)
}

func nested(m map[string]map[string]pulumi.StringOutput) pulumi.Map {
	out := pulumi.Map{}
	for region, fns := range m {
		inner := pulumi.StringMap{}
		for fn, v := range fns {
			inner[fn] = v
		}
		out[region] = inner
	}
	return out
}
