package sbcmock

// IssuedTokens lists every token either unit issued, for tests that look for leaks.
func (p *Pair) IssuedTokens() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, u := range p.units {
		for id := range u.tokens {
			out = append(out, id)
		}
	}
	return out
}
