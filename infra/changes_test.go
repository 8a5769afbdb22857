package infra

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/stretchr/testify/assert"
)

var secretValue = map[string]any{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "plaintext": `"https://hooks.slack.com/x"`}

// TestPropertyChangesFromTheDetailedDiff: each path of the provider's detailed diff with its
// old value (inputs or state, as the diff says) and new input; replacements marked; unknowns
// shown as known after deploy and secrets masked, at any depth.
func TestPropertyChangesFromTheDetailedDiff(t *testing.T) {
	m := apitype.StepEventMetadata{Op: "update", Keys: []string{"name"},
		Old: &apitype.StepEventStateMetadata{
			Inputs:  map[string]any{"retentionInDays": 14.0, "tags": map[string]any{"Team": "notify"}, "env": secretValue, "name": "a"},
			Outputs: map[string]any{"retentionInDays": 14.0, "arn": "arn:old", "kmsKeyId": "k1", "name": "a"},
		},
		New: &apitype.StepEventStateMetadata{Inputs: map[string]any{"retentionInDays": 30.0,
			"tags": map[string]any{"Team": "notify", "Owner": "ops"}, "env": secretValue,
			"kmsKeyId": unknownSentinel, "name": "b", "rules": []any{map[string]any{"id": unknownSentinel}}}},
		DetailedDiff: map[string]apitype.PropertyDiff{
			"retentionInDays": {Kind: apitype.DiffUpdate, InputDiff: true},
			"tags.Owner":      {Kind: apitype.DiffAdd, InputDiff: true},
			"env":             {Kind: apitype.DiffUpdate, InputDiff: true},
			"kmsKeyId":        {Kind: apitype.DiffUpdate},
			"name":            {Kind: apitype.DiffUpdateReplace, InputDiff: true},
			"rules[0]":        {Kind: apitype.DiffAdd, InputDiff: true},
			"description":     {Kind: apitype.DiffDelete, InputDiff: true},
		}}
	assert.Equal(t, []PropertyChange{
		{Path: "description", Kind: "delete"},
		{Path: "env", Kind: "update", Old: SecretPlaceholder, New: SecretPlaceholder},
		{Path: "kmsKeyId", Kind: "update", Old: "k1", New: UnknownPlaceholder},
		{Path: "name", Kind: "update", Replace: true, Old: "a", New: "b"},
		{Path: "retentionInDays", Kind: "update", Old: 14.0, New: 30.0},
		{Path: "rules[0]", Kind: "add", New: map[string]any{"id": UnknownPlaceholder}},
		{Path: "tags.Owner", Kind: "add", New: "ops"},
	}, propertyChanges(m))
}

// TestPropertyChangesFallBackToTheChangedKeys: without a detailed diff, the changed top-level
// keys with their old and new inputs; a key forcing replacement is marked.
func TestPropertyChangesFallBackToTheChangedKeys(t *testing.T) {
	m := apitype.StepEventMetadata{Op: "replace", Diffs: []string{"name", "policy", "tags"}, Keys: []string{"name"},
		Old: &apitype.StepEventStateMetadata{Inputs: map[string]any{"name": "a", "policy": "{}"}},
		New: &apitype.StepEventStateMetadata{Inputs: map[string]any{"name": "b", "tags": map[string]any{"x": secretValue}}}}
	assert.Equal(t, []PropertyChange{
		{Path: "name", Kind: "update", Replace: true, Old: "a", New: "b"},
		{Path: "policy", Kind: "delete", Old: "{}"},
		{Path: "tags", Kind: "add", New: map[string]any{"x": SecretPlaceholder}},
	}, propertyChanges(m))
}

// TestCollectorRecordsChangesComponentAndProtect: the collector keeps a step's changes, its
// top-level component and its protect flag; a create has no changes.
func TestCollectorRecordsChangesComponentAndProtect(t *testing.T) {
	c := newCollector(stepClock(), nil)
	upd := meta("update", queueURN, "aws:sqs/queue:Queue")
	upd.Diffs = []string{"delaySeconds"}
	upd.Old = &apitype.StepEventStateMetadata{Custom: true, Protect: true, Inputs: map[string]any{"delaySeconds": 0.0}}
	upd.New = &apitype.StepEventStateMetadata{Custom: true, Protect: true, Inputs: map[string]any{"delaySeconds": 5.0}}
	cr := meta("create", logURN, "aws:cloudwatch/logGroup:LogGroup")
	cr.New = &apitype.StepEventStateMetadata{Custom: true, Inputs: map[string]any{"name": "x"}}
	for _, e := range []apitype.EngineEvent{pre(upd), outs(upd), pre(cr), outs(cr)} {
		c.handle(e)
	}
	r := c.result("dev", CloudSim, OpPreview, stepClock()(), stepClock()(), true)
	q := r.Resources[0]
	assert.Equal(t, "queues", q.Component)
	assert.True(t, q.Protect)
	assert.Equal(t, []PropertyChange{{Path: "delaySeconds", Kind: "update", Old: 0.0, New: 5.0}}, q.Changes)
	assert.Equal(t, StackLevel, r.Resources[1].Component)
	assert.Empty(t, r.Resources[1].Changes)
}

// TestEventLogReplaysDeterministically: a recorded stream gives the same result twice, timed by
// the events' own timestamps.
func TestEventLogReplaysDeterministically(t *testing.T) {
	upd := meta("update", queueURN, "aws:sqs/queue:Queue")
	e1, e2 := pre(upd), outs(upd)
	e1.Timestamp, e2.Timestamp = 1000, 1004
	l := EventLog{Stack: "dev", Cloud: CloudSim, Operation: OpPreview, OK: true, Events: []apitype.EngineEvent{e1, e2}}
	a, b := l.Result(), l.Result()
	assert.Equal(t, a, b)
	assert.Equal(t, 4.0, a.Resources[0].DurationSeconds)
	assert.Equal(t, 4.0, a.DurationSeconds)
}
