package sms

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

type env struct {
	name, account   string
	spend           int
	retention       int
	protect         bool
	numbers         []PhoneNumber
	wantNumberCount int
}

var environments = []env{
	{name: "dev", account: "800095993820", spend: 100, retention: 14},
	{name: "staging", account: "239043911459", spend: 100, retention: 365, protect: true},
	{name: "production", account: "296255494825", spend: 30000, retention: 0, protect: true,
		numbers: []PhoneNumber{{Key: "toll-free", NumberType: "TOLL_FREE"}}, wantNumberCount: 1},
}

func run(t *testing.T, e env, mutate func(*Args)) (*pulumimock.Mocks, error) {
	return pulumimock.Run(t, e.name, nil, func(ctx *pulumi.Context) error {
		primary := componenttest.Provider(ctx, "aws-ca-central-1", "ca-central-1", e.account)
		place := componenttest.Placement(ctx, e.name, e.account)
		prefix := place.NamePrefix
		args := Args{
			Placement: place, MonthlySpendLimitUSD: e.spend,
			UsageReportBucket:          pulumi.String(prefix + "-sms-usage-logs"),
			SMSRegionUsageReportBucket: pulumi.String(prefix + "-sms-usage-west-2-logs"),
			LogRetentionDays:           e.retention,
			LogKmsKeyArn:               pulumi.String("arn:aws:kms:ca-central-1:" + e.account + ":key/logs"),
			SMSRegionLogKmsKeyArn:      pulumi.String("arn:aws:kms:us-west-2:" + e.account + ":key/logs"),
			PhoneNumbers:               e.numbers, Protect: e.protect,
		}
		if mutate != nil {
			mutate(&args)
		}
		_, err := New(ctx, "sms", args, pulumi.Provider(primary))
		return err
	})
}

func TestSMSAcrossEnvironments(t *testing.T) {
	for _, e := range environments {
		t.Run(e.name, func(t *testing.T) {
			m, err := run(t, e, nil)
			require.NoError(t, err)
			prefix := "notification-canada-ca-" + e.name
			regionOf := func(r pulumimock.Resource) string {
				if strings.Contains(r.Provider, "providers:aws::sms::") {
					return "us-west-2"
				}
				require.Contains(t, r.Provider, "aws-ca-central-1", r.Name)
				return "ca-central-1"
			}

			groups := map[string]pulumimock.Resource{}
			for _, lg := range m.ByType("aws:cloudwatch/logGroup:LogGroup") {
				groups[lg.String("name")] = lg
				region := regionOf(lg)
				assert.True(t, strings.HasPrefix(lg.String("name"), "sns/"+region+"/"+e.account+"/"), "%s is in its region", lg.String("name"))
				assert.Equal(t, float64(e.retention), lg.Input("retentionInDays"))
				assert.Equal(t, "arn:aws:kms:"+region+":"+e.account+":key/logs", lg.String("kmsKeyId"), "a key of the group's region")
			}
			want := []string{}
			for _, r := range []string{"ca-central-1", "us-west-2"} {
				want = append(want, "sns/"+r+"/"+e.account+"/DirectPublishToPhoneNumber",
					"sns/"+r+"/"+e.account+"/DirectPublishToPhoneNumber/Failure")
			}
			want = append(want, "sns/ca-central-1/"+e.account+"/PinpointDirectPublishToPhoneNumber",
				"sns/ca-central-1/"+e.account+"/PinpointDirectPublishToPhoneNumber/Failure",
				"sns/us-west-2/"+e.account+"/PinpointDirectPublishToPhoneNumber",
				"sns/us-west-2/"+e.account+"/PinpointDirectPublishToPhoneNumber/Failure")
			assert.ElementsMatch(t, want, keys(groups))

			filters := map[string]pulumimock.Resource{}
			for _, f := range m.ByType("aws:cloudwatch/logMetricFilter:LogMetricFilter") {
				filters[f.String("name")] = f
				assert.Equal(t, MetricNamespace, f.Input("metricTransformation").(map[string]any)["namespace"])
				group, ok := groups[f.String("logGroupName")]
				if assert.True(t, ok, "%s filters a created group", f.Name) {
					assert.Equal(t, regionOf(group), regionOf(f), "%s is in its group's region", f.Name)
				}
			}
			assert.Len(t, filters, 22)
			success := filters["sns-sms-success"]
			assert.Equal(t, "sns/ca-central-1/"+e.account+"/DirectPublishToPhoneNumber", success.String("logGroupName"))
			assert.Equal(t, `{ $.status = "SUCCESS" }`, success.String("pattern"))
			assert.Equal(t, "sns/us-west-2/"+e.account+"/DirectPublishToPhoneNumber/Failure",
				filters["sns-sms-failure-us-west-2"].String("logGroupName"))
			spend := filters["sns-sms-spend-usd"].Input("metricTransformation").(map[string]any)
			assert.Equal(t, "$.delivery.priceInUSD", spend["value"])
			assert.Contains(t, filters["pinpoint-sms-failures"].String("logGroupName"), "PinpointDirectPublishToPhoneNumber/Failure")

			role := m.Get(t, "aws:iam/role:Role", "sms-delivery-role")
			assert.Equal(t, "sns-delivery-role", role.String("name"))
			trust, err := role.JSON("assumeRolePolicy")
			require.NoError(t, err)
			stmt := trust.(map[string]any)["Statement"].([]any)[0].(map[string]any)
			assert.Equal(t, map[string]any{"Service": []any{"sns.amazonaws.com"}}, stmt["Principal"])
			assert.Equal(t, map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": e.account}}, stmt["Condition"])
			policy, err := m.Get(t, "aws:iam/rolePolicy:RolePolicy", "sms-delivery-role").JSON("policy")
			require.NoError(t, err)
			ps := policy.(map[string]any)["Statement"].([]any)[0].(map[string]any)
			assert.ElementsMatch(t, []any{"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
				"logs:PutMetricFilter", "logs:PutRetentionPolicy"}, ps["Action"])
			assert.Equal(t, []any{"arn:aws:logs:ca-central-1:" + e.account + ":log-group:sns/ca-central-1/" + e.account + "/*",
				"arn:aws:logs:us-west-2:" + e.account + ":log-group:sns/us-west-2/" + e.account + "/*"}, ps["Resource"])

			prefs := m.ByType("aws:sns/smsPreferences:SmsPreferences")
			require.Len(t, prefs, 2)
			buckets := map[string]string{"ca-central-1": prefix + "-sms-usage-logs", "us-west-2": prefix + "-sms-usage-west-2-logs"}
			for _, p := range prefs {
				region := regionOf(p)
				assert.Equal(t, "sms-preferences-"+region, p.Name)
				assert.Equal(t, "CANADA-CA", p.String("defaultSenderId"))
				assert.Equal(t, "Transactional", p.String("defaultSmsType"))
				assert.Equal(t, "100", p.String("deliveryStatusSuccessSamplingRate"))
				assert.Equal(t, float64(e.spend), p.Input("monthlySpendLimit"))
				assert.Equal(t, "arn:aws:iam::"+e.account+":role/sns-delivery-role", p.String("deliveryStatusIamRoleArn"))
				assert.Equal(t, buckets[region], p.String("usageReportS3Bucket"))
				for _, lg := range groups {
					assert.True(t, dependsOn(p, lg), "SNS finds its log group %s already there", lg.Name)
				}
			}

			set := m.Get(t, "aws:pinpoint/smsvoicev2ConfigurationSet:Smsvoicev2ConfigurationSet", "sms-configuration-set")
			assert.Equal(t, prefix+"-sms", set.String("name"))
			assert.Equal(t, "TRANSACTIONAL", set.String("defaultMessageType"))
			assert.Equal(t, "us-west-2", regionOf(set))
			optOuts := m.Get(t, "aws:pinpoint/smsvoicev2OptOutList:Smsvoicev2OptOutList", "sms-opt-outs")
			assert.Equal(t, "us-west-2", regionOf(optOuts))

			numbers := m.ByType("aws:pinpoint/smsvoicev2PhoneNumber:Smsvoicev2PhoneNumber")
			assert.Len(t, numbers, e.wantNumberCount, "numbers only when listed")
			for _, n := range numbers {
				assert.True(t, n.Protect)
				assert.Equal(t, true, n.Input("deletionProtectionEnabled"))
				assert.Equal(t, "CA", n.String("isoCountryCode"))
				assert.Equal(t, prefix+"-sms-opt-outs", n.String("optOutListName"))
				assert.Equal(t, "us-west-2", regionOf(n))
			}

			events, err := m.Get(t, "aws:iam/rolePolicy:RolePolicy", "sms-event-logs-role").JSON("policy")
			require.NoError(t, err)
			es := events.(map[string]any)["Statement"].([]any)[0].(map[string]any)
			pin := func(r string) string {
				return "arn:aws:logs:" + r + ":" + e.account + ":log-group:sns/" + r + "/" + e.account + "/PinpointDirectPublishToPhoneNumber"
			}
			ca, west := pin("ca-central-1"), pin("us-west-2")
			assert.Equal(t, []any{ca, ca + ":*", ca + "/Failure", ca + "/Failure:*", west, west + ":*", west + "/Failure", west + "/Failure:*"},
				es["Resource"], "only Pinpoint's groups")

			componenttest.AssertChildren(t, m, "gcnotify:sms:SMS")
		})
	}
}

func keys(m map[string]pulumimock.Resource) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestSMSRefusesBadArgsBeforeRegistering(t *testing.T) {
	m, err := run(t, environments[0], func(a *Args) {
		a.AccountID = "1"
		a.SMSRegion = "ca-central-1"
		a.SMSProvider = nil
		a.MonthlySpendLimitUSD = 0
		a.SenderID = "NOT A SENDER ID"
		a.LogRetentionDays = 10
		a.PhoneNumbers = []PhoneNumber{{Key: "a", NumberType: "FAX"}, {Key: "a", NumberType: "TOLL_FREE", IsoCountryCode: "Canada"}}
	})
	require.Error(t, err)
	for _, want := range []string{`AccountID: got "1"`, `SMSRegion: got "ca-central-1", the same as Region`,
		"SMSProvider: got nil", "MonthlySpendLimitUSD: got 0", `SenderID: got "NOT A SENDER ID"`, "LogRetentionDays: got 10",
		`PhoneNumbers[a].NumberType: got "FAX"`, `PhoneNumbers.Key: got "a"`, `PhoneNumbers[a].IsoCountryCode: got "Canada"`} {
		assert.Contains(t, err.Error(), want)
	}
	componenttest.AssertOnlyProviders(t, m, 3, "the primary, SMS and email regions' providers")
}

// dependsOn reports whether r depends on dep (the mocks record dependencies as URNs).
func dependsOn(r, dep pulumimock.Resource) bool {
	for _, d := range r.Dependencies {
		if strings.HasSuffix(d, "$"+dep.Type+"::"+dep.Name) {
			return true
		}
	}
	return false
}

// TestExistingDeliveryRoleIsUsedNotCreated: in an account today's Terraform built,
// sns-delivery-role exists, and IAM refuses a second role of that name.
func TestExistingDeliveryRoleIsUsedNotCreated(t *testing.T) {
	e := environments[2]
	existing := "arn:aws:iam::" + e.account + ":role/sns-delivery-role"
	m, err := run(t, e, func(a *Args) { a.ExistingDeliveryRoleArn = existing })
	require.NoError(t, err)
	_, found := m.Find("aws:iam/role:Role", "sms-delivery-role")
	assert.False(t, found, "no delivery role is created")
	_, found = m.Find("aws:iam/rolePolicy:RolePolicy", "sms-delivery-role")
	assert.False(t, found)
	prefs := m.ByType("aws:sns/smsPreferences:SmsPreferences")
	require.Len(t, prefs, 2)
	for _, p := range prefs {
		assert.Equal(t, existing, p.String("deliveryStatusIamRoleArn"), p.Name)
	}

	m, err = run(t, e, func(a *Args) { a.ExistingDeliveryRoleArn = "arn:aws:iam::111122223333:role/sns-delivery-role" })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "ExistingDeliveryRoleArn")
	assert.Empty(t, m.ByType("aws:sns/smsPreferences:SmsPreferences"), "nothing of the component is registered")
}
