package cache

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
)

// Purposes of the replication groups; they are part of logical names.
const (
	// Main is the application cache (rate limits, cached models).
	Main = "main"
	// Queue is the cache behind the application's in-memory queues.
	Queue = "queue"
)

// Purposes lists the replication groups in creation order.
var Purposes = []string{Main, Queue}

// GroupID returns a replication group's id: notify-<env>-cluster-cache-az for the main cache
// and notify-<env>-queue-cache for the queue cache, today's names.
func GroupID(environment, purpose string) string {
	suffix := map[string]string{Main: "cluster-cache-az", Queue: "queue-cache"}[purpose]
	return "notify-" + environment + "-" + suffix
}

// MemberIDs returns the cache cluster ids ElastiCache gives the nodes of a replication group
// without cluster mode: <group>-001, <group>-002, ... (the CacheClusterId alarm dimension).
func MemberIDs(group string, nodes int) []string {
	out := make([]string, 0, nodes)
	for n := 1; n <= nodes; n++ {
		out = append(out, fmt.Sprintf("%s-%03d", group, n))
	}
	return out
}

var valkeyVersion = regexp.MustCompile(`^(7\.2|[89]\.[0-9])$`)

// ParameterFamily returns the parameter group family of a Valkey version ("8.0" -> "valkey8"),
// or "" for a version ElastiCache does not offer as Valkey (7.2, 8.x and 9.x).
func ParameterFamily(version string) string {
	if !valkeyVersion.MatchString(version) {
		return ""
	}
	return "valkey" + version[:1]
}

// URL is the rediss:// URL of a replication group for a user: TLS, user and password.
func URL(user, password, host string, port int) string {
	u := url.URL{Scheme: "rediss", User: url.UserPassword(user, password), Host: net.JoinHostPort(host, strconv.Itoa(port))}
	return u.String()
}
