package tests

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/infra"
	"github.com/cds-snc/notification-pulumi/infra/cli"
	"github.com/cds-snc/notification-pulumi/infra/cloudsim"
	"github.com/cds-snc/notification-pulumi/infra/stackfile"
)

// worldStack is a stack deployed into a simulated world that other stacks share.
type worldStack struct {
	sim   *cloudsim.Sim
	stack *infra.Stack
}

// copyOfDev writes a stack file for name: dev's configuration with the given top-level keys
// replaced (key -> YAML value) and the others kept.
func copyOfDev(t *testing.T, dir, name string, set map[string]string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "Pulumi.dev.yaml"))
	require.NoError(t, err)
	text := string(raw)
	for k, v := range set {
		re := regexp.MustCompile(`(?m)^  gcnotify:` + regexp.QuoteMeta(k) + `:.*$`)
		line := "  gcnotify:" + k + ": " + v
		if re.MatchString(text) {
			text = re.ReplaceAllString(text, line)
		} else {
			text = strings.TrimRight(text, "\n") + "\n" + line + "\n"
		}
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi."+name+".yaml"), []byte(text), 0o644))
}

// openInWorld opens a stack of projectDir against sim, its state in stateDir. The world and the
// state are the test's temporary files: nothing is torn down through the engine.
func openInWorld(t *testing.T, sim *cloudsim.Sim, projectDir, stateDir, name string) *worldStack {
	t.Helper()
	s, err := infra.Open(context.Background(), infra.Options{Stack: name, Cloud: infra.CloudSim, ProjectDir: projectDir,
		StateDir: stateDir, CLI: requireEngine(t), Env: sim.Env(), LookupEnv: func(string) (string, bool) { return "", false },
		Registry: cli.SimRegistry(sim), ImageSource: cloudsim.ReleaseRegistry, Inventory: cli.SimInventory(sim)})
	require.NoError(t, err)
	return &worldStack{sim: sim, stack: s}
}

// projectWith is a project folder holding Pulumi.yaml and dev's stack file.
func projectWith(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"Pulumi.yaml", "Pulumi.dev.yaml"} {
		raw, err := os.ReadFile(filepath.Join(repoRoot(t), name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), raw, 0o644))
	}
	return dir
}

func startWorld(t *testing.T, projectDir, worldFile string) *cloudsim.Sim {
	t.Helper()
	f, err := stackfile.Load(projectDir, "dev")
	require.NoError(t, err)
	sim, err := cloudsim.Start(context.Background(), cli.SimOptions(f, 0, worldFile))
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, sim.Close()) })
	return sim
}

// TestOneWorldTwoAccountsAtOnceThenACollision shares one simulated world between stacks, as
// AWS is shared between accounts and stacks:
//   - two notifyctl-like processes (a simulated cloud each, one world file) deploy dev and a copy
//     of it in its own account and domain at the same time: the world holds both afterwards,
//     neither process losing the other's writes;
//   - a second copy of dev in dev's own account is refused every name it shares with dev
//     (repositories, the OIDC provider, the account's singletons, ...), and the rehearsal names
//     each. (The SMS preferences and the active receipt rule set wait for sns-delivery-role and
//     the rule set, which collide first; their own refusal is shown by the rule cases in
//     infra/cloudsim.)
func TestOneWorldTwoAccountsAtOnceThenACollision(t *testing.T) {
	requireEngine(t)
	t.Parallel()
	project, state := projectWith(t), t.TempDir()
	world := cloudsim.WorldFile(state)
	copyOfDev(t, project, "other", map[string]string{"environment": "other", "ephemeral": "true",
		"accountId": `"444455556666"`, "domain": "other.notification.cdssandbox.xyz"})
	stacks := []*worldStack{
		openInWorld(t, startWorld(t, project, world), project, state, "dev"),
		openInWorld(t, startWorld(t, project, world), project, state, "other"),
	}
	var wg sync.WaitGroup
	errs := make([]error, len(stacks))
	for i, s := range stacks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.stack.Up(context.Background(), infra.RunOptions{})
		}()
	}
	wg.Wait()
	require.NoError(t, errs[0])
	require.NoError(t, errs[1], "a copy of dev in its own account and domain deploys beside dev")
	for _, s := range stacks {
		require.NoError(t, s.sim.Sync())
	}
	left, err := cloudsim.ReadWorld(world)
	require.NoError(t, err)
	byStack := map[string]int{}
	for _, r := range left {
		byStack[strings.SplitN(strings.TrimPrefix(r.URN, "urn:pulumi:"), "::", 2)[0]]++
	}
	assert.Greater(t, byStack["dev"], 700, "the world holds dev")
	assert.Greater(t, byStack["other"], 700, "the world holds the other stack")
	assert.InDelta(t, byStack["dev"], byStack["other"], 10, "neither process lost the other's writes")

	secondStackInDevsAccountCollides(t, stacks[0].sim, project, state)
}

func secondStackInDevsAccountCollides(t *testing.T, sim *cloudsim.Sim, project, state string) {
	copyOfDev(t, project, "devcopy", map[string]string{"environment": "devcopy", "ephemeral": "true"})
	occupied := openInWorld(t, sim, project, state, "devcopy")
	res, err := occupied.stack.Up(context.Background(), infra.RunOptions{ContinueOnError: true})
	var failure *infra.ResourceFailureError
	require.ErrorAs(t, err, &failure, "a second stack in dev's account must not deploy")
	failed := map[string]string{}
	for _, rec := range res.Failures() {
		failed[rec.Type+"::"+rec.Name] = rec.Error
	}
	for key, want := range map[string]string{
		"aws:ecr/repository:Repository::registry-ca-central-1-notify-api": "RepositoryAlreadyExistsException",
		"aws:iam/openIdConnectProvider:OpenIdConnectProvider::ci-github":  "EntityAlreadyExists",
		"aws:securityhub/account:Account::monitoring-securityhub":         "Account is already subscribed to Security Hub",
		"aws:iam/role:Role::sms-delivery-role":                            "EntityAlreadyExists",
		"aws:ses/receiptRuleSet:ReceiptRuleSet::email-rule-set":           "Rule set already exists: main",
		"aws:sesv2/emailIdentity:EmailIdentity::email-identity":           "AlreadyExistsException",
		"aws:route53/record:Record::loadbalancer-alias-api":               "InvalidChangeBatch",
		"aws:cloudfront/distribution:Distribution::cdn-assets":            "CNAMEAlreadyExists"} {
		if msg, ok := failed[key]; assert.True(t, ok, "%s must collide; failures: %v", key, slices.Sorted(maps.Keys(failed))) {
			assert.Contains(t, msg, want, key)
		}
	}
	t.Logf("%d resources collided", len(failed))
}
