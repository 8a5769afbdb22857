package pulumimock

import (
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Computed outputs of the load balancer, WAF, monitoring and CI identity components' resources
// in AWS's formats: load balancer and target group ARNs with the suffixes CloudWatch uses as
// dimensions, load balancer DNS names and hosted zone ids, and the GitHub OIDC provider's ARN.
func init() {
	defaultOutputs["aws:lb/loadBalancer:LoadBalancer"] = func(r Resource, region, account string) resource.PropertyMap {
		name := c5NameOf(r)
		suffix := fmt.Sprintf("app/%s/%s", name, c5ShortHash(r.Name))
		scheme := "internet-facing"
		if internal, _ := r.Input("internal").(bool); internal {
			scheme = "internal"
		}
		dns := fmt.Sprintf("%s-%s.%s.elb.amazonaws.com", name, c5ShortHash(r.Name), region)
		if scheme == "internal" {
			dns = "internal-" + dns
		}
		return resource.PropertyMap{
			"arn":       resource.NewStringProperty(fmt.Sprintf("arn:aws:elasticloadbalancing:%s:%s:loadbalancer/%s", region, account, suffix)),
			"arnSuffix": resource.NewStringProperty(suffix),
			"dnsName":   resource.NewStringProperty(dns),
			"zoneId":    resource.NewStringProperty(c5ALBZoneID(region)),
		}
	}
	defaultOutputs["aws:lb/targetGroup:TargetGroup"] = func(r Resource, region, account string) resource.PropertyMap {
		suffix := fmt.Sprintf("targetgroup/%s/%s", c5NameOf(r), c5ShortHash(r.Name))
		return resource.PropertyMap{
			"arn":       resource.NewStringProperty(fmt.Sprintf("arn:aws:elasticloadbalancing:%s:%s:%s", region, account, suffix)),
			"arnSuffix": resource.NewStringProperty(suffix),
		}
	}
	defaultOutputs["aws:lb/listener:Listener"] = func(r Resource, region, account string) resource.PropertyMap {
		return resource.PropertyMap{"arn": resource.NewStringProperty(fmt.Sprintf(
			"arn:aws:elasticloadbalancing:%s:%s:listener/app/%s/%s", region, account, r.Name, c5ShortHash(r.Name)))}
	}
	// The cluster group answers OIDC providers identically; whichever registers first stands.
	if _, taken := defaultOutputs["aws:iam/openIdConnectProvider:OpenIdConnectProvider"]; !taken {
		defaultOutputs["aws:iam/openIdConnectProvider:OpenIdConnectProvider"] = func(r Resource, _, account string) resource.PropertyMap {
			host := strings.TrimPrefix(r.String("url"), "https://")
			return resource.PropertyMap{"arn": resource.NewStringProperty(fmt.Sprintf("arn:aws:iam::%s:oidc-provider/%s", account, host))}
		}
	}
}

func c5NameOf(r Resource) string {
	if n := r.String("name"); n != "" {
		return n
	}
	return r.Name
}

// c5ShortHash is a stable 16-hex-digit id derived from the logical name, like the ids AWS puts
// at the end of load balancer ARNs.
func c5ShortHash(s string) string {
	h := fnv.New64a()
	_, _ = h.Write([]byte(s))
	return fmt.Sprintf("%016x", h.Sum64())
}

// c5ALBZoneID is the hosted zone of Application Load Balancers in a region (alias targets).
func c5ALBZoneID(region string) string {
	switch region {
	case "ca-central-1":
		return "ZQSVJUPU6J1EY"
	case "us-east-1":
		return "Z35SXDOTRQ7X7K"
	case "us-west-2":
		return "Z1H1FL5HABSF5"
	}
	return "Z00000000000000"
}
