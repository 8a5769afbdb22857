package functions

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

func TestFunctionsRefuseBadArgsBeforeRegistering(t *testing.T) {
	m, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		args := argsFor("dev", 14, nil, nil) // no providers: the SMS and email regions are refused
		args.AccountID = "12345"
		args.Architecture = "sparc"
		args.LogRetentionDays = 10
		delete(args.ImageTags, "heartbeat")
		args.ImageTags["nope"] = "v1"
		delete(args.Regions[RegionPrimary].RepositoryURLs, "notify/system_status")
		sesFn := args.Functions["ses_to_sqs_email_callbacks"]
		sesFn.TriggerQueueArn = nil
		args.Functions["ses_to_sqs_email_callbacks"] = sesFn
		sms := args.Functions["sns_to_sqs_sms_callbacks"]
		delete(sms.LogGroups, RegionSMS)
		args.Functions["sns_to_sqs_sms_callbacks"] = sms
		args.Functions["heartbeat"] = Function{
			TriggerQueueArn: pulumi.String("arn:aws:sqs:ca-central-1:123456789012:q"),
			Environment:     map[string]string{"HEARTBEAT_API_KEY": "s3cr3t", "HEARTBEAT_API_KEY_SECRET_ARN": "arn", "AWS_REGION": "x"},
		}
		args.Vpc.CidrBlock = "10.0.0.1/16"
		_, err := New(ctx, "functions", args)
		return err
	})
	require.Error(t, err)
	for _, want := range []string{
		`AccountID: got "12345"`,
		`Architecture: got "sparc"`,
		"LogRetentionDays: got 10",
		"Regions[sms].Provider: got nil",
		"Regions[email].Provider: got nil",
		`Regions[primary].RepositoryURLs: "notify/system_status" missing`,
		`ImageTags[heartbeat]: got ""`,
		`ImageTags: got function "nope"`,
		"Functions[ses_to_sqs_email_callbacks].TriggerQueueArn: got nil",
		"Functions[sns_to_sqs_sms_callbacks].LogGroups[sms]: got none",
		"Functions[heartbeat].TriggerQueueArn: got a queue",
		`"HEARTBEAT_API_KEY", which looks like a secret`,
		`"AWS_REGION", want no AWS_ variable`,
		`Vpc.CidrBlock: got "10.0.0.1/16"`,
	} {
		assert.Contains(t, err.Error(), want)
	}
	assert.NotContains(t, err.Error(), `"HEARTBEAT_API_KEY_SECRET_ARN"`, "a secret's ARN is not a secret")
	assert.Empty(t, m.Resources())
}
