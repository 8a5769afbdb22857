// Package queues is GC Notify's SQS queues: every Celery queue the application reads (those
// Terraform creates today and those the application creates at run time), the delivery-receipt
// queues of the primary and SMS regions, and ses-receipt-callback-buffer subscribed to the
// ses-callback topic. Names follow the application's quirky rule (see QueueName).
//
// Encryption: SSE-KMS with the region's customer-managed key rather than SQS-managed SSE. The
// key policy then decides, next to IAM, who can read messages (notification content and
// recipients), every decrypt is in CloudTrail, and it is what the Terraform code moved to.
// Producers and consumers in the account use the key through SQS (the keys component's
// kms:ViaService sqs statement plus their IAM policies); SNS, which delivers ses-callback into
// the buffer, is trusted by the main key's sns.amazonaws.com statement.
package queues

import (
	"cmp"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
	"github.com/cds-snc/notification-pulumi/components/placement"
)

// MaxMessageSizeLimit is the largest maxMessageSize pulumi-aws v6.83.4 accepts.
const MaxMessageSizeLimit = 262144

// Args configures the queues.
type Args struct {
	// Prefix is the application's NOTIFICATION_QUEUE_PREFIX. Default DefaultPrefix.
	Prefix string
	// Placement is the environment's account and regions (see placement.Placement for the
	// defaults). The queues use AccountID (dead-letter redrive permissions name queue ARNs),
	// Region, and SMSRegion with SMSProvider, home of the US delivery-receipts queue.
	// Required: AccountID and SMSProvider.
	placement.Placement
	// MainKeyArn and SMSRegionKeyArn encrypt each region's queues (the keys component's
	// outputs). Required.
	MainKeyArn      pulumi.StringInput
	SMSRegionKeyArn pulumi.StringInput
	// SesCallbackTopicArn is the topic the buffer queue subscribes to
	// (topics.SesCallbackTopicArn). Required.
	SesCallbackTopicArn pulumi.StringInput
	// MaxMessageSize is every queue's message size limit in bytes, 1024 to 262144.
	// Default 262144. Gap: notify-internal-tasks and delivery-receipts take 1 MiB messages
	// today (SQS has allowed 1 MiB since 2025), but pulumi-aws v6.83.4 validates
	// maxMessageSize up to 262144 only; raise it after a provider upgrade.
	MaxMessageSize int
	// KmsDataKeyReuseSeconds is how long SQS reuses a data key before calling KMS again,
	// 60 to 86400. Default 300 (SQS's default).
	KmsDataKeyReuseSeconds int
	// MaxReceiveCount is how many receives move a message to its dead-letter queue, 1 to 1000.
	// Default 5.
	MaxReceiveCount int
}

// Queue is one queue's name and outputs.
type Queue struct {
	Name string
	// Class says how long a message may wait (DeadLetter for a dead-letter queue).
	Class Class
	URL   pulumi.StringOutput
	Arn   pulumi.StringOutput
}

// Queues are the queues.
type Queues struct {
	pulumi.ResourceState

	// Queues are every queue by the application's queue name (Spec.Queue), e.g.
	// "send-sms-high", "priority-database-tasks.fifo".
	Queues map[string]Queue
	// DeadLetterQueues are the dead-letter queues by the same key as their source queue.
	DeadLetterQueues map[string]Queue
	// The queues the Lambdas and alarms consume.
	DeliveryReceipts         Queue
	UsDeliveryReceipts       Queue
	SesReceiptCallbackBuffer Queue
	NotifyInternalTasks      Queue
}

func (a Args) withDefaults() Args {
	a.Prefix = cmp.Or(a.Prefix, DefaultPrefix)
	a.Placement = a.Placement.WithDefaults()
	a.MaxMessageSize = cmp.Or(a.MaxMessageSize, MaxMessageSizeLimit)
	a.KmsDataKeyReuseSeconds = cmp.Or(a.KmsDataKeyReuseSeconds, 300)
	a.MaxReceiveCount = cmp.Or(a.MaxReceiveCount, 5)
	return a
}

func (a Args) validate() error {
	found := problems.New("queues")
	for _, err := range CheckNames(Plan(a.Prefix)) {
		found.Addf("Prefix %q: %w", a.Prefix, err)
	}
	a.Placement.Check(found, placement.Uses{SMS: true})
	for _, in := range []struct {
		field string
		v     pulumi.StringInput
		want  string
	}{{"MainKeyArn", a.MainKeyArn, "the keys component's MainKeyArn"},
		{"SMSRegionKeyArn", a.SMSRegionKeyArn, "the keys component's SMSRegionKeyArn"},
		{"SesCallbackTopicArn", a.SesCallbackTopicArn, "the topics component's SesCallbackTopicArn"}} {
		if in.v == nil {
			found.Addf("%s: got nil, want %s", in.field, in.want)
		}
	}
	if a.MaxMessageSize < 1024 || a.MaxMessageSize > MaxMessageSizeLimit {
		found.Addf("MaxMessageSize: got %d, want 1024 to %d (the provider's limit)", a.MaxMessageSize, MaxMessageSizeLimit)
	}
	if a.KmsDataKeyReuseSeconds < 60 || a.KmsDataKeyReuseSeconds > 86400 {
		found.Addf("KmsDataKeyReuseSeconds: got %d, want 60 to 86400", a.KmsDataKeyReuseSeconds)
	}
	if a.MaxReceiveCount < 1 || a.MaxReceiveCount > 1000 {
		found.Addf("MaxReceiveCount: got %d, want 1 to 1000", a.MaxReceiveCount)
	}
	return found.Err()
}

// New creates the queues. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*Queues, error) {
	args = args.withDefaults()
	q := &Queues{Queues: map[string]Queue{}, DeadLetterQueues: map[string]Queue{}}
	if _, err := component.Register(ctx, "gcnotify:queues:Queues", name, q, args.validate, opts...); err != nil {
		return nil, err
	}
	for _, spec := range Plan(args.Prefix) {
		if err := q.queue(ctx, name, args, spec); err != nil {
			return nil, fmt.Errorf("queues %s: %w", spec.Queue, err)
		}
	}
	if err := q.subscribeBuffer(ctx, name, args); err != nil {
		return nil, err
	}
	q.DeliveryReceipts, q.UsDeliveryReceipts = q.Queues["delivery-receipts"], q.Queues["usdelivery-receipts"]
	q.SesReceiptCallbackBuffer, q.NotifyInternalTasks = q.Queues["ses-receipt-callback-buffer"], q.Queues["notify-internal-tasks"]
	urls := pulumi.StringMap{}
	for key, queue := range q.Queues {
		urls[key] = queue.URL
	}
	return q, ctx.RegisterResourceOutputs(q, pulumi.Map{"queueUrls": urls})
}
