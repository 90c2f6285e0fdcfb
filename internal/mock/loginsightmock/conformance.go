package loginsightmock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/netops/terraform-provider-netops/internal/mock"
)

// v2Prefix is the API root the spec describes; /api/v1 is served unchecked.
const v2Prefix = "/api/v2"

// SpecRefusal is a request a node refused because VMware's v2 spec does not declare it.
type SpecRefusal struct {
	Method   string   `json:"method"`
	Path     string   `json:"path"`
	Status   int      `json:"status"`
	Problems []string `json:"problems"`
}

// specProblem is one departure from the spec: the field (or parameter, path, header) it
// concerns and what is wrong with it.
type specProblem struct{ field, text string }

// undocumentedPaths are served beside the spec: GET /cluster/nodes is absent from every
// published reference but reported on 9.0.2 by a third-party client (loginsight.md
// section 4, [3P:S6]); clients use it where it is served and take a 404 as "not served".
// Options.SpecOnly makes the nodes answer it 404, as an appliance that serves only the spec.
var undocumentedPaths = []specOperation{
	{segments: []string{"cluster", "nodes"}},
	{segments: []string{"cluster", "nodes", "{nodeToken}"}},
}

func undocumented(method, rest string) bool {
	if method != http.MethodGet {
		return false
	}
	for _, op := range undocumentedPaths {
		if _, ok := op.matches(rest); ok {
			return true
		}
	}
	return false
}

// declared refuses, before routing, a /api/v2 request whose path or method the spec does
// not declare: 404 or 405 (with Allow) in the error body, naming the path or method.
func (h nodeHandler) declared(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, v2Prefix+"/")
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		rest = "/" + strings.TrimSuffix(rest, "/")
		if undocumented(r.Method, rest) {
			if h.c.specOnly() {
				mock.WriteText(w, http.StatusNotFound, msgNotFound)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		api, err := v2API()
		if err != nil {
			writeError(w, http.StatusInternalServerError, apiError{ErrorMessage: err.Error()})
			return
		}
		if _, found := api.operation(r.Method, rest); found {
			next.ServeHTTP(w, r)
			return
		}
		what := r.Method + " " + v2Prefix + rest
		if allow := api.methods(rest); len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			h.c.refuse(w, r, http.StatusMethodNotAllowed, "Method Not Allowed",
				[]specProblem{{"method", fmt.Sprintf("%s: the v2 spec declares only %s on this path", what, strings.Join(allow, ", "))}})
			return
		}
		h.c.refuse(w, r, http.StatusNotFound, "Not Found", []specProblem{{"path", what + " is not a path of the v2 spec"}})
	})
}

// conforms checks the query and body of a /api/v2 request against its declared
// operation; it answers the refusal and reports false when they do not conform. Routes
// call it after their access checks (bootstrap state, session), as the appliance reads
// the body only for a caller it serves.
func (h nodeHandler) conforms(w http.ResponseWriter, r *http.Request) bool {
	rest, ok := strings.CutPrefix(r.URL.Path, v2Prefix+"/")
	if !ok {
		return true
	}
	rest = "/" + strings.TrimSuffix(rest, "/")
	api, err := v2API()
	if err != nil {
		writeError(w, http.StatusInternalServerError, apiError{ErrorMessage: err.Error()})
		return false
	}
	op, found := api.operation(r.Method, rest)
	if !found {
		return true // an undocumented path, let through by declared
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		writeBadBody(w, "cannot read the request body: "+err.Error())
		return false
	}
	what := r.Method + " " + v2Prefix + rest
	status, problems := api.check(op, what, r.URL.Query(), r.Header.Get("Content-Type"), body)
	if len(problems) == 0 {
		return true
	}
	message := "Invalid request body."
	if status == http.StatusUnsupportedMediaType {
		message = "Unsupported Media Type"
	}
	h.c.refuse(w, r, status, message, problems)
	return false
}

// refuse answers a request the spec does not declare in the error body, each problem
// under its field in errorDetails and all of them in reason, and records it.
func (c *Cluster) refuse(w http.ResponseWriter, r *http.Request, status int, message string, problems []specProblem) {
	details := map[string]string{}
	texts := make([]string, 0, len(problems))
	for _, p := range problems {
		texts = append(texts, p.text)
		if _, taken := details[p.field]; !taken && p.field != "reason" {
			details[p.field] = p.text
		}
	}
	details["reason"] = strings.Join(texts, "; ")
	e := apiError{ErrorMessage: message, ErrorDetails: details}
	if status == http.StatusBadRequest {
		// The spec's one answer to a body that "did not match the required JSON format";
		// PUT /time/config declares no 400, yet no other answer is documented for it.
		e.ErrorCode = codeJSONFormat
	}
	c.mu.Lock()
	c.specRefusals = append(c.specRefusals, SpecRefusal{Method: r.Method, Path: r.URL.Path, Status: status, Problems: texts})
	c.mu.Unlock()
	writeError(w, status, e)
}

// check lists what in a request its operation does not declare, and the status that
// refuses it: an undeclared query parameter, a body where none is declared or of an
// undeclared media type, and every body field that is unknown, missing while required,
// of the wrong JSON type, outside its enum or its range.
func (s *apiSpec) check(op specOperation, what string, query url.Values, contentType string, body []byte) (int, []specProblem) {
	var problems []specProblem
	add := func(field, format string, args ...any) {
		problems = append(problems, specProblem{field, fmt.Sprintf(format, args...)})
	}
	names := make([]string, 0, len(query))
	for name := range query {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if !slices.ContainsFunc(op.parameters, func(p specParameter) bool { return p.In == "query" && p.Name == name }) {
			add(name, "query parameter %q is not declared for %s", name, what)
		}
	}
	for _, p := range op.parameters {
		if p.In == "query" && p.Required && len(query[p.Name]) == 0 {
			add(p.Name, "query parameter %q is required for %s", p.Name, what)
		}
	}
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) == 0:
		if op.requestBody != nil && op.requestBody.Required {
			add("body", "%s requires a request body", what)
		}
		return http.StatusBadRequest, problems
	case op.requestBody == nil:
		add("body", "%s declares no request body; send none", what)
		return http.StatusBadRequest, problems
	}
	media, _, err := mime.ParseMediaType(contentType)
	content, declared := op.requestBody.Content[media]
	if err != nil || !declared {
		add("Content-Type", "%s takes %s, not Content-Type %q", what, strings.Join(sortedKeys(op.requestBody.Content), " or "), contentType)
		return http.StatusUnsupportedMediaType, problems
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		add("body", "the request body is not one JSON value")
		return http.StatusBadRequest, problems
	}
	problems = append(problems, validate(v, content.Schema, "")...)
	return http.StatusBadRequest, problems
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// validate checks a decoded JSON value against a schema; loc is the value's field path.
func validate(v any, sc *specSchema, loc string) []specProblem {
	if sc == nil {
		return nil
	}
	var problems []specProblem
	add := func(field, format string, args ...any) {
		problems = append(problems, specProblem{field, fmt.Sprintf(format, args...)})
	}
	name := loc
	if name == "" {
		name = "the request body"
	}
	if alternatives := append(slices.Clone(sc.OneOf), sc.AnyOf...); len(alternatives) > 0 {
		var first []specProblem
		for i, alt := range alternatives {
			p := validate(v, alt, loc)
			if len(p) == 0 {
				first = nil
				break
			}
			if i == 0 {
				first = p
			}
		}
		problems = append(problems, first...)
	}
	if v == nil {
		add(loc, "%s must not be null", name)
		return problems
	}
	typ := sc.Type
	if typ == "" && sc.Properties != nil {
		typ = "object" // deployment/new's user declares properties without a type
	}
	switch typ {
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			add(loc, "%s must be a JSON object", name)
			break
		}
		problems = append(problems, validateObject(obj, sc, loc)...)
	case "array":
		arr, ok := v.([]any)
		if !ok {
			add(loc, "%s must be a JSON array", name)
			break
		}
		for i, item := range arr {
			problems = append(problems, validate(item, sc.Items, fmt.Sprintf("%s[%d]", loc, i))...)
		}
	case "string":
		if _, ok := v.(string); !ok {
			add(loc, "%s must be a JSON string", name)
		}
	case "integer", "number":
		n, ok := v.(json.Number)
		var f float64
		if ok {
			var err error
			f, err = n.Float64()
			ok = err == nil
			if _, err := n.Int64(); typ == "integer" && err != nil {
				ok = false
			}
		}
		switch {
		case !ok:
			add(loc, "%s must be a JSON %s", name, typ)
		case sc.Minimum != nil && f < *sc.Minimum, sc.Maximum != nil && f > *sc.Maximum:
			add(loc, "%s must be between %v and %v, not %s", name, bound(sc.Minimum), bound(sc.Maximum), n)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			add(loc, "%s must be a JSON boolean", name)
		}
	}
	if len(sc.Enum) > 0 && !slices.ContainsFunc(sc.Enum, func(e any) bool { return fmt.Sprint(e) == fmt.Sprint(v) }) {
		allowed := make([]string, 0, len(sc.Enum))
		for _, e := range sc.Enum {
			allowed = append(allowed, fmt.Sprint(e))
		}
		add(loc, "%s must be one of %s, not %v", name, strings.Join(allowed, ", "), v)
	}
	return problems
}

func bound(b *float64) any {
	if b == nil {
		return "any"
	}
	return *b
}

// validateObject checks an object's required and declared properties. A key the schema
// does not declare is refused, unless additionalProperties gives it a schema.
//
// The schema of POST /deployment/new declares the property userName while its required
// list and its example spell it username (loginsight.md section 3). The properties are
// the model the server binds the body to, so userName is the key; the example's spelling
// is accepted for it too, as the notes have the mock accept both. Generally: a required
// name that is not declared but matches a declared property except in case stands for
// that property, under either spelling, and a body with both spellings is refused.
func validateObject(obj map[string]any, sc *specSchema, loc string) []specProblem {
	var problems []specProblem
	add := func(field, format string, args ...any) {
		problems = append(problems, specProblem{field, fmt.Sprintf(format, args...)})
	}
	alias := map[string]string{} // a required spelling -> the declared property
	for _, req := range sc.Required {
		if _, ok := sc.Properties[req]; ok {
			continue
		}
		for prop := range sc.Properties {
			if strings.EqualFold(prop, req) {
				alias[req] = prop
			}
		}
	}
	for _, req := range sc.Required {
		prop, aliased := alias[req]
		_, has := obj[req]
		_, hasProp := obj[prop]
		switch {
		case aliased && has && hasProp:
			add(join(loc, prop), "send one of %s and %s, not both", join(loc, prop), join(loc, req))
		case !has && (!aliased || !hasProp):
			add(join(loc, req), "%s is required", join(loc, req))
		}
	}
	var extra *specSchema
	if len(sc.AdditionalProperties) > 0 && !bytes.Equal(sc.AdditionalProperties, []byte("false")) && !bytes.Equal(sc.AdditionalProperties, []byte("true")) {
		extra = &specSchema{}
		if err := json.Unmarshal(sc.AdditionalProperties, extra); err != nil {
			extra = nil
		}
	}
	free := sc.Properties == nil && (len(sc.AdditionalProperties) == 0 || bytes.Equal(sc.AdditionalProperties, []byte("true")))
	for _, k := range sortedKeys(obj) {
		prop, known := sc.Properties[k]
		if !known {
			if target, ok := alias[k]; ok {
				prop, known = sc.Properties[target], true
			}
		}
		switch {
		case known:
			problems = append(problems, validate(obj[k], prop, join(loc, k))...)
		case extra != nil:
			problems = append(problems, validate(obj[k], extra, join(loc, k))...)
		case !free:
			add(join(loc, k), "%s is not a field of this request in the v2 spec", join(loc, k))
		}
	}
	return problems
}

func join(loc, field string) string {
	if loc == "" {
		return field
	}
	return loc + "." + field
}

// SpecRefusals returns every request refused because the spec does not declare it, in order.
func (c *Cluster) SpecRefusals() []SpecRefusal {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.specRefusals)
}
