package fireflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Template is one entry of GET /templates (fireflow.md section 9).
type Template struct {
	ID          int64
	Name        string
	Description string
	// Type is FireFlow's word for the kind of request ("Traffic Change").
	Type string
	// Enabled is false only when FireFlow says so.
	Enabled bool
}

// UnmarshalJSON accepts the id as a number or a string; a template without "enabled"
// is enabled.
func (t *Template) UnmarshalJSON(b []byte) error {
	var raw struct {
		ID          json.RawMessage `json:"id"`
		Name        string          `json:"name"`
		Description string          `json:"description"`
		Type        string          `json:"type"`
		Enabled     *bool           `json:"enabled"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*t = Template{Name: raw.Name, Description: raw.Description, Type: raw.Type, Enabled: raw.Enabled == nil || *raw.Enabled}
	if len(raw.ID) > 0 && string(raw.ID) != "null" {
		id, err := parseID(raw.ID)
		if err != nil {
			return err
		}
		t.ID = id
	}
	return nil
}

// Templates lists the change request templates FireFlow offers.
func (c *Client) Templates(ctx context.Context) ([]Template, error) {
	var out []Template
	if err := c.call(ctx, http.MethodGet, "/templates", nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// TemplateError is a template name FireFlow does not offer, or offers disabled.
type TemplateError struct {
	Name     string
	Disabled bool
	// Offered are the enabled templates, by name.
	Offered []Template
}

func (e *TemplateError) Error() string {
	var b strings.Builder
	if e.Disabled {
		fmt.Fprintf(&b, "FireFlow's template %q is disabled", e.Name)
	} else {
		fmt.Fprintf(&b, "FireFlow has no template %q", e.Name)
		for _, t := range e.Offered {
			if strings.EqualFold(t.Name, e.Name) {
				fmt.Fprintf(&b, " (template names are exact: did you mean %q?)", t.Name)
				break
			}
		}
	}
	if len(e.Offered) == 0 {
		b.WriteString("; it offers no enabled template")
		return b.String()
	}
	b.WriteString("; the templates it offers:")
	for _, t := range e.Offered {
		fmt.Fprintf(&b, "\n- %q", t.Name)
		if t.Type != "" {
			fmt.Fprintf(&b, " (%s)", t.Type)
		}
	}
	return b.String()
}

// CheckTemplate makes sure FireFlow offers an enabled template of that name before
// anything is opened with it; a *TemplateError names the templates it offers. The list
// is kept per server and asked again only when a name is not in it. A release that does
// not serve the list (404), or a user not allowed to read it (403 NO_PERMISSIONS),
// cannot be checked: the create then goes ahead and FireFlow judges the name itself.
func (c *Client) CheckTemplate(ctx context.Context, name string) error {
	c.mu.Lock()
	list, unserved := c.templates, c.templatesUnserved
	c.mu.Unlock()
	if unserved {
		return nil
	}
	if t, ok := findTemplate(list, name); ok && t.Enabled {
		return nil
	}
	list, err := c.Templates(ctx)
	switch {
	case routeNotServed(err) || IsNoPermissions(err):
		c.mu.Lock()
		c.templatesUnserved = true
		c.mu.Unlock()
		return nil
	case err != nil:
		return fmt.Errorf("checking the template against FireFlow's list: %w", err)
	}
	c.mu.Lock()
	c.templates = list
	c.mu.Unlock()
	t, ok := findTemplate(list, name)
	if ok && t.Enabled {
		return nil
	}
	offered := slices.DeleteFunc(slices.Clone(list), func(t Template) bool { return !t.Enabled })
	slices.SortFunc(offered, func(a, b Template) int { return strings.Compare(a.Name, b.Name) })
	return &TemplateError{Name: name, Disabled: ok, Offered: offered}
}

func findTemplate(list []Template, name string) (Template, bool) {
	i := slices.IndexFunc(list, func(t Template) bool { return t.Name == name })
	if i < 0 {
		return Template{}, false
	}
	return list[i], true
}

// IsNoPermissions reports FireFlow's 403 NO_PERMISSIONS: the user lacks the rights for
// the call (FireFlow applies the permissions of its web interface).
func IsNoPermissions(err error) bool {
	var fe *Error
	return errors.As(err, &fe) && fe.Err.Status == http.StatusForbidden && fe.HasCode("NO_PERMISSIONS")
}
