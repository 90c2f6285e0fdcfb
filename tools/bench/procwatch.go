package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

const providerName = "terraform-provider-netops"

// procInfo is one provider process seen while a terraform command ran.
type procInfo struct {
	pid         int
	first, last time.Time     // first and last time the sampler saw it
	hwmKiB      int64         // largest VmHWM read
	cpu         time.Duration // user+sys at the last sample
}

// watcher samples the children of one terraform process every interval and records the
// provider processes among them (the kernel truncates comm to 15 characters, so the
// cmdline decides) with their peak resident set size (VmHWM).
type watcher struct {
	root     int
	interval time.Duration
	stopCh   chan struct{}
	wg       sync.WaitGroup

	mu    sync.Mutex
	procs map[int]*procInfo
}

func watch(root int, interval time.Duration) *watcher {
	w := &watcher{root: root, interval: interval, stopCh: make(chan struct{}), procs: map[int]*procInfo{}}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			w.sample()
			select {
			case <-w.stopCh:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

// stop ends the sampling and returns the provider processes seen, by first sighting.
func (w *watcher) stop() []procInfo {
	close(w.stopCh)
	w.wg.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]procInfo, 0, len(w.procs))
	for _, p := range w.procs {
		out = append(out, *p)
	}
	for i := 1; i < len(out); i++ { // insertion sort: a handful of processes
		for j := i; j > 0 && out[j].first.Before(out[j-1].first); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func (w *watcher) sample() {
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, pid := range children(w.root) {
		p := w.procs[pid]
		if p == nil {
			// Not cached when it is not the provider: between fork and exec, a child
			// still has terraform's command line.
			cmdline, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
			if err != nil || !bytes.Contains(cmdline, []byte(providerName)) {
				continue
			}
			p = &procInfo{pid: pid, first: now}
			w.procs[pid] = p
		}
		p.last = now
		if hwm, ok := vmHWM(pid); ok {
			p.hwmKiB = max(p.hwmKiB, hwm)
		}
		if cpu, ok := cpuTime(pid); ok {
			p.cpu = max(p.cpu, cpu)
		}
	}
}

// children lists the child processes of pid from /proc/<pid>/task/*/children, or,
// where the kernel lacks that file, by scanning /proc for the parent pid.
func children(pid int) []int {
	base := "/proc/" + strconv.Itoa(pid) + "/task/"
	tasks, err := os.ReadDir(base)
	if err != nil {
		return nil
	}
	var out []int
	for _, t := range tasks {
		raw, err := os.ReadFile(base + t.Name() + "/children") //nolint:gosec // a /proc file
		if err != nil {
			if os.IsNotExist(err) {
				return childrenByScan(pid)
			}
			continue
		}
		for f := range strings.FieldsSeq(string(raw)) {
			if c, err := strconv.Atoi(f); err == nil {
				out = append(out, c)
			}
		}
	}
	return out
}

func childrenByScan(parent int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var out []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		raw, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		if f := statFields(raw); len(f) > 1 && f[1] == strconv.Itoa(parent) {
			out = append(out, pid)
		}
	}
	return out
}

// vmHWM reads the peak resident set size of pid in KiB.
func vmHWM(pid int) (int64, bool) {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, false
	}
	for line := range strings.SplitSeq(string(raw), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(v)
			if len(f) == 0 {
				return 0, false
			}
			n, err := strconv.ParseInt(f[0], 10, 64)
			return n, err == nil
		}
	}
	return 0, false // a zombie has no memory lines
}

// statFields splits /proc/<pid>/stat after "pid (comm)": comm may hold spaces and
// parentheses. The first field returned is the state (field 3 of proc(5)).
func statFields(raw []byte) []string {
	i := bytes.LastIndexByte(raw, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(string(raw[i+1:]))
}

// clockTicks is USER_HZ, 100 on every Linux platform Go supports.
const clockTicks = 100

// cpuTime reads the user+system time of pid.
func cpuTime(pid int) (time.Duration, bool) {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	f := statFields(raw)
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64) // field 14
	stime, err2 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, true
}
