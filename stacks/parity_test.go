package stacks

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cds-snc/notification-pulumi/internal/pulumimock"
)

// terraformModules are the modules of cds-snc/notification-terraform that env/staging and
// env/production run (the same list in both) at the commit docs/parity.md was made from.
var terraformModules = []string{
	"aws-auth", "cloudfront", "common", "database-tools", "dns", "ecr", "ecr-us-east", "ecr-us-west-2", "eks",
	"elasticache", "github", "heartbeat", "lambda-admin-pr", "lambda-google-cidr", "manifest_secrets",
	"performance-test", "pinpoint_to_sqs_sms_callbacks", "quicksight", "rds", "ses_receiving_emails",
	"ses_to_sqs_email_callbacks", "ses_validation_dns_entries", "sns_to_sqs_sms_callbacks", "system_status",
	"system_status_static_site",
}

// parityStatuses are what a row of the table may say about a Terraform resource type.
var parityStatuses = []string{"modelled", "replaced", "other provider", "retired", "not needed", "gap"}

var (
	typeToken = regexp.MustCompile("`((?:aws|awsx):[A-Za-z0-9]+(?:/[A-Za-z0-9]+)?:[A-Za-z0-9]+)`")
	// claim is "component: `type`, `type`" in the last column.
	claim = regexp.MustCompile("([a-z]+): ((?:`[^`]+`(?:, )?)+)")
)

type parityRow struct {
	section string
	cells   []string
	line    int
}

// parityRows reads the tables of docs/parity.md by section heading.
func parityRows(t *testing.T) []parityRow {
	t.Helper()
	f, err := os.Open(filepath.Join(pulumimock.RepoRoot(), "docs", "parity.md"))
	require.NoError(t, err)
	defer f.Close()
	var rows []parityRow
	section := ""
	s := bufio.NewScanner(f)
	for n := 1; s.Scan(); n++ {
		line := s.Text()
		if strings.HasPrefix(line, "## ") {
			section = strings.TrimPrefix(line, "## ")
			continue
		}
		if !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "|---") {
			continue
		}
		var cells []string
		for _, c := range strings.Split(strings.Trim(line, "|"), " | ") {
			cells = append(cells, strings.TrimSpace(c))
		}
		rows = append(rows, parityRow{section: section, cells: cells, line: n})
	}
	require.NoError(t, s.Err())
	return rows
}

// componentTypes renders an environment and returns, per top-level component, the resource
// types it creates (a provider's component resources, such as the awsx VPC, count as types).
func componentTypes(t *testing.T, env string) map[string]map[string]bool {
	t.Helper()
	// Every optional part on: the secrets that switch the Slack notifier, the pager and the
	// scan verdicts on are set.
	cfg := pulumimock.StackConfig(t, env)
	cfg[Namespace+":"+SlackWebhookKey] = "https://hooks.slack.com/services/T0/B0/x"
	cfg[Namespace+":"+OpsGenieKey] = "https://api.opsgenie.com/v1/json/amazonsns?apiKey=x"
	cfg[Namespace+":"+ScanVerdictTokenKey] = "token"
	m, err := pulumimock.Run(t, env, cfg, Program)
	require.NoError(t, err)
	out := map[string]map[string]bool{}
	for _, r := range m.Resources() {
		if strings.HasPrefix(r.Type, "gcnotify:") || strings.HasPrefix(r.Type, "pulumi:") {
			continue
		}
		// The URN's type is the chain of ancestors' types: the first gcnotify one is the component.
		chain := strings.Split(strings.Split(r.URN, "::")[2], "$")
		component := ""
		for _, typ := range chain {
			if strings.HasPrefix(typ, "gcnotify:") {
				component = strings.Split(typ, ":")[1]
				break
			}
		}
		if component == "" {
			component = "stack"
		}
		if out[component] == nil {
			out[component] = map[string]bool{}
		}
		out[component][r.Type] = true
	}
	return out
}

// TestParityTableAccountsForEveryModuleAndType: docs/parity.md covers every module today's
// staging and production run, says of each Terraform resource type whether and where it is
// modelled (or why not), and names exactly the resource types each component creates in the
// rendered environments: a component that adds or drops a type fails here until the table
// says so.
func TestParityTableAccountsForEveryModuleAndType(t *testing.T) {
	rows := parityRows(t)
	claimed := map[string]map[string]bool{} // component -> type -> named by the table
	addClaims := func(text string, line int) {
		for _, c := range claim.FindAllStringSubmatch(text, -1) {
			for _, tok := range typeToken.FindAllStringSubmatch(c[2], -1) {
				if claimed[c[1]] == nil {
					claimed[c[1]] = map[string]bool{}
				}
				claimed[c[1]][tok[1]] = true
			}
		}
	}
	modules := map[string]bool{}
	for _, r := range rows {
		switch r.section {
		case "Resource types":
			if r.cells[0] == "module" {
				continue
			}
			require.Len(t, r.cells, 5, "docs/parity.md:%d: want | module | Terraform | count | status | here or why not |", r.line)
			modules[r.cells[0]] = true
			assert.Contains(t, terraformModules, r.cells[0], "docs/parity.md:%d: not a module staging and production run", r.line)
			assert.Contains(t, parityStatuses, r.cells[3], "docs/parity.md:%d: status", r.line)
			assert.GreaterOrEqual(t, len(r.cells[4]), 12, "docs/parity.md:%d: say where it is modelled or why it is not", r.line)
			if r.cells[3] == "modelled" {
				assert.Regexp(t, claim, r.cells[4], "docs/parity.md:%d: a modelled type names component: `type`", r.line)
			}
			addClaims(r.cells[4], r.line)
		case "Types only here":
			if r.cells[0] == "component" {
				continue
			}
			require.Len(t, r.cells, 3, "docs/parity.md:%d: want | component | types | why |", r.line)
			addClaims(r.cells[0]+": "+r.cells[1], r.line)
		}
	}
	for _, m := range terraformModules {
		assert.True(t, modules[m], "docs/parity.md says nothing of module %s", m)
	}

	created := map[string]map[string]bool{}
	for _, env := range []string{"dev", "staging", "production"} {
		for component, types := range componentTypes(t, env) {
			if created[component] == nil {
				created[component] = map[string]bool{}
			}
			for typ := range types {
				created[component][typ] = true
			}
		}
	}
	var unaccounted, stale []string
	for component, types := range created {
		for typ := range types {
			if component != "stack" && !claimed[component][typ] {
				unaccounted = append(unaccounted, component+": "+typ)
			}
		}
	}
	for component, types := range claimed {
		for typ := range types {
			if !created[component][typ] {
				stale = append(stale, component+": "+typ)
			}
		}
	}
	sort.Strings(unaccounted)
	sort.Strings(stale)
	assert.Empty(t, unaccounted, "created by a component but not in docs/parity.md (a row, or \"Types only here\")")
	assert.Empty(t, stale, "named by docs/parity.md but created by no component in any environment")
}
