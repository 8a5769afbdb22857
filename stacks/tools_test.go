package stacks

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

// TestToolsPerEnvironment: Athena, the Client VPN and Blazer run everywhere, the admin's review
// apps in staging only, as today; the database admits Blazer and the VPN, the cache the review
// apps.
func TestToolsPerEnvironment(t *testing.T) {
	for _, env := range []string{"dev", "staging", "production"} {
		t.Run(env, func(t *testing.T) {
			m, err := pulumimock.Run(t, env, pulumimock.StackConfig(t, env), Program)
			require.NoError(t, err)
			for _, c := range []string{"gcnotify:athena:Athena", "gcnotify:clientvpn:ClientVPN", "gcnotify:databasetools:DatabaseTools"} {
				assert.Len(t, m.ByType(c), 1, c)
			}
			assert.Len(t, m.ByType("gcnotify:reviewapps:ReviewApps"), map[string]int{"staging": 1}[env])
			m.Get(t, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "clientvpn-eks-api")
			m.Get(t, "aws:ecr/repository:Repository", "registry-ca-central-1-database-tools-blazer")
			endpoint := m.Get(t, "aws:ec2clientvpn/endpoint:Endpoint", "clientvpn-endpoint")
			auth := endpoint.Input("authenticationOptions").([]any)[0].(map[string]any)
			assert.Equal(t, "arn:aws:iam::"+map[string]string{"dev": "800095993820", "staging": "239043911459",
				"production": "296255494825"}[env]+":saml-provider/client-vpn", auth["samlProviderArn"])
			var dbRules, cacheRules []string
			for _, r := range m.ByType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
				switch {
				case len(r.Name) > 9 && r.Name[:9] == "database-":
					dbRules = append(dbRules, r.Name)
				case len(r.Name) > 6 && r.Name[:6] == "cache-":
					cacheRules = append(cacheRules, r.Name)
				}
			}
			assert.Contains(t, dbRules, "database-proxy-from-database-tools")
			assert.Contains(t, dbRules, "database-proxy-from-client-vpn")
			if env == "staging" {
				assert.Contains(t, cacheRules, "cache-from-admin-pr-review")
			} else {
				assert.NotContains(t, cacheRules, "cache-from-admin-pr-review")
			}
		})
	}
}
