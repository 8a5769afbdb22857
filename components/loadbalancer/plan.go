package loadbalancer

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Target group keys: the names the outputs are keyed by, part of logical names and of the
// contract with the Helm charts (TargetGroupBinding resources read the ARNs by these keys).
const (
	TargetAPI           = "api"
	TargetAdmin         = "admin"
	TargetDocumentAPI   = "document-api"
	TargetDocument      = "document"
	TargetDocumentation = "documentation"
	// TargetInternalNginx is the internal load balancer's target: the in-cluster nginx ingress.
	TargetInternalNginx = "internal-nginx"
)

// MaxNameLength is AWS's limit on load balancer and target group names.
const MaxNameLength = 32

// Route is one public host rule and the IP target group it forwards to.
type Route struct {
	// Key names the target group (TargetAPI, ...).
	Key string
	// Port is the pods' container port.
	Port int
	// HealthPath and HealthMatcher are the target group's health check.
	HealthPath    string
	HealthMatcher string
	// Priority is the listener rule's priority: fixed per route so adding a route never
	// renumbers (and so replaces) the others.
	Priority int
	// Hosts are the host headers routed to the target group.
	Hosts []string
}

// Routes is the public load balancer's routing table for a domain: the inventory's five target
// groups, each behind its own host name. Unknown hosts fall through to the listener's default
// (a 404), so a request with a forged Host header never reaches an application.
func Routes(domain string) []Route {
	return []Route{
		{Key: TargetDocumentation, Port: 80, HealthPath: "/", HealthMatcher: "200", Priority: 60,
			Hosts: []string{"documentation." + domain}},
		{Key: TargetDocumentAPI, Port: 7000, HealthPath: "/_status", HealthMatcher: "200", Priority: 100,
			Hosts: []string{"api.document." + domain}},
		{Key: TargetDocument, Port: 7001, HealthPath: "/_status", HealthMatcher: "200", Priority: 200,
			Hosts: []string{"document." + domain}},
		{Key: TargetAPI, Port: 6011, HealthPath: "/_status?simple=true", HealthMatcher: "200", Priority: 300,
			Hosts: []string{"api." + domain}},
		{Key: TargetAdmin, Port: 6012, HealthPath: "/_status?simple=true", HealthMatcher: "200", Priority: 400,
			Hosts: []string{domain}},
	}
}

// InternalRoute is the internal load balancer's single target: the cluster's internal nginx
// ingress on port 80, whose health check expects the 404 nginx answers for an unknown host (as
// today).
func InternalRoute() Route {
	return Route{Key: TargetInternalNginx, Port: 80, HealthPath: "/", HealthMatcher: "404"}
}

// TargetPorts are the distinct ports of the routes, sorted: what the load balancer's security
// group lets out.
func TargetPorts(routes []Route) []int {
	seen := map[int]bool{}
	var ports []int
	for _, r := range routes {
		if !seen[r.Port] {
			seen[r.Port] = true
			ports = append(ports, r.Port)
		}
	}
	sort.Ints(ports)
	return ports
}

// Names are the physical names of an environment's load balancers and target groups.
type Names struct {
	PublicALB    string
	InternalALB  string
	TargetGroups map[string]string
}

// PlanNames returns the physical names: the public load balancer keeps today's
// notification-<env>-alb and the internal one notify-<env>-internal-alb; target groups are
// notify-<env>-<key> (today's names carry no environment, which would collide with a drill
// stack in the same account, and notification-canada-ca-<env>-... exceeds 32 characters).
func PlanNames(environment string) Names {
	n := Names{
		PublicALB:    "notification-" + environment + "-alb",
		InternalALB:  "notify-" + environment + "-internal-alb",
		TargetGroups: map[string]string{},
	}
	for _, r := range append(Routes("example.org"), InternalRoute()) {
		n.TargetGroups[r.Key] = "notify-" + environment + "-" + r.Key
	}
	return n
}

var elbName = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$`)

// Validate reports every name that AWS would refuse: longer than 32 characters, characters
// other than letters, digits and hyphens, a hyphen at either end, or (load balancers) the
// reserved "internal-" prefix.
func (n Names) Validate() []error {
	var errs []error
	check := func(kind, name string) {
		if len(name) > MaxNameLength || !elbName.MatchString(name) {
			errs = append(errs, fmt.Errorf("%s name %q (%d characters): want at most %d letters, digits and inner hyphens",
				kind, name, len(name), MaxNameLength))
		}
	}
	for _, lb := range []string{n.PublicALB, n.InternalALB} {
		check("load balancer", lb)
		if strings.HasPrefix(lb, "internal-") {
			errs = append(errs, fmt.Errorf("load balancer name %q: must not start with internal-", lb))
		}
	}
	keys := make([]string, 0, len(n.TargetGroups))
	for k := range n.TargetGroups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		check("target group", n.TargetGroups[k])
	}
	return errs
}
