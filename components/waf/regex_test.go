package waf

import (
	"math/rand"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAtLeastRegexMatchesExactlyTheNumbersFromN(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, n := range []int{1, 9, 10, 99, 100, 8192, 20000000, 19999999, 123456789} {
		re := regexp.MustCompile(AtLeastRegex(n))
		candidates := []int{0, 1, n - 1, n, n + 1, n * 10, n / 10, n*10 - 1}
		for i := 0; i < 2000; i++ {
			candidates = append(candidates, rng.Intn(n*3+10))
		}
		for _, c := range candidates {
			if c < 0 {
				continue
			}
			assert.Equal(t, c >= n, re.MatchString(strconv.Itoa(c)), "n=%d c=%d re=%s", n, c, re)
			assert.Equal(t, c >= n, re.MatchString("00"+strconv.Itoa(c)), "leading zeros: n=%d c=%d", n, c)
		}
		assert.False(t, re.MatchString(""), "empty header")
		assert.False(t, re.MatchString("abc"), "not a number")
		assert.LessOrEqual(t, len(AtLeastRegex(n)), 512, "WAF's regex length limit")
	}
}
