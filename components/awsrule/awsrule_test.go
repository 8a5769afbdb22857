package awsrule

import "testing"

func TestRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		got  bool
		want bool
	}{
		{"account", AccountID.MatchString("123456789012"), true},
		{"short account", AccountID.MatchString("12345678901"), false},
		{"region", Region.MatchString("ca-central-1"), true},
		{"not a region", Region.MatchString("canada"), false},
		{"simple region", SimpleRegion.MatchString("us-gov-west-1"), true},
		{"not a simple region", SimpleRegion.MatchString("ap-south-east-1"), false},
		{"domain", ValidDomain("notification.canada.ca"), true},
		{"upper-case domain", ValidDomain("Notification.canada.ca"), false},
		{"single label", ValidDomain("localhost"), false},
		{"never expire", ValidLogRetention(0), true},
		{"a year", ValidLogRetention(365), true},
		{"not a period", ValidLogRetention(366), false},
		{"negative", ValidLogRetention(-1), false},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}
