package validate

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// Templates is a set of template definitions, as the WhatsApp Business
// Management API returns them from GET /{waba-id}/message_templates. With
// it, a template message is checked against the template it names.
type Templates struct {
	byKey  map[string]*TemplateDef // name + "\x00" + language
	byName map[string][]string     // name -> languages
}

// TemplateDef is one template in one language.
type TemplateDef struct {
	Name            string         `json:"name"`
	Language        string         `json:"language"`
	Status          string         `json:"status"`
	Category        string         `json:"category"`
	ParameterFormat string         `json:"parameter_format"`
	Components      []TemplateComp `json:"components"`
}

// TemplateComp is a component of a template definition.
type TemplateComp struct {
	Type    string           `json:"type"`   // HEADER, BODY, FOOTER, BUTTONS
	Format  string           `json:"format"` // HEADER: TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION
	Text    string           `json:"text"`
	Buttons []TemplateButton `json:"buttons"`
}

// TemplateButton is a button of a template definition.
type TemplateButton struct {
	Type string `json:"type"` // QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, FLOW, CATALOG, MPM, OTP...
	Text string `json:"text"`
	URL  string `json:"url"`
}

// A TemplatesError says why ParseTemplates refused template definitions.
type TemplatesError struct {
	// Index is the place of the template at fault in the list, or -1 when
	// the fault is the document's.
	Index int
	// Msg says what is wrong; Err, when set, is the JSON error beneath.
	Msg string
	Err error
}

func (e *TemplatesError) Error() string {
	if e.Err != nil {
		return "reading template definitions: " + e.Err.Error()
	}
	return "reading template definitions: " + e.Msg
}

func (e *TemplatesError) Unwrap() error { return e.Err }

// ParseTemplates reads template definitions: the response of GET
// /{waba-id}/message_templates ({"data": [...]}), a bare array of templates,
// or one template (the response of GET /{template-id}).
func ParseTemplates(data []byte) (*Templates, error) {
	var defs []*TemplateDef
	trimmed := strings.TrimSpace(string(data))
	if strings.HasPrefix(trimmed, "[") {
		if err := json.Unmarshal(data, &defs); err != nil {
			return nil, &TemplatesError{Index: -1, Err: err}
		}
	} else {
		var resp struct {
			Data []*TemplateDef `json:"data"`
			TemplateDef
		}
		if err := json.Unmarshal(data, &resp); err != nil {
			return nil, &TemplatesError{Index: -1, Err: err}
		}
		switch {
		case resp.Data != nil:
			defs = resp.Data
		case resp.Name != "":
			defs = []*TemplateDef{&resp.TemplateDef}
		default:
			return nil, &TemplatesError{Index: -1, Msg: `no "data" array and no template "name" (expected the response of GET /{waba-id}/message_templates or of GET /{template-id})`}
		}
	}
	t := &Templates{byKey: map[string]*TemplateDef{}, byName: map[string][]string{}}
	for i, d := range defs {
		if d == nil || d.Name == "" || d.Language == "" {
			return nil, &TemplatesError{Index: i, Msg: fmt.Sprintf("template %d has no name or language", i)}
		}
		t.byKey[d.Name+"\x00"+d.Language] = d
		t.byName[d.Name] = append(t.byName[d.Name], d.Language)
	}
	return t, nil
}

// Lookup returns the definition of a template in a language, or nil.
func (t *Templates) Lookup(name, language string) *TemplateDef {
	if t == nil {
		return nil
	}
	return t.byKey[name+"\x00"+language]
}

// Languages returns the languages a template name exists in.
func (t *Templates) Languages(name string) []string {
	if t == nil {
		return nil
	}
	return t.byName[name]
}

// WithTemplates checks template messages against the given definitions.
func WithTemplates(t *Templates) Option {
	return func(c *config) error {
		c.templates = t
		return nil
	}
}

var templateVar = regexp.MustCompile(`\{\{\s*([A-Za-z0-9_]+)\s*\}\}`)

// variables returns the distinct variable names of a template text, in
// order of first appearance.
func variables(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range templateVar.FindAllStringSubmatch(text, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

// component returns the definition's component of the given type
// (case-insensitive), or nil (also for a nil definition).
func (d *TemplateDef) component(typ string) *TemplateComp {
	if d == nil {
		return nil
	}
	for i := range d.Components {
		if strings.EqualFold(d.Components[i].Type, typ) {
			return &d.Components[i]
		}
	}
	return nil
}

// parameterFormat returns "NAMED" or "POSITIONAL": the definition's
// parameter_format when it gives one, else what the variables of its header
// and body say ({{first_name}} is named, {{1}} positional). It returns ""
// when neither tells, as for a template without variables.
func (d *TemplateDef) parameterFormat() string {
	if d == nil {
		return ""
	}
	if f := strings.ToUpper(d.ParameterFormat); f == "NAMED" || f == "POSITIONAL" {
		return f
	}
	format := ""
	for _, typ := range []string{"header", "body"} {
		c := d.component(typ)
		if c == nil {
			continue
		}
		for _, v := range variables(c.Text) {
			if strings.Trim(v, "0123456789") != "" {
				return "NAMED" // One name is enough: Meta does not mix the two in a template.
			}
			format = "POSITIONAL"
		}
	}
	return format
}
