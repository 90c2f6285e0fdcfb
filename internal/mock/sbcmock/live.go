package sbcmock

// LiveTokens counts the tokens unit u issued that have not expired. The REST API has
// no call that ends a token before its fixed 10 minutes (sbc.md section 2).
func (p *Pair) LiveTokens(u Unit) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n, now := 0, p.clock.Now()
	for _, t := range p.units[u].tokens {
		if now.Before(t.expires) {
			n++
		}
	}
	return n
}
