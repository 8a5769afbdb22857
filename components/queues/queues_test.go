package queues

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const (
	account   = "111122223333"
	queueType = "aws:sqs/queue:Queue"
	mainKey   = "arn:aws:kms:ca-central-1:111122223333:key/main"
	smsKey    = "arn:aws:kms:us-west-2:111122223333:key/sms"
	topicArn  = "arn:aws:sns:ca-central-1:111122223333:ses-callback"
)

// run builds the queues with valid args that edit may change, the way the stack builds them.
func run(t *testing.T, edit func(*Args)) (*pulumimock.Mocks, *Queues, error) {
	return componenttest.Run(t, "test", func(ctx *pulumi.Context) (*Queues, error) {
		args := Args{Placement: componenttest.Placement(ctx, "dev", account),
			MainKeyArn: pulumi.String(mainKey), SMSRegionKeyArn: pulumi.String(smsKey),
			SesCallbackTopicArn: pulumi.String(topicArn)}
		edit(&args)
		return New(ctx, "queues", args, pulumi.Provider(componenttest.Provider(ctx, "primary", "ca-central-1", account)))
	})
}

func TestQueuesAcrossEnvironments(t *testing.T) {
	// One account per environment: the queue names are the same everywhere.
	for _, env := range []string{"dev", "staging", "production"} {
		t.Run(env, func(t *testing.T) {
			m, _, err := run(t, func(*Args) {})
			require.NoError(t, err)
			specs := Plan(DefaultPrefix)
			dlqs := 0
			for _, s := range specs {
				if s.DeadLetter {
					dlqs++
				}
			}
			require.Len(t, m.ByType(queueType), len(specs)+dlqs)
			for _, s := range specs {
				q := m.Get(t, queueType, "queues-"+s.Queue)
				assert.Equal(t, s.Name, q.Input("name"))
				assert.Equal(t, float64(s.Visibility), q.Input("visibilityTimeoutSeconds"), s.Queue)
				assert.Equal(t, float64(FourDays), q.Input("messageRetentionSeconds"), s.Queue)
				assert.Equal(t, float64(262144), q.Input("maxMessageSize"), s.Queue)
				assert.Equal(t, 300.0, q.Input("kmsDataKeyReusePeriodSeconds"))
				assert.Nil(t, q.Input("sqsManagedSseEnabled"), "KMS, not SQS-managed SSE")
				key, prov := mainKey, "::primary::"
				if s.Region == SMS {
					key, prov = smsKey, "::sms::"
				}
				assert.Equal(t, key, q.Input("kmsMasterKeyId"), s.Queue)
				assert.Contains(t, q.Provider, prov, s.Queue)
				assert.Contains(t, q.Parent, "gcnotify:queues:Queues")

				dlq, hasDLQ := m.Find(queueType, "queues-"+s.Queue+"-dlq")
				assert.Equal(t, s.DeadLetter, hasDLQ, s.Queue)
				if !hasDLQ {
					assert.Nil(t, q.Input("redrivePolicy"), s.Queue)
					continue
				}
				assert.Equal(t, DeadLetterName(s.Name), dlq.Input("name"))
				assert.Equal(t, float64(DeadLetterRetention), dlq.Input("messageRetentionSeconds"))
				assert.Equal(t, key, dlq.Input("kmsMasterKeyId"))
				assert.Equal(t, q.Provider, dlq.Provider, "a dead-letter queue lives in its queue's region")
				redrive, err := q.JSON("redrivePolicy")
				require.NoError(t, err)
				region := "ca-central-1"
				if s.Region == SMS {
					region = "us-west-2"
				}
				assert.Equal(t, map[string]any{"deadLetterTargetArn": "arn:aws:sqs:" + region + ":" + account + ":" + DeadLetterName(s.Name),
					"maxReceiveCount": 5.0}, redrive)
				allow, err := dlq.JSON("redriveAllowPolicy")
				require.NoError(t, err)
				assert.Equal(t, []any{"arn:aws:sqs:" + region + ":" + account + ":" + s.Name}, allow.(map[string]any)["sourceQueueArns"])
			}

			fifo := m.Get(t, queueType, "queues-priority-database-tasks.fifo")
			assert.Equal(t, true, fifo.Input("fifoQueue"))
			assert.Equal(t, true, fifo.Input("contentBasedDeduplication"))
			assert.Equal(t, "messageGroup", fifo.Input("deduplicationScope"))
			assert.Equal(t, "perMessageGroupId", fifo.Input("fifoThroughputLimit"))
			assert.Equal(t, true, m.Get(t, queueType, "queues-priority-database-tasks.fifo-dlq").Input("fifoQueue"))
			assert.Nil(t, m.Get(t, queueType, "queues-send-sms-high").Input("fifoQueue"))

			policy := m.Get(t, "aws:sqs/queuePolicy:QueuePolicy", "queues-ses-receipt-callback-buffer")
			assert.Equal(t, "https://sqs.ca-central-1.amazonaws.com/"+account+"/ses-receipt-callback-buffer", policy.Input("queueUrl"))
			doc, err := policy.JSON("policy")
			require.NoError(t, err)
			allow := doc.(map[string]any)["Statement"].([]any)[0].(map[string]any)
			assert.Equal(t, map[string]any{"ArnEquals": map[string]any{"aws:SourceArn": topicArn}}, allow["Condition"])
			assert.Equal(t, []any{"arn:aws:sqs:ca-central-1:" + account + ":ses-receipt-callback-buffer"}, allow["Resource"])

			sub := m.Get(t, "aws:sns/topicSubscription:TopicSubscription", "queues-ses-receipt-callback-buffer")
			assert.Equal(t, "sqs", sub.Input("protocol"))
			assert.Equal(t, topicArn, sub.Input("topic"))
			assert.Equal(t, "arn:aws:sqs:ca-central-1:"+account+":ses-receipt-callback-buffer", sub.Input("endpoint"))
			assert.Equal(t, true, sub.Input("rawMessageDelivery"))
			assert.Contains(t, sub.Dependencies,
				"urn:pulumi:test::gcnotify::gcnotify:queues:Queues$aws:sqs/queuePolicy:QueuePolicy::queues-ses-receipt-callback-buffer",
				"subscribed once the policy lets the topic in")
		})
	}
}

func TestQueuesOutputs(t *testing.T) {
	var got componenttest.Capture
	_, q, err := componenttest.Run(t, "test", func(ctx *pulumi.Context) (*Queues, error) {
		q, err := New(ctx, "queues", Args{Placement: componenttest.Placement(ctx, "dev", account),
			MainKeyArn: pulumi.String(mainKey), SMSRegionKeyArn: pulumi.String(smsKey), SesCallbackTopicArn: pulumi.String(topicArn)},
			pulumi.Provider(componenttest.Provider(ctx, "primary", "ca-central-1", account)))
		if err != nil {
			return nil, err
		}
		got.String(ctx, "us", q.UsDeliveryReceipts.URL)
		got.String(ctx, "ca", q.DeliveryReceipts.Arn)
		return q, nil
	})
	require.NoError(t, err)
	assert.Len(t, q.Queues, 26)
	assert.Len(t, q.DeadLetterQueues, 7)
	assert.Equal(t, "ses-receipt-callback-buffer", q.SesReceiptCallbackBuffer.Name)
	assert.Equal(t, "eks-notification-canada-canotify-internal-tasks", q.NotifyInternalTasks.Name)
	assert.Equal(t, "https://sqs.us-west-2.amazonaws.com/"+account+"/eks-notification-canada-ca-usdelivery-receipts", got.Get("us"))
	assert.Equal(t, "arn:aws:sqs:ca-central-1:"+account+":eks-notification-canada-cadelivery-receipts", got.Get("ca"))
}

func TestBufferPolicyDeniesPlainHTTP(t *testing.T) {
	var doc struct{ Statement []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(BufferPolicy("arn:q", "arn:t").JSON()), &doc))
	require.Len(t, doc.Statement, 2)
	assert.Equal(t, "Deny", doc.Statement[1]["Effect"])
	assert.Equal(t, map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}, doc.Statement[1]["Condition"])
}

func TestQueuesRefuseBadArgsBeforeRegistering(t *testing.T) {
	m, err := pulumimock.Run(t, "test", nil, func(ctx *pulumi.Context) error {
		args := Args{Prefix: "eks notification", MaxMessageSize: 1048576, KmsDataKeyReuseSeconds: 10, MaxReceiveCount: -1}
		args.AccountID, args.SMSRegion = "x", "ca-central-1"
		_, err := New(ctx, "queues", args)
		return err
	})
	require.Error(t, err)
	for _, want := range []string{`Prefix "eks notification": queue priority-database-tasks.fifo`, `AccountID: got "x"`,
		`SMSRegion: got "ca-central-1", the same as Region`, "SMSProvider: got nil", "MainKeyArn: got nil",
		"SMSRegionKeyArn: got nil", "SesCallbackTopicArn: got nil", "MaxMessageSize: got 1048576",
		"KmsDataKeyReuseSeconds: got 10", "MaxReceiveCount: got -1"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}
