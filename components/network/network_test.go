package network

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

func argsFor(env string, retention int) Args {
	return Args{
		Placement:         placement.Placement{NamePrefix: "notification-canada-ca-" + env, Region: "ca-central-1", AccountID: "123456789012"},
		CidrBlock:         "10.0.0.0/16",
		AvailabilityZones: []string{"ca-central-1a", "ca-central-1b", "ca-central-1d"},
		ClusterName:       "notification-canada-ca-" + env + "-eks-cluster",
		LogRetentionDays:  retention,
	}
}

func run(t *testing.T, args Args) (*pulumimock.Mocks, error) {
	return pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		_, err := New(ctx, "network", args)
		return err
	})
}

func TestNetworkAcrossEnvironments(t *testing.T) {
	for _, tc := range []struct {
		env       string
		retention int
	}{{"dev", 14}, {"staging", 365}, {"production", 0}} {
		t.Run(tc.env, func(t *testing.T) {
			m, err := run(t, argsFor(tc.env, tc.retention))
			require.NoError(t, err)
			cluster := "notification-canada-ca-" + tc.env + "-eks-cluster"

			vpc := m.Get(t, "awsx:ec2:Vpc", "network-vpc")
			assert.Equal(t, "10.0.0.0/16", vpc.Input("cidrBlock"))
			assert.Equal(t, "Auto", vpc.Input("subnetStrategy"), "explicit blocks kept, no gap check")
			assert.NoError(t, cloudsim.CheckComponent(vpc.Type, vpc.Name, "ca-central-1", vpc.Inputs), "awsx v2.22.0 accepts the VPC")
			assert.Equal(t, map[string]any{"strategy": "None"}, vpc.Input("natGateways"), "the NAT gateways are built beside the VPC")
			nats := m.ByType("aws:ec2/natGateway:NatGateway")
			require.Len(t, nats, 3, "one NAT gateway per zone")
			assert.Equal(t, "subnet-network-vpc-public-2", nats[1].Input("subnetId"), "in its zone's public subnet")
			routes := m.ByType("aws:ec2/route:Route")
			require.Len(t, routes, 6, "the private and k8s route table of each zone")
			for _, r := range routes {
				assert.Equal(t, "0.0.0.0/0", r.Input("destinationCidrBlock"))
				assert.Regexp(t, `^rtb-network-vpc-(private|k8s)-[123]$`, r.Input("routeTableId"))
			}
			assert.Len(t, m.ByType("aws:ec2/eip:Eip"), 3)
			specs := map[string]map[string]any{}
			for _, s := range vpc.Input("subnetSpecs").([]any) {
				spec := s.(map[string]any)
				specs[spec["name"].(string)] = spec
			}
			require.Len(t, specs, 3)
			assert.Equal(t, "Public", specs["public"]["type"])
			assert.Equal(t, []any{"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"}, specs["public"]["cidrBlocks"])
			assert.Equal(t, "Private", specs["private"]["type"])
			assert.Equal(t, []any{"10.0.8.0/24", "10.0.9.0/24", "10.0.10.0/24"}, specs["private"]["cidrBlocks"])
			assert.Equal(t, "Private", specs["k8s"]["type"])
			assert.Equal(t, []any{"10.0.32.0/19", "10.0.64.0/19", "10.0.96.0/19"}, specs["k8s"]["cidrBlocks"])
			k8sTags := specs["k8s"]["tags"].(map[string]any)
			assert.Equal(t, cluster, k8sTags["karpenter.sh/discovery"])
			assert.Equal(t, "shared", k8sTags["kubernetes.io/cluster/"+cluster])
			assert.Equal(t, "k8s", k8sTags[SubnetRoleTag])

			nacl := m.Get(t, "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", "network-default-nacl")
			denied := map[float64]bool{}
			for _, r := range nacl.Input("ingress").([]any) {
				rule := r.(map[string]any)
				if rule["action"] == "deny" {
					denied[rule["fromPort"].(float64)] = true
					assert.Less(t, rule["ruleNo"].(float64), 100.0, "deny rules come before the allow-all")
				}
			}
			assert.Equal(t, map[float64]bool{22: true, 3389: true}, denied)
			assert.Len(t, nacl.Input("subnetIds"), 9, "the default NACL covers every subnet")

			endpoints := map[string]pulumimock.Resource{}
			for _, e := range m.ByType("aws:ec2/vpcEndpoint:VpcEndpoint") {
				endpoints[e.String("serviceName")] = e
			}
			assert.Len(t, endpoints, len(DefaultInterfaceEndpoints)+1)
			for _, svc := range DefaultInterfaceEndpoints {
				e, ok := endpoints["com.amazonaws.ca-central-1."+svc]
				if assert.True(t, ok, svc) {
					assert.Equal(t, "Interface", e.Input("vpcEndpointType"))
					assert.Equal(t, true, e.Input("privateDnsEnabled"))
					assert.Len(t, e.Input("subnetIds"), 3, "%s: one subnet per zone", svc)
				}
			}
			assert.Equal(t, "Gateway", endpoints["com.amazonaws.ca-central-1.s3"].Input("vpcEndpointType"))

			flow := m.Get(t, "aws:ec2/flowLog:FlowLog", "network-flow-log")
			assert.Equal(t, "ALL", flow.Input("trafficType"))
			for _, lg := range m.ByType("aws:cloudwatch/logGroup:LogGroup") {
				assert.Equal(t, float64(tc.retention), lg.Input("retentionInDays"), lg.Name)
			}
			m.Get(t, "aws:route53/resolverDnsSecConfig:ResolverDnsSecConfig", "network-dnssec-validation")
			m.Get(t, "aws:route53/resolverQueryLogConfigAssociation:ResolverQueryLogConfigAssociation", "network-dns-query-logs")
			componenttest.AssertChildren(t, m, "gcnotify:network:Network")
		})
	}
}

// TestFlowLogsRoleCanPublishAndTrustsOnlyThisAccountsFlowLogs: the role holds every action the
// VPC guide lists for publishing to CloudWatch Logs, scoped to the flow-log group, and the
// flow-logs service may assume it only for this account's flow logs (confused deputy).
func TestFlowLogsRoleCanPublishAndTrustsOnlyThisAccountsFlowLogs(t *testing.T) {
	m, err := run(t, argsFor("staging", 365))
	require.NoError(t, err)
	role := m.Get(t, "aws:iam/role:Role", "network-flow-logs-role")
	trust, err := role.JSON("assumeRolePolicy")
	require.NoError(t, err)
	statement := trust.(map[string]any)["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, map[string]any{"Service": []any{"vpc-flow-logs.amazonaws.com"}}, statement["Principal"])
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
		"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:ec2:ca-central-1:123456789012:vpc-flow-log/*"},
	}, statement["Condition"])

	group := m.Get(t, "aws:cloudwatch/logGroup:LogGroup", "network-flow-logs")
	doc, err := m.Get(t, "aws:iam/rolePolicy:RolePolicy", "network-flow-logs-policy").JSON("policy")
	require.NoError(t, err)
	granted := map[string][]any{}
	for _, s := range doc.(map[string]any)["Statement"].([]any) {
		st := s.(map[string]any)
		for _, a := range st["Action"].([]any) {
			granted[a.(string)] = st["Resource"].([]any)
		}
	}
	groupArn := group.Outputs["arn"].StringValue()
	require.Contains(t, groupArn, ":log-group:/aws/vpc/notification-canada-ca-staging/flow-logs")
	for _, action := range []string{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"} {
		assert.Equal(t, []any{groupArn, groupArn + ":*"}, granted[action], action)
	}
	assert.Equal(t, []any{"arn:aws:logs:ca-central-1:123456789012:log-group:*"}, granted["logs:DescribeLogGroups"])
	assert.Len(t, granted, 5)
}

func TestNetworkRefusesBadArgsBeforeRegistering(t *testing.T) {
	args := argsFor("dev", 14)
	args.NamePrefix = ""
	args.ClusterName = ""
	args.CidrBlock = "10.0.0.0/24"
	args.AvailabilityZones = []string{"us-east-1a"}
	args.DeniedInboundPorts = []int{0}
	args.AccountID = "42"
	m, err := run(t, args)
	require.Error(t, err)
	for _, want := range []string{"NamePrefix", "ClusterName", "CidrBlock", `"us-east-1a"`, "DeniedInboundPorts: got 0", `AccountID: got "42"`} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}

// TestNetworkVpcPassesAwsxValidation runs the VPC's construct inputs through the awsx rules the
// simulated cloud applies (awsx v2.22.0's validations): the layout passes under the strategy the
// component uses, and the same layout under Exact is refused for its gaps, as a real preview is.
func TestNetworkVpcPassesAwsxValidation(t *testing.T) {
	m, err := run(t, argsFor("dev", 14))
	require.NoError(t, err)
	vpc := m.Get(t, "awsx:ec2:Vpc", "network-vpc")
	require.NoError(t, cloudsim.CheckComponent(vpc.Type, vpc.Name, "ca-central-1", vpc.Inputs))

	exact := vpc.Inputs.Copy()
	exact["subnetStrategy"] = resource.NewStringProperty("Exact")
	err = cloudsim.CheckComponent(vpc.Type, vpc.Name, "ca-central-1", exact)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "There are gaps in the subnet ranges. Please fix the following gaps: "+
		"network-vpc-public-1 (10.0.0.0/24) <=> network-vpc-private-1 (10.0.8.0/24)")
	assert.Contains(t, err.Error(), "awsx.vpc-exact-no-gaps")

	legacy := vpc.Inputs.Copy()
	delete(legacy, "subnetStrategy")
	err = cloudsim.CheckComponent(vpc.Type, vpc.Name, "ca-central-1", legacy)
	require.Error(t, err, "the default strategy ignores the blocks and overlaps the zones")
	assert.Contains(t, err.Error(), "awsx.vpc-subnets-overlap")
}
