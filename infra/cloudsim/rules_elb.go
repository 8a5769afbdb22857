package cloudsim

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// elbLogAccounts are the Elastic Load Balancing accounts that deliver access logs in the
// regions opened before August 2022; every region also accepts the log delivery service
// principal. The simulated cloud keeps its own table: it is the oracle the program's table
// (components/storage) is checked against.
var elbLogAccounts = map[string]string{
	"us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980", "us-west-2": "797873946194",
	"ca-central-1": "985666609251",
}

const elbLogService = "logdelivery.elasticloadbalancing.amazonaws.com"

func init() {
	unsupported := func(arn string) string {
		return fmt.Sprintf("The certificate '%s' must have a fully-qualified domain name, a supported signature, and a supported key size.", arn)
	}
	issued := func(c *RuleCall) string {
		arn := c.str("certificateArn")
		if s := certificateStatusOf(c.World, arn); s != "" && s != "ISSUED" {
			return unsupported(arn)
		}
		return ""
	}
	const certSource = "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html"
	register(Rule{ID: "elb.certificate-issued", Service: "Elastic Load Balancing v2", Operation: "CreateListener",
		Resource: "ELBv2 Listener", Code: "UnsupportedCertificate",
		Summary: "a listener whose ACM certificate is not issued yet (pending DNS validation)", Source: certSource,
		Types:  []string{"aws:lb/listener:Listener", "aws:alb/listener:Listener"},
		Phases: []Phase{OnCreate, OnUpdate}, Check: issued})
	register(Rule{ID: "elb.added-certificate-issued", Service: "Elastic Load Balancing v2", Operation: "AddListenerCertificates",
		Resource: "ELBv2 Listener Certificate", Code: "UnsupportedCertificate",
		Summary: "an SNI certificate added to a listener before it is issued", Source: certSource,
		Types:  []string{"aws:lb/listenerCertificate:ListenerCertificate", "aws:alb/listenerCertificate:ListenerCertificate"},
		Phases: []Phase{OnCreate}, Check: issued})

	register(Rule{ID: "elb.access-logs-bucket-policy", Service: "Elastic Load Balancing v2", Operation: "ModifyLoadBalancerAttributes",
		Resource: "ELBv2 Load Balancer", Code: "InvalidConfigurationRequest",
		Summary: "access logs turned on before the bucket's policy lets the region's ELB account (or log delivery service) write",
		Source:  "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
		Types:   []string{"aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"},
		Phases:  []Phase{OnCreate, OnUpdate}, Check: accessLogsWritable})
}

// accessLogsWritable refuses access logs whose bucket (when the world holds it) has no policy
// letting ELB put its test object, <prefix>/AWSLogs/<account>/ELBAccessLogTestFile.
func accessLogsWritable(c *RuleCall) string {
	logs, _ := plain(c.Obj.In["accessLogs"]).(map[string]any)
	if on, _ := logs["enabled"].(bool); !on {
		return ""
	}
	if c.Phase == OnUpdate {
		if old, _ := plain(c.Olds["accessLogs"]).(map[string]any); fmt.Sprint(old) == fmt.Sprint(logs) {
			return "" // unchanged: checked when it was set
		}
	}
	bucket, _ := logs["bucket"].(string)
	prefix, _ := logs["prefix"].(string)
	if bucket == "" || !bucketExists(c.World, bucket) {
		return ""
	}
	key := "AWSLogs/" + c.Obj.Account + "/ELBAccessLogTestFile"
	if prefix != "" {
		key = strings.Trim(prefix, "/") + "/" + key
	}
	policy := c.World.find("", "", "aws:s3/bucketPolicy:BucketPolicy", func(r *record) bool { return r.out("bucket") == bucket })
	if policy != nil && allowsPut(policy.out("policy"), "arn:aws:s3:::"+bucket+"/"+key, elbLogAccounts[c.Obj.Region]) {
		return ""
	}
	return fmt.Sprintf("Access Denied for bucket: %s. Please check S3bucket permission", bucket)
}

func bucketExists(w *store, name string) bool {
	for _, t := range []string{"aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket"} {
		if w.find("", "", t, func(r *record) bool { return r.Name == name || r.ID == name }) != nil {
			return true
		}
	}
	return false
}

// allowsPut reports whether a bucket policy allows s3:PutObject on object to the ELB account
// or the log delivery service. Conditions are not evaluated.
func allowsPut(doc, object, elbAccount string) bool {
	var p struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(doc), &p) != nil {
		return false
	}
	var statements []map[string]any
	if json.Unmarshal(p.Statement, &statements) != nil {
		var one map[string]any
		if json.Unmarshal(p.Statement, &one) != nil {
			return false
		}
		statements = []map[string]any{one}
	}
	for _, s := range statements {
		if s["Effect"] != "Allow" || !anyMatch(s["Action"], "s3:PutObject") || !anyMatch(s["Resource"], object) {
			continue
		}
		if principalIs(s["Principal"], elbAccount) {
			return true
		}
	}
	return false
}

// principalIs reports whether a policy principal names the ELB account or the log delivery
// service ("*" names everyone).
func principalIs(p any, elbAccount string) bool {
	if p == "*" {
		return true
	}
	m, _ := p.(map[string]any)
	for _, a := range listOf(m["AWS"]) {
		if a == "*" || (elbAccount != "" && (a == elbAccount || a == "arn:aws:iam::"+elbAccount+":root")) {
			return true
		}
	}
	for _, s := range listOf(m["Service"]) {
		if s == elbLogService {
			return true
		}
	}
	return false
}

// anyMatch reports whether one of a policy's patterns (a string or a list) matches value, with
// IAM's wildcards; actions compare without case.
func anyMatch(patterns any, value string) bool {
	for _, p := range listOf(patterns) {
		re := "^" + strings.ReplaceAll(strings.ReplaceAll(regexp.QuoteMeta(p), `\*`, ".*"), `\?`, ".") + "$"
		if regexp.MustCompile("(?i)" + re).MatchString(value) {
			return true
		}
	}
	return false
}

func listOf(v any) []string {
	if s, ok := v.(string); ok {
		return []string{s}
	}
	return strs(v)
}
