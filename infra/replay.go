package infra

import (
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
)

// EventLog is one operation's engine event stream as recorded (RunOptions.EngineEvents): what
// the golden tests of the renderers replay.
type EventLog struct {
	Stack     string    `json:"stack"`
	Cloud     Cloud     `json:"cloud"`
	Operation Operation `json:"operation"`
	// OK is false when the operation failed.
	OK     bool                  `json:"ok"`
	Events []apitype.EngineEvent `json:"events"`
}

// Result is the Result the operation returned, rebuilt from its events: the same collector,
// with each event timed by its own timestamp, so a replay is deterministic.
func (l *EventLog) Result() *Result {
	var cur time.Time
	c := newCollector(func() time.Time { return cur }, nil)
	var start, end time.Time
	for i, e := range l.Events {
		cur = time.Unix(int64(e.Timestamp), 0).UTC()
		if i == 0 {
			start = cur
		}
		end = cur
		c.handle(e)
	}
	return c.result(l.Stack, l.Cloud, l.Operation, start, end, l.OK)
}
