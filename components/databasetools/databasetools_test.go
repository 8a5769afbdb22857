package databasetools

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/components/internal/componenttest"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

const keyArn = "arn:aws:kms:ca-central-1:111122223333:key/main"

func args(env string) Args {
	return Args{NamePrefix: "notification-canada-ca-" + env, Region: "ca-central-1", BaseURL: "https://" + env + ".example.ca",
		VpcID: pulumi.String("vpc-1"), VpcCidr: "10.0.0.0/16", SubnetIDs: pulumi.ToStringArray([]string{"subnet-a", "subnet-b"}),
		RepositoryURL: pulumi.String("111122223333.dkr.ecr.ca-central-1.amazonaws.com/database-tools/blazer"),
		RepositoryArn: pulumi.String("arn:aws:ecr:ca-central-1:111122223333:repository/database-tools/blazer"),
		KmsKeyArn:     pulumi.String(keyArn), LogRetentionDays: 30,
		AlarmTopicArn: pulumi.String("arn:aws:sns:ca-central-1:111122223333:alert-warning")}
}

func run(t *testing.T, a Args) (*pulumimock.Mocks, error) {
	m, _, err := componenttest.Build(t, New, "dbtools", a)
	return m, err
}

func TestDatabaseToolsAcrossEnvironments(t *testing.T) {
	for _, env := range []string{"dev", "staging", "production"} {
		t.Run(env, func(t *testing.T) {
			a := args(env)
			a.Protect, a.DeletionProtection = env != "dev", env == "production"
			m, err := run(t, a)
			require.NoError(t, err)
			db := m.Get(t, "aws:rds/instance:Instance", "dbtools-db")
			assert.Equal(t, true, db.Input("storageEncrypted"))
			assert.Equal(t, keyArn, db.Input("kmsKeyId"))
			assert.Equal(t, true, db.Input("manageMasterUserPassword"), "no password in state")
			assert.Equal(t, a.DeletionProtection, db.Input("deletionProtection"))
			assert.Equal(t, a.Protect, db.Protect)
			for _, s := range Secrets {
				secret := m.Get(t, "aws:secretsmanager/secret:Secret", "dbtools-"+secretKey(s))
				assert.Equal(t, keyArn, secret.Input("kmsKeyId"))
				assert.Equal(t, a.Protect, secret.Protect, s)
			}
			assert.Empty(t, m.ByType("aws:secretsmanager/secretVersion:SecretVersion"), "seeded outside the program")
			task := m.Get(t, "aws:ecs/taskDefinition:TaskDefinition", "dbtools-task")
			var containers []map[string]any
			require.NoError(t, json.Unmarshal([]byte(task.String("containerDefinitions")), &containers))
			require.Len(t, containers, 1)
			assert.Equal(t, "111122223333.dkr.ecr.ca-central-1.amazonaws.com/database-tools/blazer:latest", containers[0]["image"])
			assert.Len(t, containers[0]["secrets"], len(Secrets))
			service := m.Get(t, "aws:ecs/service:Service", "dbtools-service")
			network := service.Input("networkConfiguration").(map[string]any)
			assert.Equal(t, false, network["assignPublicIp"])
			assert.Equal(t, true, service.Input("enableExecuteCommand"))
			cluster := m.Get(t, "aws:ecs/cluster:Cluster", "dbtools-cluster")
			assert.Equal(t, keyArn, cluster.Input("configuration").(map[string]any)["executeCommandConfiguration"].(map[string]any)["kmsKeyId"])
			lg := m.Get(t, "aws:cloudwatch/logGroup:LogGroup", "dbtools-logs")
			assert.Equal(t, keyArn, lg.Input("kmsKeyId"))
			alarm := m.Get(t, "aws:cloudwatch/metricAlarm:MetricAlarm", "dbtools-task-unavailable")
			assert.Equal(t, "breaching", alarm.Input("treatMissingData"))

			policy := m.Get(t, "aws:iam/rolePolicy:RolePolicy", "dbtools-execution").String("policy")
			assert.Contains(t, policy, "repository/database-tools/blazer")
			assert.NotContains(t, policy, `"secretsmanager:GetSecretValue"],"Resource":["*"]`, "only its own secrets")
			taskPolicy := m.Get(t, "aws:iam/rolePolicy:RolePolicy", "dbtools-task-role").String("policy")
			assert.NotContains(t, taskPolicy, "secretsmanager", "the task reads no secret itself")
		})
	}
}

func TestDatabaseToolsRefusesInvalidArgs(t *testing.T) {
	a := args("dev")
	a.Region, a.BaseURL, a.DatabaseInstanceClass, a.KmsKeyArn, a.SubnetIDs = "x", "", "t3.micro", nil, nil
	m, err := run(t, a)
	require.Error(t, err)
	for _, want := range []string{"Region: got \"x\"", "BaseURL: got \"\"", "DatabaseInstanceClass: got \"t3.micro\"", "KmsKeyArn: got nil", "SubnetIDs: got nil"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.ByType("aws:ecs/cluster:Cluster"), "nothing is registered")
}
