package stacks

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/athena"
	"github.com/cds-snc/notification-pulumi/components/backup"
	"github.com/cds-snc/notification-pulumi/components/cache"
	"github.com/cds-snc/notification-pulumi/components/cdn"
	"github.com/cds-snc/notification-pulumi/components/ciidentity"
	"github.com/cds-snc/notification-pulumi/components/clientvpn"
	"github.com/cds-snc/notification-pulumi/components/cluster"
	"github.com/cds-snc/notification-pulumi/components/database"
	"github.com/cds-snc/notification-pulumi/components/databasetools"
	"github.com/cds-snc/notification-pulumi/components/dns"
	"github.com/cds-snc/notification-pulumi/components/email"
	"github.com/cds-snc/notification-pulumi/components/functions"
	"github.com/cds-snc/notification-pulumi/components/keys"
	"github.com/cds-snc/notification-pulumi/components/loadbalancer"
	"github.com/cds-snc/notification-pulumi/components/monitoring"
	"github.com/cds-snc/notification-pulumi/components/network"
	"github.com/cds-snc/notification-pulumi/components/queues"
	"github.com/cds-snc/notification-pulumi/components/registry"
	"github.com/cds-snc/notification-pulumi/components/reviewapps"
	"github.com/cds-snc/notification-pulumi/components/secrets"
	"github.com/cds-snc/notification-pulumi/components/sms"
	"github.com/cds-snc/notification-pulumi/components/storage"
	"github.com/cds-snc/notification-pulumi/components/topics"
	"github.com/cds-snc/notification-pulumi/components/waf"
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

// Environment is one composed environment: its providers and components, wired through their
// typed outputs.
type Environment struct {
	Config    Config
	Providers Providers
	Network   *network.Network
	Keys      *keys.Keys
	Topics    *topics.Topics
	Storage   *storage.Storage
	Queues    *queues.Queues
	Registry  *registry.Registry
	Cluster   *cluster.Cluster
	Database  *database.Database
	Cache     *cache.Cache
	Backup    *backup.Backup
	DNS       *dns.DNS
	SMS       *sms.SMS
	Functions *functions.Functions
	Email     *email.Email
	CI        *ciidentity.CIIdentity
	Secrets   *secrets.Secrets

	LoadBalancer *loadbalancer.LoadBalancer
	WAF          *waf.WAF
	CDN          *cdn.CDN
	Monitoring   *monitoring.Monitoring

	// ClientVPN, DatabaseTools and ReviewApps are nil where the configuration turns them off.
	ClientVPN     *clientvpn.ClientVPN
	DatabaseTools *databasetools.DatabaseTools
	ReviewApps    *reviewapps.ReviewApps
	Athena        *athena.Athena
}

// ClusterName is the EKS cluster's name; the network tags subnets with it before the cluster
// exists, so it is derived from the configuration rather than read from the cluster.
func (c Config) ClusterName() string { return c.Prefix() + "-eks-cluster" }

// Compose builds the environment's resources from a validated configuration.
func Compose(ctx *pulumi.Context, cfg Config) (*Environment, error) {
	env := &Environment{Config: cfg}
	var err error
	if env.Providers, err = NewProviders(ctx, cfg); err != nil {
		return nil, err
	}
	primary := pulumi.Provider(env.Providers.Primary)
	if err := env.composeCore(ctx); err != nil {
		return nil, err
	}

	env.Network, err = network.New(ctx, "network", network.Args{
		NamePrefix:        cfg.Prefix(),
		Region:            cfg.Regions.Primary,
		AccountID:         cfg.AccountID,
		CidrBlock:         cfg.Network.VpcCidr,
		AvailabilityZones: cfg.Network.AvailabilityZones,
		ClusterName:       cfg.ClusterName(),
		LogRetentionDays:  cfg.LogRetentionDays,
		LogKmsKeyArn:      env.Keys.MainKeyArn,
	}, primary)
	if err != nil {
		return nil, err
	}
	for _, step := range []func(*pulumi.Context) error{
		// Messaging (with the functions) comes before the data stores, which admit the VPC
		// functions' security group; this is the order of the Go values, not of deployment.
		env.composeCompute, env.composeDNS, env.composeMessaging, env.composeTools, env.composeDataStores,
		env.composeEdge, env.composeSecrets, env.composeAthena, env.composeOperations,
	} {
		if err := step(ctx); err != nil {
			return nil, err
		}
	}

	ctx.Export(OutputEnvironment, pulumi.String(cfg.Environment))
	ctx.Export(OutputAccountID, pulumi.String(cfg.AccountID))
	ctx.Export(OutputRegion, pulumi.String(cfg.Regions.Primary))
	ctx.Export(OutputVpcID, env.Network.VpcID)
	ctx.Export(OutputPublicSubnetIDs, env.Network.PublicSubnetIDs)
	ctx.Export(OutputPrivateSubnetIDs, env.Network.PrivateSubnetIDs)
	ctx.Export(OutputK8sSubnetIDs, env.Network.K8sSubnetIDs)
	ctx.Export(OutputClusterName, env.Cluster.ClusterName)
	ctx.Export(OutputClusterEndpoint, env.Cluster.Endpoint)
	ctx.Export(OutputDatabaseProxyEndpoint, env.Database.ProxyEndpoint)
	ctx.Export(OutputDatabaseProxyReadOnlyEndpoint, env.Database.ProxyReadOnlyEndpoint)
	ctx.Export(OutputLoadBalancerDNSName, env.LoadBalancer.DNSName)
	ctx.Export(OutputZoneNameServers, env.DNS.NameServers)
	return env, nil
}
