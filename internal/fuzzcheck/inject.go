package fuzzcheck

import (
	"bytes"
	"encoding/base64"
	"net/url"
	"strings"
	"unicode/utf8"
)

// Placement says where and how a fuzz input puts a secret into an answer; its fields are
// fuzz arguments, any value is valid.
type Placement struct {
	// Which secret (modulo len(Secrets)); Form which of its written forms (modulo the forms
	// Encode knows); Split how it is broken across lines; At where in the body it goes
	// (modulo the body's length + 1), and where inside the form the break falls.
	Which, Form, Split uint8
	At                 uint16
}

// Encode writes secret in form n: as is, JSON-escaped (Go, \uXXXX, PHP's \/), URL-encoded,
// or base64 (standard or URL alphabet, whole or inside a longer base64 text at any of
// the three alignments).
func Encode(secret string, n uint8) string {
	forms := []func(string) string{
		func(s string) string { return s },
		asciiJSON,
		func(s string) string { return strings.ReplaceAll(asciiJSON(s), "/", `\/`) },
		url.QueryEscape,
		url.PathEscape,
		func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) },
		func(s string) string { return base64.URLEncoding.EncodeToString([]byte("u:" + s)) },
		func(s string) string { return base64.StdEncoding.EncodeToString([]byte("x" + s + "yz")) },
		func(s string) string { return base64.RawStdEncoding.EncodeToString([]byte("ab" + s)) },
	}
	return forms[int(n)%len(forms)](secret)
}

// lineBreaks are the ways a wrapped line breaks: LF, CRLF with indentation, a folded
// header line, and JSON's escaped \n.
var lineBreaks = []string{"", "\n", "\r\n  ", "\n\t", `\n`, `\r\n`}

// outsideEscape moves a cut that falls inside an escape (JSON's \uXXXX or \/, a URL's
// %XX) back to the escape's start: a writer wraps a line between escapes, never inside
// one, and a break inside one leaves text that is no longer the secret in any form.
func outsideEscape(text string, cut int) int {
	for i := 0; i < len(text) && i < cut; {
		n := 1
		switch {
		case text[i] == '\\' && i+1 < len(text) && text[i+1] == 'u':
			n = 6
		case text[i] == '\\':
			n = 2
		case text[i] == '%' && i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2]):
			n = 3
		}
		if cut < i+n {
			return i
		}
		i += n
	}
	return cut
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// Marker is where a seed wants the secret: Inject puts it in place of the first Marker.
const Marker = "SECRET"

// Inject puts the secret p names into body, in place of the first Marker, or else (when
// Which is 128 or more) at At; it returns the new body and the text that went in.
func Inject(body []byte, p Placement) ([]byte, string) {
	secret := Secrets[int(p.Which)%len(Secrets)]
	text := Encode(secret, p.Form)
	if br := lineBreaks[int(p.Split)%len(lineBreaks)]; br != "" && len(text) > 1 {
		// A line is wrapped between characters: bytes cut out of a character are no longer
		// the secret's (a JSON decoder turns each into U+FFFD), and no writer does that.
		cut := outsideEscape(text, 1+int(p.At)%(len(text)-1))
		for cut > 1 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut] + br + text[cut:]
	}
	at := int(p.At) % (len(body) + 1)
	if i := bytes.Index(body, []byte(Marker)); i >= 0 {
		body = append(body[:i:i], body[i+len(Marker):]...)
		at = i
	} else if p.Which < 128 {
		return body, ""
	}
	out := make([]byte, 0, len(body)+len(text))
	out = append(append(append(out, body[:at]...), text...), body[at:]...)
	return out, text
}
