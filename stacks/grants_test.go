package stacks

import (
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

// policyStatements decodes a role policy into its statements by Sid.
func policyStatements(t *testing.T, r pulumimock.Resource) map[string]map[string]any {
	t.Helper()
	doc, err := r.JSON("policy")
	require.NoError(t, err)
	out := map[string]map[string]any{}
	for _, s := range doc.(map[string]any)["Statement"].([]any) {
		st := s.(map[string]any)
		sid, _ := st["Sid"].(string)
		out[sid] = st
	}
	return out
}

// TestOnlyTheSendersMaySendEmail: the API and the Celery workers send through SES with their
// IRSA roles, from every sending identity, with the configuration set the identities use by
// default (SES checks both ARNs); no other workload may send.
func TestOnlyTheSendersMaySendEmail(t *testing.T) {
	for _, stack := range environments {
		t.Run(stack, func(t *testing.T) {
			cfg := pulumimock.StackConfig(t, stack)
			if stack == "staging" {
				cfg["gcnotify:email"] = `{"customSendingDomains":["apps.example.gc.ca"]}`
			}
			m, err := pulumimock.Run(t, stack, cfg, Program)
			require.NoError(t, err)
			var want []any
			for _, id := range m.ByType("aws:sesv2/emailIdentity:EmailIdentity") {
				want = append(want, id.Outputs["arn"].StringValue())
			}
			set := m.Get(t, "aws:sesv2/configurationSet:ConfigurationSet", "email-configuration-set")
			want = append(want, "arn:aws:ses:ca-central-1:"+accountOf(t, m)+":configuration-set/"+set.String("configurationSetName"))
			sortAny(want)
			if stack == "staging" {
				require.Len(t, want, 3, "two identities and the configuration set")
			}

			for _, key := range []string{"api", "admin", "document-download", "celery", "secrets-csi"} {
				p := policyStatements(t, m.Get(t, "aws:iam/rolePolicy:RolePolicy", "cluster-irsa-"+key))
				if key == "api" || key == "celery" {
					require.Contains(t, p, "SendEmail", key)
					got := append([]any(nil), p["SendEmail"]["Resource"].([]any)...)
					sortAny(got)
					assert.Equal(t, want, got, "%s sends from every identity with the configuration set", key)
					assert.Equal(t, []any{"ses:SendEmail", "ses:SendRawEmail"}, p["SendEmail"]["Action"])
					continue
				}
				for sid, s := range p {
					for _, a := range s["Action"].([]any) {
						assert.False(t, strings.HasPrefix(a.(string), "ses:"), "%s may not send email (%s: %s)", key, sid, a)
					}
				}
			}
		})
	}
}

func sortAny(v []any) {
	sort.Slice(v, func(i, j int) bool { return v[i].(string) < v[j].(string) })
}

// TestScheduledLambdasGetWhatTheirCodeUses: system_status writes the status site's data into the
// status bucket and reads the read-only database URI; google-cidr rewrites the Google CIDR
// prefix list, sized as today; heartbeat calls no AWS API. None of them gets anything else.
func TestScheduledLambdasGetWhatTheirCodeUses(t *testing.T) {
	sizes := map[string]float64{"dev": 20, "staging": 100, "production": 100}
	eachEnvironment(t, func(t *testing.T, stack string, m *pulumimock.Mocks) {
		grants := func(fn string) map[string]map[string]any {
			return policyStatements(t, m.Get(t, "aws:iam/rolePolicy:RolePolicy", "functions-"+fn+"-ca-central-1"))
		}
		sids := func(p map[string]map[string]any) []string {
			var out []string
			for sid := range p {
				out = append(out, sid)
			}
			sort.Strings(out)
			return out
		}

		bucket := m.Get(t, "aws:s3/bucketV2:BucketV2", "cdn-status-bucket").String("bucket")
		status := grants("system_status")
		assert.Equal(t, []string{"DecryptEnvironment", "ReadSecrets", "Tracing", "VpcNetworkInterfaces", "WriteObjects", "WriteOwnLogGroup"}, sids(status))
		assert.Equal(t, []any{"arn:aws:s3:::" + bucket + "/*"}, status["WriteObjects"]["Resource"])
		var reader string
		for _, s := range m.ByType("aws:secretsmanager/secret:Secret") {
			if strings.HasSuffix(s.String("name"), "_READER_URI") {
				reader = s.String("name")
			}
		}
		require.NotEmpty(t, reader)
		assert.Equal(t, []any{"arn:aws:secretsmanager:ca-central-1:" + accountOf(t, m) + ":secret:" + reader + "-??????"}, status["ReadSecrets"]["Resource"])
		env := m.Get(t, "aws:lambda/function:Function", "functions-system_status-ca-central-1").Input("environment").(map[string]any)["variables"].(map[string]any)
		assert.Equal(t, bucket, env["system_status_bucket_name"])
		assert.Equal(t, reader, env["sqlalchemy_database_reader_uri_secret_name"])

		pl := m.Get(t, "aws:ec2/managedPrefixList:ManagedPrefixList", "functions-google-cidrs")
		assert.Equal(t, sizes[stack], pl.Input("maxEntries"))
		assert.Equal(t, "IPv4", pl.String("addressFamily"))
		cidr := grants("google-cidr")
		assert.Equal(t, []string{"DecryptEnvironment", "FindPrefixLists", "RewritePrefixLists", "Tracing", "WriteOwnLogGroup"}, sids(cidr))
		assert.Equal(t, []any{pl.Outputs["arn"].StringValue()}, cidr["RewritePrefixLists"]["Resource"])

		assert.Equal(t, []string{"DecryptEnvironment", "Tracing", "WriteOwnLogGroup"}, sids(grants("heartbeat")))

		for _, r := range m.ByType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule") {
			if strings.HasPrefix(r.Name, "functions-vpc-sg-egress-") {
				assert.Contains(t, []float64{443, 5432}, r.Input("fromPort"), "%s: HTTPS and PostgreSQL only", r.Name)
			}
		}
	})
}

// accountOf is the account the primary provider is pinned to.
func accountOf(t *testing.T, m *pulumimock.Mocks) string {
	t.Helper()
	return m.Get(t, "pulumi:providers:aws", "aws-ca-central-1").Input("allowedAccountIds").([]any)[0].(string)
}
