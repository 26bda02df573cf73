package validate

import (
	"unicode/utf8"

	"github.com/walint/walint/validate/internal/jsontree"
)

// flowParameters returns action.parameters of a flow message, or nil.
func flowParameters(root *jsontree.Node) *jsontree.Node {
	it := root.Get("interactive")
	if !typeIs(it, "flow") {
		return nil
	}
	if ps := it.Path("action", "parameters"); ps != nil && ps.Kind == jsontree.Object {
		return ps
	}
	return nil
}

var ruleFlowIDOrName = &Rule{
	ID: "flow-id-or-name", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a flow message gives both flow_id and flow_name, or neither",
	Doc: "A flow message names its flow once: by `flow_id` or by `flow_name`, never both, and not neither. WhatsApp\n" +
		"refuses the message otherwise (\"(#100) Invalid parameter\" or 131009).",
	check: checkFlowIDOrName,
}

func checkFlowIDOrName(p *pass) {
	ps := flowParameters(p.root)
	if ps == nil {
		return
	}
	id, name := ps.Get("flow_id"), ps.Get("flow_name")
	switch {
	case id != nil && name != nil:
		p.Reportf(ps, `Keep one of "flow_id" and "flow_name".`, `flow parameters give both "flow_id" and "flow_name"; give exactly one`)
	case id == nil && name == nil:
		p.ReportMissing(ps, "flow_id", `Add "flow_id" (or "flow_name") naming the flow to open.`, `flow parameters give neither "flow_id" nor "flow_name"`)
	}
}

var ruleFlowNavigateScreen = &Rule{
	ID: "flow-navigate-screen", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1008, CloudCode: 131008,
	Summary: "a navigate flow message does not say which screen to open",
	Doc: "With `\"flow_action\": \"navigate\"` the message must name the first screen in `flow_action_payload.screen`;\n" +
		"WhatsApp refuses it otherwise with \"(#131008) Required parameter is missing\". (With data_exchange the flow's\n" +
		"endpoint chooses the screen, and the payload is left out.)",
	check: checkFlowNavigateScreen,
}

func checkFlowNavigateScreen(p *pass) {
	ps := flowParameters(p.root)
	if a, _ := ps.Get("flow_action").Str(); a != "navigate" {
		return
	}
	// A payload without "screen" is the schema's (required-field); this rule
	// reports the payload missing altogether, which only navigate requires.
	if ps.Get("flow_action_payload") == nil {
		p.ReportMissing(ps, "flow_action_payload", `Add "flow_action_payload": {"screen": "FIRST_SCREEN"}.`,
			`flow_action is "navigate" but there is no "flow_action_payload" naming the screen`)
	}
}

var ruleFlowCTALength = &Rule{
	ID: "flow-cta-length", Severity: SeverityInfo, Certainty: CertaintyHeuristic, Code: 1009, CloudCode: 131009,
	Summary: "a flow button label is longer than 20 characters",
	Doc: "Meta advises keeping `flow_cta` to at most 30 characters; some SDKs and older pages give 20. Above 30 the\n" +
		"schema reports an error (string-length). Between 21 and 30 the label is within Meta's advice, and no report\n" +
		"shows such a label refused, so this is information, not a warning: a longer label may be cut on small screens,\n" +
		"and a client library that enforces 20 may refuse it before it is sent. The codes are those of a label over the\n" +
		"limit, should WhatsApp enforce 20.",
	check: checkFlowCTALength,
}

func checkFlowCTALength(p *pass) {
	cta := flowParameters(p.root).Get("flow_cta")
	s, ok := cta.Str()
	if n := utf8.RuneCountInString(s); ok && n > 20 && n <= 30 {
		p.Reportf(cta, "Shorten it to 20 characters if the label must show whole everywhere; up to 30 is within Meta's advice.",
			`"flow_cta" is %d characters long; Meta advises at most 30, some sources give 20 as the limit`, n)
	}
}

var ruleFlowDataEmpty = &Rule{
	ID: "flow-data-empty", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a flow message's first-screen data is an empty object",
	Doc: "`flow_action_payload.data` is the input of the flow's first screen. Meta's flow message reference says it is\n" +
		"optional but, if given, must be a non-empty object; WhatsApp refuses `\"data\": {}` with \"(#131009) Parameter\n" +
		"value is not valid\". Leave `data` out when the first screen takes no input.",
	check: checkFlowDataEmpty,
}

func checkFlowDataEmpty(p *pass) {
	data := flowParameters(p.root).Path("flow_action_payload", "data")
	if data != nil && data.Kind == jsontree.Object && len(data.Kids) == 0 {
		p.Reportf(data, `Leave "data" out, or give the first screen's input.`, `"data" is an empty object; if given, it must hold the first screen's input`)
	}
}
