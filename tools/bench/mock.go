package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// mockProc is the standalone mock, started on free loopback ports so that it does not
// clash with a running `make mock`.
type mockProc struct {
	cmd    *exec.Cmd
	done   chan error
	log    *bytes.Buffer
	env    map[string]string // NETOPS_FIREFLOW_* from <dir>/env
	all    map[string]string // every variable of <dir>/env
	dir    string
	client *http.Client
	base   string // https://host:port of the FireFlow listener
}

// fireflowEnv are the variables the provider reads; the mock's env file sets them.
var fireflowEnv = []string{"NETOPS_FIREFLOW_HOST", "NETOPS_FIREFLOW_USERNAME", "NETOPS_FIREFLOW_PASSWORD", "NETOPS_FIREFLOW_CA_CERT_PEM"}

func startMock(ctx context.Context, bin, dir string, extra ...string) (*mockProc, error) {
	free := "127.0.0.1:0" // a free loopback port
	args := append([]string{
		"-dir", dir,
		"-sbc-a-addr", free, "-sbc-b-addr", free,
		"-loginsight-master-addr", free, "-loginsight-node-addrs", free + "," + free,
		"-fireflow-addr", free,
		"-ftd-primary-addr", free, "-ftd-secondary-addr", free,
	}, extra...)
	m := &mockProc{log: &bytes.Buffer{}, done: make(chan error, 1), dir: dir}
	m.cmd = exec.Command(bin, args...) //nolint:gosec // the mock built by buildBinaries
	m.cmd.Stdout = m.log
	m.cmd.Stderr = m.log
	m.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := m.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the mock: %w", err)
	}
	go func() { m.done <- m.cmd.Wait() }()

	envPath := filepath.Join(dir, "env")
	deadline := time.NewTimer(30 * time.Second)
	defer deadline.Stop()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if _, err := os.Stat(envPath); err == nil {
			break
		}
		select {
		case err := <-m.done:
			m.done <- err
			if err == nil {
				err = errors.New("exit status 0")
			}
			return nil, fmt.Errorf("the mock exited before it was ready: %w\n%s", err, m.log.String())
		case <-deadline.C:
			m.stop()
			return nil, fmt.Errorf("the mock did not write %s within 30s:\n%s", envPath, m.log.String())
		case <-ctx.Done():
			m.stop()
			return nil, ctx.Err()
		case <-tick.C:
		}
	}
	if err := m.configure(envPath, filepath.Join(dir, "ca.pem")); err != nil {
		m.stop()
		return nil, err
	}
	return m, nil
}

func (m *mockProc) configure(envPath, caPath string) error {
	raw, err := os.ReadFile(envPath) //nolint:gosec // the mock's env file in our temp dir
	if err != nil {
		return err
	}
	all, err := parseEnvFile(string(raw))
	if err != nil {
		return fmt.Errorf("%s: %w", envPath, err)
	}
	m.all = all
	m.env = map[string]string{}
	for _, name := range fireflowEnv {
		v, ok := all[name]
		if !ok || v == "" {
			return fmt.Errorf("%s does not set %s", envPath, name)
		}
		m.env[name] = v
	}
	pem, err := os.ReadFile(caPath) //nolint:gosec // the mock's CA in our temp dir
	if err != nil {
		return err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return fmt.Errorf("%s holds no certificate", caPath)
	}
	m.client = &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}},
	}
	m.base = "https://" + m.env["NETOPS_FIREFLOW_HOST"]
	return nil
}

// stop sends SIGTERM to the mock (its own process group) and waits up to 10 s
// before killing it.
func (m *mockProc) stop() {
	if m == nil || m.cmd.Process == nil {
		return
	}
	if m.client != nil {
		m.client.CloseIdleConnections()
	}
	_ = m.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-m.done:
		m.done <- err
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-m.cmd.Process.Pid, syscall.SIGKILL) // the mock's own process group
		err := <-m.done
		m.done <- errors.Join(errors.New("killed"), err)
	}
}

// call is the part of a mock call log entry the report needs.
type call struct {
	Time   time.Time `json:"time"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	Body   string    `json:"body"`
	Status int       `json:"status"`
}

// calls returns the FireFlow listener's call log.
func (m *mockProc) calls(ctx context.Context) ([]call, error) {
	body, err := m.control(ctx, http.MethodGet, http.StatusOK)
	if err != nil {
		return nil, err
	}
	var out []call
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("decode the FireFlow call log: %w", err)
	}
	return out, nil
}

// resetCalls empties the FireFlow listener's call log.
func (m *mockProc) resetCalls(ctx context.Context) error {
	_, err := m.control(ctx, http.MethodDelete, http.StatusNoContent)
	return err
}

func (m *mockProc) control(ctx context.Context, method string, want int) ([]byte, error) {
	return m.controlAt(ctx, m.base, method, "calls", want)
}

// controlAt sends a /_mock/ control request (hook is e.g. "calls" or "state") to the
// listener at base, https://host:port.
func (m *mockProc) controlAt(ctx context.Context, base, method, hook string, want int) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, base+"/_mock/"+hook, nil)
	if err != nil {
		return nil, err
	}
	resp, err := m.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s/_mock/%s: %w", method, base, hook, err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s/_mock/%s: %w", method, base, hook, err)
	}
	if resp.StatusCode != want {
		return nil, fmt.Errorf("%s %s/_mock/%s: %s", method, base, hook, resp.Status)
	}
	return body, nil
}

// parseEnvFile reads the mock's env file: `export NAME=word` lines where word is
// quoted the way a POSIX shell reads it: single-quoted parts, backslash escapes (a
// single quote inside a quoted value is written as quote, backslash, quote, quote),
// and plain characters; a quoted value may span lines.
func parseEnvFile(s string) (map[string]string, error) {
	out := map[string]string{}
	for len(s) > 0 {
		line, rest, _ := strings.Cut(s, "\n")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			s = rest
			continue
		}
		after, ok := strings.CutPrefix(strings.TrimLeft(s, " \t"), "export ")
		if !ok {
			return nil, fmt.Errorf("unexpected line %q", line)
		}
		name, value, ok := strings.Cut(after, "=")
		if !ok || name == "" || strings.ContainsAny(name, " \t\n'\"") {
			return nil, fmt.Errorf("unexpected line %q", line)
		}
		var b strings.Builder
		i := 0
	word:
		for i < len(value) {
			switch c := value[i]; c {
			case '\'':
				end := strings.IndexByte(value[i+1:], '\'')
				if end < 0 {
					return nil, fmt.Errorf("%s: unterminated quote", name)
				}
				b.WriteString(value[i+1 : i+1+end])
				i += end + 2
			case '\\':
				if i+1 < len(value) {
					b.WriteByte(value[i+1])
				}
				i += 2
			case ' ', '\t', '\n':
				break word
			default:
				b.WriteByte(c)
				i++
			}
		}
		out[name] = b.String()
		value = value[min(i, len(value)):]
		_, s, _ = strings.Cut(value, "\n")
	}
	return out, nil
}
