//go:build tools

// Package tools pins the Go language host (pulumi-language-go) that `make language-go` builds, so
// the Pulumi CLI itself (`pulumi preview -s dev`) can run this Go program. Later SDK versions
// moved the host into a module the Go module proxy here does not serve; v3.66.0 is the newest
// SDK that still contains it, and it speaks the language-host protocol the v3.175.0 CLI uses
// (tests/pulumi_cli_test.go checks that through a full preview).
package tools

import _ "github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go"
