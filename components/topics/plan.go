package topics

import (
	"github.com/cds-snc/notification-pulumi/components/iampolicy"
)

// Severity is an alarm topic's level; the monitoring component sends each alarm to the topic of
// its severity in the alarm's region.
type Severity string

// The alarm severities.
const (
	OK       Severity = "ok"
	Warning  Severity = "warning"
	Critical Severity = "critical"
	// General carries budget alerts, RDS events and the primary backup vault's events; it
	// exists in the primary region only.
	General Severity = "general"
)

// Role says which region (and so which provider and key) a topic belongs to.
type Role string

// The regions the topics live in.
const (
	Primary Role = "primary"
	Email   Role = "email"
	SMS     Role = "sms"
)

// SesCallback is the topic SES publishes bounce, delivery and complaint notifications to.
const SesCallback = "ses-callback"

// Spec is the plan of one topic.
type Spec struct {
	// Name is the topic's physical name, which is also its key in maps and logical names.
	Name   string
	Role   Role
	Region string
	// Severity is set on alarm topics and empty on ses-callback.
	Severity Severity
	// Publishers are the services allowed to publish, with the ArnLike pattern of their
	// sources.
	Publishers []Publisher
}

// Publisher is a service allowed to publish to a topic.
type Publisher struct {
	Principal string
	SourceArn string
}

// Plan lists the topics, with the inventory's names: ses-callback and alert-<severity> in
// the primary region, alert-<severity>-<region> copies (ok, warning, critical) in the email
// and SMS regions.
func Plan(account, primary, email, sms string) []Spec {
	alarms := func(region string) Publisher {
		return Publisher{"cloudwatch.amazonaws.com", "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:*"}
	}
	specs := []Spec{{
		Name: SesCallback, Role: Primary, Region: primary,
		Publishers: []Publisher{{"ses.amazonaws.com", "arn:aws:ses:" + primary + ":" + account + ":*"}},
	}}
	for _, sev := range []Severity{OK, Warning, Critical} {
		specs = append(specs, Spec{Name: "alert-" + string(sev), Role: Primary, Region: primary, Severity: sev,
			Publishers: []Publisher{alarms(primary)}})
	}
	specs = append(specs, Spec{Name: "alert-" + string(General), Role: Primary, Region: primary, Severity: General,
		Publishers: []Publisher{
			alarms(primary),
			{"budgets.amazonaws.com", "arn:aws:budgets::" + account + ":*"},
			{"events.rds.amazonaws.com", "arn:aws:rds:" + primary + ":" + account + ":*"},
			{"backup.amazonaws.com", "arn:aws:backup:" + primary + ":" + account + ":backup-vault:*"},
		}})
	for _, r := range []struct {
		role   Role
		region string
	}{{Email, email}, {SMS, sms}} {
		for _, sev := range []Severity{OK, Warning, Critical} {
			specs = append(specs, Spec{Name: "alert-" + string(sev) + "-" + r.region, Role: r.role, Region: r.region,
				Severity: sev, Publishers: []Publisher{alarms(r.region)}})
		}
	}
	return specs
}

// Policy renders a topic's access policy: the listed services may publish from this account's
// resources, and nothing may publish without TLS. The account's own principals are governed by
// their IAM policies (same-account access needs no topic statement).
func Policy(s Spec, account, topicArn string) iampolicy.Document {
	var statements []iampolicy.Statement
	for _, p := range s.Publishers {
		statements = append(statements, iampolicy.Statement{
			Sid: "Publish" + sid(p.Principal), Effect: "Allow",
			Principal: map[string]any{"Service": p.Principal},
			Action:    []string{"sns:Publish"},
			Resource:  []string{topicArn},
			Condition: map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": account},
				"ArnLike":      map[string]any{"aws:SourceArn": p.SourceArn},
			},
		})
	}
	statements = append(statements, iampolicy.Statement{
		Sid: "DenyInsecureTransport", Effect: "Deny",
		Principal: map[string]any{"AWS": "*"},
		Action:    []string{"sns:Publish"},
		Resource:  []string{topicArn},
		Condition: map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
	})
	return iampolicy.New(statements...)
}

func sid(principal string) string {
	switch principal {
	case "cloudwatch.amazonaws.com":
		return "CloudWatchAlarms"
	case "ses.amazonaws.com":
		return "SesNotifications"
	case "budgets.amazonaws.com":
		return "Budgets"
	case "events.rds.amazonaws.com":
		return "RdsEvents"
	case "backup.amazonaws.com":
		return "BackupVaultEvents"
	}
	return "Service"
}
