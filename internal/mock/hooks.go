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
