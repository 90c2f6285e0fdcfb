package loginsightmock

// IssuedSecrets lists every session id and worker token the cluster handed out, for
// tests that look for leaks.
func (c *Cluster) IssuedSecrets() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for id := range c.sessions {
		out = append(out, id)
	}
	for _, a := range c.approvals {
		out = append(out, a.WorkerToken)
	}
	return out
}
