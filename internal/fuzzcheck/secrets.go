// Package fuzzcheck is what the fuzz targets of every package share: the secrets a fuzzed
// answer carries and the forms they take in it, the leak check every error and log line
// goes through, and a server that answers one request with the fuzzed answer. It is
// imported by tests only; it does not import the provider's packages, so that its idea
// of a leak is its own.
package fuzzcheck

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Secrets the fuzz targets register for masking: a password with characters that JSON
// (PHP's \/ and every \uXXXX), URLs and base64 change, a session token, and a shared key.
//
//nolint:gosec // test values, not credentials
const (
	Password  = "Hunter2/Pa55+wÄrd="
	Token     = "tKn-4f9Q7zW2xL8vR3"
	SharedKey = "Sh4r3d-K3y/Ö9x+Zq"
)

// Secrets lists every value above.
var Secrets = []string{Password, Token, SharedKey}

// Forms are the ways secret shows in text, each as it would be written: as is,
// JSON-escaped (Go with and without HTML escaping, every non-ASCII character as \uXXXX
// as Python and PHP write it, "/" as "\/" as PHP writes it), URL-encoded (query and
// path) and base64 (standard and URL alphabets, at each of the three alignments a
// value can have inside a longer base64 text: only the characters that the secret
// alone decides).
func Forms(secret string) []string {
	forms := []string{secret}
	add := func(f string) {
		for _, x := range forms {
			if x == f {
				return
			}
		}
		forms = append(forms, f)
	}
	b, _ := json.Marshal(secret)
	goJSON := string(b[1 : len(b)-1])
	add(goJSON)
	ascii := asciiJSON(secret)
	add(ascii)
	add(strings.ReplaceAll(ascii, "/", `\/`))
	add(strings.ReplaceAll(goJSON, "/", `\/`))
	add(url.QueryEscape(secret))
	add(url.PathEscape(secret))
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		for shift := range 3 {
			if core := base64Core(enc, secret, shift); len(core) >= 8 {
				add(core)
			}
		}
	}
	return forms
}

// asciiJSON is the secret inside a JSON string with every non-ASCII character escaped.
// It is written apart from transport's twin on purpose: the oracle must not share the
// code of the masker it checks.
func asciiJSON(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r > 0x7e:
			if r > 0xffff {
				hi, lo := utf16Pair(r)
				fmt.Fprintf(&b, `\u%04x\u%04x`, hi, lo)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func utf16Pair(r rune) (rune, rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}

// base64Core is the part of the base64 text of shift filler bytes followed by secret that
// the secret's bits alone decide.
func base64Core(enc *base64.Encoding, secret string, shift int) string {
	full := enc.EncodeToString(append(make([]byte, shift), secret...))
	from := (8*shift + 5) / 6
	to := 8 * (shift + len(secret)) / 6
	if to <= from {
		return ""
	}
	return full[from:to]
}

// Leak names the first secret that text shows, in any of its Forms, whole or in part,
// also where line breaks (or escaped ones, \n \r \t) were put inside it; "" when none.
// A part counts from half the form, and at least 8 characters: enough to be sure it is
// the secret and not a word that happens to begin the same.
func Leak(text string) string {
	flat := Flatten(text)
	for _, s := range Secrets {
		for _, f := range Forms(s) {
			ff := Flatten(f)
			w := max(8, (len(ff)+1)/2)
			if w > len(ff) {
				w = len(ff)
			}
			for i := 0; i+w <= len(ff); i++ {
				if strings.Contains(flat, ff[i:i+w]) {
					return fmt.Sprintf("%q shows %q of the secret %q (as %q)", excerpt(flat, ff[i:i+w]), ff[i:i+w], s, f)
				}
			}
		}
	}
	return ""
}

// Flatten removes white space (any Unicode space) and the escapes \n, \r and \t: what
// is left of a secret that was wrapped across lines.
func Flatten(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
		case r == '\\' && i+1 < len(s) && strings.IndexByte("nrt", s[i+1]) >= 0:
			size = 2
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func excerpt(s, part string) string {
	i := strings.Index(s, part)
	from, to := max(0, i-40), min(len(s), i+len(part)+40)
	return s[from:to]
}
