package mock

import (
	"fmt"
	"net/http"
	"strings"
)

// UnitNames are the names of the two units of an HA pair (FTD "primary" and
// "secondary", SBC "A" and "B"), indexed by the vendor's unit value 0 or 1.
// Each unit is served on its own listener and shares the pair's state.
type UnitNames[U ~int] [2]string

// Name returns the name of unit u; any value but 1 names the first unit.
func (n UnitNames[U]) Name(u U) string {
	if u == 1 {
		return n[1]
	}
	return n[0]
}

// Parse accepts either unit name, in any case.
func (n UnitNames[U]) Parse(s string) (U, error) {
	for i, name := range n {
		if strings.EqualFold(s, name) {
			return U(i), nil
		}
	}
	return 0, fmt.Errorf("unit must be %q or %q, not %q", n[0], n[1], s)
}

// Target resolves the optional "unit" knob of a hook: the named unit, or def
// (the unit that received the hook) when the knob is absent.
func (n UnitNames[U]) Target(knob *string, def U) (U, error) {
	if knob == nil {
		return def, nil
	}
	return n.Parse(*knob)
}

// ServePair starts both units of a pair on their own TLS listeners ("" = a
// random loopback port), each named hosts[u] and serving handler(u). When the
// second cannot start, the first is closed.
func ServePair[U ~int](a *Authority, hosts [2]string, handler func(U) http.Handler, addrs [2]string) (first, second *Server, err error) {
	first, err = a.Serve(hosts[0], handler(0), addrs[0])
	if err != nil {
		return nil, nil, err
	}
	second, err = a.Serve(hosts[1], handler(1), addrs[1])
	if err != nil {
		first.Close()
		return nil, nil, err
	}
	return first, second, nil
}
