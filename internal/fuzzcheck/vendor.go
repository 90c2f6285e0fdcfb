package fuzzcheck

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/netops/terraform-provider-netops/internal/transport"
)

// CallTimeout bounds one call: every answer comes at once, so a call that runs this long
// is asking again and again.
const CallTimeout = 5 * time.Second

// Op is one call of a vendor client whose answer a fuzz input replaces.
type Op struct {
	// Method and Path name the request whose answer is fuzzed.
	Method, Path string
	// Call makes the call with a client of the server at baseURL, built for this call
	// only (so nothing learnt from an earlier answer is reused).
	Call func(ctx context.Context, baseURL string) error
	// Own reports an error the client words itself for an answer it understood (a refused
	// login, an empty list): it need not be an unexpected-answer or vendor error.
	Own func(error) bool
}

// Input is a fuzz input for a vendor target: which Op, the answer, and where a secret
// goes into it.
type Input struct {
	Op          uint8
	Status      uint16
	ContentType string
	Body        []byte
	Placement
}

// Seed is an input of op with that answer and no secret moved.
func Seed(op uint8, status uint16, contentType, body string) Input {
	return Input{Op: op, Status: status, ContentType: contentType, Body: []byte(body)}
}

// AddSeeds adds the inputs to f's corpus, as arguments of a fuzz function that takes
// op, status, content type, body, which, form, split, at (FuzzFunc's).
func AddSeeds(f *testing.F, seeds ...Input) {
	for _, in := range seeds {
		f.Add(in.Op, in.Status, in.ContentType, in.Body, in.Which, in.Form, in.Split, in.At)
	}
}

// FuzzFunc is the fuzz function of a vendor target: Check of the input on srv.
func FuzzFunc(srv *Server, product string, ops []Op) func(t *testing.T, op uint8, status uint16, contentType string, body []byte, which, form, split uint8, at uint16) {
	return func(t *testing.T, op uint8, status uint16, contentType string, body []byte, which, form, split uint8, at uint16) {
		Check(t, srv, product, ops, Input{Op: op, Status: status, ContentType: contentType, Body: body,
			Placement: Placement{Which: which, Form: form, Split: split, At: at}})
	}
}

// Check runs one input: the op's request is answered with the fuzzed answer (secret
// injected), every other request with the server's canned answers. The call must not
// panic; it either succeeds or fails with an unexpected-answer error or a vendor error
// (transport.Error, or a vendor type wrapping one) that names product, method and path,
// or with an error the op calls its own; neither the error nor any log line shows a
// secret.
func Check(t *testing.T, srv *Server, product string, ops []Op, in Input) {
	t.Helper()
	op := ops[int(in.Op)%len(ops)]
	body, _ := Inject(in.Body, in.Placement)
	srv.Answer(op.Method+" "+op.Path, Fuzzed(in.Status, in.ContentType, body))
	ctx, logs := Logged()
	ctx, cancel := context.WithTimeout(ctx, CallTimeout)
	defer cancel()
	err := op.Call(ctx, srv.URL)
	if ctx.Err() != nil {
		t.Fatalf("%s %s: the call did not end within %s (%v): an answer that makes the client ask forever", op.Method, op.Path, CallTimeout, err)
	}
	NoLeak(t, "the log", logs.String())
	if err == nil {
		return
	}
	NoLeak(t, "the error", err.Error())
	if op.Own != nil && op.Own(err) {
		return
	}
	var ue *transport.UnexpectedAnswerError
	var ve *transport.Error
	if !errors.As(err, &ue) && !errors.As(err, &ve) {
		t.Fatalf("%s %s: %T is neither an unexpected answer nor a vendor error: %v", op.Method, op.Path, err, err)
	}
	Names(t, err, product, op.Method, op.Path)
}
