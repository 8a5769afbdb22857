package storage

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// made is what later steps need of a created bucket.
type made struct {
	bucket *s3.BucketV2
	policy *s3.BucketPolicy
	// last is the bucket's last setting: a further change to the bucket waits for it.
	last pulumi.Resource
	opts []pulumi.ResourceOption
}

// policyReady is the bucket's name as an output that also depends on its policy.
func policyReady(m made) pulumi.StringOutput {
	return pulumi.All(m.bucket.Bucket, m.policy.ID()).ApplyT(func(v []any) string { return v[0].(string) }).(pulumi.StringOutput)
}

// after returns opts and a dependency on r, in a new slice.
func after(opts []pulumi.ResourceOption, r pulumi.Resource) []pulumi.ResourceOption {
	return append(append([]pulumi.ResourceOption{}, opts...), pulumi.DependsOn([]pulumi.Resource{r}))
}

// buckets creates every bucket of the plan with its settings, then wires server access logging
// once the log buckets' policies exist.
func (s *Storage) buckets(ctx *pulumi.Context, name string, args Args, specs []Spec) (map[string]made, error) {
	index := byPurpose(specs)
	out := map[string]made{}
	for _, spec := range specs {
		m, err := s.bucket(ctx, name+"-"+spec.Purpose, args, spec, index)
		if err != nil {
			return nil, fmt.Errorf("storage bucket %s: %w", spec.Purpose, err)
		}
		out[spec.Purpose] = m
		s.Buckets[spec.Purpose] = Bucket{Name: m.bucket.Bucket, Arn: m.bucket.Arn,
			RegionalDomainName: m.bucket.BucketRegionalDomainName, PolicyReadyName: policyReady(m)}
	}
	for _, spec := range specs {
		if spec.LogTo == "" {
			continue
		}
		target := out[spec.LogTo]
		if _, err := s3.NewBucketLoggingV2(ctx, name+"-"+spec.Purpose+"-logging", &s3.BucketLoggingV2Args{
			Bucket:       out[spec.Purpose].bucket.ID(),
			TargetBucket: target.bucket.ID(),
			TargetPrefix: pulumi.String(spec.Purpose + "/"),
		}, append(after(out[spec.Purpose].opts, out[spec.Purpose].last), pulumi.DependsOn([]pulumi.Resource{target.policy}))...); err != nil {
			return nil, fmt.Errorf("storage bucket %s logging: %w", spec.Purpose, err)
		}
	}
	return out, nil
}

// bucket creates one bucket and the settings every bucket has, one after the other: S3
// refuses a change to a bucket while another is in progress (409 OperationAborted: "A
// conflicting conditional operation is currently in progress against this resource"). The
// public access block and ownership come first, then the policy (what log delivery waits
// for), then encryption, versioning and lifecycle.
func (s *Storage) bucket(ctx *pulumi.Context, base string, args Args, spec Spec, index map[string]Spec) (made, error) {
	opts := []pulumi.ResourceOption{pulumi.Parent(s)}
	region, key := args.Region, args.MainKeyArn
	if spec.SMSRegion {
		opts = append(opts, pulumi.Provider(args.SMSProvider))
		region, key = args.SMSRegion, args.SMSRegionKeyArn
	}
	b, err := s3.NewBucketV2(ctx, base, &s3.BucketV2Args{
		Bucket:       pulumi.String(spec.Name),
		ForceDestroy: pulumi.Bool(args.ForceDestroy),
		Tags:         tagging.Named(spec.Name),
	}, append(opts, pulumi.Protect(args.Protect))...)
	if err != nil {
		return made{}, err
	}
	pab, err := s3.NewBucketPublicAccessBlock(ctx, base+"-public-access-block", &s3.BucketPublicAccessBlockArgs{
		Bucket:          b.ID(),
		BlockPublicAcls: pulumi.Bool(true), BlockPublicPolicy: pulumi.Bool(true),
		IgnorePublicAcls: pulumi.Bool(true), RestrictPublicBuckets: pulumi.Bool(true),
	}, opts...)
	if err != nil {
		return made{}, err
	}
	ownership, err := s3.NewBucketOwnershipControls(ctx, base+"-ownership", &s3.BucketOwnershipControlsArgs{
		Bucket: b.ID(),
		Rule:   s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, after(opts, pab)...)
	if err != nil {
		return made{}, err
	}
	var sources []string
	for _, src := range spec.LogSources {
		sources = append(sources, index[src].Name)
	}
	doc := Policy(spec, PolicyContext{Account: args.AccountID, Region: region, ELBAccount: args.ELBAccountID,
		CloudFrontAssets: args.CloudFrontAssetAccess, Sources: sources})
	policy, err := s3.NewBucketPolicy(ctx, base+"-policy", &s3.BucketPolicyArgs{
		Bucket: b.ID(), Policy: doc.String(),
	}, after(opts, ownership)...)
	if err != nil {
		return made{}, err
	}
	byDefault := s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
		SseAlgorithm: pulumi.String(string(spec.Encryption)),
	}
	rule := s3.BucketServerSideEncryptionConfigurationV2RuleArgs{ApplyServerSideEncryptionByDefault: &byDefault}
	if spec.Encryption == KMS {
		byDefault.KmsMasterKeyId = key
		rule = s3.BucketServerSideEncryptionConfigurationV2RuleArgs{ApplyServerSideEncryptionByDefault: &byDefault,
			BucketKeyEnabled: pulumi.Bool(true)}
	}
	var last pulumi.Resource
	if last, err = s3.NewBucketServerSideEncryptionConfigurationV2(ctx, base+"-encryption", &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: b.ID(), Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{rule},
	}, after(opts, policy)...); err != nil {
		return made{}, err
	}
	if spec.Versioned {
		if last, err = s3.NewBucketVersioningV2(ctx, base+"-versioning", &s3.BucketVersioningV2Args{
			Bucket:                  b.ID(),
			VersioningConfiguration: s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")},
		}, after(opts, last)...); err != nil {
			return made{}, err
		}
	}
	if last, err = s3.NewBucketLifecycleConfigurationV2(ctx, base+"-lifecycle", &s3.BucketLifecycleConfigurationV2Args{
		Bucket: b.ID(), Rules: lifecycleRules(spec),
	}, after(opts, last)...); err != nil {
		return made{}, err
	}
	return made{bucket: b, policy: policy, last: last, opts: opts}, nil
}

// lifecycleRules expires objects as planned and, on every bucket, aborts multipart uploads
// left incomplete for a week.
func lifecycleRules(spec Spec) s3.BucketLifecycleConfigurationV2RuleArray {
	rules := s3.BucketLifecycleConfigurationV2RuleArray{
		s3.BucketLifecycleConfigurationV2RuleArgs{
			Id: pulumi.String("abort-incomplete-uploads"), Status: pulumi.String("Enabled"),
			Filter: &s3.BucketLifecycleConfigurationV2RuleFilterArgs{Prefix: pulumi.String("")},
			AbortIncompleteMultipartUpload: &s3.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs{
				DaysAfterInitiation: pulumi.Int(7)},
		},
	}
	for _, e := range spec.Expiry {
		r := s3.BucketLifecycleConfigurationV2RuleArgs{
			Id: pulumi.String(e.ID), Status: pulumi.String("Enabled"),
			Filter:     &s3.BucketLifecycleConfigurationV2RuleFilterArgs{Prefix: pulumi.String(e.Prefix)},
			Expiration: &s3.BucketLifecycleConfigurationV2RuleExpirationArgs{Days: pulumi.Int(e.Days)},
		}
		if spec.Versioned {
			r.NoncurrentVersionExpiration = &s3.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs{
				NoncurrentDays: pulumi.Int(e.Days)}
		}
		rules = append(rules, r)
	}
	return rules
}
