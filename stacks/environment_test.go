package stacks

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/secrets"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

var environments = []string{"dev", "staging", "production"}

func TestEveryEnvironmentComposesUnderMocks(t *testing.T) {
	for _, stack := range environments {
		t.Run(stack, func(t *testing.T) {
			m, err := pulumimock.Run(t, stack, pulumimock.StackConfig(t, stack), Program)
			require.NoError(t, err)
			providers := m.ByType("pulumi:providers:aws")
			require.NotEmpty(t, providers)
			for _, p := range providers {
				tags := p.Input("defaultTags").(map[string]any)["tags"].(map[string]any)
				assert.Equal(t, stack, tags["Environment"], "provider %s", p.Name)
				assert.Equal(t, "notification-canada-ca-"+stack, tags["CostCenter"], "provider %s", p.Name)
				assert.NotEmpty(t, p.Input("allowedAccountIds"), "provider %s pins its account", p.Name)
			}
			for _, r := range m.Resources() {
				if r.Custom && r.Type != "pulumi:providers:aws" {
					assert.NotEmpty(t, r.Provider, "%s %s has an explicit provider", r.Type, r.Name)
				}
			}
		})
	}
}

func TestInvalidConfigurationRegistersNothing(t *testing.T) {
	cfg := pulumimock.StackConfig(t, "dev")
	cfg["gcnotify:accountId"] = "nope"
	cfg["gcnotify:logRetentionDays"] = "11"
	m, err := pulumimock.Run(t, "dev", cfg, Program)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "gcnotify:accountId")
	assert.Contains(t, err.Error(), "gcnotify:logRetentionDays")
	assert.Empty(t, m.Resources(), "nothing is registered when the configuration is invalid")
}

func TestDNSProviderAssumesTheZoneOwnersRole(t *testing.T) {
	m, err := pulumimock.Run(t, "dev", pulumimock.StackConfig(t, "dev"), Program)
	require.NoError(t, err)
	dns := m.Get(t, "pulumi:providers:aws", "aws-dns")
	assert.Equal(t, "arn:aws:iam::239043911459:role/dev_dns_manager_role", dns.Input("assumeRole").(map[string]any)["roleArn"])
	assert.Equal(t, []any{"239043911459"}, dns.Input("allowedAccountIds"))

	m, err = pulumimock.Run(t, "staging", pulumimock.StackConfig(t, "staging"), Program)
	require.NoError(t, err)
	_, found := m.Find("pulumi:providers:aws", "aws-dns")
	assert.False(t, found, "staging owns its zone and writes it with the primary provider")
}

func TestSecretsTheChartsReadAreComposed(t *testing.T) {
	for _, stack := range environments {
		t.Run(stack, func(t *testing.T) {
			m, err := pulumimock.Run(t, stack, pulumimock.StackConfig(t, stack), Program)
			require.NoError(t, err)
			names := map[string]bool{}
			for _, s := range m.ByType("aws:secretsmanager/secret:Secret") {
				names[s.String("name")] = true
			}
			versions := map[string]bool{}
			for _, v := range m.ByType("aws:secretsmanager/secretVersion:SecretVersion") {
				versions[v.Name] = true
			}
			for _, e := range secrets.Catalogue() {
				assert.True(t, names[e.Name], "secret %s exists", e.Name)
				logical := "secrets-" + strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(e.Name, "MANIFEST_"), "_", "-"))
				assert.Equal(t, e.Source == secrets.Derived, versions[logical], "%s (%s) has a version only when derived", e.Name, e.Source)
			}
			proxy := m.Get(t, "aws:rds/proxy:Proxy", "database-proxy")
			assert.Len(t, proxy.Input("auths"), 2, "the proxy accepts the master user and the application user")
		})
	}
}
