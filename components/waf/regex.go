package waf

import (
	"fmt"
	"strconv"
	"strings"
)

// AtLeastRegex returns a regular expression (in the subset AWS WAF accepts: classes, counted
// repetition, alternation, anchors) matching exactly the decimal integers greater than or
// equal to n, leading zeros allowed. It lets a rule compare the Content-Length header with a
// limit larger than the 8 KB of body a load balancer forwards to WAF.
func AtLeastRegex(n int) string {
	if n <= 0 {
		return `^[0-9]+$`
	}
	s := strconv.Itoa(n)
	k := len(s)
	// Every number with more digits than n.
	alts := []string{fmt.Sprintf("[1-9][0-9]{%d,}", k)}
	// n itself, then each same-length number that first exceeds n at digit i.
	alts = append(alts, s)
	for i := 0; i < k; i++ {
		d := s[i] - '0'
		if d == 9 {
			continue
		}
		alt := s[:i] + fmt.Sprintf("[%d-9]", d+1)
		if rest := k - i - 1; rest > 0 {
			alt += fmt.Sprintf("[0-9]{%d}", rest)
		}
		alts = append(alts, alt)
	}
	return "^0*(" + strings.Join(alts, "|") + ")$"
}
