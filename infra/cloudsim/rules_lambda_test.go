package cloudsim

const testImage = testAccount + ".dkr.ecr.ca-central-1.amazonaws.com/notify/heartbeat:v1"

var _ = addRuleCases(
	ruleCase{Rule: "lambda.image-exists", Name: "image pushed", Phase: OnCreate,
		Inputs: map[string]any{"packageType": "Image", "imageUri": testImage},
		World:  func(w *store) { w.putImage(testAccount, "ca-central-1", "notify/heartbeat", "v1", testDigest, "", "") }},
	ruleCase{Rule: "lambda.image-exists", Name: "zip package", Phase: OnCreate, Inputs: map[string]any{"packageType": "Zip"}},
	ruleCase{Rule: "lambda.image-exists", Name: "empty registry", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"packageType": "Image", "imageUri": testImage}, Contains: "does not exist"},
	ruleCase{Rule: "lambda.image-exists", Name: "other tag pushed", Phase: OnUpdate, Refused: true,
		Inputs: map[string]any{"packageType": "Image", "imageUri": testImage},
		Olds:   map[string]any{"packageType": "Image", "imageUri": testImage + "0"},
		World:  func(w *store) { w.putImage(testAccount, "ca-central-1", "notify/heartbeat", "v2", testDigest, "", "") }},
	ruleCase{Rule: "lambda.image-exists", Name: "image of another region", Phase: OnCreate, Refused: true, Region: "us-west-2",
		Inputs: map[string]any{"packageType": "Image", "imageUri": testImage},
		World:  func(w *store) { w.putImage(testAccount, "ca-central-1", "notify/heartbeat", "v1", testDigest, "", "") }, Contains: "function's Region"},

	ruleCase{Rule: "lambda.sqs-visibility-timeout", Name: "visibility covers the timeout", Phase: OnCreate,
		Inputs: map[string]any{"eventSourceArn": "arn:q", "functionName": "fn"},
		World: func(w *store) {
			seedRecord(w, testAccount, "ca-central-1", "aws:sqs/queue:Queue", "q", "q", map[string]any{"arn": "arn:q", "visibilityTimeoutSeconds": 310.0})
			seedRecord(w, testAccount, "ca-central-1", lambdaFunction, "fn", "fn", map[string]any{"arn": "arn:fn", "timeout": 60.0})
		}},
	ruleCase{Rule: "lambda.sqs-visibility-timeout", Name: "default visibility under a 60 s function", Phase: OnCreate, Refused: true,
		Inputs: map[string]any{"eventSourceArn": "arn:q", "functionName": "arn:fn"},
		World: func(w *store) {
			seedRecord(w, testAccount, "ca-central-1", "aws:sqs/queue:Queue", "q", "q", map[string]any{"arn": "arn:q"})
			seedRecord(w, testAccount, "ca-central-1", lambdaFunction, "fn", "fn", map[string]any{"arn": "arn:fn", "timeout": 60.0})
		}, Contains: "Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds"},
)

const testDigest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
