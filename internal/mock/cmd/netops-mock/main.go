// Command netops-mock serves every vendor mock on fixed loopback ports until it
// receives SIGINT or SIGTERM; with -fleet N it also serves a fleet of N appliances of
// each vendor on ports the OS chooses (fleet.go). Once all listeners accept connections
// it writes the fleet's device maps, if any, then <dir>/env, a bash-sourceable file of
// NETOPS_* variables, and prints "netops-mock ready".
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "netops-mock:", err)
		os.Exit(1)
	}
}

func run() error {
	starts := make([]startFunc, 0, len(vendors))
	for _, register := range vendors {
		starts = append(starts, register(flag.CommandLine))
	}
	dir := flag.String("dir", ".netops-mock", "directory for ca.pem and env")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	envPath := filepath.Join(*dir, "env")
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	if err := os.Remove(envPath); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	ca, err := mock.NewAuthority()
	if err != nil {
		return err
	}
	caPath := filepath.Join(*dir, "ca.pem")
	if err := ca.WriteCertPEM(caPath); err != nil {
		return err
	}
	fmt.Println("CA certificate:", caPath)

	var servers []*mock.Server
	defer func() {
		for _, s := range servers {
			s.Close()
		}
	}()
	var env []envVar
	var files []file
	for _, start := range starts {
		v, err := start(ca)
		servers = append(servers, v.servers()...)
		if err != nil {
			return err
		}
		v.print()
		env = append(env, v.env...)
		files = append(files, v.files...)
	}
	if err := probe(ctx, ca, servers); err != nil {
		return err
	}
	for _, f := range files {
		path := filepath.Join(*dir, f.name)
		if err := writeAtomic(path, f.data); err != nil {
			return err
		}
		defer func() { _ = os.Remove(path) }()
		fmt.Println("written:", path)
	}
	if err := writeEnv(envPath, env); err != nil {
		return err
	}
	defer func() { _ = os.Remove(envPath) }()
	fmt.Println("environment:", envPath)
	fmt.Println("netops-mock ready")

	<-ctx.Done()
	fmt.Println("netops-mock stopping")
	return nil
}
