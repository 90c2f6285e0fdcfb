package sbcmock

import (
	"encoding/xml"
	"net/http"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

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
	mock.WriteXML(w, status, envelope{Data: data})
}

func writeError(w http.ResponseWriter, status int, text string) {
	mock.WriteXML(w, status, envelope{Data: empty{}, Messages: messages{Items: []message{{ErrorMessage: text}}}})
}
