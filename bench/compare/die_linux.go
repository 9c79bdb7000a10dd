package main

import (
	"os/exec"
	"syscall"
)

// dieWithRunner has the kernel stop the server when the runner dies, however
// it dies: no server outlives a killed benchmark.
func dieWithRunner(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
