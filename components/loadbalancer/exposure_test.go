package loadbalancer

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

func TestExposureOpensTargetPortsAndWritesAliases(t *testing.T) {
	args := argsFor("staging", "staging.notification.cdssandbox.xyz", false)
	m, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		dns, err := aws.NewProvider(ctx, "dns", &aws.ProviderArgs{Region: pulumi.String("ca-central-1")})
		if err != nil {
			return err
		}
		args.Exposure = Exposure{TargetSecurityGroupID: pulumi.String("sg-nodes"), ZoneID: pulumi.String("Z123"), DNSProvider: dns}
		_, err = New(ctx, "lb", args)
		return err
	})
	require.NoError(t, err)

	ports := map[float64]int{}
	for _, r := range m.ByType("aws:ec2/securityGroupRule:SecurityGroupRule") {
		assert.Equal(t, "sg-nodes", r.String("securityGroupId"), r.Name)
		assert.NotEmpty(t, r.String("sourceSecurityGroupId"), "%s opens to a security group, never a CIDR", r.Name)
		ports[r.Input("fromPort").(float64)]++
	}
	assert.Equal(t, map[float64]int{80: 2, 6011: 1, 6012: 1, 7000: 1, 7001: 1}, ports)

	hosts := map[string]string{}
	for _, r := range m.ByType("aws:route53/record:Record") {
		hosts[r.String("name")] = r.String("type")
		assert.Contains(t, r.Provider, "::dns::", "%s is written through the DNS provider", r.Name)
		assert.Equal(t, "Z123", r.String("zoneId"))
	}
	assert.Equal(t, map[string]string{
		"staging.notification.cdssandbox.xyz": "A", "api.staging.notification.cdssandbox.xyz": "A",
		"document.staging.notification.cdssandbox.xyz": "A", "api.document.staging.notification.cdssandbox.xyz": "A",
		"documentation.staging.notification.cdssandbox.xyz": "A",
	}, hosts)
}

func TestExposureNeedsZoneAndProviderTogether(t *testing.T) {
	args := argsFor("dev", "dev.notification.cdssandbox.xyz", true)
	args.Exposure = Exposure{ZoneID: pulumi.String("Z123")}
	m, _, err := run(t, args)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Exposure.ZoneID and Exposure.DNSProvider")
	assert.Empty(t, m.Resources())
}

func TestExposureNamesTheInternalLoadBalancerInThePrivateZone(t *testing.T) {
	args := argsFor("production", "notification.canada.ca", false)
	args.Exposure = Exposure{PrivateZoneID: pulumi.String("ZPRIVATE"), PrivateZoneName: "notification.prv"}
	m, _, err := run(t, args)
	require.NoError(t, err)

	records := m.ByType("aws:route53/record:Record")
	require.Len(t, records, 2, "the private zone's apex and wildcard, nothing in a public zone")
	apex := m.Get(t, "aws:route53/record:Record", "lb-internal-alias")
	assert.Equal(t, "ZPRIVATE", apex.String("zoneId"))
	assert.Equal(t, "notification.prv", apex.String("name"))
	assert.Equal(t, "A", apex.String("type"))
	alias := apex.Input("aliases").([]any)[0].(map[string]any)
	internal := m.Get(t, "aws:lb/loadBalancer:LoadBalancer", "lb-internal-alb")
	assert.Equal(t, internal.Outputs["dnsName"].StringValue(), alias["name"], "the alias points at the internal load balancer")
	assert.Equal(t, true, alias["evaluateTargetHealth"])

	wildcard := m.Get(t, "aws:route53/record:Record", "lb-internal-wildcard")
	assert.Equal(t, "*.notification.prv", wildcard.String("name"))
	assert.Equal(t, "CNAME", wildcard.String("type"))
	assert.Equal(t, []any{"notification.prv"}, wildcard.Input("records"))
	assert.Equal(t, float64(60), wildcard.Input("ttl"))
	for _, r := range records {
		assert.Nil(t, r.Input("allowOverwrite"), "the private zone is new: %s", r.Name)
	}

	args.Exposure = Exposure{PrivateZoneID: pulumi.String("ZPRIVATE")}
	m, _, err = run(t, args)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Exposure.PrivateZoneID and Exposure.PrivateZoneName")
	assert.Empty(t, m.Resources())
}

func TestExposureOverwritesOnlyTheApexWhenAsked(t *testing.T) {
	for _, overwrite := range []bool{false, true} {
		args := argsFor("production", "notification.canada.ca", false)
		m, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
			dns, err := aws.NewProvider(ctx, "dns", &aws.ProviderArgs{Region: pulumi.String("ca-central-1")})
			if err != nil {
				return err
			}
			args.Exposure = Exposure{ZoneID: pulumi.String("Z123"), DNSProvider: dns, OverwriteApex: overwrite}
			_, err = New(ctx, "lb", args)
			return err
		})
		require.NoError(t, err)
		for _, r := range m.ByType("aws:route53/record:Record") {
			want := any(nil)
			if overwrite && r.String("name") == "notification.canada.ca" {
				want = true
			}
			assert.Equal(t, want, r.Input("allowOverwrite"), "%s (overwrite %v)", r.String("name"), overwrite)
		}
	}
}
