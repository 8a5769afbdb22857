package problems

import "github.com/cds-snc/notification-pulumi/components/awsrule"

// LogRetention records "LogRetentionDays: got <days>, want <the values CloudWatch Logs
// accepts>" when days is not one of them: every component that writes logs takes the same
// field and checks it by the same rule.
func (l *List) LogRetention(days int) {
	if !awsrule.ValidLogRetention(days) {
		l.Bad("LogRetentionDays", days, awsrule.LogRetentionRule)
	}
}
