// Package databasetools is Blazer, the support team's SQL tool over the application database's
// read-only proxy endpoint: one Fargate task in the private subnets (reached over the Client
// VPN), its own small PostgreSQL database for saved queries, its secrets (seeded outside the
// program, like the application's), execution and task roles allowed only what it reads, an
// encrypted log group and an alarm when no task runs.
package databasetools

import (
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/cds-snc/notification-pulumi/components/awsrule"
	"github.com/cds-snc/notification-pulumi/components/iampolicy"
	"github.com/cds-snc/notification-pulumi/components/internal/component"
	"github.com/cds-snc/notification-pulumi/components/internal/problems"
	"github.com/cds-snc/notification-pulumi/components/internal/sgrule"
	"github.com/cds-snc/notification-pulumi/components/tagging"
)

// Args configures the database tools.
type Args struct {
	// NamePrefix names the resources, e.g. notification-canada-ca-dev. Required.
	NamePrefix string
	// Region is the provider's region (the task's log driver names it). Required.
	Region string
	// BaseURL is GC Notify's address, which Blazer links to. Required.
	BaseURL string
	// VpcID, VpcCidr and SubnetIDs place the task and its database in the private subnets.
	// Required.
	VpcID     pulumi.StringInput
	VpcCidr   string
	SubnetIDs pulumi.StringArrayInput
	// RepositoryURL and RepositoryArn are Blazer's image repository (database-tools/blazer in
	// the registry component). Required.
	RepositoryURL pulumi.StringInput
	RepositoryArn pulumi.StringInput
	// ImageTag is the Blazer image's tag. Default "latest".
	ImageTag string
	// KmsKeyArn encrypts the logs, secrets, database and ECS Exec sessions. Required.
	KmsKeyArn pulumi.StringInput
	// LogRetentionDays keeps the task's log: one of awsrule.LogRetentionDays, 0 never expires. No default of its own: the composition
	// passes the environment's logRetentionDays (default 365, stacks/defaults.go).
	LogRetentionDays int
	// AlarmTopicArn is notified when no Blazer task runs. Required.
	AlarmTopicArn pulumi.StringInput
	// DatabaseInstanceClass sizes Blazer's own database. Default db.t4g.micro.
	DatabaseInstanceClass string
	// DatabaseEngineVersion is its PostgreSQL version. Default "16.8".
	DatabaseEngineVersion string
	// DeletionProtection protects Blazer's database. Default false.
	DeletionProtection bool
	// Protect sets Pulumi's protect flag on the database and the seeded secrets. Default false.
	Protect bool
}

// DatabaseTools is Blazer.
type DatabaseTools struct {
	pulumi.ResourceState

	// SecurityGroupID is the task's group, which the application database admits.
	SecurityGroupID pulumi.StringOutput
	// ClusterName is the ECS cluster's name.
	ClusterName pulumi.StringOutput
}

// Secrets are the values the task reads, seeded outside the program: Blazer's view of the
// application database (the read-only proxy endpoint with a read-only user), its own
// database's URL, and the Google OAuth client it signs users in with.
var Secrets = []string{"BLAZER_DATABASE_URL", "DATABASE_URL", "GOOGLE_OAUTH_CLIENT_ID", "GOOGLE_OAUTH_CLIENT_SECRET"}

// ClusterName is the ECS cluster's name today, which the runbooks use.
const ClusterName = "blazer"

func (a Args) withDefaults() Args {
	a.ImageTag = cmp.Or(a.ImageTag, "latest")
	a.DatabaseInstanceClass = cmp.Or(a.DatabaseInstanceClass, "db.t4g.micro")
	a.DatabaseEngineVersion = cmp.Or(a.DatabaseEngineVersion, "16.8")
	return a
}

var (
	classRE = regexp.MustCompile(`^db\.[a-z0-9]+\.[a-z0-9]+$`)
)

func (a Args) validate() error {
	found := problems.New("databasetools")
	add := found.Addf
	if a.NamePrefix == "" {
		add("NamePrefix: got \"\", want the environment's prefix")
	}
	if !awsrule.SimpleRegion.MatchString(a.Region) {
		add("Region: got %q, want an AWS region such as ca-central-1", a.Region)
	}
	if a.BaseURL == "" {
		add("BaseURL: got \"\", want GC Notify's https address")
	}
	if a.VpcCidr == "" {
		add("VpcCidr: got \"\", want the VPC's CIDR")
	}
	if !classRE.MatchString(a.DatabaseInstanceClass) {
		add("DatabaseInstanceClass: got %q, want an RDS class such as db.t4g.micro", a.DatabaseInstanceClass)
	}
	if a.SubnetIDs == nil {
		add("SubnetIDs: got nil, want the private subnets")
	}
	found.LogRetention(a.LogRetentionDays)
	found.Missing("a value", map[string]bool{
		"VpcID": a.VpcID == nil, "RepositoryURL": a.RepositoryURL == nil,
		"RepositoryArn": a.RepositoryArn == nil, "KmsKeyArn": a.KmsKeyArn == nil,
		"AlarmTopicArn": a.AlarmTopicArn == nil,
	})
	return found.Err()
}

// New creates the database tools. Nothing is registered when args are invalid.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*DatabaseTools, error) {
	args = args.withDefaults()
	d := &DatabaseTools{}
	if _, err := component.Register(ctx, "gcnotify:databasetools:DatabaseTools", name, d, args.validate, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(d)
	prefix := args.NamePrefix + "-blazer"

	var secretArns pulumi.StringArray
	secretRefs := pulumi.StringMap{}
	for _, s := range Secrets {
		secret, err := secretsmanager.NewSecret(ctx, name+"-"+secretKey(s), &secretsmanager.SecretArgs{
			Name: pulumi.String("database-tools/" + s), Description: pulumi.String("Blazer's " + s + " (seeded)"),
			KmsKeyId: args.KmsKeyArn, RecoveryWindowInDays: pulumi.Int(0),
			Tags: tagging.Named("database-tools/"+s, map[string]string{"gcnotify:secret-source": "seeded"}),
		}, parent, pulumi.Protect(args.Protect))
		if err != nil {
			return nil, fmt.Errorf("secret %s: %w", s, err)
		}
		secretArns = append(secretArns, secret.Arn)
		secretRefs[s] = secret.Arn
	}

	logs, err := cloudwatch.NewLogGroup(ctx, name+"-logs", &cloudwatch.LogGroupArgs{
		Name: pulumi.String("/ecs/" + ClusterName), RetentionInDays: pulumi.Int(args.LogRetentionDays),
		KmsKeyId: args.KmsKeyArn, Tags: tagging.Named(prefix),
	}, parent)
	if err != nil {
		return nil, err
	}

	sg, dbSG, err := d.securityGroups(ctx, name, prefix, args)
	if err != nil {
		return nil, err
	}
	subnets, err := rds.NewSubnetGroup(ctx, name+"-db-subnets", &rds.SubnetGroupArgs{
		Name: pulumi.String(prefix + "-db"), SubnetIds: args.SubnetIDs, Tags: tagging.Named(prefix + "-db"),
	}, parent)
	if err != nil {
		return nil, err
	}
	if _, err := rds.NewInstance(ctx, name+"-db", &rds.InstanceArgs{
		Identifier: pulumi.String(prefix), Engine: pulumi.String("postgres"), EngineVersion: pulumi.String(args.DatabaseEngineVersion),
		InstanceClass: pulumi.String(args.DatabaseInstanceClass), AllocatedStorage: pulumi.Int(20), StorageType: pulumi.String("gp3"),
		DbName: pulumi.String("database_tools"), Username: pulumi.String("postgres"),
		ManageMasterUserPassword: pulumi.Bool(true), MasterUserSecretKmsKeyId: args.KmsKeyArn,
		StorageEncrypted: pulumi.Bool(true), KmsKeyId: args.KmsKeyArn, CaCertIdentifier: pulumi.String("rds-ca-rsa4096-g1"),
		BackupRetentionPeriod: pulumi.Int(7), BackupWindow: pulumi.String("02:00-04:00"), CopyTagsToSnapshot: pulumi.Bool(true),
		DeletionProtection: pulumi.Bool(args.DeletionProtection), SkipFinalSnapshot: pulumi.Bool(!args.Protect),
		FinalSnapshotIdentifier: pulumi.String(prefix + "-final"),
		DbSubnetGroupName:       subnets.Name, VpcSecurityGroupIds: pulumi.StringArray{dbSG},
		AutoMinorVersionUpgrade: pulumi.Bool(true), Tags: tagging.Named(prefix),
	}, parent, pulumi.Protect(args.Protect), pulumi.IgnoreChanges([]string{"engineVersion"})); err != nil {
		return nil, err
	}

	execRole, taskRole, err := d.roles(ctx, name, prefix, args, logs.Arn, secretArns)
	if err != nil {
		return nil, err
	}
	cluster, err := ecs.NewCluster(ctx, name+"-cluster", &ecs.ClusterArgs{
		Name:     pulumi.String(ClusterName),
		Settings: ecs.ClusterSettingArray{ecs.ClusterSettingArgs{Name: pulumi.String("containerInsights"), Value: pulumi.String("enabled")}},
		Configuration: &ecs.ClusterConfigurationArgs{ExecuteCommandConfiguration: &ecs.ClusterConfigurationExecuteCommandConfigurationArgs{
			KmsKeyId: args.KmsKeyArn, Logging: pulumi.String("DEFAULT")}},
		Tags: tagging.Named(ClusterName),
	}, parent)
	if err != nil {
		return nil, err
	}
	containers := pulumi.All(args.RepositoryURL, logs.Name, secretRefs).ApplyT(func(v []any) (string, error) {
		refs := v[2].(map[string]string)
		var secrets []map[string]string
		for _, s := range Secrets {
			secrets = append(secrets, map[string]string{"name": s, "valueFrom": refs[s]})
		}
		b, err := json.Marshal([]map[string]any{{
			"name": "blazer", "image": v[0].(string) + ":" + args.ImageTag, "essential": true,
			"readonlyRootFilesystem": false,
			"portMappings":           []map[string]any{{"containerPort": 8080, "protocol": "tcp"}},
			"logConfiguration": map[string]any{"logDriver": "awslogs", "options": map[string]string{
				"awslogs-group": v[1].(string), "awslogs-region": args.Region, "awslogs-stream-prefix": "blazer"}},
			"environment": []map[string]string{{"name": "LOG_LEVEL", "value": "info"}, {"name": "NOTIFY_URL", "value": args.BaseURL}},
			"secrets":     secrets,
		}})
		return string(b), err
	}).(pulumi.StringOutput)
	task, err := ecs.NewTaskDefinition(ctx, name+"-task", &ecs.TaskDefinitionArgs{
		Family: pulumi.String(ClusterName), NetworkMode: pulumi.String("awsvpc"),
		RequiresCompatibilities: pulumi.StringArray{pulumi.String("FARGATE")}, Cpu: pulumi.String("256"), Memory: pulumi.String("512"),
		RuntimePlatform:  &ecs.TaskDefinitionRuntimePlatformArgs{OperatingSystemFamily: pulumi.String("LINUX"), CpuArchitecture: pulumi.String("X86_64")},
		ExecutionRoleArn: execRole, TaskRoleArn: taskRole, ContainerDefinitions: containers, Tags: tagging.Named(ClusterName),
	}, parent)
	if err != nil {
		return nil, err
	}
	service, err := ecs.NewService(ctx, name+"-service", &ecs.ServiceArgs{
		Name: pulumi.String(ClusterName), Cluster: cluster.Arn, TaskDefinition: task.Arn, DesiredCount: pulumi.Int(1),
		LaunchType: pulumi.String("FARGATE"), EnableExecuteCommand: pulumi.Bool(true), PropagateTags: pulumi.String("SERVICE"),
		NetworkConfiguration: &ecs.ServiceNetworkConfigurationArgs{Subnets: args.SubnetIDs,
			SecurityGroups: pulumi.StringArray{sg}, AssignPublicIp: pulumi.Bool(false)},
		DeploymentCircuitBreaker: &ecs.ServiceDeploymentCircuitBreakerArgs{Enable: pulumi.Bool(true), Rollback: pulumi.Bool(true)},
		Tags:                     tagging.Named(ClusterName),
	}, parent)
	if err != nil {
		return nil, err
	}
	if _, err := cloudwatch.NewMetricAlarm(ctx, name+"-task-unavailable", &cloudwatch.MetricAlarmArgs{
		Name: pulumi.String("blazer-task-unavailable"), AlarmDescription: pulumi.String("No Blazer task is running"),
		Namespace: pulumi.String("ECS/ContainerInsights"), MetricName: pulumi.String("RunningTaskCount"),
		Dimensions: pulumi.StringMap{"ClusterName": cluster.Name, "ServiceName": service.Name},
		Statistic:  pulumi.String("Maximum"), Period: pulumi.Int(300), EvaluationPeriods: pulumi.Int(1),
		ComparisonOperator: pulumi.String("LessThanThreshold"), Threshold: pulumi.Float64(1),
		TreatMissingData: pulumi.String("breaching"),
		AlarmActions:     pulumi.Array{args.AlarmTopicArn}, OkActions: pulumi.Array{args.AlarmTopicArn},
		Tags: tagging.Named("blazer-task-unavailable"),
	}, parent); err != nil {
		return nil, err
	}
	d.SecurityGroupID, d.ClusterName = sg, cluster.Name
	return d, ctx.RegisterResourceOutputs(d, pulumi.Map{"securityGroupId": sg, "clusterName": cluster.Name})
}

// secretKey is a secret's logical key: GOOGLE_OAUTH_CLIENT_ID -> google-oauth-client-id.
func secretKey(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c == '_':
			b[i] = '-'
		case c >= 'A' && c <= 'Z':
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// securityGroups are the task's group (HTTPS out for Google sign-in and AWS, PostgreSQL inside
// the VPC) and its database's (PostgreSQL from the task only).
func (d *DatabaseTools) securityGroups(ctx *pulumi.Context, name, prefix string, args Args) (task, db pulumi.StringOutput, err error) {
	parent := pulumi.Parent(d)
	sg, err := ec2.NewSecurityGroup(ctx, name+"-sg", &ec2.SecurityGroupArgs{
		Name: pulumi.String(prefix), Description: pulumi.String("Blazer: HTTPS out, PostgreSQL inside the VPC"),
		VpcId: args.VpcID, Tags: tagging.Named(prefix),
	}, parent)
	if err != nil {
		return task, db, err
	}
	dbSG, err := ec2.NewSecurityGroup(ctx, name+"-db-sg", &ec2.SecurityGroupArgs{
		Name: pulumi.String(prefix + "-db"), Description: pulumi.String("Blazer's database: PostgreSQL from Blazer"),
		VpcId: args.VpcID, Tags: tagging.Named(prefix + "-db"),
	}, parent)
	if err != nil {
		return task, db, err
	}
	if err := sgrule.TCPEgress(ctx, name+"-sg-egress-", prefix+"-egress-", sg.ID(), []sgrule.Egress{
		{Role: "https", CIDR: "0.0.0.0/0", Description: "HTTPS to Google sign-in and AWS", Port: 443},
		{Role: "postgres", CIDR: args.VpcCidr, Description: "PostgreSQL to the databases", Port: 5432},
	}, parent); err != nil {
		return task, db, err
	}
	if _, err := vpc.NewSecurityGroupIngressRule(ctx, name+"-db-sg-from-blazer", &vpc.SecurityGroupIngressRuleArgs{
		SecurityGroupId: dbSG.ID(), ReferencedSecurityGroupId: sg.ID(), Description: pulumi.String("PostgreSQL from Blazer"),
		IpProtocol: pulumi.String("tcp"), FromPort: pulumi.Int(5432), ToPort: pulumi.Int(5432),
		Tags: tagging.Named(prefix + "-db-from-blazer"),
	}, parent); err != nil {
		return task, db, err
	}
	return sg.ID().ToStringOutput(), dbSG.ID().ToStringOutput(), nil
}

// roles are the execution role (pull the image, write the log, read the seeded secrets) and
// the task role (ECS Exec's channels only).
func (d *DatabaseTools) roles(ctx *pulumi.Context, name, prefix string, args Args, logArn pulumi.StringOutput, secrets pulumi.StringArray) (exec, task pulumi.StringOutput, err error) {
	parent := pulumi.Parent(d)
	trust := iampolicy.AssumeRole("ecs-tasks.amazonaws.com").String()
	execRole, err := iam.NewRole(ctx, name+"-execution", &iam.RoleArgs{
		Name: pulumi.String(prefix + "-execution"), AssumeRolePolicy: trust, Tags: tagging.Named(prefix + "-execution"),
	}, parent)
	if err != nil {
		return exec, task, err
	}
	values := append(pulumi.StringArray{args.RepositoryArn, logArn, args.KmsKeyArn}, secrets...)
	execPolicy := iampolicy.Output(func(v []string) iampolicy.Document {
		return iampolicy.New(
			iampolicy.Allow([]string{"ecr:GetAuthorizationToken"}, "*"),
			iampolicy.Allow([]string{"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"}, v[0]),
			iampolicy.Allow([]string{"logs:CreateLogStream", "logs:PutLogEvents"}, v[1]+":*"),
			iampolicy.Allow([]string{"secretsmanager:GetSecretValue"}, v[3:]...),
			iampolicy.Allow([]string{"kms:Decrypt"}, v[2]))
	}, values...)
	if _, err := iam.NewRolePolicy(ctx, name+"-execution", &iam.RolePolicyArgs{
		Name: pulumi.String("blazer-execution"), Role: execRole.Name, Policy: execPolicy,
	}, parent); err != nil {
		return exec, task, err
	}
	taskRole, err := iam.NewRole(ctx, name+"-task-role", &iam.RoleArgs{
		Name: pulumi.String(prefix + "-task"), AssumeRolePolicy: trust, Tags: tagging.Named(prefix + "-task"),
	}, parent)
	if err != nil {
		return exec, task, err
	}
	taskPolicy := iampolicy.Output(func(v []string) iampolicy.Document {
		return iampolicy.New(
			// ECS Exec's session channels have no resource-level permissions.
			iampolicy.Allow([]string{"ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
				"ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"}, "*"),
			iampolicy.Allow([]string{"kms:Decrypt"}, v[0]))
	}, args.KmsKeyArn)
	if _, err := iam.NewRolePolicy(ctx, name+"-task-role", &iam.RolePolicyArgs{
		Name: pulumi.String("blazer-task"), Role: taskRole.Name, Policy: taskPolicy,
	}, parent); err != nil {
		return exec, task, err
	}
	return execRole.Arn, taskRole.Arn, nil
}
