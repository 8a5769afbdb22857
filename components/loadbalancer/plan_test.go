package loadbalancer

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRoutesMatchInventory(t *testing.T) {
	byKey := map[string]Route{}
	priorities := map[int]string{}
	for _, r := range Routes("notification.canada.ca") {
		byKey[r.Key] = r
		if other, dup := priorities[r.Priority]; dup {
			t.Errorf("priority %d used by %s and %s", r.Priority, other, r.Key)
		}
		priorities[r.Priority] = r.Key
	}
	for key, want := range map[string]struct {
		port  int
		path  string
		prio  int
		hosts []string
	}{
		TargetAPI:           {6011, "/_status?simple=true", 300, []string{"api.notification.canada.ca"}},
		TargetAdmin:         {6012, "/_status?simple=true", 400, []string{"notification.canada.ca"}},
		TargetDocumentAPI:   {7000, "/_status", 100, []string{"api.document.notification.canada.ca"}},
		TargetDocument:      {7001, "/_status", 200, []string{"document.notification.canada.ca"}},
		TargetDocumentation: {80, "/", 60, []string{"documentation.notification.canada.ca"}},
	} {
		r, ok := byKey[key]
		if assert.True(t, ok, key) {
			assert.Equal(t, want.port, r.Port, key)
			assert.Equal(t, want.path, r.HealthPath, key)
			assert.Equal(t, want.prio, r.Priority, "%s: priorities are stable", key)
			assert.Equal(t, want.hosts, r.Hosts, key)
		}
	}
	assert.Len(t, byKey, 5)
	assert.Equal(t, []int{80, 6011, 6012, 7000, 7001}, TargetPorts(Routes("x")))
}

func TestPlanNamesFitAWSLimits(t *testing.T) {
	for _, env := range []string{"dev", "staging", "production"} {
		n := PlanNames(env)
		assert.Empty(t, n.Validate(), env)
		assert.Equal(t, "notification-"+env+"-alb", n.PublicALB)
		assert.Equal(t, "notify-"+env+"-internal-alb", n.InternalALB)
		assert.Len(t, n.TargetGroups, 6)
		assert.Equal(t, "notify-"+env+"-document-api", n.TargetGroups[TargetDocumentAPI])
	}
	assert.Len(t, PlanNames("production").TargetGroups[TargetInternalNginx], 32, "the longest name sits exactly on the limit")
	assert.NotEmpty(t, PlanNames("productions").Validate(), "one more character is refused")
	assert.NotEmpty(t, PlanNames("bad_name").Validate(), "underscores are refused")
	assert.NotEmpty(t, Names{PublicALB: "internal-x", InternalALB: "ok"}.Validate(), "internal- prefix is refused")
}
