package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// handshakeEnv is what Terraform sets when it starts a protocol 6 provider.
var handshakeEnv = []string{
	"TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
	"PLUGIN_PROTOCOL_VERSIONS=6",
	"PLUGIN_MIN_PORT=10000",
	"PLUGIN_MAX_PORT=25000",
}

// measureStartups runs the provider binary n times (after one unmeasured warm-up) as
// Terraform would and measures from exec to the go-plugin handshake line on its stdout
// ("1|6|unix|<socket>|grpc|..."), i.e. until it serves; then it kills it.
func measureStartups(ctx context.Context, bin, tmp string, env []string, n int) ([]time.Duration, error) {
	sockets := filepath.Join(tmp, "startup")
	if err := os.MkdirAll(sockets, 0o700); err != nil {
		return nil, err
	}
	env = append(append(env[:len(env):len(env)], handshakeEnv...), "TMPDIR="+sockets, "PLUGIN_UNIX_SOCKET_DIR="+sockets)
	var out []time.Duration
	for i := 0; i <= n; i++ {
		d, err := startOnce(ctx, bin, env)
		if err != nil {
			return nil, fmt.Errorf("provider start-up: %w", err)
		}
		if i > 0 {
			out = append(out, d)
		}
	}
	return out, nil
}

func startOnce(ctx context.Context, bin string, env []string) (time.Duration, error) {
	cmd := exec.Command(bin) //nolint:gosec // the provider built by buildBinaries
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	type line struct {
		text string
		err  error
	}
	got := make(chan line, 1)
	go func() {
		s, err := bufio.NewReader(stdout).ReadString('\n')
		got <- line{s, err}
	}()
	var l line
	timer := time.NewTimer(10 * time.Second)
	defer timer.Stop()
	select {
	case l = <-got:
	case <-timer.C:
		l.err = errors.New("no handshake within 10s")
	case <-ctx.Done():
		l.err = ctx.Err()
	}
	d := time.Since(start)
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if l.err != nil {
		return 0, fmt.Errorf("%w\n%s", l.err, tail(stderr.String(), 20))
	}
	if !strings.HasPrefix(l.text, "1|6|") {
		return 0, fmt.Errorf("unexpected handshake %q", strings.TrimSpace(l.text))
	}
	return d, nil
}
