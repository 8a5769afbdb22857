package dns

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

type env struct {
	name, account, domain, zone, dnsAccount string
	create, wait, external                  bool
	delegated                               []DelegatedAccount
}

var environments = []env{
	{name: "dev", account: "800095993820", domain: "dev.notification.cdssandbox.xyz", zone: "notification.cdssandbox.xyz",
		dnsAccount: "239043911459", wait: true},
	{name: "staging", account: "239043911459", domain: "staging.notification.cdssandbox.xyz", zone: "notification.cdssandbox.xyz",
		dnsAccount: "239043911459", create: true, wait: true,
		delegated: []DelegatedAccount{{Environment: "dev", AccountID: "800095993820"}}},
	{name: "production", account: "296255494825", domain: "notification.canada.ca", zone: "notification.canada.ca",
		dnsAccount: "111122223333", external: true},
}

// captured are the component's outputs: the resolved ones by key (zoneId, albArn, cfArn,
// privateZoneId, nameServers, role-<environment>), the plain zone names, and the environments
// given a DNS manager role.
type captured struct {
	componenttest.Capture
	zoneName, privateZoneName string
	roleEnvironments          []string
}

func run(t *testing.T, e env, mutate func(*Args)) (*pulumimock.Mocks, *captured, error) {
	c := &captured{}
	m, err := pulumimock.Run(t, e.name, nil, func(ctx *pulumi.Context) error {
		primary := componenttest.Provider(ctx, "aws-ca-central-1", "ca-central-1", e.account)
		email := componenttest.Provider(ctx, "aws-us-east-1", "us-east-1", e.account)
		dnsProvider := primary
		if !e.create {
			dnsProvider = componenttest.Provider(ctx, "aws-dns", "ca-central-1", e.dnsAccount)
		}
		args := Args{
			NamePrefix: "notification-canada-ca-" + e.name, Domain: e.domain, ZoneName: e.zone,
			CreateZone: e.create, Protect: true, DelegatedAccounts: e.delegated,
			DNSProvider: dnsProvider, CloudFrontProvider: email, VpcID: pulumi.String("vpc-" + e.name),
			WaitForValidation: e.wait, ExternalValidationRecords: e.external,
		}
		if mutate != nil {
			mutate(&args)
		}
		d, err := New(ctx, "dns", args, pulumi.Provider(primary))
		if err != nil {
			return err
		}
		c.zoneName, c.privateZoneName = d.ZoneName, d.PrivateZoneName
		c.String(ctx, "zoneId", d.ZoneID)
		c.String(ctx, "albArn", d.AlbCertificateArn)
		c.String(ctx, "cfArn", d.CloudFrontCertificateArn)
		c.String(ctx, "privateZoneId", d.PrivateZoneID)
		c.Strings(ctx, "nameServers", d.NameServers)
		for k, v := range d.DNSManagerRoleArns {
			c.roleEnvironments = append(c.roleEnvironments, k)
			c.String(ctx, "role-"+k, v)
		}
		return nil
	})
	return m, c, err
}

func TestDNSAcrossEnvironments(t *testing.T) {
	for _, e := range environments {
		t.Run(e.name, func(t *testing.T) {
			m, c, err := run(t, e, nil)
			require.NoError(t, err)
			dnsProvider := "pulumi:providers:aws::aws-ca-central-1"
			if !e.create {
				dnsProvider = "pulumi:providers:aws::aws-dns"
			}

			zones := map[string]pulumimock.Resource{}
			for _, z := range m.ByType("aws:route53/zone:Zone") {
				zones[z.String("name")] = z
			}
			if e.create {
				zone := zones[e.zone]
				require.NotEmpty(t, zone.Name, "the environment owns and creates its zone")
				assert.True(t, zone.Protect)
				assert.Contains(t, zone.Provider, dnsProvider)
				assert.Equal(t, zone.Outputs["zoneId"].StringValue(), c.Get("zoneId"))
				assert.NotContains(t, m.Invokes(), "aws:route53/getZone:getZone")
			} else {
				assert.NotContains(t, zones, e.zone, "another account owns the zone")
				assert.Contains(t, m.Invokes(), "aws:route53/getZone:getZone", "the zone is looked up by name")
				assert.Regexp(t, `^Z0[0-9A-Z]{19}$`, c.Get("zoneId"), "the looked-up zone's id, in Route 53's format")
			}
			assert.Len(t, c.List("nameServers"), 4)
			assert.Equal(t, e.zone, c.zoneName)

			private := zones["notification.prv"]
			require.NotEmpty(t, private.Name)
			assert.Equal(t, []any{map[string]any{"vpcId": "vpc-" + e.name}}, private.Input("vpcs"))
			assert.True(t, private.Protect)
			assert.Equal(t, private.Outputs["zoneId"].StringValue(), c.Get("privateZoneId"))
			assert.Equal(t, "notification.prv", c.privateZoneName)

			alb := m.Get(t, "aws:acm/certificate:Certificate", "dns-alb-certificate")
			assert.Equal(t, e.domain, alb.String("domainName"))
			assert.Equal(t, []any{"*." + e.domain, "api." + e.domain, "*.api." + e.domain, "*.document." + e.domain},
				alb.Input("subjectAlternativeNames"))
			assert.Equal(t, "DNS", alb.String("validationMethod"))
			assert.Contains(t, alb.Provider, "aws-ca-central-1", "the load balancer's certificate is regional")
			cf := m.Get(t, "aws:acm/certificate:Certificate", "dns-cloudfront-certificate")
			assert.Equal(t, "assets."+e.domain, cf.String("domainName"))
			assert.Equal(t, []any{"status." + e.domain}, cf.Input("subjectAlternativeNames"))
			assert.Contains(t, cf.Provider, "aws-us-east-1", "CloudFront only takes us-east-1 certificates")

			records := m.ByType("aws:route53/record:Record")
			if e.external {
				assert.Empty(t, records, "pre-seeded validation records are not written")
			} else {
				names := map[string]bool{}
				for _, r := range records {
					assert.Contains(t, r.Provider, dnsProvider, r.Name)
					assert.Equal(t, c.Get("zoneId"), r.String("zoneId"), r.Name)
					assert.Equal(t, "CNAME", r.String("type"))
					assert.Regexp(t, `^_[0-9a-f]+\..*`+e.domain+`\.$`, r.String("name"))
					assert.False(t, names[r.String("name")], "record %s written twice", r.String("name"))
					names[r.String("name")] = true
				}
				for _, n := range []string{"apex", "api", "document"} {
					m.Get(t, "aws:route53/record:Record", "dns-alb-validation-"+n)
				}
				m.Get(t, "aws:route53/record:Record", "dns-cloudfront-validation-assets")
				m.Get(t, "aws:route53/record:Record", "dns-cloudfront-validation-status")
				assert.Len(t, records, 5, "five names, two wildcards sharing their base's record: three + two")
			}

			waits := m.ByType("aws:acm/certificateValidation:CertificateValidation")
			if e.wait {
				require.Len(t, waits, 2)
				v := m.Get(t, "aws:acm/certificateValidation:CertificateValidation", "dns-alb-certificate-validation")
				assert.Len(t, v.Input("validationRecordFqdns"), 3)
				assert.Equal(t, alb.Outputs["arn"].StringValue(), v.String("certificateArn"))
				cv := m.Get(t, "aws:acm/certificateValidation:CertificateValidation", "dns-cloudfront-certificate-validation")
				assert.Contains(t, cv.Provider, "aws-us-east-1")
			} else {
				assert.Empty(t, waits, "production does not wait on validation")
			}
			assert.Equal(t, alb.Outputs["arn"].StringValue(), c.Get("albArn"))
			assert.Contains(t, c.Get("cfArn"), "arn:aws:acm:us-east-1:")

			roles := m.ByType("aws:iam/role:Role")
			assert.Len(t, roles, len(e.delegated))
			require.Len(t, c.roleEnvironments, len(e.delegated))
			for _, d := range e.delegated {
				assert.Contains(t, c.Get("role-"+d.Environment), ":role/"+d.Environment+"_dns_manager_role", d.Environment)
			}
			componenttest.AssertChildren(t, m, "gcnotify:dns:DNS")
		})
	}
}

func TestStagingDelegatesOnlyDevsRecordsToDev(t *testing.T) {
	m, c, err := run(t, environments[1], nil)
	require.NoError(t, err)
	role := m.Get(t, "aws:iam/role:Role", "dns-manager-dev")
	assert.Equal(t, "dev_dns_manager_role", role.String("name"), "dev's stack assumes this exact name")
	assert.Equal(t, "arn:aws:iam::239043911459:role/dev_dns_manager_role", c.Get("role-dev"))
	trust, err := role.JSON("assumeRolePolicy")
	require.NoError(t, err)
	stmt := trust.(map[string]any)["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, map[string]any{"AWS": "arn:aws:iam::800095993820:root"}, stmt["Principal"])

	policy := m.Get(t, "aws:iam/rolePolicy:RolePolicy", "dns-manager-dev")
	doc, err := policy.JSON("policy")
	require.NoError(t, err)
	zoneArn := "arn:aws:route53:::hostedzone/" + c.Get("zoneId")
	var write map[string]any
	for _, s := range doc.(map[string]any)["Statement"].([]any) {
		st := s.(map[string]any)
		for _, a := range st["Action"].([]any) {
			if a == "route53:ChangeResourceRecordSets" {
				write = st
			}
		}
		if st["Resource"].([]any)[0] != "*" {
			assert.Equal(t, []any{zoneArn}, st["Resource"], "zone-level actions only on the sandbox zone")
		}
	}
	require.NotNil(t, write, "the role may change records")
	assert.Equal(t, []any{zoneArn}, write["Resource"])
	assert.Equal(t, map[string]any{"ForAllValues:StringLike": map[string]any{
		"route53:ChangeResourceRecordSetsNormalizedRecordNames": []any{
			"dev.notification.cdssandbox.xyz", "*.dev.notification.cdssandbox.xyz"},
	}}, write["Condition"], "only dev's own names")
}

func TestDNSRefusesBadArgsBeforeRegistering(t *testing.T) {
	m, _, err := run(t, environments[0], func(a *Args) {
		a.NamePrefix = ""
		a.Domain = "Dev.Example"
		a.ZoneName = "other.xyz"
		a.DelegatedAccounts = []DelegatedAccount{{Environment: "scratch", AccountID: "12"}}
		a.DNSProvider = nil
		a.CloudFrontProvider = nil
		a.VpcID = nil
	})
	require.Error(t, err)
	for _, want := range []string{"NamePrefix", `Domain: got "Dev.Example"`, `ZoneName: got "other.xyz"`,
		"DelegatedAccounts: got 1, want none unless CreateZone", `DelegatedAccounts[scratch].AccountID: got "12"`,
		"DNSProvider", "CloudFrontProvider", "VpcID"} {
		assert.Contains(t, err.Error(), want)
	}
	componenttest.AssertOnlyProviders(t, m, 3, "only the test's three providers")
}
