package drill

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/stacks"
)

// AWSCloud is a drill in real AWS: the verification asks AWS through the SDK (the credentials the
// engine uses), the leftovers are what the tagging API still lists with the drill's
// Environment tag.
type AWSCloud struct {
	Config stacks.Config
}

// Hooks implements Cloud: images are copied through the registry API, the inventory is the
// tagging API's.
func (c AWSCloud) Hooks(o *infra.Options) {
	o.Registry = infra.RemoteRegistry{}
	r := c.Config.Regions
	o.Inventory = infra.AWSInventory{Environment: c.Config.Environment, Regions: []string{r.Primary, r.Email, r.SMS, r.Backup}}
}

// Verify implements Cloud through the AWS SDK: the queues listed by prefix, the Aurora cluster's
// status, the EKS cluster's status, and the zone's answer for the domain (Route 53's
// TestDNSAnswer: the public delegation is a manual step a drill does not wait for).
func (c AWSCloud) Verify(ctx context.Context, cfg stacks.Config, outs map[string]infra.Output) []Check {
	awsCfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(cfg.Regions.Primary))
	if err != nil {
		return []Check{{Name: "AWS configuration", Detail: err.Error()}}
	}
	var checks []Check
	q, err := sqs.NewFromConfig(awsCfg).ListQueues(ctx, &sqs.ListQueuesInput{QueueNamePrefix: aws.String(cfg.Prefix()), MaxResults: aws.Int32(1000)})
	if err != nil {
		checks = append(checks, Check{Name: "queues exist", Detail: err.Error()})
	} else {
		checks = append(checks, queuesCheck(len(q.QueueUrls), q.QueueUrls))
	}
	checks = append(checks, databaseCheck(func() (string, string) {
		out, err := rds.NewFromConfig(awsCfg).DescribeDBClusters(ctx, &rds.DescribeDBClustersInput{})
		if err != nil {
			return "DescribeDBClusters", err.Error()
		}
		for _, d := range out.DBClusters {
			if strings.HasPrefix(aws.ToString(d.DBClusterIdentifier), cfg.Prefix()) {
				return aws.ToString(d.DBClusterIdentifier), aws.ToString(d.Status)
			}
		}
		return "", ""
	}))
	name, _ := outs[stacks.OutputClusterName].Value.(string)
	checks = append(checks, eksCheck(func() (string, string) {
		out, err := eks.NewFromConfig(awsCfg).DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(name)})
		if err != nil {
			return name, err.Error()
		}
		return name, string(out.Cluster.Status)
	}))
	answers, err := c.dnsAnswers(ctx, awsCfg, cfg.Domain)
	check := dnsCheck(cfg.Domain, answers)
	if err != nil {
		check.Detail = err.Error()
	}
	return append(checks, check)
}

func (c AWSCloud) dnsAnswers(ctx context.Context, awsCfg aws.Config, domain string) (bool, error) {
	r53 := route53.NewFromConfig(awsCfg)
	zones, err := r53.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{DNSName: aws.String(domain), MaxItems: aws.Int32(1)})
	if err != nil {
		return false, err
	}
	if len(zones.HostedZones) == 0 || strings.TrimSuffix(aws.ToString(zones.HostedZones[0].Name), ".") != domain {
		return false, errors.New("no hosted zone named " + domain)
	}
	ans, err := r53.TestDNSAnswer(ctx, &route53.TestDNSAnswerInput{HostedZoneId: zones.HostedZones[0].Id,
		RecordName: aws.String(domain), RecordType: r53types.RRTypeA})
	if err != nil {
		return false, err
	}
	return aws.ToString(ans.ResponseCode) == "NOERROR" && len(ans.RecordData) > 0, nil
}

// Leftovers implements Cloud: what the tagging API lists with the drill's Environment tag (it
// does not list untaggable resources such as IAM policy attachments: the state's emptiness
// covers those).
func (c AWSCloud) Leftovers(ctx context.Context, stack, _ string) ([]string, error) {
	var o infra.Options
	c.Hooks(&o)
	res, err := o.Inventory.StackResources(ctx, stack)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range res {
		out = append(out, fmt.Sprintf("aws: %s (%s)", r.ID, r.Region))
	}
	return out, nil
}

// Close implements Cloud.
func (AWSCloud) Close() error { return nil }
