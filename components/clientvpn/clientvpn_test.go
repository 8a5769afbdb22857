package clientvpn

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const (
	endpointType = "aws:ec2clientvpn/endpoint:Endpoint"
	ruleType     = "aws:ec2clientvpn/authorizationRule:AuthorizationRule"
	sgRuleType   = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	saml         = "arn:aws:iam::111122223333:saml-provider/client-vpn"
)

func args(env string) Args {
	return Args{NamePrefix: "notification-canada-ca-" + env, VpcID: pulumi.String("vpc-1"), VpcCidr: "10.0.0.0/16",
		SubnetID: pulumi.String("subnet-1"), ServerCertificateArn: pulumi.String("arn:aws:acm:ca-central-1:111122223333:certificate/x"),
		SAMLProviderArn: saml, LogRetentionDays: 14, LogKmsKeyArn: pulumi.String("arn:aws:kms:ca-central-1:111122223333:key/main"),
		ClusterSecurityGroupID: pulumi.String("sg-cluster")}
}

func run(t *testing.T, a Args) (*pulumimock.Mocks, error) {
	m, _, err := componenttest.Build(t, New, "vpn", a)
	return m, err
}

func TestClientVPNAcrossEnvironments(t *testing.T) {
	for _, env := range []string{"dev", "staging", "production"} {
		t.Run(env, func(t *testing.T) {
			a := args(env)
			if env == "production" {
				a.SelfServiceSAMLProviderArn, a.AccessGroupID = saml+"-portal", "group-1"
			}
			m, err := run(t, a)
			require.NoError(t, err)
			e := m.Get(t, endpointType, "vpn-endpoint")
			assert.Equal(t, "172.16.0.0/22", e.Input("clientCidrBlock"))
			assert.Equal(t, true, e.Input("splitTunnel"))
			assert.Equal(t, []any{"10.0.0.2"}, e.Input("dnsServers"), "the VPC's resolver")
			auth := e.Input("authenticationOptions").([]any)[0].(map[string]any)
			assert.Equal(t, "federated-authentication", auth["type"])
			assert.Equal(t, saml, auth["samlProviderArn"])
			logs := e.Input("connectionLogOptions").(map[string]any)
			assert.Equal(t, true, logs["enabled"])
			lg := m.Get(t, "aws:cloudwatch/logGroup:LogGroup", "vpn-logs")
			assert.Equal(t, "arn:aws:kms:ca-central-1:111122223333:key/main", lg.Input("kmsKeyId"))
			rule := m.Get(t, ruleType, "vpn-vpc")
			assert.Equal(t, "10.0.0.0/16", rule.Input("targetNetworkCidr"))
			if env == "production" {
				assert.Equal(t, "enabled", e.Input("selfServicePortal"))
				assert.Equal(t, "group-1", rule.Input("accessGroupId"))
				assert.Nil(t, rule.Input("authorizeAllGroups"))
			} else {
				assert.Equal(t, "disabled", e.Input("selfServicePortal"))
				assert.Equal(t, true, rule.Input("authorizeAllGroups"))
			}
			api := m.Get(t, sgRuleType, "vpn-eks-api")
			assert.Equal(t, "sg-cluster", api.Input("securityGroupId"))
			assert.Equal(t, 443.0, api.Input("fromPort"))
			m.Get(t, "aws:ec2clientvpn/networkAssociation:NetworkAssociation", "vpn-association")
		})
	}
}

func TestClientVPNRefusesInvalidArgs(t *testing.T) {
	a := args("dev")
	a.ClientCidr, a.SAMLProviderArn, a.SessionTimeoutHours, a.LogKmsKeyArn = "10.0.8.0/22", "saml", 9, nil
	m, err := run(t, a)
	require.Error(t, err)
	for _, want := range []string{"ClientCidr: got \"10.0.8.0/22\", which overlaps", "SAMLProviderArn: got \"saml\"",
		"SessionTimeoutHours: got 9", "LogKmsKeyArn: got nil"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.ByType(endpointType))
	a = args("dev")
	a.ClientCidr = "172.16.0.0/24"
	_, err = run(t, a)
	assert.ErrorContains(t, err, "want a block of /12 to /22")
}
