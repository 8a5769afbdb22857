package stacks

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/athena"
	"github.com/cds-snc/notification-pulumi/components/dns"
	"github.com/cds-snc/notification-pulumi/components/monitoring"
	"github.com/cds-snc/notification-pulumi/components/network"
	"github.com/cds-snc/notification-pulumi/components/secrets"
)

// Program is the Pulumi program of every GC Notify stack: load the configuration, then compose.
func Program(ctx *pulumi.Context) error {
	cfg, err := LoadFromContext(ctx)
	if err != nil {
		return fmt.Errorf("configuration of stack %s:\n%w", ctx.Stack(), err)
	}
	_, err = Compose(ctx, cfg)
	return err
}

// LoadFromContext loads the configuration from the running program's Pulumi config.
func LoadFromContext(ctx *pulumi.Context) (Config, error) {
	get := func(key string) (string, bool) { return ctx.GetConfig(Namespace + ":" + key) }
	return Load(ctx.Stack(), get, presentKeys())
}

// presentKeys lists the project's keys the engine passed to the program (PULUMI_CONFIG is how
// the language host hands configuration over), so a misspelt key is reported, not ignored.
func presentKeys() []string {
	var all map[string]any
	if err := json.Unmarshal([]byte(os.Getenv(pulumi.EnvConfig)), &all); err != nil {
		return nil
	}
	var keys []string
	for k := range all {
		if rest, ok := strings.CutPrefix(k, Namespace+":"); ok {
			keys = append(keys, rest)
		}
	}
	return keys
}

// Environment is one composed environment: what each step of Compose returned.
type Environment struct {
	Config     Config
	Providers  Providers
	Core       Core
	Network    *network.Network
	Compute    Compute
	DNS        *dns.DNS
	Messaging  Messaging
	Tools      Tools
	Data       Data
	Edge       Edge
	Secrets    *secrets.Secrets
	Athena     *athena.Athena
	Monitoring *monitoring.Monitoring
}

// ClusterName is the EKS cluster's name; the network tags subnets with it before the cluster
// exists, so it is derived from the configuration rather than read from the cluster.
func (c Config) ClusterName() string { return c.Prefix() + "-eks-cluster" }

// Compose builds the environment's resources from a validated configuration. Each step takes
// what it needs and returns typed results, so a step that needs another's output can only be
// called after it. The order is that of the Go values, not of deployment (the engine follows
// dependencies): the data stores come after the functions, the tools and the cluster because
// they admit those security groups.
func Compose(ctx *pulumi.Context, cfg Config) (*Environment, error) {
	p, err := NewProviders(ctx, cfg)
	if err != nil {
		return nil, err
	}
	place := Placement(cfg, p)
	core, err := composeCore(ctx, cfg, p, place)
	if err != nil {
		return nil, err
	}
	net, err := composeNetwork(ctx, cfg, p, place, core.Keys)
	if err != nil {
		return nil, err
	}
	compute, err := composeCompute(ctx, cfg, p, place, core, net)
	if err != nil {
		return nil, err
	}
	zone, err := composeDNS(ctx, cfg, p, net)
	if err != nil {
		return nil, err
	}
	messaging, err := composeMessaging(ctx, cfg, p, place, core, net, compute.Registry, zone)
	if err != nil {
		return nil, err
	}
	tools, err := composeTools(ctx, cfg, p, place, core, net, compute, zone)
	if err != nil {
		return nil, err
	}
	data, err := composeData(ctx, cfg, p, core, net, compute.Cluster, messaging.Functions, tools)
	if err != nil {
		return nil, err
	}
	edge, err := composeEdge(ctx, cfg, p, core, net, compute.Cluster, zone)
	if err != nil {
		return nil, err
	}
	appSecrets, err := composeSecrets(ctx, cfg, p, core.Keys, data, edge.LoadBalancer)
	if err != nil {
		return nil, err
	}
	queries, err := composeAthena(ctx, cfg, p, place, core)
	if err != nil {
		return nil, err
	}
	ops, err := composeOperations(ctx, cfg, p, core, data, edge.LoadBalancer)
	if err != nil {
		return nil, err
	}

	ctx.Export(OutputEnvironment, pulumi.String(cfg.Environment))
	ctx.Export(OutputAccountID, pulumi.String(cfg.AccountID))
	ctx.Export(OutputRegion, pulumi.String(cfg.Regions.Primary))
	ctx.Export(OutputVpcID, net.VpcID)
	ctx.Export(OutputPublicSubnetIDs, net.PublicSubnetIDs)
	ctx.Export(OutputPrivateSubnetIDs, net.PrivateSubnetIDs)
	ctx.Export(OutputK8sSubnetIDs, net.K8sSubnetIDs)
	ctx.Export(OutputClusterName, compute.Cluster.ClusterName)
	ctx.Export(OutputClusterEndpoint, compute.Cluster.Endpoint)
	ctx.Export(OutputDatabaseProxyEndpoint, data.Database.ProxyEndpoint)
	ctx.Export(OutputDatabaseProxyReadOnlyEndpoint, data.Database.ProxyReadOnlyEndpoint)
	ctx.Export(OutputLoadBalancerDNSName, edge.LoadBalancer.DNSName)
	ctx.Export(OutputZoneNameServers, zone.NameServers)
	return &Environment{
		Config: cfg, Providers: p, Core: core, Network: net, Compute: compute, DNS: zone,
		Messaging: messaging, Tools: tools, Data: data, Edge: edge, Secrets: appSecrets,
		Athena: queries, Monitoring: ops,
	}, nil
}
