package ftdmock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// conforming holds every request on a unit speaking API v2 to the published v2 spec
// when Options.Spec is set: an unknown property, a missing required one, a value
// outside its enum or of the wrong JSON type, an undeclared query parameter, or a body
// where the operation declares none is answered 422 in the ErrorWrapper, naming the
// field. Paths the spec does not cover are served unchecked.
func (h unitHandler) conforming(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		version := r.PathValue("version")
		if !h.p.spec || !h.p.speaksV2(version) {
			next(w, r)
			return
		}
		api, err := v2API()
		if err != nil {
			writeFDMError(w, general(http.StatusInternalServerError, "specUnavailable", err.Error()))
			return
		}
		raw, err := io.ReadAll(r.Body)
		if err != nil {
			writeFDMError(w, general(http.StatusBadRequest, "badRequest", "Cannot read the request body: "+err.Error()))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(raw))
		rest := strings.TrimPrefix(r.URL.Path, "/api/fdm/"+version)
		op, declared := api.operation(r.Method, rest)
		if !declared {
			next(w, r)
			return
		}
		if msgs := api.check(op, r.Method+" "+rest, r.URL.Query(), raw); len(msgs) > 0 {
			writeFDMError(w, &fdmError{status: http.StatusUnprocessableEntity, key: keyValidation, messages: msgs})
			return
		}
		next(w, r)
	}
}

// speaksV2 reports whether a request under version is served as API v2.
func (p *Pair) speaksV2(version string) bool {
	if version == "latest" {
		version = p.versions[len(p.versions)-1]
	}
	return apiNumber(version) == 2
}

// check lists what in a request the operation does not declare.
func (s *apiSpec) check(op specOperation, what string, query map[string][]string, body []byte) []errorMessage {
	var msgs []errorMessage
	add := func(code, location, format string, args ...any) {
		msgs = append(msgs, errorMessage{Description: fmt.Sprintf(format, args...), Code: code, Location: location})
	}
	var bodyParam *parameter
	declared := map[string]parameter{}
	for i, p := range op.params {
		switch p.In {
		case "body":
			bodyParam = &op.params[i]
		case "query":
			declared[p.Name] = p
		}
	}
	names := make([]string, 0, len(query))
	for name := range query {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		p, ok := declared[name]
		if !ok {
			add("unrecognizedParameter", name, "Query parameter %q is not declared for %s", name, what)
			continue
		}
		for _, v := range query[name] {
			if !scalarOK(p.Type, v) {
				add("invalidType", name, "Query parameter %q must be of type %s, not %q", name, p.Type, v)
			}
		}
	}
	for _, p := range op.params {
		if p.In == "query" && p.Required && len(query[p.Name]) == 0 {
			add("requiredField", p.Name, "Query parameter %q is required for %s", p.Name, what)
		}
	}
	switch trimmed := bytes.TrimSpace(body); {
	case len(trimmed) == 0 && bodyParam != nil && bodyParam.Required:
		add("requiredField", "body", "%s requires a request body", what)
	case len(trimmed) == 0:
	case bodyParam == nil:
		add("bodyNotAllowed", "body", "%s declares no request body; send none", what)
	default:
		dec := json.NewDecoder(bytes.NewReader(trimmed))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			add("invalidJson", "body", "The request body is not valid JSON: %v", err)
			break
		}
		msgs = append(msgs, s.validate(v, bodyParam.Schema, "")...)
	}
	return msgs
}

// validate checks a decoded JSON value against a schema; loc is the value's field path.
func (s *apiSpec) validate(v any, sc *schema, loc string) []errorMessage {
	sc = s.resolve(sc)
	if sc == nil || v == nil {
		return nil
	}
	var msgs []errorMessage
	add := func(code, location, format string, args ...any) {
		msgs = append(msgs, errorMessage{Description: fmt.Sprintf(format, args...), Code: code, Location: location})
	}
	for _, part := range sc.AllOf {
		msgs = append(msgs, s.validate(v, part, loc)...)
	}
	name := loc
	if name == "" {
		name = "the request body"
	}
	switch sc.Type {
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			add("invalidType", loc, "%s must be a JSON object", name)
			break
		}
		for _, req := range sc.Required {
			if val, present := obj[req]; !present || val == nil {
				add("requiredField", join(loc, req), "%s is required", join(loc, req))
			}
		}
		if sc.Properties == nil {
			break // a free-form object
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			prop, known := sc.Properties[k]
			if !known {
				add("unrecognizedField", join(loc, k), "Unrecognized field %q: the model does not declare it", join(loc, k))
				continue
			}
			msgs = append(msgs, s.validate(obj[k], prop, join(loc, k))...)
		}
	case "array":
		arr, ok := v.([]any)
		if !ok {
			add("invalidType", loc, "%s must be a JSON array", name)
			break
		}
		for i, item := range arr {
			msgs = append(msgs, s.validate(item, sc.Items, fmt.Sprintf("%s[%d]", loc, i))...)
		}
	case "string":
		str, ok := v.(string)
		switch {
		case !ok:
			add("invalidType", loc, "%s must be a JSON string", name)
		case len(sc.Enum) > 0 && !slices.Contains(sc.Enum, str):
			add("invalidValue", loc, "%s must be one of %s, not %q", name, strings.Join(sc.Enum, ", "), str)
		}
	case "integer", "number":
		n, ok := v.(json.Number)
		if ok && sc.Type == "integer" {
			_, err := n.Int64()
			ok = err == nil
		}
		if !ok {
			add("invalidType", loc, "%s must be a JSON %s", name, sc.Type)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			add("invalidType", loc, "%s must be a JSON boolean", name)
		}
	}
	return msgs
}

func join(loc, field string) string {
	if loc == "" {
		return field
	}
	return loc + "." + field
}

// scalarOK reports whether a query value is of the declared type.
func scalarOK(typ, v string) bool {
	switch typ {
	case "integer":
		_, err := strconv.ParseInt(v, 10, 64)
		return err == nil
	case "number":
		_, err := strconv.ParseFloat(v, 64)
		return err == nil
	case "boolean":
		return v == "true" || v == "false"
	}
	return true
}
