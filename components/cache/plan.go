package cache

import (
	"crypto/rand"
	"fmt"
	"math/big"
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

const passwordAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newPassword returns n random letters and digits (ElastiCache wants 16 to 128 printable
// characters; letters and digits also need no escaping in a URL).
func newPassword(n int) (string, error) {
	b := make([]byte, n)
	limit := big.NewInt(int64(len(passwordAlphabet)))
	for i := range b {
		k, err := rand.Int(rand.Reader, limit)
		if err != nil {
			return "", fmt.Errorf("generate password: %w", err)
		}
		b[i] = passwordAlphabet[k.Int64()]
	}
	return string(b), nil
}

// URL is the rediss:// URL of a replication group for a user: TLS, user and password.
func URL(user, password, host string, port int) string {
	u := url.URL{Scheme: "rediss", User: url.UserPassword(user, password), Host: net.JoinHostPort(host, strconv.Itoa(port))}
	return u.String()
}
