//go:build !unix

package infra

import (
	"os"
	"os/exec"
)

func ownProcessGroup(*exec.Cmd) {}

// interrupt kills: Windows has no interrupt signal for another process.
func interrupt(p *os.Process) error { return p.Kill() }
