package cloudsim

const (
	keyCentral = "arn:aws:kms:ca-central-1:" + testAccount + ":key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
	keyWest    = "arn:aws:kms:us-west-2:" + testAccount + ":key/5b4a3f2e-1d0c-9b8a-7968-5a4b3c2d1e0f"
)

var _ = addRuleCases(
	ruleCase{Rule: "logs.kms-key-region", Name: "key of the log group's region", Phase: OnCreate,
		Inputs: map[string]any{"name": "/aws/eks/cluster", "kmsKeyId": keyCentral}},
	ruleCase{Rule: "logs.kms-key-region", Name: "no key", Phase: OnCreate, Inputs: map[string]any{"name": "/aws/eks/cluster"}},
	ruleCase{Rule: "logs.kms-key-region", Name: "us-west-2 key for a ca-central-1 group", Phase: OnCreate, Refused: true,
		Inputs:   map[string]any{"name": "/aws/eks/cluster", "kmsKeyId": keyWest},
		Contains: "is not allowed to be used with Arn 'arn:aws:logs:ca-central-1:" + testAccount + ":log-group:/aws/eks/cluster'"},
	ruleCase{Rule: "logs.kms-key-region", Name: "update to a key of another region", Phase: OnUpdate, Refused: true,
		Inputs: map[string]any{"kmsKeyId": keyWest}, Olds: map[string]any{"kmsKeyId": keyCentral}},
	ruleCase{Rule: "logs.kms-key-region", Name: "update that keeps a key", Phase: OnUpdate, Region: "us-west-2",
		Inputs: map[string]any{"kmsKeyId": keyCentral, "retentionInDays": 30.0}, Olds: map[string]any{"kmsKeyId": keyCentral}},

	ruleCase{Rule: "rds.kms-key-region", Name: "every key of the cluster's region", Phase: OnCreate,
		Inputs: map[string]any{"kmsKeyId": keyCentral, "masterUserSecretKmsKeyId": keyCentral, "performanceInsightsKmsKeyId": keyCentral}},
	ruleCase{Rule: "rds.kms-key-region", Name: "master secret key of another region", Phase: OnCreate, Refused: true,
		Inputs:   map[string]any{"kmsKeyId": keyCentral, "masterUserSecretKmsKeyId": keyWest},
		Contains: "The specified KMS key [" + keyWest + "] does not exist"},
	ruleCase{Rule: "rds.instance-kms-key-region", Name: "Performance Insights key of the region", Phase: OnCreate,
		Inputs: map[string]any{"performanceInsightsKmsKeyId": keyCentral}},
	ruleCase{Rule: "rds.instance-kms-key-region", Name: "Performance Insights key of another region", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"performanceInsightsKmsKeyId": keyWest}},
	ruleCase{Rule: "rds.db-instance-kms-key-region", Name: "key of the instance's region", Phase: OnCreate,
		Inputs: map[string]any{"kmsKeyId": "arn:aws:kms:ca-central-1:" + testAccount + ":key/k"}},
	ruleCase{Rule: "rds.db-instance-kms-key-region", Name: "master secret key of another region", Phase: OnCreate, Refused: true,
		Inputs:   map[string]any{"masterUserSecretKmsKeyId": "arn:aws:kms:us-east-1:" + testAccount + ":key/k"},
		Contains: "does not exist, is not enabled"},

	ruleCase{Rule: "elasticache.kms-key-region", Name: "key of the region", Phase: OnCreate, Inputs: map[string]any{"kmsKeyId": keyCentral}},
	ruleCase{Rule: "elasticache.kms-key-region", Name: "key of another region", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"kmsKeyId": keyWest}, Contains: keyWest},

	ruleCase{Rule: "ecr.kms-key-region", Name: "us-west-2 repository with the us-west-2 key", Phase: OnCreate, Region: "us-west-2",
		Inputs: map[string]any{"encryptionConfigurations": []any{map[string]any{"encryptionType": "KMS", "kmsKey": keyWest}}}},
	ruleCase{Rule: "ecr.kms-key-region", Name: "us-west-2 repository with the primary key", Phase: OnCreate, Region: "us-west-2", Refused: true,
		Inputs:   map[string]any{"encryptionConfigurations": []any{map[string]any{"encryptionType": "KMS", "kmsKey": keyCentral}}},
		Contains: "NotFoundException"},

	ruleCase{Rule: "eks.kms-key-region", Name: "secrets key of the region", Phase: OnCreate,
		Inputs: map[string]any{"encryptionConfig": map[string]any{"provider": map[string]any{"keyArn": keyCentral}, "resources": []any{"secrets"}}}},
	ruleCase{Rule: "eks.kms-key-region", Name: "secrets key of another region", Phase: OnCreate, Refused: true,
		Inputs:   map[string]any{"encryptionConfig": map[string]any{"provider": map[string]any{"keyArn": keyWest}, "resources": []any{"secrets"}}},
		Contains: "same Region as the cluster (ca-central-1)"},

	ruleCase{Rule: "lambda.kms-key-region", Name: "environment key of the region", Phase: OnCreate, Type: lambdaFunction,
		Inputs: map[string]any{"kmsKeyArn": keyCentral}},
	ruleCase{Rule: "lambda.kms-key-region", Name: "alias resolves in the function's region", Phase: OnCreate,
		Inputs: map[string]any{"kmsKeyArn": "alias/notify"}},
	ruleCase{Rule: "lambda.kms-key-region", Name: "environment key of another region", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"kmsKeyArn": keyWest}, Contains: "KMS key is invalid for CreateGrant"},

	ruleCase{Rule: "backup.kms-key-region", Name: "secondary vault with the secondary key", Phase: OnCreate, Region: "us-west-2",
		Inputs: map[string]any{"kmsKeyArn": keyWest}},
	ruleCase{Rule: "backup.kms-key-region", Name: "secondary vault with the primary key", Phase: OnCreate, Region: "us-west-2", Refused: true,
		Inputs: map[string]any{"kmsKeyArn": keyCentral}},

	ruleCase{Rule: "secretsmanager.kms-key-region", Name: "secret encrypted in its region", Phase: OnCreate,
		Inputs: map[string]any{"secretId": "arn:s"},
		World: func(w *store) {
			seedRecord(w, testAccount, "ca-central-1", secretType, "arn:s", "", map[string]any{"arn": "arn:s", "kmsKeyId": keyCentral})
		}},
	ruleCase{Rule: "secretsmanager.kms-key-region", Name: "secret whose key is of another region", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"secretId": "arn:s"},
		World: func(w *store) {
			seedRecord(w, testAccount, "ca-central-1", secretType, "arn:s", "", map[string]any{"arn": "arn:s", "kmsKeyId": keyWest})
		}, Contains: "can't encrypt the protected secret text"},
)
