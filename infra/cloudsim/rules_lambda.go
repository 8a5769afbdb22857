package cloudsim

import (
	"fmt"
	"regexp"
)

const lambdaFunction = "aws:lambda/function:Function"

// ecrImageURI is an image in ECR: account, region, repository and a tag or digest.
var ecrImageURI = regexp.MustCompile(`^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com/([a-z0-9._/-]+)(?::([A-Za-z0-9_.-]+)|@(sha256:[a-f0-9]{64}))$`)

func init() {
	image := func(c *RuleCall) string {
		if c.str("packageType") != "Image" {
			return ""
		}
		if c.Phase == OnUpdate && c.str("imageUri") == str(c.Olds, "imageUri") {
			return ""
		}
		uri := c.str("imageUri")
		m := ecrImageURI.FindStringSubmatch(uri)
		if m == nil {
			return fmt.Sprintf("Source image %s is not valid. Provide a valid source image.", uri)
		}
		if m[2] != c.Obj.Region {
			return fmt.Sprintf("Source image %s is not valid. The image must be in an Amazon ECR repository in the function's Region (%s).", uri, c.Obj.Region)
		}
		if !c.World.hasImage(m[1], m[2], m[3], m[4]+m[5]) {
			return fmt.Sprintf("Source image %s does not exist. Provide a valid source image.", uri)
		}
		return ""
	}
	register(Rule{ID: "lambda.image-exists", Service: "Lambda", Operation: "CreateFunction", Resource: "Lambda Function",
		Code:    "InvalidParameterValueException",
		Summary: "a container-image function whose image is not in an ECR repository of the function's region",
		Source:  "https://docs.aws.amazon.com/lambda/latest/dg/images-create.html",
		Types:   []string{lambdaFunction}, Phases: []Phase{OnCreate, OnUpdate}, Check: image})

	register(Rule{ID: "lambda.sqs-visibility-timeout", Service: "Lambda", Operation: "CreateEventSourceMapping",
		Resource: "Lambda Event Source Mapping", Code: "InvalidParameterValueException",
		Summary: "an SQS event source whose visibility timeout is shorter than the function's timeout",
		Source:  "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html",
		Types:   []string{"aws:lambda/eventSourceMapping:EventSourceMapping"}, Phases: []Phase{OnCreate},
		Check: func(c *RuleCall) string {
			q := c.World.byOutput("aws:sqs/queue:Queue", "arn", c.str("eventSourceArn"))
			if q == nil {
				return ""
			}
			fn := c.str("functionName")
			f := c.World.byOutput(lambdaFunction, "arn", fn)
			if f == nil {
				f = c.World.find(c.Obj.Account, c.Obj.Region, lambdaFunction, func(r *record) bool { return r.Name == fn })
			}
			if f == nil {
				return ""
			}
			vis, timeout := q.outNum("visibilityTimeoutSeconds", 30), f.outNum("timeout", 3)
			if vis < timeout {
				return fmt.Sprintf("Queue visibility timeout: %d seconds is less than Function timeout: %d seconds", int(vis), int(timeout))
			}
			return ""
		}})
}
