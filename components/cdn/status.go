package cdn

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudfront"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// status creates the status site: a private, encrypted, versioned bucket that only the status
// distribution may read (its one policy also refuses non-TLS requests), and the distribution.
// The bucket's settings are made one after the other: S3 refuses a change to a bucket while
// another is in progress (409 OperationAborted: "A conflicting conditional operation is
// currently in progress against this resource").
func (c *CDN) status(ctx *pulumi.Context, name string, args Args, oac *cloudfront.OriginAccessControl,
	child []pulumi.ResourceOption) error {
	base := name + "-status-bucket"
	bucketName := args.statusBucketName()
	b, err := s3.NewBucketV2(ctx, base, &s3.BucketV2Args{
		Bucket:       pulumi.String(bucketName),
		ForceDestroy: pulumi.Bool(args.ForceDestroy),
		Tags:         tagging.Named(bucketName),
	}, with(child, pulumi.Protect(args.Protect))...)
	if err != nil {
		return fmt.Errorf("cdn status bucket: %w", err)
	}
	c.StatusBucketName, c.StatusBucketArn = b.Bucket, b.Arn
	pab, err := s3.NewBucketPublicAccessBlock(ctx, base+"-public-access-block", &s3.BucketPublicAccessBlockArgs{
		Bucket: b.ID(), BlockPublicAcls: pulumi.Bool(true), BlockPublicPolicy: pulumi.Bool(true),
		IgnorePublicAcls: pulumi.Bool(true), RestrictPublicBuckets: pulumi.Bool(true),
	}, child...)
	if err != nil {
		return fmt.Errorf("cdn status bucket public access block: %w", err)
	}
	ownership, err := s3.NewBucketOwnershipControls(ctx, base+"-ownership", &s3.BucketOwnershipControlsArgs{
		Bucket: b.ID(),
		Rule:   s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, with(child, pulumi.DependsOn([]pulumi.Resource{pab}))...)
	if err != nil {
		return fmt.Errorf("cdn status bucket ownership: %w", err)
	}
	// SSE-S3: CloudFront reads SSE-S3 objects through origin access control without a key
	// policy; the pages are public once served.
	encryption, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, base+"-encryption", &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: b.ID(),
		Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
			ApplyServerSideEncryptionByDefault: s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
				SseAlgorithm: pulumi.String("AES256"),
			},
		}},
	}, with(child, pulumi.DependsOn([]pulumi.Resource{ownership}))...)
	if err != nil {
		return fmt.Errorf("cdn status bucket encryption: %w", err)
	}
	versioning, err := s3.NewBucketVersioningV2(ctx, base+"-versioning", &s3.BucketVersioningV2Args{
		Bucket:                  b.ID(),
		VersioningConfiguration: s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")},
	}, with(child, pulumi.DependsOn([]pulumi.Resource{encryption}))...)
	if err != nil {
		return fmt.Errorf("cdn status bucket versioning: %w", err)
	}

	if c.Status, err = c.site(ctx, name+"-status", "status."+args.Domain, "index.html", b.BucketRegionalDomainName, oac, args, child); err != nil {
		return err
	}
	if _, err := s3.NewBucketPolicy(ctx, base+"-policy", &s3.BucketPolicyArgs{
		Bucket: b.ID(),
		Policy: iampolicy.Output(func(v []string) iampolicy.Document {
			return iampolicy.New(denyInsecureTransport(v[0]), AssetReadStatement(v[0], v[1]))
		}, b.Arn, c.Status.DistributionArn),
	}, with(child, pulumi.DependsOn([]pulumi.Resource{versioning}))...); err != nil {
		return fmt.Errorf("cdn status bucket policy: %w", err)
	}
	return nil
}

func denyInsecureTransport(bucketArn string) iampolicy.Statement {
	return iampolicy.Statement{
		Sid: "DenyInsecureTransport", Effect: "Deny", Principal: map[string]any{"AWS": "*"},
		Action: []string{"s3:*"}, Resource: []string{bucketArn, bucketArn + "/*"},
		Condition: map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
	}
}
