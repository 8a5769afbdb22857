package awsmodel

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// HashHex returns n hex digits derived from s.
func HashHex(s string, n int) string {
	var out string
	for i := 0; len(out) < n; i++ {
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s|%d", s, i)))
		out += hex.EncodeToString(sum[:])
	}
	return out[:n]
}

// HashDigits returns n decimal digits derived from a seed.
func HashDigits(seed string, n int) string {
	h := HashHex(seed+"digits", n)
	out := make([]byte, n)
	for i := range out {
		out[i] = '0' + h[i]%10
	}
	return string(out)
}

// HashNum returns a number derived from s.
func HashNum(s string) uint32 {
	n, _ := strconv.ParseUint(HashHex(s, 8), 16, 32)
	return uint32(n)
}

// alnum maps hex digits to AWS's mixed-case alphanumeric suffixes (Secrets Manager's 6 chars).
func alnum(hexs string, n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	out := make([]byte, n)
	for i := 0; i < n; i++ {
		v := int(hexs[(2*i)%len(hexs)])*7 + int(hexs[(2*i+1)%len(hexs)])
		out[i] = alphabet[v%len(alphabet)]
	}
	return string(out)
}

func alnumLower(hexs string, n int) string { return strings.ToLower(alnum(hexs, n)) }
