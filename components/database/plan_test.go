package database

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanMembersKeepsNamesWhenTheCountChanges(t *testing.T) {
	zones := []string{"a", "b", "d"}
	three := PlanMembers("c", 3, zones)
	four := PlanMembers("c", 4, zones)
	two := PlanMembers("c", 2, zones)
	assert.Equal(t, three, four[:3], "growing adds a member without renaming or moving the others")
	assert.Equal(t, three[:2], two, "shrinking removes the last member only")
	assert.Equal(t, Member{Key: "instance-4", Identifier: "c-instance-4", AvailabilityZone: "a"}, four[3])
	assert.Equal(t, "", PlanMembers("c", 1, nil)[0].AvailabilityZone, "no zones: RDS chooses")
}

func TestWindowsOverlap(t *testing.T) {
	for _, tc := range []struct {
		backup, maintenance string
		overlap             bool
		err                 string
	}{
		{"07:00-09:00", "sun:04:00-sun:05:00", false, ""},
		{"07:00-09:00", "sun:05:00-sun:07:00", false, ""}, // touching ends do not overlap
		{"07:00-09:00", "wed:08:30-wed:09:30", true, ""},
		{"23:30-00:30", "tue:00:00-tue:00:45", true, ""},  // daily window past midnight
		{"01:00-02:00", "sun:23:30-mon:01:30", true, ""},  // weekly window past the week's end
		{"01:00-02:00", "sun:23:30-mon:00:30", false, ""}, // same, without touching the backup
		{"7:00-9:00", "sun:04:00-sun:05:00", false, "backup window"},
		{"07:00-07:15", "sun:04:00-sun:05:00", false, "at least 30"},
		{"07:00-09:00", "sunday:04:00-sun:05:00", false, "maintenance window"},
		{"07:00-09:00", "sun:25:00-sun:05:00", false, "maintenance window"},
	} {
		got, err := WindowsOverlap(tc.backup, tc.maintenance)
		if tc.err != "" {
			require.Error(t, err, "%s / %s", tc.backup, tc.maintenance)
			assert.Contains(t, err.Error(), tc.err)
			continue
		}
		require.NoError(t, err, "%s / %s", tc.backup, tc.maintenance)
		assert.Equal(t, tc.overlap, got, "%s / %s", tc.backup, tc.maintenance)
	}
}

func TestCheckIdentifier(t *testing.T) {
	assert.NoError(t, checkIdentifier("f", "notification-canada-ca-production-cluster", 63))
	for _, bad := range []string{"1cluster", "a--b", "ends-", "has_underscore", ""} {
		assert.Error(t, checkIdentifier("f", bad, 63), bad)
	}
	assert.Error(t, checkIdentifier("f", "abcd", 3))
}
