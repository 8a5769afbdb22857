package problems

import (
	"github.com/cds-snc/notification-pulumi/components/awsrule"
)

// Placement checks where a regional component goes: namePrefix set, accountID a 12-digit AWS
// account id and region an AWS region's name.
func (l *List) Placement(namePrefix, accountID, region string) {
	if namePrefix == "" {
		l.Addf("NamePrefix: got \"\", want the environment's prefix")
	}
	if !awsrule.AccountID.MatchString(accountID) {
		l.Addf("AccountID: got %q, want a 12-digit AWS account id", accountID)
	}
	if !awsrule.SimpleRegion.MatchString(region) {
		l.Addf("Region: got %q, want an AWS region such as ca-central-1", region)
	}
}
