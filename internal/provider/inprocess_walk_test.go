package provider

import "sync"

// inProcessParallelism is Terraform's default -parallelism.
const inProcessParallelism = 10

// walkGraph visits each node once the nodes it waits for (among nodes) have been visited,
// at most inProcessParallelism at a time, as Terraform walks its graph.
func walkGraph(nodes []string, waitsFor func(string) []string, visit func(string)) {
	done := make(map[string]chan struct{}, len(nodes))
	for _, n := range nodes {
		done[n] = make(chan struct{})
	}
	sem := make(chan struct{}, inProcessParallelism)
	var wg sync.WaitGroup
	for _, n := range nodes {
		wg.Go(func() {
			defer close(done[n])
			for _, d := range waitsFor(n) {
				if ch, ok := done[d]; ok && d != n {
					<-ch
				}
			}
			sem <- struct{}{}
			defer func() { <-sem }()
			visit(n)
		})
	}
	wg.Wait()
}

// dependents inverts deps: for each node, the nodes that depend on it.
func dependents(nodes []string, deps func(string) []string) map[string][]string {
	out := map[string][]string{}
	for _, n := range nodes {
		for _, d := range deps(n) {
			out[d] = append(out[d], n)
		}
	}
	return out
}
