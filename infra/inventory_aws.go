package infra

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi"
	"github.com/aws/aws-sdk-go-v2/service/resourcegroupstaggingapi/types"
)

// EnvironmentTag is the tag every resource of an environment carries (the providers' default
// tags), which the AWS inventory lists resources by.
const EnvironmentTag = "Environment"

// AWSInventory lists an environment's resources in AWS through the Resource Groups Tagging API,
// by the Environment tag, in each of the environment's regions. It sees the resources that the
// tagging API lists (most taggable ones; not, for example, IAM roles or policy attachments),
// identified by ARN; resources the state does not know by ARN are orphans. It cannot tell what
// the state lists but AWS no longer holds (a refresh does), and it deletes nothing: --delete is
// refused on AWS with the list of ARNs to remove.
type AWSInventory struct {
	// Environment is the value of the Environment tag (the stack's gcnotify:environment).
	Environment string
	// Regions are the environment's regions.
	Regions []string
	// Client builds the tagging client of a region. Default: the AWS SDK's default
	// configuration (the same credentials as the engine).
	Client func(ctx context.Context, region string) (TaggingAPI, error)
}

// TaggingAPI is the part of the Resource Groups Tagging API the inventory uses.
type TaggingAPI interface {
	GetResources(ctx context.Context, in *resourcegroupstaggingapi.GetResourcesInput,
		opts ...func(*resourcegroupstaggingapi.Options)) (*resourcegroupstaggingapi.GetResourcesOutput, error)
}

func defaultTaggingClient(ctx context.Context, region string) (TaggingAPI, error) {
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(region))
	if err != nil {
		return nil, fmt.Errorf("AWS configuration for %s: %w", region, err)
	}
	return resourcegroupstaggingapi.NewFromConfig(cfg), nil
}

// StackResources implements Inventory: every resource tagged with the environment, by ARN.
func (a AWSInventory) StackResources(ctx context.Context, _ string) ([]CloudResource, error) {
	newClient := a.Client
	if newClient == nil {
		newClient = defaultTaggingClient
	}
	var out []CloudResource
	for _, region := range a.Regions {
		client, err := newClient(ctx, region)
		if err != nil {
			return nil, err
		}
		in := &resourcegroupstaggingapi.GetResourcesInput{
			TagFilters: []types.TagFilter{{Key: aws.String(EnvironmentTag), Values: []string{a.Environment}}},
		}
		p := resourcegroupstaggingapi.NewGetResourcesPaginator(client, in)
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, fmt.Errorf("list the resources tagged %s=%s in %s: %w", EnvironmentTag, a.Environment, region, err)
			}
			for _, m := range page.ResourceTagMappingList {
				arn := aws.ToString(m.ResourceARN)
				out = append(out, CloudResource{ID: arn, Type: arnService(arn), Region: region})
			}
		}
	}
	return out, nil
}

// ByURN implements Inventory: AWS knows resources by ARN.
func (a AWSInventory) ByURN() bool { return false }

// DeleteResource implements Inventory: refused, AWS has no generic delete.
func (a AWSInventory) DeleteResource(_ context.Context, r CloudResource) error {
	return fmt.Errorf("deleting %s: AWS has no generic delete API; delete it with its service's console or CLI, or --adopt it", r.ID)
}

// arnService is the service and resource kind of an ARN (arn:aws:sqs:...: "sqs").
func arnService(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	kind := parts[5]
	if i := strings.IndexAny(kind, "/:"); i > 0 {
		kind = kind[:i]
	}
	return parts[2] + ":" + kind
}
