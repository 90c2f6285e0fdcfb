package ftdmock

// IssuedTokens lists every access and refresh token either unit issued, for tests that
// look for leaks.
func (p *Pair) IssuedTokens() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, u := range p.units {
		for tok := range u.tokens.byAccess {
			out = append(out, tok)
		}
		for tok := range u.tokens.byRefresh {
			out = append(out, tok)
		}
		for tok := range u.tokens.retired {
			out = append(out, tok)
		}
	}
	return out
}
