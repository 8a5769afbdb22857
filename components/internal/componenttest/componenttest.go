// Package componenttest holds the setup that component unit tests share: providers pinned to a
// region and account, a run under recording mocks that hands back what the program built, and a
// capture of resolved outputs. Only tests import it.
package componenttest

import (
	"maps"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/cds-snc/notification-pulumi/components/placement"
	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

// Provider registers an AWS provider named name for region, allowed only in account (any
// account when account is ""). Under mocks registration fails only when the test itself is
// broken, so it panics rather than make every caller handle the error.
func Provider(ctx *pulumi.Context, name, region, account string) *aws.Provider {
	testProviders.Store(name, true)
	args := &aws.ProviderArgs{Region: pulumi.String(region)}
	if account != "" {
		args.AllowedAccountIds = pulumi.ToStringArray([]string{account})
	}
	p, err := aws.NewProvider(ctx, name, args)
	if err != nil {
		panic(err)
	}
	return p
}

// Placement is the placement of environment env in account, as the composition builds it: name
// prefix notification-canada-ca-<env>, the default regions, and the SMS and email regions'
// providers, named "sms" and "email" and pinned to their region and account.
func Placement(ctx *pulumi.Context, env, account string) placement.Placement {
	p := placement.Placement{NamePrefix: "notification-canada-ca-" + env, AccountID: account}.WithDefaults()
	p.SMSProvider = Provider(ctx, "sms", p.SMSRegion, account)
	p.EmailProvider = Provider(ctx, "email", p.EmailRegion, account)
	return p
}

// Run runs build under fresh recording mocks as stack and returns the mocks and what build
// returned (its zero value when the run failed before build returned).
func Run[T any](t testing.TB, stack string, build func(ctx *pulumi.Context) (T, error)) (*pulumimock.Mocks, T, error) {
	t.Helper()
	var out T
	m, err := pulumimock.Run(t, stack, nil, func(ctx *pulumi.Context) error {
		var err error
		out, err = build(ctx)
		return err
	})
	return m, out, err
}

// Build runs a component's constructor under fresh recording mocks as stack "test", with args
// and no options (the component then uses the default provider), and returns the mocks and the
// component.
func Build[A, C any](t testing.TB, newComponent func(*pulumi.Context, string, A, ...pulumi.ResourceOption) (C, error),
	name string, args A) (*pulumimock.Mocks, C, error) {
	t.Helper()
	return Run(t, "test", func(ctx *pulumi.Context) (C, error) { return newComponent(ctx, name, args) })
}

// Recorded is what a run's recording mocks (pulumimock.Mocks, pulumimock.OptionMocks) hold.
type Recorded interface{ Resources() []pulumimock.Resource }

// providerType starts the type of every provider resource (pulumi:providers:aws, ...).
const providerType = "pulumi:providers:"

// testProviders holds the names of the providers tests made with Provider (the tests of one
// package run in one process, some in parallel): AssertChildren exempts those alone.
var testProviders sync.Map

// isTestProvider says whether r is a provider a test made with Provider.
func isTestProvider(r pulumimock.Resource) bool {
	_, made := testProviders.Load(r.Name)
	return strings.HasPrefix(r.Type, providerType) && made
}

// AssertChildren asserts that every resource the run registered, but the component itself and
// the providers the test made with Provider, descends from the component of type typ (its
// parent URN names typ), so that the component's options (provider, protection, aliases) reach
// all of it. A provider the component makes outside itself fails too.
func AssertChildren(t testing.TB, m Recorded, typ string) {
	t.Helper()
	for _, r := range m.Resources() {
		if r.Type != typ && !isTestProvider(r) {
			assert.Contains(t, r.Parent, typ, "%s %s is a child of the component", r.Type, r.Name)
		}
	}
}

// AssertOnlyProviders asserts that the run registered nothing but the test's providers, want of
// them (named by msg): a component refusing its args registers nothing.
func AssertOnlyProviders(t testing.TB, m Recorded, want int, msg string) {
	t.Helper()
	for _, r := range m.Resources() {
		assert.True(t, isTestProvider(r), "nothing but the test's providers registered: %s %s", r.Type, r.Name)
	}
	assert.Len(t, m.Resources(), want, msg)
}

// Capture collects the resolved values of a run's outputs by key. Outputs resolve on their own
// goroutines, so every access holds the lock; read values after the run has returned.
type Capture struct {
	mu      sync.Mutex
	strings map[string]string
	lists   map[string][]string
}

// String records o's value under key once it resolves.
func (c *Capture) String(ctx *pulumi.Context, key string, o pulumi.StringOutput) {
	ctx.Export("capture-"+key, o.ApplyT(func(v string) string {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.strings == nil {
			c.strings = map[string]string{}
		}
		c.strings[key] = v
		return v
	}))
}

// Strings records o's values under key once they resolve.
func (c *Capture) Strings(ctx *pulumi.Context, key string, o pulumi.StringArrayOutput) {
	ctx.Export("capture-"+key, o.ApplyT(func(v []string) []string {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.lists == nil {
			c.lists = map[string][]string{}
		}
		c.lists[key] = v
		return v
	}))
}

// Get is the value recorded under key ("" when none was).
func (c *Capture) Get(key string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.strings[key]
}

// List is the list recorded under key (nil when none was).
func (c *Capture) List(key string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lists[key]
}

// Values is a copy of every string recorded, by key.
func (c *Capture) Values() map[string]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.strings)
}
