package serve

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
)

// profileDirEnv names a directory where the plugin process writes a CPU profile of its
// whole life and an allocation profile at its end. Only the benchmark (make bench) sets it.
const profileDirEnv = "NETOPS_BENCH_PROFILE_DIR"

func startProfile() (stop func()) {
	dir := os.Getenv(profileDirEnv)
	if dir == "" {
		return func() {}
	}
	name := func(kind string) string {
		return filepath.Join(dir, fmt.Sprintf("%s-%d.pprof", kind, os.Getpid()))
	}
	cpu, err := os.Create(name("cpu")) //nolint:gosec // a directory the benchmark names
	if err != nil {
		log.Printf("[WARN] profiling: %v", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		log.Printf("[WARN] profiling: %v", err)
		_ = cpu.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		_ = cpu.Close()
		runtime.GC()
		f, err := os.Create(name("allocs")) //nolint:gosec // a directory the benchmark names
		if err != nil {
			log.Printf("[WARN] profiling: %v", err)
			return
		}
		defer func() { _ = f.Close() }()
		if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
			log.Printf("[WARN] profiling: %v", err)
		}
	}
}
