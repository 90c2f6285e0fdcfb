package fireflow

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// envelope is {status, messages[{code,message}], data} around every answer.
type envelope struct {
	Status   string          `json:"status"`
	Messages []Message       `json:"messages"`
	Data     json.RawMessage `json:"data"`
}

// Message is one {code, message} item of the envelope.
type Message struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func decodeEnvelope(body []byte) (*envelope, error) {
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, fmt.Errorf("FireFlow answered a body that is not its JSON envelope: %w", err)
	}
	return &env, nil
}

func (e *envelope) success() bool { return strings.EqualFold(e.Status, "Success") }

// shapeProblem says why the envelope is not one FireFlow documents: its status is
// Success or Failure (seeds/002), nothing else.
func (e *envelope) shapeProblem() string {
	switch {
	case e.Status == "":
		return `it holds no "status"`
	case !strings.EqualFold(e.Status, "Success") && !strings.EqualFold(e.Status, "Failure"):
		return fmt.Sprintf("its status %q is neither Success nor Failure", e.Status)
	}
	return ""
}

func (e *envelope) firstCode() string {
	if len(e.Messages) == 0 {
		return ""
	}
	return e.Messages[0].Code
}

// masked is the envelope with every known secret removed from its codes and messages:
// a Failure can come with HTTP 200, past the transport's own masking of error answers.
func (e *envelope) masked(mask func(string) string) *envelope {
	out := *e
	out.Messages = make([]Message, len(e.Messages))
	for i, m := range e.Messages {
		out.Messages[i] = Message{Code: mask(m.Code), Message: mask(m.Message)}
	}
	return &out
}

// messageTexts lists every "code: message" of the envelope.
func (e *envelope) messageTexts() []string {
	out := make([]string, 0, len(e.Messages))
	for _, m := range e.Messages {
		switch {
		case m.Code != "" && m.Message != "":
			out = append(out, m.Code+": "+m.Message)
		case m.Code != "":
			out = append(out, m.Code)
		default:
			out = append(out, m.Message)
		}
	}
	return out
}

func (e *envelope) hasCode(codes ...string) bool {
	for _, m := range e.Messages {
		for _, c := range codes {
			if strings.EqualFold(m.Code, c) {
				return true
			}
		}
	}
	return false
}

// decodeError turns an error answer into its codes and messages; a body that is not the
// envelope (a proxy's page) is quoted (the transport shortens it once masked).
func decodeError(_ int, _ http.Header, body []byte) (string, []string) {
	env, err := decodeEnvelope(body)
	if err != nil || (env.Status == "" && len(env.Messages) == 0) {
		text := strings.TrimSpace(string(body))
		if text == "" {
			return "", nil
		}
		return "", []string{text}
	}
	return "", env.messageTexts()
}

// Error is a FireFlow refusal: the HTTP answer and every code and message of the envelope.
type Error struct {
	Err      *transport.Error
	Messages []Message
}

func (e *Error) Error() string {
	return fmt.Sprintf("FireFlow answered %d to %s %s: %s", e.Err.Status, e.Err.Method, e.Err.Path, strings.Join(e.Err.Messages, "; "))
}

func (e *Error) Unwrap() error { return e.Err }

// HasCode reports whether FireFlow gave one of the codes.
func (e *Error) HasCode(codes ...string) bool {
	return (&envelope{Messages: e.Messages}).hasCode(codes...)
}

// Is makes FireFlow's CHANGE_REQUEST_NOT_FOUND match transport.ErrNotFound.
func (e *Error) Is(target error) bool {
	return target == transport.ErrNotFound && e.HasCode("CHANGE_REQUEST_NOT_FOUND")
}
