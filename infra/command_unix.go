//go:build unix

package infra

import (
	"os"
	"os/exec"
	"syscall"
)

// ownProcessGroup keeps the terminal's Ctrl-C from reaching the CLI directly.
func ownProcessGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

func interrupt(p *os.Process) error { return p.Signal(os.Interrupt) }
