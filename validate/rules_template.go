package validate

import (
	"fmt"
	"strings"
)

// templateComponents returns the components of a template message.
func templateComponents(root *Node) []*Node {
	return root.Path("template", "components").Elems()
}

var ruleTemplateButtonParameter = &Rule{
	ID: "template-button-parameter", Severity: SeverityError, Code: 1008, CloudCode: 131008,
	Summary: "a template url button component carries no parameter",
	Doc: "A `button` component in a template message exists to fill the button's variable: for a url button, the part\n" +
		"of the URL after the template's fixed prefix. Without it WhatsApp refuses the message: \"(#131008) Required\n" +
		"parameter is missing. Button at index 0 of type Url requires a parameter\". (A url button without a variable\n" +
		"needs no component at all; leave the component out.)",
	check: checkTemplateButtonParameter,
}

func checkTemplateButtonParameter(p *pass) {
	for _, c := range templateComponents(p.root) {
		if t, _ := c.Get("type").Str(); t != "button" {
			continue
		}
		sub, _ := c.Get("sub_type").Str()
		if !strings.EqualFold(sub, "url") {
			continue
		}
		params := c.Get("parameters")
		idx := "?"
		if i := c.Get("index"); i != nil {
			idx = strings.Trim(string(p.textOf(i)), `"`)
		}
		switch {
		case params == nil:
			p.ReportMissing(c, "parameters", `Add "parameters": [{"type": "text", "text": "..."}] with the URL's variable part.`,
				"url button at index %s has no parameters; it needs the text for the URL's variable", idx)
		case params.Kind == KindArray && len(params.Kids) == 0:
			p.Reportf(params, `Add {"type": "text", "text": "..."} with the URL's variable part.`,
				"url button at index %s has an empty parameters list; it needs the text for the URL's variable", idx)
		}
	}
}

// textOf returns the literal text of a number or the value of a string.
func (p *pass) textOf(n *Node) string {
	if n.Kind == KindString || n.Kind == KindNumber {
		return n.Text
	}
	return fmt.Sprint(n.Kind)
}
