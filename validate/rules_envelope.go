package validate

import (
	"fmt"
	"slices"
)

var ruleTypeObject = &Rule{
	ID: "type-object", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1008, CloudCode: 131008,
	Summary: `"type" names an object the payload does not have`,
	Doc: "A message of `\"type\": \"video\"` carries its content in a `\"video\"` object. When that object is missing\n" +
		"(often because the type was changed and the object was not, or the reverse) WhatsApp refuses the message with\n" +
		"\"(#131008) Required parameter is missing\". In the Cloud API a payload without `type` is a text message and needs\n" +
		"a `text` object. The finding points at `type`, and names the object the payload has instead, if any.",
	check: checkTypeObject,
}

func checkTypeObject(p *pass) {
	root := p.root
	if p.msgType == "status" || p.msgType == "" {
		return
	}
	types := p.msgTypes
	if !slices.Contains(types, p.msgType) || root.Get(p.msgType) != nil {
		return
	}
	other := ""
	for _, t := range types {
		if root.Get(t) != nil {
			other = t
			break
		}
	}
	typ := root.Get("type")
	if typ == nil {
		hint := `Add a "text" object with a "body", or set "type" to the kind of message this is.`
		if other != "" {
			hint = fmt.Sprintf(`Add "type": %q; without "type" the message is read as text.`, other)
		}
		p.ReportMissing(root, "text", hint, `payload has no "type", so it is a text message, but it has no "text" object`)
		return
	}
	if other != "" {
		p.Reportf(typ, fmt.Sprintf(`Set "type" to %q, or rename the %q object to %q.`, other, other, p.msgType),
			`"type" is %q but the payload has no %q object (it has %q)`, p.msgType, p.msgType, other)
		return
	}
	p.Reportf(typ, fmt.Sprintf(`Add a %q object with the message content.`, p.msgType),
		`"type" is %q but the payload has no %q object`, p.msgType, p.msgType)
}
