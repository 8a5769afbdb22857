package pulumimock

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Computed outputs of the data-store components' resources in AWS's formats: Aurora cluster
// endpoints and its RDS-managed master secret, RDS Proxy endpoints, and ElastiCache replication
// group endpoints. A type another file already answers is left to that file.
func init() {
	c2Outputs := map[string]OutputFunc{
		"aws:rds/cluster:Cluster":                           c2ClusterOutputs,
		"aws:rds/proxy:Proxy":                               c2ProxyOutputs,
		"aws:rds/proxyEndpoint:ProxyEndpoint":               c2ProxyEndpointOutputs,
		"aws:elasticache/replicationGroup:ReplicationGroup": c2ReplicationGroupOutputs,
	}
	for typ, f := range c2Outputs {
		if _, taken := defaultOutputs[typ]; !taken {
			defaultOutputs[typ] = f
		}
	}
}

// c2Input returns a string input or, when absent, the logical name.
func c2Input(r Resource, key string) string {
	if s := r.String(key); s != "" {
		return s
	}
	return r.Name
}

func c2ClusterOutputs(r Resource, region, account string) resource.PropertyMap {
	id := c2Input(r, "clusterIdentifier")
	out := resource.PropertyMap{
		"arn":               resource.NewStringProperty(fmt.Sprintf("arn:aws:rds:%s:%s:cluster:%s", region, account, id)),
		"clusterIdentifier": resource.NewStringProperty(id),
		"endpoint":          resource.NewStringProperty(fmt.Sprintf("%s.cluster-c2mock.%s.rds.amazonaws.com", id, region)),
		"readerEndpoint":    resource.NewStringProperty(fmt.Sprintf("%s.cluster-ro-c2mock.%s.rds.amazonaws.com", id, region)),
	}
	if managed, _ := r.Input("manageMasterUserPassword").(bool); managed {
		out["masterUserSecrets"] = resource.NewArrayProperty([]resource.PropertyValue{
			resource.NewObjectProperty(resource.PropertyMap{
				"secretArn": resource.NewStringProperty(fmt.Sprintf(
					"arn:aws:secretsmanager:%s:%s:secret:rds!cluster-%s-c2mock", region, account, id)),
				"kmsKeyId":     resource.NewStringProperty(r.String("masterUserSecretKmsKeyId")),
				"secretStatus": resource.NewStringProperty("active"),
			}),
		})
	}
	return out
}

func c2ProxyOutputs(r Resource, region, account string) resource.PropertyMap {
	name := c2Input(r, "name")
	return resource.PropertyMap{
		"arn":      resource.NewStringProperty(fmt.Sprintf("arn:aws:rds:%s:%s:db-proxy:prx-%s", region, account, name)),
		"endpoint": resource.NewStringProperty(fmt.Sprintf("%s.proxy-c2mock.%s.rds.amazonaws.com", name, region)),
	}
}

func c2ProxyEndpointOutputs(r Resource, region, account string) resource.PropertyMap {
	name := c2Input(r, "dbProxyEndpointName")
	return resource.PropertyMap{
		"arn":      resource.NewStringProperty(fmt.Sprintf("arn:aws:rds:%s:%s:db-proxy-endpoint:prx-endpoint-%s", region, account, name)),
		"endpoint": resource.NewStringProperty(fmt.Sprintf("%s.endpoint.proxy-c2mock.%s.rds.amazonaws.com", name, region)),
	}
}

func c2ReplicationGroupOutputs(r Resource, region, account string) resource.PropertyMap {
	id := c2Input(r, "replicationGroupId")
	return resource.PropertyMap{
		"arn":                    resource.NewStringProperty(fmt.Sprintf("arn:aws:elasticache:%s:%s:replicationgroup:%s", region, account, id)),
		"primaryEndpointAddress": resource.NewStringProperty(fmt.Sprintf("master.%s.c2mock.%s.cache.amazonaws.com", id, region)),
		"readerEndpointAddress":  resource.NewStringProperty(fmt.Sprintf("replica.%s.c2mock.%s.cache.amazonaws.com", id, region)),
	}
}
