package validate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/walint/walint/validate/internal/jsontree"
)

// The rules in this file need the account's template definitions
// (WithTemplates, or the CLI's --templates); without them they are silent.

// definition returns the template message's template node and the
// definition it names, or nils when there are no definitions, no template,
// or no such definition.
func definition(p *pass) (*jsontree.Node, *TemplateDef) {
	t := p.root.Get("template")
	if p.cfg.templates == nil || t == nil || p.msgType != "template" {
		return nil, nil
	}
	name, _ := t.Get("name").Str()
	lang, _ := t.Path("language", "code").Str()
	return t, p.cfg.templates.Lookup(name, lang)
}

// messageComponent returns the message's component of the given type, or nil.
func messageComponent(tmpl *jsontree.Node, typ string) *jsontree.Node {
	for _, c := range tmpl.Get("components").Elems() {
		if t, _ := c.Get("type").Str(); strings.EqualFold(t, typ) {
			return c
		}
	}
	return nil
}

var ruleTemplateUnknown = &Rule{
	ID: "template-unknown", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 2001, CloudCode: 132001,
	Summary: "the template does not exist in that language",
	Doc: "A template message names an approved template and one of its languages. When the account has no template of\n" +
		"that name, or has it only in other languages, WhatsApp refuses the message: \"(#132001) Template name does not\n" +
		"exist in the translation\" (2001 On-Premises). The finding lists the languages the template does exist in.\n" +
		"Needs the account's template definitions.",
	check: checkTemplateUnknown,
}

func checkTemplateUnknown(p *pass) {
	t, def := definition(p)
	if t == nil || def != nil {
		return
	}
	nameNode := t.Get("name")
	name, ok := nameNode.Str()
	if !ok {
		return
	}
	langs := p.cfg.templates.Languages(name)
	if len(langs) == 0 {
		p.Reportf(nameNode, "Check the name against WhatsApp Manager; template names are lower-case with underscores.",
			"no template named %q in the template definitions", name)
		return
	}
	code := t.Path("language", "code")
	if code == nil {
		return // The schema reports the missing language.
	}
	lang, _ := code.Str()
	if slices.Contains(langs, lang) {
		return // A Template Library body: known in the language, without a definition to check against.
	}
	p.Reportf(code, fmt.Sprintf("Use one of its languages: %s.", strings.Join(langs, ", ")),
		"template %q has no %q translation", name, lang)
}

var ruleTemplateNotApproved = &Rule{
	ID: "template-not-approved", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 2001, CloudCode: 132001,
	Summary: "the template is not approved (pending, rejected, paused or disabled)",
	Doc: "Only an APPROVED template can be sent. The Cloud code of the finding follows the template's status: a PAUSED\n" +
		"template (paused by Meta for low quality) is refused with \"(#132015) Template is paused\", a DISABLED one with\n" +
		"\"(#132016) Template has been disabled\", and one in any other status (PENDING, REJECTED...) like a missing one,\n" +
		"\"(#132001) Template name does not exist in the translation\". The message gives the status. Needs the account's\n" +
		"template definitions.",
	check: checkTemplateNotApproved,
}

func checkTemplateNotApproved(p *pass) {
	t, def := definition(p)
	if def == nil || strings.EqualFold(def.Status, "APPROVED") || def.Status == "" {
		return
	}
	status := strings.ToUpper(def.Status)
	cloud := 0 // The rule's 132001: WhatsApp treats the template as missing.
	switch status {
	case "PAUSED":
		cloud = 132015
	case "DISABLED":
		cloud = 132016
	}
	p.reportGraded(t.Get("name"), 0, cloud, "Send an approved template; check its status and quality in WhatsApp Manager.",
		"template %q (%s) is %s, not APPROVED", def.Name, def.Language, status)
}

var ruleTemplateParameterCount = &Rule{
	ID: "template-parameter-count", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 2000, CloudCode: 132000,
	Summary: "the number of body or header parameters differs from the template's variables",
	Doc: "A template's body and text header have variables ({{1}}, {{2}} or {{first_name}}); the message must give\n" +
		"exactly one parameter for each, and a media or location header needs exactly one parameter. One too few or\n" +
		"too many is refused with \"(#132000) Number of parameters does not match the expected number of params\"\n" +
		"(2000 On-Premises). A media, location or product header given no parameter at all is refused with 132012\n" +
		"instead, template-header-format's finding. Needs the account's template definitions.",
	check: checkTemplateParameterCount,
}

func checkTemplateParameterCount(p *pass) {
	t, def := definition(p)
	if def == nil {
		return
	}
	for _, typ := range []string{"header", "body"} {
		dc := def.component(typ)
		want := 0
		if dc != nil {
			want = len(variables(dc.Text))
			if typ == "header" && dc.Format != "" && !strings.EqualFold(dc.Format, "TEXT") {
				want = 1
			}
		}
		mc := messageComponent(t, typ)
		got := len(mc.Get("parameters").Elems())
		if got == want {
			continue
		}
		if typ == "header" && got == 0 && headerFormatReports(p, dc) {
			continue // WhatsApp answers a missing media header with 132012, template-header-format's finding.
		}
		at := mc
		if at == nil {
			at = t.Get("components")
		}
		if at == nil {
			p.ReportMissing(t, "components", fmt.Sprintf("Add a %s component with %s.", typ, plural(want, "parameter")),
				"template %q expects %s, the message gives none", def.Name, plural(want, typ+" parameter"))
			continue
		}
		if params := mc.Get("parameters"); params != nil {
			at = params
		}
		p.Reportf(at, fmt.Sprintf("Give exactly %s, one per variable of the approved template.", plural(want, typ+" parameter")),
			"template %q expects %s, the message gives %d", def.Name, plural(want, typ+" parameter"), got)
	}
}

var ruleTemplateParameterName = &Rule{
	ID: "template-parameter-name", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 2000, CloudCode: 132000,
	Summary: "a named parameter does not match the template's variable names",
	Doc: "In a template with named variables ({{first_name}}), each parameter's `parameter_name` must be the name of a\n" +
		"variable of that component. An unknown name is refused with \"(#132000) ...\" or \"(#100) Invalid parameter\".\n" +
		"Needs the account's template definitions.",
	check: checkTemplateParameterName,
}

func checkTemplateParameterName(p *pass) {
	t, def := definition(p)
	if def == nil || def.parameterFormat() == "POSITIONAL" {
		return // Names sent to a positional template are template-parameter-format's finding.
	}
	for _, typ := range []string{"header", "body"} {
		dc := def.component(typ)
		if dc == nil {
			continue
		}
		vars := variables(dc.Text)
		for _, prm := range messageComponent(t, typ).Get("parameters").Elems() {
			pn := prm.Get("parameter_name")
			name, ok := pn.Str()
			if !ok || slices.Contains(vars, name) {
				continue
			}
			if !isSnakeCase(name) && p.enabled(ruleTemplateParameterNameForm) {
				continue // Not a variable's form: template-parameter-name-form reports it, with the variable meant.
			}
			hint := "The template's variables are: " + strings.Join(vars, ", ") + "."
			if len(vars) == 0 {
				hint = "The template's " + typ + " has no variables."
			}
			p.Reportf(pn, hint, "template %q has no %s variable named %q", def.Name, typ, name)
		}
	}
}

var ruleTemplateParameterFormat = &Rule{
	ID: "template-parameter-format", Severity: SeverityError, Certainty: CertaintyObserved, CloudCode: 100,
	Summary: "positional parameters sent to a named-parameter template, or named ones to a positional template",
	Doc: "A template is created with named variables (`{{first_name}}`, `parameter_format` NAMED) or positional ones\n" +
		"(`{{1}}`, POSITIONAL). Every body and text-header parameter of a message for a named template needs its\n" +
		"`parameter_name`: without it WhatsApp refuses the message with \"(#100) Invalid parameter\", details \"Parameter\n" +
		"name is missing or empty\" (reported in several client trackers). The finding points at each parameter lacking\n" +
		"the name. The other way round, a `parameter_name` on a parameter of a positional template is only a warning:\n" +
		"no report shows what WhatsApp answers, and a positional template is filled in order whatever the names say.\n" +
		"The format comes from the definition's `parameter_format`, else from its variables. Needs the account's\n" +
		"template definitions; without them template-parameter-names checks that a component does not mix the two.",
	check: checkTemplateParameterFormat,
}

func checkTemplateParameterFormat(p *pass) {
	t, def := definition(p)
	format := def.parameterFormat()
	if format == "" {
		return
	}
	for _, typ := range []string{"header", "body"} {
		dc := def.component(typ)
		if dc == nil {
			continue
		}
		vars := variables(dc.Text)
		if len(vars) == 0 {
			continue // No variable to name (a media header, a fixed text): template-parameter-count reports parameters.
		}
		for _, prm := range messageComponent(t, typ).Get("parameters").Elems() {
			if prm.Kind != jsontree.Object {
				continue
			}
			pn := prm.Get("parameter_name")
			switch {
			case format == "NAMED" && pn == nil:
				p.ReportMissing(prm, "parameter_name", fmt.Sprintf(`Add "parameter_name" with the name of the variable it fills (%s).`, strings.Join(vars, ", ")),
					`%s parameter has no "parameter_name", but template %q has named parameters`, typ, def.Name)
			case format == "POSITIONAL" && pn != nil:
				// No report shows WhatsApp's answer to this, hence a
				// warning that predicts no code.
				p.reportGraded(pn, SeverityWarning, noCode, `Remove "parameter_name": a positional template is filled in the order of its parameters.`,
					`%s parameter has a "parameter_name", but template %q has positional parameters`, typ, def.Name)
			}
		}
	}
}

var ruleTemplateHeaderFormat = &Rule{
	ID: "template-header-format", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 2012, CloudCode: 132012,
	Summary: "the header parameter's kind does not match the template's header format, or a media header has none",
	Doc: "A template's header has a format: TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION (PRODUCT for product templates).\n" +
		"The message's header parameter must be of the same kind: an image parameter for an IMAGE header, and so on. A\n" +
		"mismatch is refused with \"(#132012) Parameter format does not match format in the created template\" (2012\n" +
		"On-Premises; Meta's error code table). A template whose header is not TEXT needs its header parameter in every\n" +
		"message, as the media or the place is not part of the approved template: a message without it (no header\n" +
		"component, a header without parameters, `\"components\": []` or no components at all) is refused with the same\n" +
		"code, details \"header: Format mismatch, expected IMAGE, received UNKNOWN\" (real refusals posted in public issue\n" +
		"trackers), not with the 132000 of a wrong parameter count; this rule reports it, and template-parameter-count\n" +
		"leaves it out. Needs the account's template definitions.",
	check: checkTemplateHeaderFormat,
}

// headerFormatReports reports whether template-header-format reports a
// message without the header parameter of a template header dc: a header
// whose format is not TEXT, with the rule enabled.
func headerFormatReports(p *pass, dc *TemplateComp) bool {
	return dc != nil && dc.Format != "" && !strings.EqualFold(dc.Format, "TEXT") && p.enabled(ruleTemplateHeaderFormat)
}

func checkTemplateHeaderFormat(p *pass) {
	t, def := definition(p)
	dc := def.component("header")
	if dc == nil {
		return
	}
	want := strings.ToLower(dc.Format)
	if want == "" {
		want = "text"
	}
	mc := messageComponent(t, "header")
	params := mc.Get("parameters").Elems()
	if len(params) == 0 && want != "text" {
		reportHeaderMissing(p, t, mc, def.Name, want)
		return
	}
	for _, prm := range params {
		kind := prm.Get("type")
		got, ok := kind.Str()
		if ok && !strings.EqualFold(got, want) {
			p.Reportf(kind, fmt.Sprintf("Give %s %s parameter, as the approved header is %s.", article(want), want, strings.ToUpper(want)),
				"header parameter is %q, but template %q has %s %s header", got, def.Name, article(want), strings.ToUpper(want))
		}
	}
}

// reportHeaderMissing reports a message for a template with a media,
// location or product header that gives no header parameter: at the header
// component's parameters when there is a header component, else at the
// components, else where the components belong.
func reportHeaderMissing(p *pass, t, mc *jsontree.Node, name, want string) {
	hint := fmt.Sprintf(`Add {"type": "header", "parameters": [{"type": %q, ...}]}: the %s is given with every message.`, want, want)
	msg := fmt.Sprintf("template %q has %s %s header, but the message gives no header parameter", name, article(want), strings.ToUpper(want))
	switch {
	case mc != nil && mc.Get("parameters") != nil:
		p.Reportf(mc.Get("parameters"), hint, "%s", msg)
	case mc != nil:
		p.ReportMissing(mc, "parameters", hint, "%s", msg)
	case t.Get("components") != nil:
		p.Reportf(t.Get("components"), hint, "%s", msg)
	default:
		p.ReportMissing(t, "components", hint, "%s", msg)
	}
}

var ruleTemplateButtons = &Rule{
	ID: "template-buttons", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1008, CloudCode: 131008,
	Summary: "template buttons with variables lack their parameter, or buttons without get one",
	Doc: "A url button whose URL has a variable, and a copy-code button, need a `button` component with the button's\n" +
		"`index` and its parameter; WhatsApp refuses the message without: \"(#131008) Required parameter is missing.\n" +
		"Button at index 0 of type Url requires a parameter\". A button component for an index the template has no\n" +
		"such button at, or for a url button without a variable, is refused too. Needs the account's template definitions.",
	check: checkTemplateButtons,
}

func checkTemplateButtons(p *pass) {
	t, def := definition(p)
	if def == nil {
		return
	}
	var buttons []TemplateButton
	if dc := def.component("buttons"); dc != nil {
		buttons = dc.Buttons
	}
	given := map[int]*jsontree.Node{}
	for _, c := range t.Get("components").Elems() {
		if typ, _ := c.Get("type").Str(); !strings.EqualFold(typ, "button") {
			continue
		}
		n := c.Get("index")
		if n == nil || (n.Kind != jsontree.String && n.Kind != jsontree.Number) {
			continue // The schema reports a missing or mistyped index.
		}
		idx, err := strconv.Atoi(strings.TrimSpace(n.Text))
		if err != nil {
			continue // The schema reports an index that is not a digit.
		}
		given[idx] = c
		if idx < 0 || idx >= len(buttons) {
			p.Reportf(c, "Remove the component, or fix its index.", "template %q has no button at index %d", def.Name, idx)
			continue
		}
		b := buttons[idx]
		if sub, ok := c.Get("sub_type").Str(); ok && !buttonKindMatches(sub, b.Type) {
			p.Reportf(c.Get("sub_type"), fmt.Sprintf("Use the index of the template's %s button, or sub_type %q.", strings.ToLower(sub), strings.ToLower(b.Type)),
				"button at index %d of template %q is %s, not %s", idx, def.Name, strings.ToLower(b.Type), strings.ToLower(sub))
			continue
		}
		if strings.EqualFold(b.Type, "URL") && len(variables(b.URL)) == 0 {
			p.Reportf(c, "Remove the component: the button's URL is fixed.", "url button at index %d of template %q has no variable to fill", idx, def.Name)
		}
	}
	for i, b := range buttons {
		needs := strings.EqualFold(b.Type, "COPY_CODE") || strings.EqualFold(b.Type, "URL") && len(variables(b.URL)) > 0
		if !needs || given[i] != nil {
			continue
		}
		where := t.Get("components")
		if where == nil {
			where = t
		}
		p.Reportf(where, fmt.Sprintf(`Add {"type": "button", "sub_type": %q, "index": "%d", "parameters": [...]}.`, strings.ToLower(b.Type), i),
			"template %q needs a parameter for its %s button at index %d", def.Name, strings.ToLower(b.Type), i)
	}
}

var ruleTemplateHydratedLength = &Rule{
	ID: "template-hydrated-length", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 2005, CloudCode: 132005,
	Summary: "the template's text with its parameters filled in is too long",
	Doc: "WhatsApp fills the parameters into the approved text and checks the result: a body over 1024 characters or\n" +
		"a text header over 60 is refused with \"(#132005) Translated text too long\" (2005 On-Premises). Long values\n" +
		"from a database are the usual cause. A body with a parameter that is itself over the 1,024 characters of a\n" +
		"template with other components is template-body-text-length's finding instead. Needs the account's template\n" +
		"definitions.",
	check: checkTemplateHydratedLength,
}

func checkTemplateHydratedLength(p *pass) {
	t, def := definition(p)
	if def == nil {
		return
	}
	for _, c := range []struct {
		typ   string
		limit int
	}{{"header", 60}, {"body", 1024}} {
		dc := def.component(c.typ)
		mc := messageComponent(t, c.typ)
		if dc == nil || mc == nil || (c.typ == "header" && dc.Format != "" && !strings.EqualFold(dc.Format, "TEXT")) {
			continue
		}
		if c.typ == "body" && p.enabled(ruleTemplateBodyTextLength) {
			if top := templateComponents(p.root); len(longBodyTexts(top, bodyTextLimit(top, def))) > 0 {
				continue // template-body-text-length reports the parameter that is too long.
			}
		}
		text := hydrate(dc.Text, mc.Get("parameters").Elems())
		if n := utf8.RuneCountInString(text); n > c.limit {
			p.Reportf(mc, fmt.Sprintf("Shorten the parameters by %d characters.", n-c.limit),
				"%s of template %q is %d characters long with its parameters filled in, over the limit of %d", c.typ, def.Name, n, c.limit)
		}
	}
}

// buttonKindMatches reports whether a message's button sub_type fits a
// defined button type (CATALOG and MPM buttons go by their own names, OTP
// buttons of authentication templates are filled as url buttons).
func buttonKindMatches(sub, defined string) bool {
	sub, defined = strings.ToLower(sub), strings.ToLower(defined)
	return sub == defined || defined == "otp" && (sub == "url" || sub == "copy_code")
}

// hydrate fills a template text's variables with the parameters' values:
// by name when parameters are named, else by position.
func hydrate(text string, params []*jsontree.Node) string {
	values := map[string]string{}
	for i, prm := range params {
		v := paramValue(prm)
		if name, ok := prm.Get("parameter_name").Str(); ok {
			values[name] = v
		}
		values[fmt.Sprint(i+1)] = v
	}
	return templateVar.ReplaceAllStringFunc(text, func(m string) string {
		name := templateVar.FindStringSubmatch(m)[1]
		if v, ok := values[name]; ok {
			return v
		}
		return m
	})
}

// paramValue is the text a parameter puts into a template: its text, or the
// fallback value of a currency or date_time.
func paramValue(prm *jsontree.Node) string {
	for _, path := range [][]string{{"text"}, {"currency", "fallback_value"}, {"date_time", "fallback_value"}} {
		if s, ok := prm.Path(path...).Str(); ok {
			return s
		}
	}
	return ""
}
