package database

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// proxy creates the RDS Proxy in front of the cluster: TLS required from clients, credentials
// read from Secrets Manager (the RDS-managed master secret and, when given, the application
// user's secret), a read-write default endpoint and a read-only endpoint on the readers.
func (d *Database) proxy(ctx *pulumi.Context, name string, args Args, cluster *rds.Cluster, instances []pulumi.Resource,
	sgs securityGroups, child []pulumi.ResourceOption) error {
	secretArns := []pulumi.StringInput{d.MasterSecretArn}
	auths := rds.ProxyAuthArray{proxyAuth("master user, managed by RDS", d.MasterSecretArn)}
	d.AppUserSecretArn = pulumi.String("").ToStringOutput()
	if args.AppUser != nil {
		appSecret, err := d.appUserSecret(ctx, name, args, child)
		if err != nil {
			return err
		}
		d.AppUserSecretArn = appSecret
		secretArns = append(secretArns, appSecret)
		auths = append(auths, proxyAuth("application user "+args.AppUser.Name, appSecret))
	}

	physical := args.NamePrefix + "-database-proxy"
	role, err := iam.NewRole(ctx, name+"-proxy-role", &iam.RoleArgs{
		Name:             pulumi.String(physical),
		Description:      pulumi.String("Lets the RDS Proxy read the database credentials"),
		AssumeRolePolicy: iampolicy.AssumeRole("rds.amazonaws.com").String(),
		Tags:             tagging.Named(physical),
	}, child...)
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

// appUserSecret stores the application user's credentials in the JSON form RDS Proxy reads.
func (d *Database) appUserSecret(ctx *pulumi.Context, name string, args Args, child []pulumi.ResourceOption) (pulumi.StringOutput, error) {
	physical := args.NamePrefix + "-database-app-user"
	secret, err := secretsmanager.NewSecret(ctx, name+"-app-user", &secretsmanager.SecretArgs{
		Name:                 pulumi.String(physical),
		Description:          pulumi.String("Credentials of the application's PostgreSQL role, read by the RDS Proxy"),
		KmsKeyId:             args.KmsKeyArn,
		RecoveryWindowInDays: pulumi.Int(0),
		Tags:                 tagging.Named(physical),
	}, child...)
	if err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("database app user secret: %w", err)
	}
	user := args.AppUser.Name
	value := args.AppUser.Password.ToStringOutput().ApplyT(func(password string) (string, error) {
		b, err := json.Marshal(map[string]string{"username": user, "password": password})
		return string(b), err
	}).(pulumi.StringOutput)
	if _, err := secretsmanager.NewSecretVersion(ctx, name+"-app-user", &secretsmanager.SecretVersionArgs{
		SecretId:     secret.ID(),
		SecretString: pulumi.ToSecret(value).(pulumi.StringOutput),
	}, child...); err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("database app user secret version: %w", err)
	}
	return secret.Arn, nil
}
