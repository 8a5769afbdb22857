package queues

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sqs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// queue creates one queue and, where planned, its dead-letter queue.
func (q *Queues) queue(ctx *pulumi.Context, name string, args Args, spec Spec) error {
	opts := []pulumi.ResourceOption{pulumi.Parent(q)}
	region, key := args.Region, args.MainKeyArn
	if spec.Region == SMS {
		opts = append(opts, pulumi.Provider(args.SMSProvider))
		region, key = args.SMSRegion, args.SMSRegionKeyArn
	}
	base := func(queueName string, retention int) *sqs.QueueArgs {
		a := &sqs.QueueArgs{
			Name:                         pulumi.String(queueName),
			VisibilityTimeoutSeconds:     pulumi.Int(spec.Visibility),
			MessageRetentionSeconds:      pulumi.Int(retention),
			MaxMessageSize:               pulumi.Int(args.MaxMessageSize),
			KmsMasterKeyId:               key,
			KmsDataKeyReusePeriodSeconds: pulumi.Int(args.KmsDataKeyReuseSeconds),
			Tags:                         tagging.Named(queueName),
		}
		// The buffer queue's policy is its own resource (it also lets ses-callback in).
		if queueName != "ses-receipt-callback-buffer" {
			a.Policy = pulumi.String(TLSOnlyPolicy(fmt.Sprintf("arn:aws:sqs:%s:%s:%s", region, args.AccountID, queueName)).JSON())
		}
		if spec.FIFO {
			a.FifoQueue = pulumi.Bool(true)
			a.ContentBasedDeduplication = pulumi.Bool(true)
			a.DeduplicationScope = pulumi.String("messageGroup")
			a.FifoThroughputLimit = pulumi.String("perMessageGroupId")
		}
		return a
	}
	queueArgs := base(spec.Name, FourDays)
	if spec.DeadLetter {
		dlqName := DeadLetterName(spec.Name)
		dlqArgs := base(dlqName, DeadLetterRetention)
		dlqArgs.RedriveAllowPolicy = pulumi.String(mustJSON(map[string]any{
			"redrivePermission": "byQueue",
			"sourceQueueArns":   []string{fmt.Sprintf("arn:aws:sqs:%s:%s:%s", region, args.AccountID, spec.Name)},
		}))
		dlq, err := sqs.NewQueue(ctx, name+"-"+spec.Queue+"-dlq", dlqArgs, opts...)
		if err != nil {
			return fmt.Errorf("dead-letter queue: %w", err)
		}
		q.DeadLetterQueues[spec.Queue] = Queue{Name: dlqName, Class: DeadLetter, URL: dlq.Url, Arn: dlq.Arn}
		queueArgs.RedrivePolicy = dlq.Arn.ApplyT(func(arn string) string {
			return mustJSON(map[string]any{"deadLetterTargetArn": arn, "maxReceiveCount": args.MaxReceiveCount})
		}).(pulumi.StringOutput)
	}
	queue, err := sqs.NewQueue(ctx, name+"-"+spec.Queue, queueArgs, opts...)
	if err != nil {
		return err
	}
	q.Queues[spec.Queue] = Queue{Name: spec.Name, Class: spec.Class, URL: queue.Url, Arn: queue.Arn}
	return nil
}

// TLSOnlyPolicy refuses every request to the queue made without TLS (SQS also answers plain
// HTTP); what may use the queue is granted by IAM.
func TLSOnlyPolicy(queueArn string) iampolicy.Document {
	return iampolicy.New(denyInsecureTransport(queueArn))
}

func denyInsecureTransport(queueArn string) iampolicy.Statement {
	return iampolicy.Statement{
		Sid: "DenyInsecureTransport", Effect: "Deny", Principal: map[string]any{"AWS": "*"},
		Action: []string{"sqs:*"}, Resource: []string{queueArn},
		Condition: map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
	}
}

// BufferPolicy lets exactly the ses-callback topic send to the buffer queue, over TLS.
func BufferPolicy(queueArn, topicArn string) iampolicy.Document {
	return iampolicy.New(
		iampolicy.Statement{
			Sid: "SesCallbackTopicSends", Effect: "Allow", Principal: map[string]any{"Service": "sns.amazonaws.com"},
			Action: []string{"sqs:SendMessage"}, Resource: []string{queueArn},
			Condition: map[string]any{"ArnEquals": map[string]any{"aws:SourceArn": topicArn}},
		},
		denyInsecureTransport(queueArn))
}

// subscribeBuffer subscribes ses-receipt-callback-buffer to ses-callback, raw (the Lambda
// reads SES's JSON as sent), once the queue policy lets the topic in.
func (q *Queues) subscribeBuffer(ctx *pulumi.Context, name string, args Args) error {
	buffer := q.Queues["ses-receipt-callback-buffer"]
	policy, err := sqs.NewQueuePolicy(ctx, name+"-ses-receipt-callback-buffer", &sqs.QueuePolicyArgs{
		QueueUrl: buffer.URL,
		Policy: iampolicy.Output(func(v []string) iampolicy.Document { return BufferPolicy(v[0], v[1]) },
			buffer.Arn, args.SesCallbackTopicArn),
	}, pulumi.Parent(q))
	if err != nil {
		return fmt.Errorf("queues buffer policy: %w", err)
	}
	if _, err := sns.NewTopicSubscription(ctx, name+"-ses-receipt-callback-buffer", &sns.TopicSubscriptionArgs{
		Topic:              args.SesCallbackTopicArn,
		Protocol:           pulumi.String("sqs"),
		Endpoint:           buffer.Arn,
		RawMessageDelivery: pulumi.Bool(true),
	}, pulumi.Parent(q), pulumi.DependsOn([]pulumi.Resource{policy})); err != nil {
		return fmt.Errorf("queues buffer subscription: %w", err)
	}
	return nil
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil { // maps of strings, numbers and slices: cannot fail
		panic(err)
	}
	return string(b)
}
