package ftdmock

import (
	_ "embed" // the v2 spec
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// v2Spec is Cisco's FDM 6.3 (API v2) swagger, cut to the HA, token and interface paths
// and the models they use (ftd-fdm.md section 0; CiscoDevNet/FTDAnsible
// test/unit/module_utils/tdm_swagger_client/test_data/ngfw.json). It is loaded as
// published, never retyped: the mock holds v2 requests to it when Options.Spec is set.
//
//go:embed fdm-v2-ha-spec.json
var v2Spec []byte

// swagger is the part of a Swagger 2.0 document the request check reads.
type swagger struct {
	Paths       map[string]map[string]json.RawMessage `json:"paths"`
	Definitions map[string]*schema                    `json:"definitions"`
}

type operation struct {
	Parameters []parameter `json:"parameters"`
}

type parameter struct {
	Name     string  `json:"name"`
	In       string  `json:"in"`
	Required bool    `json:"required"`
	Type     string  `json:"type"`
	Schema   *schema `json:"schema"`
}

type schema struct {
	Ref        string             `json:"$ref"`
	Type       string             `json:"type"`
	Properties map[string]*schema `json:"properties"`
	Required   []string           `json:"required"`
	Enum       []string           `json:"enum"`
	Items      *schema            `json:"items"`
	AllOf      []*schema          `json:"allOf"`
}

// specOperation is one declared method of one path template, split into segments.
type specOperation struct {
	segments []string
	params   []parameter
}

// apiSpec is a loaded spec: its operations by method, and its models.
type apiSpec struct {
	ops         map[string][]specOperation
	definitions map[string]*schema
}

var (
	loadV2Once sync.Once
	loadedV2   *apiSpec
	loadV2Err  error
)

// v2API returns the parsed v2 spec.
func v2API() (*apiSpec, error) {
	loadV2Once.Do(func() { loadedV2, loadV2Err = parseSpec(v2Spec) })
	return loadedV2, loadV2Err
}

func parseSpec(raw []byte) (*apiSpec, error) {
	var doc swagger
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("the FDM spec does not parse: %w", err)
	}
	s := &apiSpec{ops: map[string][]specOperation{}, definitions: doc.Definitions}
	for path, methods := range doc.Paths {
		for method, body := range methods {
			if method == "parameters" {
				continue
			}
			var op operation
			if err := json.Unmarshal(body, &op); err != nil {
				return nil, fmt.Errorf("the FDM spec's %s %s does not parse: %w", method, path, err)
			}
			m := strings.ToUpper(method)
			s.ops[m] = append(s.ops[m], specOperation{segments: strings.Split(strings.Trim(path, "/"), "/"), params: op.Parameters})
		}
	}
	return s, nil
}

// operation finds the declared operation of method on path (relative to the API root,
// e.g. /devices/default/ha/configurations/abc): literal segments win over {templates}.
func (s *apiSpec) operation(method, path string) (specOperation, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	best, bestLiterals, found := specOperation{}, -1, false
	for _, op := range s.ops[method] {
		if len(op.segments) != len(segs) {
			continue
		}
		literals, match := 0, true
		for i, seg := range op.segments {
			switch {
			case strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}"):
			case seg == segs[i]:
				literals++
			default:
				match = false
			}
			if !match {
				break
			}
		}
		if match && literals > bestLiterals {
			best, bestLiterals, found = op, literals, true
		}
	}
	return best, found
}

// resolve follows a $ref to its definition; a $ref wins over a sibling "type".
func (s *apiSpec) resolve(sc *schema) *schema {
	for sc != nil && sc.Ref != "" {
		sc = s.definitions[strings.TrimPrefix(sc.Ref, "#/definitions/")]
	}
	return sc
}
