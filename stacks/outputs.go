package stacks

// Stack output names. Only the stack root exports outputs; tooling imports these constants
// instead of repeating the strings.
const (
	OutputEnvironment      = "environment"
	OutputAccountID        = "accountId"
	OutputRegion           = "region"
	OutputVpcID            = "vpcId"
	OutputPublicSubnetIDs  = "publicSubnetIds"
	OutputPrivateSubnetIDs = "privateSubnetIds"
	OutputK8sSubnetIDs     = "k8sSubnetIds"
	// What operators and the Helm charts reach for after a deployment.
	OutputClusterName                   = "clusterName"
	OutputClusterEndpoint               = "clusterEndpoint"
	OutputDatabaseProxyEndpoint         = "databaseProxyEndpoint"
	OutputDatabaseProxyReadOnlyEndpoint = "databaseProxyReadOnlyEndpoint"
	OutputLoadBalancerDNSName           = "loadBalancerDnsName"
	OutputZoneNameServers               = "zoneNameServers"
)
