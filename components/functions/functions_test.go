package functions

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const (
	account      = "123456789012"
	receiptsArn  = "arn:aws:sqs:ca-central-1:123456789012:eks-notification-canada-cadelivery-receipts"
	bufferArn    = "arn:aws:sqs:ca-central-1:123456789012:ses-receipt-callback-buffer"
	internalArn  = "arn:aws:sqs:ca-central-1:123456789012:eks-notification-canada-canotify-internal-tasks"
	westReceipts = "arn:aws:sqs:us-west-2:123456789012:eks-notification-canada-ca-usdelivery-receipts"
)

func key(region string) pulumi.String {
	return pulumi.String("arn:aws:kms:" + region + ":" + account + ":key/" + region)
}

func urls(region string, repos ...string) map[string]pulumi.StringOutput {
	out := map[string]pulumi.StringOutput{}
	for _, r := range repos {
		out[r] = pulumi.String(account + ".dkr.ecr." + region + ".amazonaws.com/" + r).ToStringOutput()
	}
	return out
}

func logGroups(region string) map[string]pulumi.StringInput {
	return map[string]pulumi.StringInput{
		"successes": pulumi.String("sns/" + region + "/" + account + "/DirectPublishToPhoneNumber"),
		"failures":  pulumi.String("sns/" + region + "/" + account + "/DirectPublishToPhoneNumber/Failure"),
	}
}

// prefixListSizes are today's capacities of the Google CIDR prefix list.
var prefixListSizes = map[string]int{"dev": 20, "staging": 100, "production": 100}

// argsFor wires the functions as the composition does; west and east are the SMS and email
// region providers.
func argsFor(env string, retention int, west, east *aws.Provider) Args {
	req := RequiredRepositories()
	tags := map[string]string{}
	for _, s := range Catalog() {
		tags[s.Name] = env + "-" + s.Name + "-sha"
	}
	smsCallbacks := func() Function {
		return Function{
			Access: Access{SendQueueArns: pulumi.ToStringArray([]string{receiptsArn}), KmsKeyArns: pulumi.StringArray{key("ca-central-1")}},
			LogGroups: map[string]map[string]pulumi.StringInput{
				RegionPrimary: logGroups("ca-central-1"), RegionSMS: logGroups("us-west-2")},
		}
	}
	return Args{
		NamePrefix: "notification-canada-ca-" + env,
		AccountID:  account,
		Regions: map[string]Region{
			RegionPrimary: {Name: "ca-central-1", KmsKeyArn: key("ca-central-1"), RepositoryURLs: urls("ca-central-1", req[RegionPrimary]...),
				AlarmTopicArn: pulumi.String("arn:aws:sns:ca-central-1:" + account + ":alert-warning")},
			RegionSMS:   {Name: "us-west-2", Provider: west, KmsKeyArn: key("us-west-2"), RepositoryURLs: urls("us-west-2", req[RegionSMS]...)},
			RegionEmail: {Name: "us-east-1", Provider: east, KmsKeyArn: key("us-east-1"), RepositoryURLs: urls("us-east-1", req[RegionEmail]...)},
		},
		ImageTags: tags,
		Functions: map[string]Function{
			"ses_to_sqs_email_callbacks": {TriggerQueueArn: pulumi.String(bufferArn),
				Access: Access{SendQueueArns: pulumi.ToStringArray([]string{receiptsArn})}},
			"sns_to_sqs_sms_callbacks":      smsCallbacks(),
			"pinpoint_to_sqs_sms_callbacks": smsCallbacks(),
			"ses_receiving_emails": {Access: Access{SendQueueArns: pulumi.ToStringArray([]string{internalArn})},
				Environment: map[string]string{"NOTIFY_SENDING_DOMAIN": env + ".notification.cdssandbox.xyz", "SQS_REGION": "ca-central-1"}},
			"system_status": {Environment: map[string]string{"DATABASE_SECRET_ARN": "arn:aws:secretsmanager:ca-central-1:" + account + ":secret:db"},
				Access: Access{SecretArns: pulumi.ToStringArray([]string{"arn:aws:secretsmanager:ca-central-1:" + account + ":secret:db"})}},
		},
		Vpc: Vpc{ID: pulumi.String("vpc-1"), SubnetIDs: pulumi.ToStringArray([]string{"subnet-a", "subnet-b", "subnet-c"}),
			CidrBlock: "10.0.0.0/16"},
		LogRetentionDays: retention,
		GooglePrefixList: PrefixList{MaxEntries: prefixListSizes[env]},
	}
}

// run builds the functions; sesArn receives the exported ARN of ses_receiving_emails.
func run(t *testing.T, mutate func(*Args), env string, retention int) (m *pulumimock.Mocks, out *Functions, sesArn string, err error) {
	var got componenttest.Capture
	m, out, err = componenttest.Run(t, "test", func(ctx *pulumi.Context) (*Functions, error) {
		args := argsFor(env, retention, componenttest.Provider(ctx, "us-west-2", "us-west-2", ""),
			componenttest.Provider(ctx, "us-east-1", "us-east-1", ""))
		if mutate != nil {
			mutate(&args)
		}
		f, err := New(ctx, "functions", args)
		if err != nil {
			return nil, err
		}
		got.String(ctx, "ses", f.SESReceivingEmailsArn)
		return f, nil
	})
	return m, out, got.Get("ses"), err
}

// statements decodes a role policy into its statements by Sid.
func statements(t *testing.T, r pulumimock.Resource) map[string]map[string]any {
	doc, err := r.JSON("policy")
	require.NoError(t, err)
	out := map[string]map[string]any{}
	for _, s := range doc.(map[string]any)["Statement"].([]any) {
		st := s.(map[string]any)
		out[st["Sid"].(string)] = st
	}
	return out
}

func TestFunctionsAcrossEnvironments(t *testing.T) {
	for _, tc := range []struct {
		env       string
		retention int
	}{{"dev", 14}, {"staging", 365}, {"production", 0}} {
		t.Run(tc.env, func(t *testing.T) {
			m, fns, sesArn, err := run(t, nil, tc.env, tc.retention)
			require.NoError(t, err)
			lambdas := m.ByType("aws:lambda/function:Function")
			require.Len(t, lambdas, 9, "seven functions, the two SMS callbacks in two regions")
			regionOf := map[string]string{"ca-central-1": "", "us-west-2": "pulumi:providers:aws::us-west-2", "us-east-1": "pulumi:providers:aws::us-east-1"}
			for _, fn := range lambdas {
				fnName := fn.String("name")
				assert.Equal(t, "Image", fn.Input("packageType"), fnName)
				assert.Equal(t, float64(1024), fn.Input("memorySize"), fnName)
				assert.Equal(t, float64(60), fn.Input("timeout"), fnName)
				assert.Equal(t, map[string]any{"mode": "Active"}, fn.Input("tracingConfig"), fnName)
				assert.Equal(t, []any{"x86_64"}, fn.Input("architectures"), fnName)
				assert.Contains(t, fn.Parent, "gcnotify:functions:Functions")
				var region string
				for r := range regionOf {
					if fn.Name == "functions-"+fnName+"-"+r {
						region = r
					}
				}
				require.NotEmpty(t, region, "logical name %s is <name>-<function>-<region>", fn.Name)
				if regionOf[region] == "" {
					assert.Empty(t, fn.Provider, fn.Name)
				} else {
					assert.Contains(t, fn.Provider, regionOf[region], fn.Name)
				}
				assert.Contains(t, fn.String("imageUri"), ".dkr.ecr."+region+".amazonaws.com/", "%s: image from its own region", fn.Name)
				assert.Contains(t, fn.String("imageUri"), ":"+tc.env+"-"+fnName+"-sha", fn.Name)
				assert.Equal(t, "arn:aws:kms:"+region+":"+account+":key/"+region, fn.Input("kmsKeyArn"), fn.Name)
				lg := m.Get(t, "aws:cloudwatch/logGroup:LogGroup", fn.Name)
				assert.Equal(t, "/aws/lambda/"+fnName, lg.String("name"))
				assert.Equal(t, float64(tc.retention), lg.Input("retentionInDays"))
				assert.Equal(t, fn.Input("kmsKeyArn"), lg.Input("kmsKeyId"))
				assert.Equal(t, lg.Provider, fn.Provider, "log group in the function's region")

				policy := statements(t, m.Get(t, "aws:iam/rolePolicy:RolePolicy", fn.Name))
				logs := policy["WriteOwnLogGroup"]["Resource"].([]any)
				require.Len(t, logs, 2)
				assert.Contains(t, logs[0], ":log-group:/aws/lambda/"+fnName)
				_, vpc := policy["VpcNetworkInterfaces"]
				assert.Equal(t, fnName == "system_status", vpc, "%s: VPC access only where the function runs in the VPC", fn.Name)
				_, consumes := policy["ConsumeTriggerQueue"]
				assert.Equal(t, fnName == "ses_to_sqs_email_callbacks", consumes, fn.Name)
				role := m.Get(t, "aws:iam/role:Role", fn.Name)
				assert.Equal(t, fnName+"-"+region, role.String("name"))
			}

			hb := m.Get(t, "aws:cloudwatch/eventRule:EventRule", "functions-heartbeat-ca-central-1-schedule")
			assert.Equal(t, "rate(1 minute)", hb.String("scheduleExpression"))
			assert.Equal(t, "rate(5 minutes)", m.Get(t, "aws:cloudwatch/eventRule:EventRule", "functions-system_status-ca-central-1-schedule").String("scheduleExpression"))
			assert.Equal(t, "rate(1 day)", m.Get(t, "aws:cloudwatch/eventRule:EventRule", "functions-google-cidr-ca-central-1-schedule").String("scheduleExpression"))
			perm := m.Get(t, "aws:lambda/permission:Permission", "functions-heartbeat-ca-central-1-schedule")
			assert.Equal(t, "events.amazonaws.com", perm.String("principal"))
			assert.Len(t, m.ByType("aws:cloudwatch/eventTarget:EventTarget"), 3)
			heartbeat := m.Get(t, "aws:lambda/function:Function", "functions-heartbeat-ca-central-1")
			assert.Equal(t, float64(1), heartbeat.Input("reservedConcurrentExecutions"))

			status := m.Get(t, "aws:lambda/function:Function", "functions-system_status-ca-central-1")
			vpcCfg := status.Input("vpcConfig").(map[string]any)
			assert.Equal(t, []any{"subnet-a", "subnet-b", "subnet-c"}, vpcCfg["subnetIds"])
			assert.Equal(t, []any{"functions-vpc-sg-id"}, vpcCfg["securityGroupIds"], "its own security group")
			assert.Len(t, m.ByType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"), 2)
			assert.Equal(t, map[string]any{"DATABASE_SECRET_ARN": "arn:aws:secretsmanager:ca-central-1:" + account + ":secret:db"},
				status.Input("environment").(map[string]any)["variables"])
			assert.Equal(t, []any{"arn:aws:secretsmanager:ca-central-1:" + account + ":secret:db"},
				statements(t, m.Get(t, "aws:iam/rolePolicy:RolePolicy", status.Name))["ReadSecrets"]["Resource"])

			esm := m.Get(t, "aws:lambda/eventSourceMapping:EventSourceMapping", "functions-ses_to_sqs_email_callbacks-ca-central-1-queue")
			assert.Equal(t, bufferArn, esm.String("eventSourceArn"))
			ses := statements(t, m.Get(t, "aws:iam/rolePolicy:RolePolicy", "functions-ses_to_sqs_email_callbacks-ca-central-1"))
			assert.Equal(t, []any{bufferArn}, ses["ConsumeTriggerQueue"]["Resource"])
			assert.Equal(t, []any{receiptsArn}, ses["SendToQueues"]["Resource"])
			assert.Equal(t, []any{"sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"}, ses["SendToQueues"]["Action"])

			for _, region := range []string{"ca-central-1", "us-west-2"} {
				for _, fn := range []string{"sns_to_sqs_sms_callbacks", "pinpoint_to_sqs_sms_callbacks"} {
					for _, l := range []string{"successes", "failures"} {
						base := "functions-" + fn + "-" + region + "-logs-" + l
						p := m.Get(t, "aws:lambda/permission:Permission", base)
						assert.Equal(t, "logs."+region+".amazonaws.com", p.String("principal"))
						assert.Equal(t, account, p.String("sourceAccount"))
						group := logGroups(region)[l].(pulumi.String)
						assert.Equal(t, "arn:aws:logs:"+region+":"+account+":log-group:"+string(group)+":*", p.String("sourceArn"))
						sub := m.Get(t, "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter", base)
						assert.Equal(t, string(group), sub.String("logGroup"))
						assert.Equal(t, "arn:aws:lambda:"+region+":"+account+":function:"+fn, sub.String("destinationArn"))
						assert.Equal(t, p.Provider, sub.Provider)
					}
				}
			}

			for _, p := range m.ByType("aws:lambda/permission:Permission") {
				assert.NotEqual(t, "ses.amazonaws.com", p.String("principal"), "the email component owns the SES permission")
			}
			assert.Equal(t, "arn:aws:lambda:us-east-1:"+account+":function:ses_receiving_emails", sesArn)
			assert.Len(t, m.ByType("aws:cloudwatch/metricAlarm:MetricAlarm"), 6, "an errors alarm where the region has a topic: the six primary-region functions")
			assert.Contains(t, fns.Arns, "us-west-2")
			assert.Contains(t, fns.RoleArns["us-east-1"], "ses_receiving_emails")
		})
	}
}

// TestGoogleCidrRewritesOnlyItsPrefixList: google-cidr finds the list by the id it is given and
// may read and modify that list alone (listing prefix lists takes no resource); nothing else may
// touch a prefix list.
func TestGoogleCidrRewritesOnlyItsPrefixList(t *testing.T) {
	for _, env := range []string{"dev", "production"} {
		m, _, _, err := run(t, nil, env, 14)
		require.NoError(t, err)
		pl := m.Get(t, "aws:ec2/managedPrefixList:ManagedPrefixList", "functions-google-cidrs")
		assert.Equal(t, "Google Service CIDRs", pl.String("name"))
		assert.Equal(t, "IPv4", pl.String("addressFamily"))
		assert.Equal(t, float64(prefixListSizes[env]), pl.Input("maxEntries"))
		assert.Nil(t, pl.Input("entries"), "the function owns the entries")
		plArn := pl.Outputs["arn"].StringValue()
		assert.Equal(t, "arn:aws:ec2:ca-central-1:"+account+":prefix-list/"+pl.ID, plArn)

		cidr := m.Get(t, "aws:lambda/function:Function", "functions-google-cidr-ca-central-1")
		assert.Equal(t, map[string]any{"PREFIX_LIST_ID": pl.ID}, cidr.Input("environment").(map[string]any)["variables"])
		p := statements(t, m.Get(t, "aws:iam/rolePolicy:RolePolicy", cidr.Name))
		assert.Equal(t, []any{"ec2:GetManagedPrefixListEntries", "ec2:ModifyManagedPrefixList"}, p["RewritePrefixLists"]["Action"])
		assert.Equal(t, []any{plArn}, p["RewritePrefixLists"]["Resource"])
		assert.Equal(t, []any{"ec2:DescribeManagedPrefixLists"}, p["FindPrefixLists"]["Action"])

		for _, r := range m.ByType("aws:iam/rolePolicy:RolePolicy") {
			if r.Name == cidr.Name {
				continue
			}
			assert.NotContains(t, r.String("policy"), "PrefixList", "%s touches no prefix list", r.Name)
		}
	}

	_, _, _, err := run(t, func(a *Args) {
		a.GooglePrefixList = PrefixList{Name: "com.amazonaws.google", MaxEntries: 1001}
		fn := a.Functions["google-cidr"]
		fn.Environment = map[string]string{"PREFIX_LIST_ID": "pl-123"}
		a.Functions["google-cidr"] = fn
	}, "dev", 14)
	require.Error(t, err)
	for _, want := range []string{"GooglePrefixList.MaxEntries: got 1001", `GooglePrefixList.Name: got "com.amazonaws.google"`,
		"Functions[google-cidr].Environment: got variable PREFIX_LIST_ID"} {
		assert.Contains(t, err.Error(), want)
	}
}
