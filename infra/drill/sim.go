package drill

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/ephemeral"
	"github.com/cds-snc/notification-pulumi/stacks"
)

// SimCloud is a drill's simulated cloud: the world of the state folder, which the permanent
// environments' rehearsals share, so the drill meets their names and accounts.
type SimCloud struct{ Sim *cloudsim.Sim }

// SimOccupant says what the world file of a state folder holds in an account
// (ephemeral.SimOccupant).
func SimOccupant(stateDir string) func(context.Context, string) (string, error) {
	return ephemeral.SimOccupant(stateDir)
}

// Hooks implements Cloud: the providers' environment, the simulated registries (images are
// copied from the simulated release registry) and the world's inventory.
func (c SimCloud) Hooks(o *infra.Options) {
	o.Env = c.Sim.Env()
	o.Registry = infra.RemoteRegistry{Map: c.Sim.RegistryRef, Insecure: true, Keychain: authn.NewMultiKeychain()}
	o.ImageSource = cloudsim.ReleaseRegistry
	o.Inventory = infra.WorldInventory(c.Sim)
}

// Verify implements Cloud against the simulated world: the checks the AWS verifier makes through
// the AWS SDK, answered from the resources the world holds in the drill's account.
func (c SimCloud) Verify(_ context.Context, cfg stacks.Config, outs map[string]infra.Output) []Check {
	var queues, clusters, eks, records []cloudsim.SimResource
	for _, r := range c.Sim.Resources() {
		if r.Account != cfg.AccountID {
			continue
		}
		switch r.Type {
		case "aws:sqs/queue:Queue":
			queues = append(queues, r)
		case "aws:rds/cluster:Cluster":
			clusters = append(clusters, r)
		case "aws:eks/cluster:Cluster":
			eks = append(eks, r)
		case "aws:route53/record:Record":
			records = append(records, r)
		}
	}
	return []Check{
		queuesCheck(len(queues), func() []string {
			var names []string
			for _, q := range queues {
				if u, _ := q.Outputs["url"].(string); u != "" {
					names = append(names, q.Name)
				}
			}
			return names
		}()),
		databaseCheck(func() (string, string) {
			for _, d := range clusters {
				// The provider's create returns once the cluster is available: a cluster in the
				// world with its endpoint is one.
				if ep, _ := d.Outputs["endpoint"].(string); ep != "" {
					return d.Name, "available"
				}
			}
			return "", ""
		}),
		eksCheck(func() (string, string) {
			for _, e := range eks {
				st, _ := e.Outputs["status"].(string)
				return e.Name, st
			}
			return "", ""
		}),
		dnsCheck(cfg.Domain, func() bool {
			for _, r := range records {
				if n, _ := r.Outputs["name"].(string); strings.TrimSuffix(n, ".") == cfg.Domain {
					return true
				}
				if n, _ := r.Outputs["fqdn"].(string); strings.TrimSuffix(n, ".") == cfg.Domain {
					return true
				}
			}
			return false
		}()),
	}
}

func queuesCheck(total int, withURL []string) Check {
	c := Check{Name: "queues exist", OK: total > 0 && len(withURL) == total}
	c.Detail = fmt.Sprintf("%d queues, %d answering with a URL", total, len(withURL))
	return c
}

func databaseCheck(find func() (string, string)) Check {
	name, status := find()
	return Check{Name: "database cluster available", OK: status == "available", Detail: fmt.Sprintf("%s: %s", orNone(name), orNone(status))}
}

func eksCheck(find func() (string, string)) Check {
	name, status := find()
	return Check{Name: "EKS cluster active", OK: status == "ACTIVE", Detail: fmt.Sprintf("%s: %s", orNone(name), orNone(status))}
}

func dnsCheck(domain string, answers bool) Check {
	d := "no record answers for " + domain
	if answers {
		d = domain + " answers from the environment's zone"
	}
	return Check{Name: "DNS answers", OK: answers, Detail: d}
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// Leftovers implements Cloud: what the world still holds of the stack or in the account.
func (c SimCloud) Leftovers(_ context.Context, stack, account string) ([]string, error) {
	if err := c.Sim.Sync(); err != nil {
		return nil, err
	}
	var out []string
	for _, r := range c.Sim.Resources() {
		if r.Account == account || cloudsim.StackOf(r.URN) == stack {
			out = append(out, fmt.Sprintf("world: %s %s (%s)", r.Type, r.ID, r.URN))
		}
	}
	return out, nil
}

// Close implements Cloud.
func (c SimCloud) Close() error { return c.Sim.Close() }
