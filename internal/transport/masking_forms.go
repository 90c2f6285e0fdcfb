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

// flatten removes white space and the escapes \n, \r and \t from s.
func flatten(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if n := separator(s[i:]); n > 0 {
			i += n
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String()
}

// maskWrapped masks the values (flattened, see flatten) that s holds with white space or
// line breaks (real, or escaped as \n, \r, \t) put between their characters.
func maskWrapped(s string, values []string) string {
	if len(values) == 0 || !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\\' }) {
		return s
	}
	type span struct{ from, to int }
	var spans []span
	for _, v := range values {
		for off := 0; ; {
			from, to, ok := findWrapped(s, v, off)
			if !ok {
				break
			}
			spans = append(spans, span{from, to})
			off = from + 1
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

// findWrapped finds v in s from off on, allowing separators (white space, escaped line
// breaks) between its characters; it returns where the match starts and ends. A letter
// of v right after a backslash (\tKn-...) is taken as itself, not as part of an escape.
func findWrapped(s, v string, off int) (int, int, bool) {
	for i := off; i < len(s); {
		k := strings.IndexByte(s[i:], v[0])
		if k < 0 {
			return 0, 0, false
		}
		start := i + k
		if end, ok := matchWrapped(s, v, start+1, 1); ok {
			return start, end, true
		}
		i = start + 1
	}
	return 0, 0, false
}

// matchWrapped matches v[m:] at s[j:], a separator allowed before each character; a
// backslash may be v's own or begin an escaped line break, so both are tried.
func matchWrapped(s, v string, j, m int) (int, bool) {
	for m < len(v) {
		direct := j < len(s) && s[j] == v[m]
		n := separator(s[j:])
		switch {
		case direct && n > 0:
			if end, ok := matchWrapped(s, v, j+1, m+1); ok {
				return end, true
			}
			j += n
		case direct:
			j++
			m++
		case n > 0:
			j += n
		default:
			return 0, false
		}
	}
	return j, true
}

// separator is the length of the white space character or escaped line break s starts
// with, 0 when it starts with neither.
func separator(s string) int {
	if s == "" {
		return 0
	}
	if s[0] == '\\' && len(s) > 1 && strings.IndexByte("nrt", s[1]) >= 0 {
		return 2
	}
	if r, size := utf8.DecodeRuneInString(s); unicode.IsSpace(r) {
		return size
	}
	return 0
}
