package transport

import (
	"encoding/base64"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitSecret is the length from which a secret is also masked where line breaks were put
// inside it (a wrapped base64 text, a folded line): shorter ones would match too much.
const splitSecret = 8

// asciiJSON is s inside a JSON string as Python and PHP write it: every character
// outside printable ASCII as \uXXXX.
func asciiJSON(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r > 0x7e:
			if r > 0xffff {
				r -= 0x10000
				fmt.Fprintf(&b, `\u%04x\u%04x`, 0xd800+(r>>10)&0x3ff, 0xdc00+r&0x3ff)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// base64Forms are the parts of a base64 text that s alone decides, in the standard and
// URL alphabets, at the three alignments s can have inside a longer text (an
// Authorization header, a basic-auth pair, a blob): the characters on either side also
// depend on the bytes next to s, so they are left out. Parts shorter than splitSecret
// characters are left out too.
func base64Forms(s string) []string {
	var out []string
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		for shift := range 3 {
			full := enc.EncodeToString(append(make([]byte, shift), s...))
			from, to := (8*shift+5)/6, 8*(shift+len(s))/6
			if to-from >= splitSecret {
				out = append(out, full[from:to])
			}
		}
	}
	return out
}

// flatten removes white space, and the escapes \n, \r and \t when escapes is set, from
// s; at[i] is where the i-th byte left came from in s.
func flatten(s string, escapes bool) (string, []int) {
	var b strings.Builder
	at := make([]int, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
		case escapes && r == '\\' && i+1 < len(s) && strings.IndexByte("nrt", s[i+1]) >= 0:
			size = 2
		default:
			b.WriteString(s[i : i+size])
			for k := range size {
				at = append(at, i+k)
			}
		}
		i += size
	}
	return b.String(), at
}

// maskWrapped masks the values (flattened, see flatten) that s holds with line breaks
// (real or escaped) or white space put inside them. A backslash before a value's first
// letter (\tKn-...) reads as an escape one way and as text the other: both are tried.
func maskWrapped(s string, values []string) string {
	if len(values) == 0 || !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\\' }) {
		return s
	}
	return maskFlat(maskFlat(s, values, true), values, false)
}

func maskFlat(s string, values []string, escapes bool) string {
	flat, at := flatten(s, escapes)
	type span struct{ from, to int }
	var spans []span
	for _, v := range values {
		for off := 0; ; {
			i := strings.Index(flat[off:], v)
			if i < 0 {
				break
			}
			i += off
			spans = append(spans, span{at[i], at[i+len(v)-1] + 1})
			off = i + 1
		}
	}
	if len(spans) == 0 {
		return s
	}
	sort.Slice(spans, func(a, b int) bool { return spans[a].from < spans[b].from })
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		if sp.to <= last {
			continue
		}
		if sp.from > last {
			b.WriteString(s[last:sp.from])
			b.WriteString(masked)
		}
		last = sp.to
	}
	b.WriteString(s[last:])
	return b.String()
}
