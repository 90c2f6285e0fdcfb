package loginsightmock

import (
	_ "embed" // VMware's v2 spec
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// v2Spec is VMware's OpenAPI 3 description of the VCF Operations for Logs v2 API (VCF API
// specs, tag 9.0.0.0, vcf-operations-for-logs-openapi.json), cut to the paths this
// provider uses with their $refs inlined (loginsight.md, Sources: S1). It is loaded as
// published, never retyped: every node holds every /api/v2 request to it.
//
//go:embed loginsight-v2-spec.json
var v2Spec []byte

// specOperation is one declared method of one path template, split into segments.
type specOperation struct {
	segments    []string
	parameters  []specParameter
	requestBody *specRequestBody
}

type specParameter struct {
	Name     string      `json:"name"`
	In       string      `json:"in"`
	Required bool        `json:"required"`
	Schema   *specSchema `json:"schema"`
}

type specRequestBody struct {
	Required bool                                    `json:"required"`
	Content  map[string]struct{ Schema *specSchema } `json:"content"`
}

// specSchema is the part of a JSON schema the request check reads.
type specSchema struct {
	Type                 string                 `json:"type"`
	Properties           map[string]*specSchema `json:"properties"`
	Required             []string               `json:"required"`
	Enum                 []any                  `json:"enum"`
	Items                *specSchema            `json:"items"`
	Minimum              *float64               `json:"minimum"`
	Maximum              *float64               `json:"maximum"`
	AdditionalProperties json.RawMessage        `json:"additionalProperties"`
	OneOf                []*specSchema          `json:"oneOf"`
	AnyOf                []*specSchema          `json:"anyOf"`
}

// apiSpec is the loaded spec: its operations by method.
type apiSpec struct {
	ops map[string][]specOperation
}

var (
	loadSpecOnce sync.Once
	loadedSpec   *apiSpec
	loadSpecErr  error
)

// v2API returns the parsed v2 spec.
func v2API() (*apiSpec, error) {
	loadSpecOnce.Do(func() { loadedSpec, loadSpecErr = parseSpec(v2Spec) })
	return loadedSpec, loadSpecErr
}

// parseSpec reads the spec's paths object: path template -> method -> operation.
func parseSpec(raw []byte) (*apiSpec, error) {
	var paths map[string]map[string]json.RawMessage
	if err := json.Unmarshal(raw, &paths); err != nil {
		return nil, fmt.Errorf("the Log Insight v2 spec does not parse: %w", err)
	}
	s := &apiSpec{ops: map[string][]specOperation{}}
	for path, methods := range paths {
		for method, body := range methods {
			if method == "parameters" {
				continue
			}
			var op struct {
				Parameters  []specParameter  `json:"parameters"`
				RequestBody *specRequestBody `json:"requestBody"`
			}
			if err := json.Unmarshal(body, &op); err != nil {
				return nil, fmt.Errorf("the Log Insight v2 spec's %s %s does not parse: %w", method, path, err)
			}
			m := strings.ToUpper(method)
			s.ops[m] = append(s.ops[m], specOperation{
				segments:    strings.Split(strings.Trim(path, "/"), "/"),
				parameters:  op.Parameters,
				requestBody: op.RequestBody,
			})
		}
	}
	return s, nil
}

// operation finds the declared operation of method on path (relative to /api/v2, e.g.
// /deployment/new): literal segments win over {templates}.
func (s *apiSpec) operation(method, path string) (specOperation, bool) {
	best, bestLiterals, found := specOperation{}, -1, false
	for _, op := range s.ops[method] {
		if literals, ok := op.matches(path); ok && literals > bestLiterals {
			best, bestLiterals, found = op, literals, true
		}
	}
	return best, found
}

// methods lists the methods the spec declares for path, sorted; none when the path is
// not declared at all.
func (s *apiSpec) methods(path string) []string {
	var out []string
	for method, ops := range s.ops {
		for _, op := range ops {
			if _, ok := op.matches(path); ok {
				out = append(out, method)
				break
			}
		}
	}
	slices.Sort(out)
	return out
}

// matches reports whether path fits the operation's template, and how many of its
// segments are literal.
func (op specOperation) matches(path string) (literals int, ok bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	if len(op.segments) != len(segs) {
		return 0, false
	}
	for i, seg := range op.segments {
		switch {
		case strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}"):
			if segs[i] == "" {
				return 0, false
			}
		case seg == segs[i]:
			literals++
		default:
			return 0, false
		}
	}
	return literals, true
}
