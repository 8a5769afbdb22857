package githubactions

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// Session lengths: a from-scratch rebuild outlasts an hour, everything else does not.
const (
	deploySessionSeconds  = 4 * 3600
	defaultSessionSeconds = 3600
)

// New creates the provider and the roles. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*CIIdentity, error) {
	args = args.withDefaults()
	c := &CIIdentity{RoleArns: map[string]pulumi.StringOutput{}}
	child, err := component.Register(ctx, "gcnotify:ciidentity:CIIdentity", name, c,
		func() (err error) { c.Roles, err = args.validate(); return err }, opts...)
	if err != nil {
		return nil, err
	}

	if args.ExistingProviderArn != "" {
		c.ProviderArn = pulumi.String(args.ExistingProviderArn).ToStringOutput()
	} else {
		p, err := iam.NewOpenIdConnectProvider(ctx, name+"-github", &iam.OpenIdConnectProviderArgs{
			Url:           pulumi.String("https://" + IssuerHost),
			ClientIdLists: pulumi.ToStringArray([]string{Audience}),
			Tags:          tagging.Named(args.NamePrefix + "-github-oidc"),
		}, child...)
		if err != nil {
			return nil, fmt.Errorf("ciidentity provider: %w", err)
		}
		c.ProviderArn = p.Arn
	}

	for _, r := range c.Roles {
		arn, err := c.role(ctx, name, args, r, child)
		if err != nil {
			return nil, err
		}
		c.RoleArns[r.Key] = arn
	}
	c.HelmApplyRoleArn = c.RoleArns["helm-apply"]
	arns := pulumi.StringMap{}
	for k, v := range c.RoleArns {
		arns[k] = v
	}
	return c, ctx.RegisterResourceOutputs(c, pulumi.Map{
		"providerArn":      c.ProviderArn,
		"roleArns":         arns,
		"helmApplyRoleArn": c.HelmApplyRoleArn,
	})
}

// role creates one role: its trust, its inline policy and its managed policy.
func (c *CIIdentity) role(ctx *pulumi.Context, name string, args Args, r RoleSpec, child []pulumi.ResourceOption) (pulumi.StringOutput, error) {
	roleName := RoleName(args.NamePrefix, r.Key)
	subjects := r.Subjects
	session := defaultSessionSeconds
	if r.Kind == KindDeploy {
		session = deploySessionSeconds
	}
	role, err := iam.NewRole(ctx, name+"-role-"+r.Key, &iam.RoleArgs{
		Name:        pulumi.String(roleName),
		Description: pulumi.String(fmt.Sprintf("GitHub Actions %s: %v", r.Kind, subjects)),
		AssumeRolePolicy: iampolicy.Output(func(v []string) iampolicy.Document {
			return Trust(v[0], subjects)
		}, c.ProviderArn),
		MaxSessionDuration: pulumi.Int(session),
		Tags:               tagging.Named(roleName),
	}, child...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("ciidentity role %s: %w", r.Key, err)
	}

	var policy pulumi.StringOutput
	var managed string
	switch r.Kind {
	case KindBuildPush:
		var repos []pulumi.StringInput
		for _, e := range r.ECR {
			repos = append(repos, args.ECRRepositoryArns[e])
		}
		policy = iampolicy.Output(PushPolicy, repos...)
	case KindHelmApply:
		policy = iampolicy.Output(func(v []string) iampolicy.Document { return HelmPolicy(v[0]) }, args.ClusterArn)
	case KindPreview:
		managed = ReadOnlyAccessArn
		policy = iampolicy.Output(func(v []string) iampolicy.Document {
			return PreviewPolicy(args.StateBucket, args.StatePrefix, args.NamePrefix+"-*", v[0])
		}, args.SecretsKeyArn)
	case KindDeploy:
		managed = PowerUserAccessArn
		policy = pulumi.String(DeployPolicy(args.AccountID, args.DeployIAMNamePatterns, args.DeployRoleNames).JSON()).ToStringOutput()
	}
	if _, err := iam.NewRolePolicy(ctx, name+"-policy-"+r.Key, &iam.RolePolicyArgs{
		Name:   pulumi.String(roleName),
		Role:   role.ID(),
		Policy: policy,
	}, child...); err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("ciidentity policy %s: %w", r.Key, err)
	}
	if managed != "" {
		if _, err := iam.NewRolePolicyAttachment(ctx, name+"-attach-"+r.Key, &iam.RolePolicyAttachmentArgs{
			Role: role.Name, PolicyArn: pulumi.String(managed),
		}, child...); err != nil {
			return pulumi.StringOutput{}, fmt.Errorf("ciidentity attachment %s: %w", r.Key, err)
		}
	}
	return role.Arn, nil
}
