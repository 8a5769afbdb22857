package cloudsim

import (
	"regexp"
	"strings"
)

const (
	cloudfrontDistribution = "aws:cloudfront/distribution:Distribution"
	// cloudfrontRegion is where CloudFront's certificates and web ACLs live.
	cloudfrontRegion = "us-east-1"
)

// acmArn is an ACM certificate ARN; its fourth field is the certificate's region.
var acmArn = regexp.MustCompile(`^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate/.+$`)

// wafv2WebACLArn is a WAFv2 web ACL ARN: region, then scope (global for CloudFront).
var wafv2WebACLArn = regexp.MustCompile(`^arn:aws[a-z-]*:wafv2:([a-z0-9-]+):(\d{12}):(global|regional)/webacl/.+$`)

// invalidViewerCertificate is CloudFront's one answer for a certificate it cannot use.
const invalidViewerCertificate = "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, " +
	"or doesn't include a valid certificate chain."

// viewerCertificate returns the distribution's ACM certificate ARN ("" for the default one).
func viewerCertificate(c *RuleCall) string {
	arns := valuesAt(plainMap(c.Obj.In), []string{"viewerCertificate", "acmCertificateArn"})
	if len(arns) == 0 {
		return ""
	}
	return arns[0]
}

// certificateStatusOf returns an ACM certificate's status in the simulated world ("" when the
// world does not hold it: imported or made outside the simulation).
func certificateStatusOf(w *store, arn string) string {
	if cert := w.byOutput(acmCertificate, "arn", arn); cert != nil {
		return cert.out("status")
	}
	return ""
}

func init() {
	cf := Rule{Service: "CloudFront", Operation: "CreateDistribution", Resource: "CloudFront Distribution",
		Types: []string{cloudfrontDistribution}, Phases: []Phase{OnCreate, OnUpdate}}

	r := cf
	r.ID, r.Code = "cloudfront.viewer-certificate-region", "InvalidViewerCertificate"
	r.Summary = "a distribution whose ACM certificate is not in us-east-1"
	r.Source = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html"
	r.Check = func(c *RuleCall) string {
		if m := acmArn.FindStringSubmatch(viewerCertificate(c)); m != nil && m[1] != cloudfrontRegion {
			return invalidViewerCertificate
		}
		return ""
	}
	register(r)

	r = cf
	r.ID, r.Code = "cloudfront.viewer-certificate-issued", "InvalidViewerCertificate"
	r.Summary = "a distribution whose ACM certificate is not issued yet (pending DNS validation)"
	r.Source = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html"
	r.Check = func(c *RuleCall) string {
		if s := certificateStatusOf(c.World, viewerCertificate(c)); s != "" && s != "ISSUED" {
			return invalidViewerCertificate
		}
		return ""
	}
	register(r)

	r = cf
	r.ID, r.Code = "cloudfront.web-acl-global", "InvalidWebACLId"
	r.Summary = "a distribution whose WAFv2 web ACL is not a global (CLOUDFRONT scope, us-east-1) one"
	r.Source = "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DistributionConfig.html"
	r.Check = func(c *RuleCall) string {
		id := c.str("webAclId")
		if !strings.HasPrefix(id, "arn:") {
			return "" // none, or a WAF Classic id
		}
		if m := wafv2WebACLArn.FindStringSubmatch(id); m == nil || m[1] != cloudfrontRegion || m[3] != "global" {
			return "Web ACL is not accessible by the requester."
		}
		return ""
	}
	register(r)
}
