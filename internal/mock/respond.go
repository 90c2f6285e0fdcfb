package mock

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
)

// Accepts reports whether the request's Accept headers admit mediaType (e.g.
// "application/json"): no Accept header, the type itself, "application/*",
// "*/*" or an empty entry do; parameters such as q are not weighed.
func Accepts(r *http.Request, mediaType string) bool {
	accept := r.Header.Values("Accept")
	if len(accept) == 0 {
		return true
	}
	major, _, _ := strings.Cut(mediaType, "/")
	for _, v := range accept {
		for part := range strings.SplitSeq(v, ",") {
			mt, _, _ := strings.Cut(part, ";")
			switch strings.ToLower(strings.TrimSpace(mt)) {
			case mediaType, major + "/*", "*/*", "":
				return true
			}
		}
	}
	return false
}

// WriteCompactJSON answers status with v as compact JSON, the way most vendor
// APIs answer (WriteJSON indents, for the mock's own endpoints).
func WriteCompactJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	writeEncoded(w, status, "application/json", "", body, err)
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// WriteXML answers status with v as an XML document with a standalone declaration.
func WriteXML(w http.ResponseWriter, status int, v any) {
	body, err := xml.Marshal(v)
	writeEncoded(w, status, "application/xml", xmlHeader, body, err)
}

// writeEncoded answers status with prolog and body, or 500 when encoding failed.
func writeEncoded(w http.ResponseWriter, status int, contentType, prolog string, body []byte, err error) {
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = io.WriteString(w, prolog)
	_, _ = w.Write(body)
}

// WriteText answers status with a plain-text body.
func WriteText(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, text)
}
