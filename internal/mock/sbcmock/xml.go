package sbcmock

import (
	"encoding/xml"
	"io"
	"net/http"
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// envelope is the body of every SBC response (sbc.md section 1).
type envelope struct {
	XMLName  xml.Name `xml:"response"`
	Data     any      `xml:"data"`
	Messages messages `xml:"messages"`
	Links    links    `xml:"links"`
}

type messages struct {
	Items []message `xml:"message"`
}

type message struct {
	ErrorMessage string `xml:"errorMessage"`
}

// links stays empty: no operation the mock serves answers with a job link.
type links struct{}

type empty struct{}

type accessToken struct {
	AccessToken string `xml:"accessToken"`
}

type supportedVersions struct {
	Latest string   `xml:"supportedVersions>latestVersion"`
	Others []string `xml:"supportedVersions>otherVersions>version"`
}

func writeData(w http.ResponseWriter, status int, data any) {
	writeEnvelope(w, status, envelope{Data: data})
}

func writeError(w http.ResponseWriter, status int, text string) {
	writeEnvelope(w, status, envelope{Data: empty{}, Messages: messages{Items: []message{{ErrorMessage: text}}}})
}

func writeEnvelope(w http.ResponseWriter, status int, env envelope) {
	body, err := xml.Marshal(env)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, xmlHeader)
	_, _ = w.Write(body)
}
