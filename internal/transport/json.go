package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"time"
)

// Call is one request with a JSON body and a JSON answer.
type Call struct {
	Method string
	// Path is appended to the base URL.
	Path  string
	Query url.Values
	// Body, when not nil, is sent as JSON.
	Body any
	// Out, when not nil, receives the decoded answer; an empty answer leaves it as is.
	Out any
	// NoAuth sends the request without a session (logins, unauthenticated calls).
	NoAuth bool
	// Timeout overrides the configured per-attempt timeout.
	Timeout time.Duration
}

// JSON marshals k.Body, sends the request through Do and decodes the answer into k.Out.
// The answer is returned as well, also with a vendor error (as Do returns it), for
// vendors whose error bodies say more than the error.
func (c *Client) JSON(ctx context.Context, k Call) (*Response, error) {
	req := Request{Method: k.Method, Path: k.Path, Query: k.Query, NoAuth: k.NoAuth, Timeout: k.Timeout}
	if k.Body != nil {
		b, err := json.Marshal(k.Body)
		if err != nil {
			return nil, err
		}
		req.Body = b
		req.Header = http.Header{"Content-Type": {"application/json"}}
	}
	resp, err := c.Do(ctx, req)
	if err != nil || k.Out == nil || len(bytes.TrimSpace(resp.Body)) == 0 {
		return resp, err
	}
	if err := json.Unmarshal(resp.Body, k.Out); err != nil {
		return resp, UnexpectedAnswer(resp, "the body is not the JSON expected ("+err.Error()+")")
	}
	return resp, nil
}
