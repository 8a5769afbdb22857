package functions

import "sort"

// Region roles: which of the environment's regions a function runs in. The composition maps
// each role to a real region (stacks Config.Regions) in Args.Regions.
const (
	RegionPrimary = "primary" // ca-central-1: everything by default
	RegionSMS     = "sms"     // us-west-2: SNS/Pinpoint SMS delivery logs
	RegionEmail   = "email"   // us-east-1: SES receiving
)

// Trigger is what invokes a function.
type Trigger string

// Triggers.
const (
	// TriggerSchedule is an EventBridge schedule (Spec.Schedule).
	TriggerSchedule Trigger = "schedule"
	// TriggerQueue is an SQS event source mapping on Function.TriggerQueueArn.
	TriggerQueue Trigger = "queue"
	// TriggerLogs is a CloudWatch Logs subscription on each of Function.LogGroups.
	TriggerLogs Trigger = "logs"
	// TriggerSES is an SES receipt rule; its lambda.Permission belongs to the email component,
	// which owns the rule set, so this component only exports the function's ARN.
	TriggerSES Trigger = "ses"
)

// Unreserved means a function draws from the account's unreserved concurrency.
const Unreserved = -1

// Spec describes one container-image Lambda of the estate. Specs are data: one generic builder
// turns each into resources.
type Spec struct {
	// Name is the function name (also /aws/lambda/<Name> and the key of Args maps).
	Name string
	// Repository is the ECR repository of its image, in each region it runs in.
	Repository string
	// Regions are the region roles it runs in.
	Regions []string
	// Trigger is what invokes it; Schedule is the EventBridge expression of TriggerSchedule.
	Trigger  Trigger
	Schedule string
	// VPC runs it in the VPC's private subnets with its own security group.
	VPC bool
	// PrefixList says it rewrites the component's managed prefix list of Google's CIDRs: it
	// gets the list's id as PREFIX_LIST_ID and may read and modify that list only.
	PrefixList bool
	// ReservedConcurrency caps concurrent runs (Unreserved for none). Scheduled jobs get 1 so
	// a slow run never overlaps the next one's side effects.
	ReservedConcurrency int
	// Description says what it does.
	Description string
}

// Memory and timeout of every function (the inventory's 1024 MB, 60 s).
const (
	MemoryMB       = 1024
	TimeoutSeconds = 60
)

// Catalog is the estate's Lambdas, sorted by name.
func Catalog() []Spec {
	specs := []Spec{
		{Name: "heartbeat", Repository: "notify/heartbeat", Regions: []string{RegionPrimary},
			Trigger: TriggerSchedule, Schedule: "rate(1 minute)", ReservedConcurrency: 1,
			Description: "Sends a notification through the API every minute so an outage pages someone"},
		{Name: "google-cidr", Repository: "notify/google-cidr", Regions: []string{RegionPrimary},
			Trigger: TriggerSchedule, Schedule: "rate(1 day)", ReservedConcurrency: 1, PrefixList: true,
			Description: "Refreshes the managed prefix list of Google service CIDRs"},
		{Name: "ses_to_sqs_email_callbacks", Repository: "notify/ses_to_sqs_email_callbacks", Regions: []string{RegionPrimary},
			Trigger: TriggerQueue, ReservedConcurrency: Unreserved,
			Description: "Moves SES delivery, bounce and complaint events to the delivery-receipts queue"},
		{Name: "sns_to_sqs_sms_callbacks", Repository: "notify/sns_to_sqs_sms_callbacks", Regions: []string{RegionPrimary, RegionSMS},
			Trigger: TriggerLogs, ReservedConcurrency: Unreserved,
			Description: "Moves SNS SMS delivery receipts from CloudWatch Logs to the delivery-receipts queue"},
		{Name: "pinpoint_to_sqs_sms_callbacks", Repository: "notify/pinpoint_to_sqs_sms_callbacks", Regions: []string{RegionPrimary, RegionSMS},
			Trigger: TriggerLogs, ReservedConcurrency: Unreserved,
			Description: "Moves Pinpoint SMS delivery receipts from CloudWatch Logs to the delivery-receipts queue"},
		{Name: "ses_receiving_emails", Repository: "notify/ses_receiving_emails", Regions: []string{RegionEmail},
			Trigger: TriggerSES, ReservedConcurrency: Unreserved,
			Description: "Turns emails received by SES into tasks on the notify-internal-tasks queue"},
		{Name: "system_status", Repository: "notify/system_status", Regions: []string{RegionPrimary},
			Trigger: TriggerSchedule, Schedule: "rate(5 minutes)", VPC: true, ReservedConcurrency: 1,
			Description: "Checks the API, admin and database and publishes the status page's data"},
	}
	sort.Slice(specs, func(i, j int) bool { return specs[i].Name < specs[j].Name })
	return specs
}

// RequiredRepositories lists, per region role, the repositories the catalog's images must be
// in: the composition adds them to the registry's regions so a function never points at a
// repository of another region.
func RequiredRepositories() map[string][]string {
	out := map[string][]string{}
	for _, s := range Catalog() {
		for _, r := range s.Regions {
			out[r] = append(out[r], s.Repository)
		}
	}
	for _, names := range out {
		sort.Strings(names)
	}
	return out
}
