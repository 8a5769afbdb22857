// Package awsmodel is the one model of AWS's behaviour the repository tests against: the
// computed outputs, ids and ARNs AWS returns for each resource type, in AWS's formats, and the
// answers of the data sources the program reads. It is organised by AWS service (one file
// each: ec2.go, iam.go, s3.go, rds.go, ...).
//
// Three consumers share it: the unit-test mocks (internal/pulumimock), the offline renderer
// (infra/render) and the simulated cloud (infra/cloudsim). It is production code: it never
// imports testing. Each consumer decides only what is its own: the simulated cloud keeps state
// and gives random-looking ids; the mocks give predictable ids ("<logical name>-id").
package awsmodel
