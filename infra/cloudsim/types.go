package cloudsim

import "github.com/cds-snc/notification-pulumi/infra/awsmodel"

// What the simulation reads of AWS's model (infra/awsmodel), under the short names its rules use.

// nameProp is the property holding a type's AWS name ("" when none).
func nameProp(typ string) string { return awsmodel.NameProp(typ) }

// kind is a type token's last part: "aws:sqs/queue:Queue" -> "Queue".
func kind(typ string) string { return awsmodel.Kind(typ) }

// service is the service name a type's ARNs use.
func service(typ string) string { return awsmodel.Service(typ) }

// zones are a region's availability zones.
func zones(region string) []string { return awsmodel.Zones(region) }

// zoneID maps an availability zone to its id (ca-central-1a -> cac1-az1).
func zoneID(az string) string { return awsmodel.ZoneID(az) }

// hashHex, hashDigits and hashNum derive stable hex, digits and numbers from a seed.
func hashHex(s string, n int) string { return awsmodel.HashHex(s, n) }

func hashDigits(seed string, n int) string { return awsmodel.HashDigits(seed, n) }

func hashNum(s string) uint32 { return awsmodel.HashNum(s) }
