package ftd

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// errorWrapper is FDM's error body.
type errorWrapper struct {
	Error struct {
		Severity string `json:"severity"`
		Key      string `json:"key"`
		Messages []struct {
			Description string `json:"description"`
			Code        string `json:"code"`
			Location    string `json:"location"`
		} `json:"messages"`
	} `json:"error"`
	// TokenStatus, answered by the token endpoint.
	StatusCode int    `json:"status_code"`
	Message    string `json:"message"`
}

// decodeError lists every message's description and code; the key ("Validation",
// "General") becomes the error code.
func decodeError(_ int, _ http.Header, body []byte) (string, []string) {
	var w errorWrapper
	if err := json.Unmarshal(body, &w); err != nil {
		text := strings.TrimSpace(string(body))
		if text == "" {
			return "", nil
		}
		return "", []string{text}
	}
	if w.Message != "" && len(w.Error.Messages) == 0 {
		return "", []string{w.Message}
	}
	msgs := make([]string, 0, len(w.Error.Messages))
	for _, m := range w.Error.Messages {
		text := m.Description
		if m.Code != "" {
			text = fmt.Sprintf("%s (code %s)", text, m.Code)
		}
		if m.Location != "" {
			text += " at " + m.Location
		}
		msgs = append(msgs, text)
	}
	return w.Error.Key, msgs
}
