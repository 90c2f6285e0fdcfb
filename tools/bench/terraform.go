package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// commands are the measured terraform commands, in the order each run executes them.
var commands = []struct {
	name string
	args []string
}{
	{"apply", []string{"apply", "-auto-approve", "-input=false", "-no-color"}},
	{"plan", []string{"plan", "-detailed-exitcode", "-input=false", "-no-color"}},
	{"destroy", []string{"destroy", "-auto-approve", "-input=false", "-no-color"}},
}

// measured is one terraform command's wall clock and what was sampled meanwhile.
type measured struct {
	wall  time.Duration
	cpu   time.Duration // user+sys of terraform and of the providers it waited for
	procs []procInfo    // provider processes the command started
}

type terraform struct {
	bin     string
	env     []string
	timeout time.Duration
	sample  time.Duration
}

// run executes terraform in dir with args and measures it; a non-zero exit status is an
// error (with -detailed-exitcode, 2 means the plan is not empty).
func (tf terraform) run(ctx context.Context, dir string, args ...string) (measured, error) {
	ctx, cancel := context.WithTimeout(ctx, tf.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, tf.bin, args...) //nolint:gosec // terraform with arguments built here
	cmd.Dir = dir
	cmd.Env = tf.env
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	// Terraform and its providers get their own process group: on a timeout or an
	// interrupt, terraform gets SIGINT (it stops gracefully), then the group is killed.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGINT) }
	cmd.WaitDelay = 30 * time.Second

	start := time.Now()
	if err := cmd.Start(); err != nil {
		return measured{}, fmt.Errorf("terraform %s: %w", strings.Join(args, " "), err)
	}
	w := watch(cmd.Process.Pid, tf.sample)
	err := cmd.Wait()
	wall := time.Since(start)
	procs := w.stop()
	if err != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // leftovers of our own group only
		switch {
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			err = fmt.Errorf("timed out after %s", tf.timeout)
		case errors.Is(ctx.Err(), context.Canceled):
			err = fmt.Errorf("interrupted: %w", err)
		case exitCode(err) == 2 && args[0] == "plan":
			err = errors.New("the plan is not empty (exit status 2)")
		}
		return measured{}, fmt.Errorf("terraform %s in %s: %w\n%s", strings.Join(args, " "), dir, err, tail(out.String(), 40))
	}
	m := measured{wall: wall, procs: procs}
	if st := cmd.ProcessState; st != nil {
		m.cpu = st.UserTime() + st.SystemTime()
	}
	return m, nil
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}
