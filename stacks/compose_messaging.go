package stacks

import (
	"maps"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/cdn"
	"github.com/cds-snc/notification-pulumi/components/dns"
	"github.com/cds-snc/notification-pulumi/components/email"
	"github.com/cds-snc/notification-pulumi/components/functions"
	"github.com/cds-snc/notification-pulumi/components/network"
	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/components/registry"
	"github.com/cds-snc/notification-pulumi/components/secrets"
	"github.com/cds-snc/notification-pulumi/components/sms"
	"github.com/cds-snc/notification-pulumi/components/topics"
)

// Messaging is SMS, the Lambdas and email.
type Messaging struct {
	SMS       *sms.SMS
	Functions *functions.Functions
	Email     *email.Email
}

// composeMessaging builds SMS, the Lambdas and email: SMS's delivery log groups feed the
// callback Lambdas, and the receiving Lambda is the target of the SES receipt rule.
func composeMessaging(ctx *pulumi.Context, cfg Config, p Providers, place placement.Placement, core Core, net *network.Network,
	reg *registry.Registry, zone *dns.DNS) (Messaging, error) {
	primary := pulumi.Provider(p.Primary)
	var m Messaging
	var err error
	m.SMS, err = sms.New(ctx, "sms", sms.Args{
		Placement:                  place,
		MonthlySpendLimitUSD:       cfg.Budget.SMSMonthlySpendLimitUSD,
		UsageReportBucket:          core.Storage.SmsUsageLogsBucket.Name,
		SMSRegionUsageReportBucket: core.Storage.SmsUsageWest2LogsBucket.Name,
		LogRetentionDays:           cfg.LogRetentionDays,
		LogKmsKeyArn:               core.Keys.MainKeyArn, SMSRegionLogKmsKeyArn: core.Keys.SMSRegionKeyArn,
		ExistingDeliveryRoleArn: cfg.Existing.SNSDeliveryRoleArn,
		Protect:                 cfg.Protect(),
	}, primary)
	if err != nil {
		return m, err
	}
	m.Functions, err = composeFunctions(ctx, cfg, p, core, net, reg, m.SMS)
	if err != nil {
		return m, err
	}

	emailArgs := email.Args{
		Placement: place, Domain: cfg.Domain,
		CallbackTopicArn: core.Topics.SesCallbackTopicArn, ZoneID: zone.ZoneID, DNSProvider: p.DNS,
		CustomDomains: cfg.Email.CustomSendingDomains, Protect: cfg.Protect(),
		// Opportunistic TLS, as GC Notify sends today (no configuration set, SES's default):
		// notifications go to the public's mail servers, and requiring TLS would bounce every
		// message to a server without STARTTLS (docs/design.md).
		TLSPolicy:            "OPTIONAL",
		ReceivingFunctionArn: m.Functions.SESReceivingEmailsArn,
		OverwriteRecords:     cfg.Existing.DNSRecords,
	}
	if cfg.Existing.SESReceiptRuleSet != "" {
		emailArgs.ReceiptRuleSet, emailArgs.ReceiptRuleSetExists = cfg.Existing.SESReceiptRuleSet, true
	}
	m.Email, err = email.New(ctx, "email", emailArgs, primary)
	return m, err
}

// composeFunctions builds the Lambdas of the three regions, each from its region's registry.
func composeFunctions(ctx *pulumi.Context, cfg Config, p Providers, core Core, net *network.Network,
	reg *registry.Registry, texts *sms.SMS) (*functions.Functions, error) {
	// The primary region's functions are watched by the monitoring component (warning and
	// critical, on its dashboard); the functions component alarms only in the other regions.
	alarmTopic := func(region string) pulumi.StringInput {
		if t, ok := core.Topics.AlarmTopicArns[region]; ok && region != cfg.Regions.Primary {
			return t[topics.Warning]
		}
		return nil
	}
	region := func(name, role string, key pulumi.StringInput) functions.Region {
		r := functions.Region{Name: name, KmsKeyArn: key, RepositoryURLs: reg.URLs[name],
			AlarmTopicArn: alarmTopic(name)}
		if role == functions.RegionSMS {
			r.Provider = p.SMS
		}
		if role == functions.RegionEmail {
			r.Provider = p.Email
		}
		return r
	}
	receipts := pulumi.StringArray{core.Queues.DeliveryReceipts.Arn}
	primaryKeys := pulumi.StringArray{core.Keys.MainKeyArn}
	logGroups := func(source string) map[string]map[string]pulumi.StringInput {
		out := map[string]map[string]pulumi.StringInput{}
		for _, key := range slices.Sorted(maps.Keys(texts.LogGroups)) {
			g := texts.LogGroups[key]
			if g.Source != source {
				continue
			}
			role := functions.RegionPrimary
			if g.Region == cfg.Regions.SMS {
				role = functions.RegionSMS
			}
			if out[role] == nil {
				out[role] = map[string]pulumi.StringInput{}
			}
			out[role][key] = pulumi.String(g.Name)
		}
		return out
	}
	callback := func(source string) functions.Function {
		return functions.Function{
			Access:    functions.Access{SendQueueArns: receipts, KmsKeyArns: primaryKeys},
			LogGroups: logGroups(source),
		}
	}
	return functions.New(ctx, "functions", functions.Args{
		NamePrefix: cfg.Prefix(), AccountID: cfg.AccountID,
		Regions: map[string]functions.Region{
			functions.RegionPrimary: region(cfg.Regions.Primary, functions.RegionPrimary, core.Keys.MainKeyArn),
			functions.RegionSMS:     region(cfg.Regions.SMS, functions.RegionSMS, core.Keys.SMSRegionKeyArn),
			functions.RegionEmail:   region(cfg.Regions.Email, functions.RegionEmail, core.Keys.EmailRegionKeyArn),
		},
		ImageTags: cfg.lambdaImageTags(),
		Functions: map[string]functions.Function{
			"ses_to_sqs_email_callbacks": {TriggerQueueArn: core.Queues.SesReceiptCallbackBuffer.Arn,
				Access: functions.Access{SendQueueArns: receipts, KmsKeyArns: primaryKeys}},
			"sns_to_sqs_sms_callbacks":      callback("sns"),
			"pinpoint_to_sqs_sms_callbacks": callback("pinpoint"),
			"ses_receiving_emails": {Access: functions.Access{
				SendQueueArns: pulumi.StringArray{core.Queues.NotifyInternalTasks.Arn}, KmsKeyArns: primaryKeys}},
			"system_status": cfg.systemStatus(),
			// heartbeat makes no AWS call: it sends through the public API with an API key
			// (docs/design.md, "What the scheduled Lambdas need"). google-cidr's prefix list and
			// its rights on it come with the component.
		},
		Vpc:              functions.Vpc{ID: net.VpcID, SubnetIDs: net.PrivateSubnetIDs, CidrBlock: cfg.Network.VpcCidr},
		LogRetentionDays: cfg.LogRetentionDays,
		GooglePrefixList: functions.PrefixList{MaxEntries: cfg.GooglePrefixListMaxEntries},
	}, pulumi.Provider(p.Primary))
}

// systemStatus is what system_status needs: the URLs it times, the status site's bucket it
// writes response.json to (SSE-S3, no key), and the read-only database URI it queries, read from
// Secrets Manager at run time (the secret is encrypted with the main key, which every primary
// function may already decrypt with). The CDN and the secrets are composed after the functions,
// so their ARNs are derived from the names they are given. It reads no cache.
func (c Config) systemStatus() functions.Function {
	bucket := cdn.StatusBucketName(c.Prefix())
	return functions.Function{
		Environment: map[string]string{
			"system_status_api_url":                      "https://api." + c.Domain,
			"system_status_admin_url":                    "https://" + c.Domain,
			"system_status_bucket_name":                  bucket,
			"sqlalchemy_database_reader_uri_secret_name": secrets.SQLAlchemyDatabaseReaderURI,
		},
		Access: functions.Access{
			WriteBucketArns: pulumi.StringArray{pulumi.String("arn:aws:s3:::" + bucket)},
			// A secret's ARN ends in six random characters: ?????? matches exactly this secret.
			SecretArns: pulumi.StringArray{pulumi.Sprintf("arn:aws:secretsmanager:%s:%s:secret:%s-??????",
				c.Regions.Primary, c.AccountID, secrets.SQLAlchemyDatabaseReaderURI)},
		},
	}
}

// lambdaImageTags resolves the configured tags (a "default" plus per-function overrides) for
// every function of the catalogue.
func (c Config) lambdaImageTags() map[string]string {
	out := map[string]string{}
	for _, s := range functions.Catalog() {
		tag, ok := c.LambdaImageTags[s.Name]
		if !ok {
			tag = c.LambdaImageTags["default"]
		}
		out[s.Name] = tag
	}
	return out
}
