package infra

import (
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	queueURN = "urn:pulumi:dev::gcnotify::gcnotify:queues:Queues$aws:sqs/queue:Queue::queues-bulk"
	sgURN    = "urn:pulumi:dev::gcnotify::aws:ec2/securityGroup:SecurityGroup::endpoints-sg"
	logURN   = "urn:pulumi:dev::gcnotify::aws:cloudwatch/logGroup:LogGroup::flow-logs"
)

// stepClock advances one second per reading.
func stepClock() func() time.Time {
	t := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(time.Second); return t }
}

func meta(op apitype.OpType, urn, typ string) apitype.StepEventMetadata {
	return apitype.StepEventMetadata{Op: op, URN: urn, Type: typ}
}

func pre(m apitype.StepEventMetadata) apitype.EngineEvent {
	return apitype.EngineEvent{ResourcePreEvent: &apitype.ResourcePreEvent{Metadata: m}}
}

func outs(m apitype.StepEventMetadata) apitype.EngineEvent {
	return apitype.EngineEvent{ResOutputsEvent: &apitype.ResOutputsEvent{Metadata: m}}
}

// TestCollectorRecordsEachResource feeds a recorded update's events: a replacement (three engine
// steps), an update with diffs, a failed create with the provider's message, a warning and the
// summary.
func TestCollectorRecordsEachResource(t *testing.T) {
	var seen []Event
	c := newCollector(stepClock(), func(e Event) { seen = append(seen, e) })

	replace := meta("create-replacement", sgURN, "aws:ec2/securityGroup:SecurityGroup")
	replace.Keys, replace.Diffs = []string{"name"}, []string{"name", "tags"}
	logical := replace
	logical.Op = "replace"
	deleted := meta("delete-replaced", sgURN, "aws:ec2/securityGroup:SecurityGroup")
	update := meta("update", logURN, "aws:cloudwatch/logGroup:LogGroup")
	update.Diffs = []string{"retentionInDays"}
	create := meta("create", queueURN, "aws:sqs/queue:Queue")

	for _, e := range []apitype.EngineEvent{
		pre(replace), outs(replace), pre(logical), outs(logical),
		pre(update), outs(update),
		pre(create),
		{DiagnosticEvent: &apitype.DiagnosticEvent{URN: queueURN, Severity: "error",
			Message: "<{%reset%}>creating SQS Queue: AccessDenied<{%reset%}>\n"}},
		{ResOpFailedEvent: &apitype.ResOpFailedEvent{Metadata: create}},
		{DiagnosticEvent: &apitype.DiagnosticEvent{Severity: "warning", Message: "deprecated argument"}},
		{DiagnosticEvent: &apitype.DiagnosticEvent{Severity: "info", Message: "noise"}},
		pre(deleted), outs(deleted),
		{SummaryEvent: &apitype.SummaryEvent{ResourceChanges: map[apitype.OpType]int{"replace": 1, "update": 1, "same": 7}}},
	} {
		c.handle(e)
	}
	start := time.Date(2025, 6, 1, 11, 0, 0, 0, time.UTC)
	r := c.result("dev", CloudSim, OpUp, start, start.Add(time.Minute), false)

	require.Len(t, r.Resources, 3, "one record per resource, the replacement's steps merged")
	sg := r.Resources[0]
	assert.Equal(t, "replace", sg.Op)
	assert.Equal(t, StatusDone, sg.Status)
	assert.Equal(t, []string{"name"}, sg.ReplaceReasons)
	assert.Equal(t, []string{"name", "tags"}, sg.Diffs)
	assert.Equal(t, "endpoints-sg", sg.Name)
	assert.Greater(t, sg.DurationSeconds, 1.0, "a replacement lasts until the old resource is deleted")

	assert.Equal(t, "update", r.Resources[1].Op)
	assert.Equal(t, []string{"retentionInDays"}, r.Resources[1].Diffs)

	q := r.Resources[2]
	assert.Equal(t, StatusFailed, q.Status)
	assert.Equal(t, "creating SQS Queue: AccessDenied", q.Error, "the provider's message, without colour tags")
	assert.Equal(t, []ResourceRecord{q}, r.Failures())

	assert.Equal(t, map[string]int{"replace": 1, "update": 1, "same": 7}, r.Summary, "the engine's own summary")
	assert.Equal(t, 2, r.Changes())
	require.Len(t, r.Diagnostics, 2, "errors and warnings, not info")
	assert.Equal(t, "deprecated argument", r.Diagnostics[1].Message)
	assert.Equal(t, 60.0, r.DurationSeconds)

	var kinds []EventKind
	for _, e := range seen {
		kinds = append(kinds, e.Kind)
	}
	assert.Equal(t, []EventKind{ResourceStarted, ResourceDone, ResourceStarted, ResourceDone, ResourceStarted,
		ResourceDone, ResourceStarted, DiagnosticKind, ResourceFailed, DiagnosticKind, ResourceStarted, ResourceDone}, kinds)
}

func TestCollectorFinishesStepsAtTheEnd(t *testing.T) {
	comp := meta("create", "urn:pulumi:dev::gcnotify::gcnotify:network:Network::network", "gcnotify:network:Network")
	for ok, want := range map[bool]Status{true: StatusDone, false: StatusInterrupted} {
		c := newCollector(stepClock(), nil)
		c.handle(pre(comp))
		r := c.result("dev", CloudSim, OpUp, time.Time{}, time.Date(2025, 6, 1, 13, 0, 0, 0, time.UTC), ok)
		assert.Equal(t, want, r.Resources[0].Status, "operation ok=%v", ok)
		assert.Equal(t, map[string]int{"create": 1}, r.Summary, "without a summary event, counted from the records")
	}
}

// TestCancelledStepsAreInterruptedNotFailed: at Ctrl-C the engine reports the steps in flight as
// failed with "operation cancelled"; they are interrupted, while a step that failed on its own
// stays failed.
func TestCancelledStepsAreInterruptedNotFailed(t *testing.T) {
	c := newCollector(stepClock(), nil)
	create := meta("create", queueURN, "aws:sqs/queue:Queue")
	nat := meta("create", sgURN, "aws:ec2/securityGroup:SecurityGroup")
	for _, e := range []apitype.EngineEvent{
		pre(create), pre(nat),
		{DiagnosticEvent: &apitype.DiagnosticEvent{URN: queueURN, Severity: "error", Message: "creating SQS Queue: AccessDenied\n"}},
		{ResOpFailedEvent: &apitype.ResOpFailedEvent{Metadata: create}},
		{DiagnosticEvent: &apitype.DiagnosticEvent{URN: sgURN, Severity: "error", Message: "operation cancelled\n"}},
		{ResOpFailedEvent: &apitype.ResOpFailedEvent{Metadata: nat}},
	} {
		c.handle(e)
	}
	c.interruptCancelled()
	r := c.result("dev", CloudSim, OpUp, time.Time{}, time.Date(2025, 6, 1, 13, 0, 0, 0, time.UTC), false)
	status := map[string]Status{}
	for _, rec := range r.Resources {
		status[rec.URN] = rec.Status
	}
	assert.Equal(t, map[string]Status{queueURN: StatusFailed, sgURN: StatusInterrupted}, status)
}
