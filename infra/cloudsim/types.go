package cloudsim

import "github.com/cds-snc/notification-pulumi/infra/awsmodel"

// What the simulation reads of AWS's model (infra/awsmodel) under the short names its rules use.
var (
	// nameProp is the property holding a type's AWS name ("" when none).
	nameProp = awsmodel.NameProp
	// kind is a type token's last part: "aws:sqs/queue:Queue" -> "Queue".
	kind = awsmodel.Kind
	// service is the service name a type's ARNs use.
	service = awsmodel.Service
	// zones are a region's availability zones; zoneID maps one to its id (cac1-az1).
	zones  = awsmodel.Zones
	zoneID = awsmodel.ZoneID
	// hashHex, hashDigits and hashNum derive stable hex, digits and numbers from a seed.
	hashHex    = awsmodel.HashHex
	hashDigits = awsmodel.HashDigits
	hashNum    = awsmodel.HashNum
)
