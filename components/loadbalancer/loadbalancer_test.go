package loadbalancer

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

func argsFor(env, domain string, allowDeletion bool) Args {
	return Args{
		NamePrefix:       "notification-canada-ca-" + env,
		Environment:      env,
		Domain:           domain,
		VpcID:            pulumi.String("vpc-1"),
		VpcCidr:          "10.0.0.0/16",
		PublicSubnetIDs:  pulumi.ToStringArray([]string{"subnet-pub-a", "subnet-pub-b", "subnet-pub-d"}),
		PrivateSubnetIDs: pulumi.ToStringArray([]string{"subnet-prv-a", "subnet-prv-b", "subnet-prv-d"}),
		CertificateArn:   pulumi.String("arn:aws:acm:ca-central-1:123456789012:certificate/main"),
		AdditionalCertificateArns: map[string]pulumi.StringInput{
			"api": pulumi.String("arn:aws:acm:ca-central-1:123456789012:certificate/api")},
		AccessLogsBucket: pulumi.String("notification-canada-ca-" + env + "-alb-logs"),
		AllowDeletion:    allowDeletion,
	}
}

func run(t *testing.T, args Args) (*pulumimock.Mocks, *LoadBalancer, error) {
	return componenttest.Build(t, New, "lb", args)
}

func TestLoadBalancerAcrossEnvironments(t *testing.T) {
	for _, tc := range []struct {
		env, domain   string
		allowDeletion bool
	}{
		{"dev", "dev.notification.cdssandbox.xyz", true},
		{"staging", "staging.notification.cdssandbox.xyz", false},
		{"production", "notification.canada.ca", false},
	} {
		t.Run(tc.env, func(t *testing.T) {
			m, _, err := run(t, argsFor(tc.env, tc.domain, tc.allowDeletion))
			require.NoError(t, err)

			alb := m.Get(t, "aws:lb/loadBalancer:LoadBalancer", "lb-alb")
			assert.Equal(t, "notification-"+tc.env+"-alb", alb.String("name"))
			assert.Equal(t, false, alb.Input("internal"))
			assert.Equal(t, []any{"subnet-pub-a", "subnet-pub-b", "subnet-pub-d"}, alb.Input("subnets"))
			assert.Equal(t, true, alb.Input("dropInvalidHeaderFields"))
			assert.Equal(t, "strictest", alb.Input("desyncMitigationMode"))
			assert.Equal(t, !tc.allowDeletion, alb.Input("enableDeletionProtection"))
			assert.Equal(t, map[string]any{"bucket": "notification-canada-ca-" + tc.env + "-alb-logs", "enabled": true,
				"prefix": "public-alb"}, alb.Input("accessLogs"))

			internal := m.Get(t, "aws:lb/loadBalancer:LoadBalancer", "lb-internal-alb")
			assert.Equal(t, true, internal.Input("internal"))
			assert.Equal(t, []any{"subnet-prv-a", "subnet-prv-b", "subnet-prv-d"}, internal.Input("subnets"))
			assert.Equal(t, !tc.allowDeletion, internal.Input("enableDeletionProtection"))

			https := m.Get(t, "aws:lb/listener:Listener", "lb-https")
			assert.Equal(t, "HTTPS", https.Input("protocol"))
			assert.Equal(t, DefaultSSLPolicy, https.Input("sslPolicy"))
			assert.Equal(t, "404", https.Input("defaultActions").([]any)[0].(map[string]any)["fixedResponse"].(map[string]any)["statusCode"])
			for _, name := range []string{"lb-http", "lb-internal-http"} {
				redirect := m.Get(t, "aws:lb/listener:Listener", name).Input("defaultActions").([]any)[0].(map[string]any)["redirect"]
				assert.Equal(t, map[string]any{"port": "443", "protocol": "HTTPS", "statusCode": "HTTP_301"}, redirect, name)
			}
			assert.Equal(t, DefaultSSLPolicy, m.Get(t, "aws:lb/listener:Listener", "lb-internal-https").Input("sslPolicy"))
			assert.Equal(t, "arn:aws:acm:ca-central-1:123456789012:certificate/api",
				m.Get(t, "aws:lb/listenerCertificate:ListenerCertificate", "lb-https-cert-api").String("certificateArn"))

			tgs := m.ByType("aws:lb/targetGroup:TargetGroup")
			assert.Len(t, tgs, 6)
			for _, tg := range tgs {
				assert.Equal(t, "ip", tg.Input("targetType"), tg.Name)
				assert.LessOrEqual(t, len(tg.String("name")), 32, tg.Name)
				assert.Equal(t, 60.0, tg.Input("deregistrationDelay"), tg.Name)
			}
			api := m.Get(t, "aws:lb/targetGroup:TargetGroup", "lb-tg-api")
			assert.Equal(t, 6011.0, api.Input("port"))
			assert.Equal(t, "/_status?simple=true", api.Input("healthCheck").(map[string]any)["path"])
			rule := m.Get(t, "aws:lb/listenerRule:ListenerRule", "lb-rule-api")
			assert.Equal(t, 300.0, rule.Input("priority"))
			assert.Equal(t, []any{"api." + tc.domain}, rule.Input("conditions").([]any)[0].(map[string]any)["hostHeader"].(map[string]any)["values"])
			assert.Len(t, m.ByType("aws:lb/listenerRule:ListenerRule"), 5)

			sg := m.Get(t, "aws:ec2/securityGroup:SecurityGroup", "lb-alb-sg")
			for _, r := range sg.Input("ingress").([]any) {
				rule := r.(map[string]any)
				assert.Contains(t, []any{443.0, 80.0}, rule["fromPort"])
				assert.Equal(t, []any{"0.0.0.0/0"}, rule["cidrBlocks"])
				assert.Nil(t, rule["ipv6CidrBlocks"], "no IPv6 unless dual-stack")
			}
			var egressPorts []any
			for _, r := range sg.Input("egress").([]any) {
				rule := r.(map[string]any)
				egressPorts = append(egressPorts, rule["fromPort"])
				assert.Equal(t, []any{"10.0.0.0/16"}, rule["cidrBlocks"], "egress only to the VPC")
			}
			assert.Equal(t, []any{80.0, 6011.0, 6012.0, 7000.0, 7001.0}, egressPorts)
			isg := m.Get(t, "aws:ec2/securityGroup:SecurityGroup", "lb-internal-alb-sg")
			for _, r := range isg.Input("ingress").([]any) {
				assert.Equal(t, []any{"10.0.0.0/16"}, r.(map[string]any)["cidrBlocks"], "internal: VPC only")
			}

			componenttest.AssertChildren(t, m, "gcnotify:loadbalancer:LoadBalancer")
		})
	}
}

func TestLoadBalancerOutputsCarryCloudWatchDimensions(t *testing.T) {
	var suffix, tgSuffix, zone string
	_, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		l, err := New(ctx, "lb", argsFor("dev", "dev.notification.cdssandbox.xyz", true))
		if err != nil {
			return err
		}
		pulumi.All(l.ArnSuffix, l.TargetGroupArnSuffixes[TargetAPI], l.ZoneID).ApplyT(func(v []any) error {
			suffix, tgSuffix, zone = v[0].(string), v[1].(string), v[2].(string)
			return nil
		})
		assert.Len(t, l.TargetGroupArns, 6)
		return nil
	})
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(suffix, "app/notification-dev-alb/"), suffix)
	assert.True(t, strings.HasPrefix(tgSuffix, "targetgroup/notify-dev-api/"), tgSuffix)
	assert.Equal(t, "ZQSVJUPU6J1EY", zone)
}

func TestLoadBalancerDualStackOpensIPv6(t *testing.T) {
	args := argsFor("dev", "dev.notification.cdssandbox.xyz", true)
	args.DualStack = true
	m, _, err := run(t, args)
	require.NoError(t, err)
	assert.Equal(t, "dualstack", m.Get(t, "aws:lb/loadBalancer:LoadBalancer", "lb-alb").Input("ipAddressType"))
	for _, r := range m.Get(t, "aws:ec2/securityGroup:SecurityGroup", "lb-alb-sg").Input("ingress").([]any) {
		assert.Equal(t, []any{"::/0"}, r.(map[string]any)["ipv6CidrBlocks"])
	}
}

func TestLoadBalancerRefusesBadArgsBeforeRegistering(t *testing.T) {
	args := argsFor("dev", "dev.notification.cdssandbox.xyz", true)
	args.Environment = "a-very-long-environment-name"
	args.Domain = ""
	args.VpcCidr = "nope"
	args.CertificateArn = nil
	args.DesyncMitigationMode = "off"
	args.IdleTimeoutSeconds = -1
	m, _, err := run(t, args)
	require.Error(t, err)
	for _, want := range []string{"Environment", "notify-a-very-long-environment-name-internal-alb", "Domain",
		`VpcCidr: got "nope"`, "CertificateArn: got nil", `DesyncMitigationMode: got "off"`, "IdleTimeoutSeconds: got -1"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}
