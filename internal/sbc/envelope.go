package sbc

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// envelope is the <response><data/><messages/><links/></response> wrapper of every body.
type envelope struct {
	XMLName xml.Name `xml:"response"`
	Data    struct {
		Inner []byte `xml:",innerxml"`
	} `xml:"data"`
}

// decodeAnswer unmarshals response/data of an answer into v; an answer that is not the
// envelope is reported in the SBC's own words.
func decodeAnswer(resp *transport.Response, v any) error {
	if err := decodeData(resp.Body, v); err != nil {
		return transport.UnexpectedAnswer(resp, err.Error())
	}
	return nil
}

// decodeData unmarshals the content of response/data into v.
func decodeData(body []byte, v any) error {
	var env envelope
	if err := xml.Unmarshal(body, &env); err != nil {
		return fmt.Errorf("the body is not the XML <response> envelope (%w)", err)
	}
	wrapped := append(append([]byte("<data>"), env.Data.Inner...), "</data>"...)
	if err := xml.Unmarshal(wrapped, v); err != nil {
		return fmt.Errorf("response/data does not hold the expected fields (%w)", err)
	}
	return nil
}

// decodeError collects every text under response/messages; the element names of the
// error items are not documented (sbc.md §1), so no structure is assumed. A body that is
// not the envelope (a proxy's error page) is quoted (the transport shortens it once masked).
func decodeError(_ int, _ http.Header, body []byte) (string, []string) {
	var msgs []string
	dec := xml.NewDecoder(bytes.NewReader(body))
	depth := 0 // depth inside <messages>
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth > 0 || t.Name.Local == "messages" {
				depth++
			}
		case xml.EndElement:
			if depth > 0 {
				depth--
			}
		case xml.CharData:
			if text := strings.TrimSpace(string(t)); depth > 0 && text != "" && !strings.HasPrefix(text, "https://") {
				msgs = append(msgs, text)
			}
		}
	}
	if trimmed := strings.TrimSpace(string(body)); len(msgs) == 0 && trimmed != "" && !strings.Contains(trimmed, "<response") {
		msgs = append(msgs, trimmed)
	}
	return "", msgs
}
