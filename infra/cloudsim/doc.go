// Package cloudsim is a SIMULATED cloud for rehearsals: it is never AWS and never talks to AWS.
//
// It serves two gRPC resource providers, "aws" and "awsx", that the real Pulumi engine uses in
// place of the real plugins (through PULUMI_DEBUG_PROVIDERS, see Sim.Env), so the real GC Notify
// program can be previewed, deployed, updated, refreshed and destroyed with no AWS account and
// no credentials. Nothing it returns exists anywhere: every identifier, ARN, endpoint and DNS name
// is invented, though in AWS's real formats (ARNs with partition aws and the provider's region
// and account, queue URLs, RDS and ElastiCache endpoints, EKS OIDC issuers, DKIM tokens, ...), so
// the program's own string handling is exercised faithfully.
//
// The simulation has four parts:
//   - a generic engine that accepts every aws resource type: outputs are the inputs plus an id
//     in AWS's style (vpc-<17 hex>, sg-..., or the name where AWS uses the name), an arn, tagsAll
//     and an auto-generated name where the program leaves it empty (outputs.go, names.go);
//   - the computed outputs, ids and ARNs of each type, from the model of AWS shared with the
//     unit-test mocks and render (infra/awsmodel, one file per service), and a table of the
//     data sources (invokes) the program calls, answered from the simulated state (invoke.go);
//   - the awsx:ec2:Vpc component, built from real aws child resources registered through the
//     engine, as the real awsx provider does (vpc.go);
//   - a latency model from published AWS creation times, scaled by Options.LatencyFactor, fault
//     injection, a record of every call, and state kept in memory and optionally in a JSON file
//     so separate processes see the same simulated cloud (latency.go, faults.go, state.go).
package cloudsim
