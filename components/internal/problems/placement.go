package problems

import (
	"regexp"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
)

// placementRegion is the shape of a standard or GovCloud region's name, such as ca-central-1.
var placementRegion = regexp.MustCompile(`^[a-z]{2}(-gov)?-[a-z]+-[0-9]$`)

// Placement checks where a regional component goes: namePrefix set, accountID a 12-digit AWS
// account id and region an AWS region's name.
func (l *List) Placement(namePrefix, accountID, region string) {
	if namePrefix == "" {
		l.Addf("NamePrefix: got \"\", want the environment's prefix")
	}
	if !awsrule.AccountID.MatchString(accountID) {
		l.Addf("AccountID: got %q, want a 12-digit AWS account id", accountID)
	}
	if !placementRegion.MatchString(region) {
		l.Addf("Region: got %q, want an AWS region such as ca-central-1", region)
	}
}
