package mock

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
)

// DecodeHook reads the JSON body of a /_mock/ hook into v. Unknown fields are refused, so
// a misspelled knob is an error rather than a silent no-op; an empty body sets nothing.
func DecodeHook(r *http.Request, v any) error {
	raw, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || len(bytes.TrimSpace(raw)) == 0 {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// HookError answers a refused /_mock/ hook request.
func HookError(w http.ResponseWriter, status int, text string) {
	WriteJSON(w, status, map[string]string{"error": text})
}

// SetIf calls set with *v when the knob v was given.
func SetIf[T any](v *T, set func(T)) {
	if v != nil {
		set(*v)
	}
}

// StateHooks registers the hooks every vendor mock has: GET /_mock/state answers
// view(); POST /_mock/state decodes its knobs strictly, applies them (a refusal
// is a 400 that must change nothing) and answers view().
func StateHooks[K, V any](rt *Router, view func() V, apply func(K) error) {
	rt.Hook("GET state", ViewHook(view))
	rt.Hook("POST state", BodyHook(apply, view))
}

// ViewHook answers view() as JSON.
func ViewHook[V any](view func() V) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		WriteJSON(w, http.StatusOK, view())
	}
}

// BodyHook decodes the hook's JSON body strictly and hands it to act; a body that
// does not decode, or that act refuses, answers 400, anything else view().
func BodyHook[K, V any](act func(K) error, view func() V) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var k K
		err := DecodeHook(r, &k)
		if err == nil {
			err = act(k)
		}
		if err != nil {
			HookError(w, http.StatusBadRequest, err.Error())
			return
		}
		WriteJSON(w, http.StatusOK, view())
	}
}

// ActionHook runs act and answers 204.
func ActionHook(act func()) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		act()
		w.WriteHeader(http.StatusNoContent)
	}
}
