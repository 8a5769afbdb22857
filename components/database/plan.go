package database

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Member is one Aurora instance of the cluster.
type Member struct {
	// Key is the stable part of the logical name: "instance-<n>".
	Key string
	// Identifier is the instance's physical identifier: <cluster>-instance-<n>.
	Identifier string
	// AvailabilityZone is the zone the instance is pinned to; empty lets RDS choose.
	AvailabilityZone string
}

// PlanMembers names the cluster's instances. Aurora instances are interchangeable: any of
// them can be the writer after a failover, so a role ("writer", "reader-2") would be a name
// that lies after the first failover. Members are numbered instead, and the number is the
// member's identity: growing from 3 to 4 adds instance-4 and shrinking to 2 removes
// instance-3, while the others keep their logical and physical names (nothing is replaced).
// With zones given, member n is pinned to zone (n-1) mod len(zones), so the instances spread
// over the zones and a member never moves when the count changes.
func PlanMembers(cluster string, count int, zones []string) []Member {
	members := make([]Member, 0, count)
	for n := 1; n <= count; n++ {
		m := Member{Key: fmt.Sprintf("instance-%d", n), Identifier: fmt.Sprintf("%s-instance-%d", cluster, n)}
		if len(zones) > 0 {
			m.AvailabilityZone = zones[(n-1)%len(zones)]
		}
		members = append(members, m)
	}
	return members
}

// rdsIdentifier is RDS's rule for cluster, instance, proxy and snapshot identifiers: a letter,
// then letters, digits and single hyphens, not ending with a hyphen.
var rdsIdentifier = regexp.MustCompile(`^[a-zA-Z](?:-?[a-zA-Z0-9])*$`)

// checkIdentifier reports why id is not a valid RDS identifier of at most max characters.
func checkIdentifier(field, id string, max int) error {
	if len(id) > max || !rdsIdentifier.MatchString(id) {
		return fmt.Errorf("database: %s: got %q (%d characters), want at most %d letters, digits and single hyphens, starting with a letter and not ending with a hyphen", field, id, len(id), max)
	}
	return nil
}

const (
	minutesPerDay  = 24 * 60
	minutesPerWeek = 7 * minutesPerDay
)

var days = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// span is a half-open range of minutes within the week, starting Monday 00:00 UTC.
type span struct{ start, end int }

func (a span) overlaps(b span) bool { return a.start < b.end && b.start < a.end }

// weekSpans turns a range that may run past the end of the week into spans inside it.
func weekSpans(start, n int) []span {
	start %= minutesPerWeek
	if start+n <= minutesPerWeek {
		return []span{{start, start + n}}
	}
	return []span{{start, minutesPerWeek}, {0, start + n - minutesPerWeek}}
}

func clock(s string) (int, bool) {
	hm := strings.Split(s, ":")
	if len(hm) != 2 || len(hm[0]) != 2 || len(hm[1]) != 2 {
		return 0, false
	}
	h, err1 := strconv.Atoi(hm[0])
	m, err2 := strconv.Atoi(hm[1])
	if err1 != nil || err2 != nil || h > 23 || m > 59 || h < 0 || m < 0 {
		return 0, false
	}
	return h*60 + m, true
}

// length is the minutes from start to end, wrapping past midnight (or the week's end).
func length(start, end, period int) int {
	if end <= start {
		end += period
	}
	return end - start
}

// dailySpans parses a daily window "hh:mm-hh:mm" (UTC) into its seven occurrences in the week.
func dailySpans(window string) ([]span, error) {
	parts := strings.Split(window, "-")
	if len(parts) != 2 {
		return nil, fmt.Errorf("%q is not hh:mm-hh:mm", window)
	}
	start, ok1 := clock(parts[0])
	end, ok2 := clock(parts[1])
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("%q is not hh:mm-hh:mm", window)
	}
	n := length(start, end, minutesPerDay)
	if n < 30 {
		return nil, fmt.Errorf("%q is %d minutes, AWS wants at least 30", window, n)
	}
	var out []span
	for d := 0; d < 7; d++ {
		out = append(out, weekSpans(d*minutesPerDay+start, n)...)
	}
	return out, nil
}

// weeklySpans parses a weekly window "ddd:hh:mm-ddd:hh:mm" (UTC).
func weeklySpans(window string) ([]span, error) {
	bad := fmt.Errorf("%q is not ddd:hh:mm-ddd:hh:mm with ddd one of %s", window, strings.Join(days, ", "))
	parts := strings.Split(strings.ToLower(window), "-")
	if len(parts) != 2 {
		return nil, bad
	}
	var at [2]int
	for i, p := range parts {
		if len(p) != 9 || p[3] != ':' {
			return nil, bad
		}
		day := -1
		for d, name := range days {
			if p[:3] == name {
				day = d
			}
		}
		m, ok := clock(p[4:])
		if day < 0 || !ok {
			return nil, bad
		}
		at[i] = day*minutesPerDay + m
	}
	n := length(at[0], at[1], minutesPerWeek)
	if n < 30 {
		return nil, fmt.Errorf("%q is %d minutes, AWS wants at least 30", window, n)
	}
	return weekSpans(at[0], n), nil
}

// WindowsOverlap reports whether a daily backup window and a weekly maintenance window share
// any minute; RDS refuses overlapping windows.
func WindowsOverlap(backup, maintenance string) (bool, error) {
	b, err := dailySpans(backup)
	if err != nil {
		return false, fmt.Errorf("backup window: %w", err)
	}
	m, err := weeklySpans(maintenance)
	if err != nil {
		return false, fmt.Errorf("maintenance window: %w", err)
	}
	for _, x := range b {
		for _, y := range m {
			if x.overlaps(y) {
				return true, nil
			}
		}
	}
	return false, nil
}
