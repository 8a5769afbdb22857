package sgrule

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

func TestTCPEgressNamesEachRuleByRole(t *testing.T) {
	m, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		return TCPEgress(ctx, "tools-sg-egress-", "prefix-tools-egress-", pulumi.ID("sg-1").ToIDOutput(), []Egress{
			{Role: "https", CIDR: "0.0.0.0/0", Description: "HTTPS out", Port: 443},
			{Role: "postgres", CIDR: "10.0.0.0/16", Description: "PostgreSQL inside the VPC", Port: 5432},
		})
	})
	require.NoError(t, err)
	rules := m.ByType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
	require.Len(t, rules, 2)
	pg := m.Get(t, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "tools-sg-egress-postgres")
	assert.Equal(t, "10.0.0.0/16", pg.String("cidrIpv4"))
	assert.Equal(t, "tcp", pg.String("ipProtocol"))
	assert.Equal(t, "sg-1", pg.String("securityGroupId"))
	assert.EqualValues(t, 5432, pg.Input("fromPort"))
	assert.EqualValues(t, 5432, pg.Input("toPort"))
	assert.Equal(t, "prefix-tools-egress-postgres", pg.Input("tags").(map[string]any)["Name"])
}
