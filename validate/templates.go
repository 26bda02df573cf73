package validate

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Templates is a set of template definitions, as the WhatsApp Business
// Management API returns them from GET /{waba-id}/message_templates, or as
// a repository that keeps its templates as code writes them: the bodies
// that create them. With it, a template message is checked against the
// template it names.
type Templates struct {
	byKey  map[string]*TemplateDef // name + "\x00" + language
	byName map[string][]string     // name -> languages
}

// add records a definition; a later one of the same name and language
// replaces the earlier.
func (t *Templates) add(d *TemplateDef) {
	t.byKey[d.Name+"\x00"+d.Language] = d
	t.addName(d.Name, d.Language)
}

// addName records that a template exists in a language.
func (t *Templates) addName(name, language string) {
	if !slices.Contains(t.byName[name], language) {
		t.byName[name] = append(t.byName[name], language)
	}
}

// MergeTemplates returns the definitions of every set, in order: where two
// sets define a template in the same language, the later set's definition
// is kept. Nil sets are skipped. It is how definitions read from several
// files (an export and a directory of creation bodies) are checked against
// together.
func MergeTemplates(sets ...*Templates) *Templates {
	out := &Templates{byKey: map[string]*TemplateDef{}, byName: map[string][]string{}}
	for _, t := range sets {
		if t == nil {
			continue
		}
		for name, langs := range t.byName {
			for _, lang := range langs {
				out.addName(name, lang)
			}
		}
		for key, d := range t.byKey {
			out.byKey[key] = d
		}
	}
	return out
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

// templateEntry is one template as ParseTemplates reads it: a definition,
// or a creation body, which may name several languages (the
// upsert_message_templates form) or a Template Library template instead of
// its components.
type templateEntry struct {
	TemplateDef
	Languages []string `json:"languages"`
	Library   string   `json:"library_template_name"`
}

// ParseTemplates reads template definitions: the response of GET
// /{waba-id}/message_templates ({"data": [...]}), a bare array of templates,
// or one template (the response of GET /{template-id}). It reads the bodies
// that create templates the same way, one or an array of them: POST
// /{waba-id}/message_templates, and its upsert form, whose "languages"
// gives a definition for each. A creation body has no status, so a send is
// not held to its approval. A Template Library body, which names its
// library template instead of giving components, makes the template known
// in its languages without a definition to check the parameters against.
func ParseTemplates(data []byte) (*Templates, error) {
	var entries []*templateEntry
	trimmed := strings.TrimSpace(string(data))
	if strings.HasPrefix(trimmed, "[") {
		if err := json.Unmarshal(data, &entries); err != nil {
			return nil, &TemplatesError{Index: -1, Err: err}
		}
	} else {
		var resp struct {
			Data []*templateEntry `json:"data"`
			templateEntry
		}
		if err := json.Unmarshal(data, &resp); err != nil {
			return nil, &TemplatesError{Index: -1, Err: err}
		}
		switch {
		case resp.Data != nil:
			entries = resp.Data
		case resp.Name != "":
			entries = []*templateEntry{&resp.templateEntry}
		default:
			return nil, &TemplatesError{Index: -1, Msg: `no "data" array and no template "name" (expected the response of GET /{waba-id}/message_templates or of GET /{template-id}, or a template creation body)`}
		}
	}
	t := &Templates{byKey: map[string]*TemplateDef{}, byName: map[string][]string{}}
	for i, e := range entries {
		var langs []string
		if e != nil {
			langs = e.Languages
			if e.Language != "" {
				langs = []string{e.Language}
			}
		}
		if e == nil || e.Name == "" || len(langs) == 0 || slices.Contains(langs, "") {
			return nil, &TemplatesError{Index: i, Msg: fmt.Sprintf("template %d has no name or language", i)}
		}
		for _, lang := range langs {
			if e.Library != "" && e.Components == nil {
				t.addName(e.Name, lang)
				continue
			}
			d := e.TemplateDef
			d.Language = lang
			d.Components = withAuthenticationBody(d.Category, d.Components)
			t.add(&d)
		}
	}
	return t, nil
}

// authenticationBody is the body text Meta writes for an authentication
// template, whose creation body gives none (its BODY has only
// add_security_recommendation): the code is its one variable. The
// security sentence Meta may add has no variable, and is left out.
const authenticationBody = "{{1}} is your verification code."

// withAuthenticationBody returns the components with Meta's body text in
// an authentication template's BODY that has none, as a creation body
// leaves it, so that a send is checked against the template Meta makes.
func withAuthenticationBody(category string, comps []TemplateComp) []TemplateComp {
	if !strings.EqualFold(category, "AUTHENTICATION") {
		return comps
	}
	for i, c := range comps {
		if strings.EqualFold(c.Type, "BODY") && c.Text == "" {
			comps = slices.Clone(comps)
			comps[i].Text = authenticationBody
			return comps
		}
	}
	return comps
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
