package database

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/credential"
	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// proxy creates the RDS Proxy in front of the cluster: TLS required from clients, credentials
// read from Secrets Manager (the RDS-managed master secret and, when asked for, the
// application user's generated credential), a read-write default endpoint and a read-only endpoint on the readers.
func (d *Database) proxy(ctx *pulumi.Context, name string, args Args, cluster *rds.Cluster, instances []pulumi.Resource,
	sgs securityGroups, child []pulumi.ResourceOption) error {
	secretArns := []pulumi.StringInput{d.MasterSecretArn}
	auths := rds.ProxyAuthArray{proxyAuth("master user, managed by RDS", d.MasterSecretArn)}
	d.AppUserSecretArn = pulumi.String("").ToStringOutput()
	d.AppUserPassword = pulumi.ToSecret(pulumi.String("")).(pulumi.StringOutput)
	if args.AppUser != nil {
		app, err := credential.New(ctx, name+"-app-user", args.appUserCredential(d, name), child...)
		if err != nil {
			return fmt.Errorf("database app user: %w", err)
		}
		d.AppUserName = app.Username
		d.AppUserSecretArn = app.SecretArn
		d.AppUserPassword = app.Password
		secretArns = append(secretArns, app.SecretArn)
		auths = append(auths, proxyAuth("application user "+args.AppUser.Name, app.SecretArn))
	}

	physical := args.NamePrefix + "-database-proxy"
	role, err := iam.NewRole(ctx, name+"-proxy-role",
		iampolicy.ServiceRole(physical, "Lets the RDS Proxy read the database credentials", "rds.amazonaws.com"), child...)
	if err != nil {
		return fmt.Errorf("database proxy role: %w", err)
	}
	values := append([]pulumi.StringInput{args.KmsKeyArn}, secretArns...)
	policy, err := iam.NewRolePolicy(ctx, name+"-proxy-policy", &iam.RolePolicyArgs{
		Role:   role.ID(),
		Policy: iampolicy.Output(func(v []string) iampolicy.Document { return proxyPolicy(args.Region, v[0], v[1:]) }, values...),
	}, child...)
	if err != nil {
		return fmt.Errorf("database proxy policy: %w", err)
	}

	proxy, err := rds.NewProxy(ctx, name+"-proxy", &rds.ProxyArgs{
		Name:                pulumi.String(args.proxyName()),
		EngineFamily:        pulumi.String("POSTGRESQL"),
		RequireTls:          pulumi.Bool(true),
		RoleArn:             role.Arn,
		Auths:               auths,
		VpcSubnetIds:        args.SubnetIDs,
		VpcSecurityGroupIds: pulumi.StringArray{sgs.proxy.ID()},
		Tags:                tagging.Named(args.proxyName()),
	}, append([]pulumi.ResourceOption{pulumi.DependsOn([]pulumi.Resource{policy})}, child...)...)
	if err != nil {
		return fmt.Errorf("database proxy: %w", err)
	}
	d.ProxyEndpoint = proxy.Endpoint

	group, err := rds.NewProxyDefaultTargetGroup(ctx, name+"-proxy-target-group", &rds.ProxyDefaultTargetGroupArgs{
		DbProxyName: proxy.Name,
		ConnectionPoolConfig: rds.ProxyDefaultTargetGroupConnectionPoolConfigArgs{
			ConnectionBorrowTimeout:   pulumi.Int(120),
			MaxConnectionsPercent:     pulumi.Int(100),
			MaxIdleConnectionsPercent: pulumi.Int(50),
		},
	}, child...)
	if err != nil {
		return fmt.Errorf("database proxy target group: %w", err)
	}
	// The cluster registers once its instances exist; registering earlier leaves the target
	// unavailable until the proxy's next health check.
	if _, err := rds.NewProxyTarget(ctx, name+"-proxy-target", &rds.ProxyTargetArgs{
		DbProxyName:         proxy.Name,
		TargetGroupName:     group.Name,
		DbClusterIdentifier: cluster.ClusterIdentifier,
	}, append([]pulumi.ResourceOption{pulumi.DependsOn(instances)}, child...)...); err != nil {
		return fmt.Errorf("database proxy target: %w", err)
	}
	readOnly, err := rds.NewProxyEndpoint(ctx, name+"-proxy-read-only", &rds.ProxyEndpointArgs{
		DbProxyEndpointName: pulumi.String(args.readOnlyEndpointName()),
		DbProxyName:         proxy.Name,
		TargetRole:          pulumi.String("READ_ONLY"),
		VpcSubnetIds:        args.SubnetIDs,
		VpcSecurityGroupIds: pulumi.StringArray{sgs.proxy.ID()},
		Tags:                tagging.Named(args.readOnlyEndpointName()),
	}, child...)
	if err != nil {
		return fmt.Errorf("database proxy read-only endpoint: %w", err)
	}
	d.ProxyReadOnlyEndpoint = readOnly.Endpoint
	return nil
}

func proxyAuth(description string, secretArn pulumi.StringInput) rds.ProxyAuthArgs {
	return rds.ProxyAuthArgs{
		AuthScheme:             pulumi.String("SECRETS"),
		SecretArn:              secretArn,
		IamAuth:                pulumi.String("DISABLED"),
		ClientPasswordAuthType: pulumi.String("POSTGRES_SCRAM_SHA_256"),
		Description:            pulumi.String(description),
	}
}

// proxyPolicy lets the proxy read its credential secrets and decrypt them, only through
// Secrets Manager.
func proxyPolicy(region, keyArn string, secretArns []string) iampolicy.Document {
	decrypt := iampolicy.Allow([]string{"kms:Decrypt"}, keyArn)
	decrypt.Condition = map[string]any{"StringEquals": map[string]any{
		"kms:ViaService": "secretsmanager." + region + ".amazonaws.com",
	}}
	return iampolicy.New(iampolicy.Allow([]string{"secretsmanager:GetSecretValue"}, secretArns...), decrypt)
}

// appUserCredential is the application user's credential. Its secret and version were
// children of the database named <name>-app-user before the credential component existed;
// the aliases keep existing stacks from replacing them, and the ignored secret value keeps the
// password they already hold.
func (a Args) appUserCredential(parent pulumi.Resource, name string) credential.Args {
	return credential.Args{
		SecretName:  a.NamePrefix + "-database-app-user",
		Description: "Credentials of the application's PostgreSQL role " + a.AppUser.Name + ", read by the RDS Proxy",
		Username:    a.AppUser.Name,
		KmsKeyArn:   a.KmsKeyArn,
		Protect:     a.Protect,
		Previous:    &credential.Previous{Name: name + "-app-user", Parent: parent},
	}
}
