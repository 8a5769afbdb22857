package infra

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestHMS prints durations as m:ss under an hour and h:mm:ss from an hour, rounded to the second.
func TestHMS(t *testing.T) {
	for seconds, want := range map[float64]string{
		0: "0:00", 0.4: "0:00", 59.5: "1:00", 61: "1:01", 3599: "59:59", 3600: "1:00:00", 3725.2: "1:02:05", 36000: "10:00:00",
	} {
		assert.Equal(t, want, HMS(seconds), "%g s", seconds)
	}
}
