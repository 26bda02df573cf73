package validate

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/walint/walint/validate/internal/jsontree"
)

// This file checks template creation and edit bodies (Kind): the schema
// pass with the template schemas (schemas/template), then the rules made
// for them (kinds forTemplates), which find what they need in the
// template view.

// checkTemplate checks root, a template creation or edit body, into c.
// Template management is a Graph API of the Cloud API's, so the report's
// dialect is Cloud; a body has no message type.
func (v *Validator) checkTemplate(ctx context.Context, src string, root *jsontree.Node, rep *Report, c *collector) {
	rep.Dialect = DialectCloud
	if err := ctx.Err(); err != nil {
		rep.stopped = err
		return
	}
	sch := v.creation
	if rep.Kind == KindTemplateEdit {
		sch = v.edit
	}
	v.schemaPass(sch, root, "", v.templateNames, c)
	p := &pass{ctx: ctx, src: src, root: root, dialect: DialectCloud, kind: rep.Kind, cfg: &v.cfg, out: c}
	for i := 0; i < len(v.templateChecks); {
		i = runChecks(p, v.templateChecks, i, ctx.Done())
	}
	rep.stopped = ctx.Err()
}

// templateAnswer is what Meta answers a template body for a fault that a
// rule of every kind of payload found (the parser's, the schema pass's):
// the creation endpoints answer every fault of the body with code 100
// ("Invalid parameter"), with a subcode for some: 2388040 for a text over
// its limit, 2388042 for a member a component does not take, 2388043 for
// one it lacks (TEMPLATE-CREATION.md §8). The On-Premises table has no
// template endpoints, so there is no code of it.
func templateAnswer(r report) (code, cloud, sub int) {
	if r.rule.CloudCode == 0 {
		return 0, 0, 0 // internal-error: no answer of Meta's
	}
	inComponent := strings.HasPrefix(r.pointer, "/components/")
	switch r.rule {
	case ruleStringLength, ruleNearLengthLimit:
		return 0, 100, subcodeTooLong
	case ruleUnexpectedField, ruleUnknownField:
		if inComponent {
			return 0, 100, subcodeUnexpectedField
		}
	case ruleRequiredField:
		if inComponent {
			return 0, 100, subcodeMissingField
		}
	}
	return 0, 100, 0
}

// Meta's subcodes for a text over its limit, a component that has a member
// it does not take, and one that lacks a member it needs (TEMPLATE-CREATION.md
// §8).
const (
	subcodeUnexpectedField = 2388042
	subcodeMissingField    = 2388043
	subcodeTooLong         = 2388040
)

// reportSubcode is Reportf for a finding that predicts one of Meta's
// subcodes besides the rule's code.
func (p *pass) reportSubcode(n *jsontree.Node, subcode int, hint, format string, args ...any) {
	p.add(report{start: n.Start, end: n.End, pointer: n.Pointer(), subcode: subcode, msg: fmt.Sprintf(format, args...), hint: hint})
}

// reportMissingMember is ReportMissing for a member that Meta names as
// missing with subcodeMissingField.
func (p *pass) reportMissingMember(parent *jsontree.Node, key, hint, format string, args ...any) {
	start, end := missingSpan(parent)
	p.add(report{start: start, end: end, pointer: jsontree.ChildPointer(parent, key), subcode: subcodeMissingField,
		msg: fmt.Sprintf(format, args...), hint: hint})
}

// templateView is what the rules of template bodies look for: the
// components by type, found once per body (pass.template).
type templateView struct {
	// category is the body's category in upper case, "" when absent or not
	// a string; format is its parameter_format in lower case, "positional"
	// when absent.
	category, format string
	parts
	// cards are the carousel's cards, and allButtons the button objects
	// of the BUTTONS component and of the cards.
	cards      []cardView
	allButtons []*jsontree.Node
	// texts are the texts that may hold variables (creationTexts), found
	// on the first call when textsDone.
	texts     []textSite
	textsDone bool
}

// parts are the components of a template body, or of a carousel card, by
// type.
type parts struct {
	// components are the component objects, in order; header, body,
	// footer, buttons, carousel, lto and callPermission are the first of
	// each type (nil when absent).
	components                                                   []*jsontree.Node
	header, body, footer, buttons, carousel, lto, callPermission *jsontree.Node
	// buttonList is the objects of the BUTTONS component's buttons.
	buttonList []*jsontree.Node
}

// cardView is one card of a carousel: its object and its parts.
type cardView struct {
	node *jsontree.Node
	parts
}

// slot returns the field of ps that holds the component of type typ (in
// upper case), nil for a type that is not one of them: the types of which a
// template has at most one.
func (ps *parts) slot(typ string) **jsontree.Node {
	switch typ {
	case "HEADER":
		return &ps.header
	case "BODY":
		return &ps.body
	case "FOOTER":
		return &ps.footer
	case "BUTTONS":
		return &ps.buttons
	case "CAROUSEL":
		return &ps.carousel
	case "LIMITED_TIME_OFFER":
		return &ps.lto
	case "CALL_PERMISSION_REQUEST":
		return &ps.callPermission
	}
	return nil
}

// knownComponent reports whether typ (upper case) is a component type of
// which a template has at most one.
func knownComponent(typ string) bool { return (&parts{}).slot(typ) != nil }

// partsOf returns the parts of comps, an array of components.
func partsOf(comps *jsontree.Node) parts {
	var ps parts
	for _, c := range comps.Elems() {
		if c.Kind != jsontree.Object {
			continue
		}
		ps.components = append(ps.components, c)
		if slot := ps.slot(upper(c, "type")); slot != nil && *slot == nil {
			*slot = c
		}
	}
	for _, b := range ps.buttons.Get("buttons").Elems() {
		if b.Kind == jsontree.Object {
			ps.buttonList = append(ps.buttonList, b)
		}
	}
	return ps
}

// template returns the body's template view, finding it on the first call.
func (p *pass) template() *templateView {
	if p.tmpl != nil {
		return p.tmpl
	}
	t := new(templateView)
	p.tmpl = t
	cat, _ := p.root.Get("category").Str()
	t.category = strings.ToUpper(cat)
	t.format = "positional"
	if f, ok := p.root.Get("parameter_format").Str(); ok && f != "" {
		t.format = strings.ToLower(f)
	}
	t.parts = partsOf(p.root.Get("components"))
	t.allButtons = slices.Clip(t.buttonList)
	for _, card := range t.carousel.Get("cards").Elems() {
		if card.Kind == jsontree.Object {
			c := cardView{node: card, parts: partsOf(card.Get("components"))}
			t.cards = append(t.cards, c)
			t.allButtons = append(t.allButtons, c.buttonList...)
		}
	}
	return t
}

// upper returns the string value of member key of obj in upper case, ""
// when it is absent or not a string: the types and formats of a template's
// parts, which Meta writes in either case.
func upper(obj *jsontree.Node, key string) string {
	s, _ := obj.Get(key).Str()
	return strings.ToUpper(s)
}

// reportIn reports a problem with the bytes i to j of the text of the
// string n (a variable in a template's body): the finding's pointer is n's,
// its span those bytes in the payload, or all of n where they cannot be
// told apart (jsontree.SourceRange). sev, when not zero, replaces the
// rule's severity.
func (p *pass) reportIn(n *jsontree.Node, i, j int, sev Severity, hint, format string, args ...any) {
	start, end, _ := jsontree.SourceRange(p.src, n, i, j)
	p.add(report{start: start, end: end, pointer: n.Pointer(), msg: fmt.Sprintf(format, args...), hint: hint, sev: sev})
}
