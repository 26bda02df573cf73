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

var ruleFlowCTAEmoji = &Rule{
	ID: "flow-cta-emoji", Severity: SeverityWarning, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a flow button label contains an emoji",
	Doc: "Meta's flow message reference describes `flow_cta`, the label of the button that opens the flow, as \"Text on\n" +
		"the CTA button ... (no emoji)\"; BSPs' copies of the page and the JavaScript SDKs' documentation repeat it. The\n" +
		"same sentence gives the length as advice (\"advised to be 30 characters or less\"), which walint grades as\n" +
		"information below 30 (flow-cta-length), and no report of a refused send shows what WhatsApp answers to an\n" +
		"emoji, so this is a warning, not an error; its codes are those of a value that is not valid (131009), the\n" +
		"answer WhatsApp gives a label it refuses for its content rather than its type.\n\n" +
		"An emoji here is a character that shows as an emoji by default: the pictographs of the emoji blocks\n" +
		"(U+1F000 to U+1FAFF: faces, objects, flags, skin tones), the older symbols that Unicode presents as emoji\n" +
		"(⌚, ☔, ✅, ⭐...), any character followed by the emoji variation selector U+FE0F (❤️), and keycaps (1️⃣).\n" +
		"Symbols shown as text unless so marked (™, ©, ®, ✔, ❤, arrows), plain digits, `#` and `*`, accented letters\n" +
		"and CJK text are not emoji.",
	check: checkFlowCTAEmoji,
}

func checkFlowCTAEmoji(p *pass) {
	cta := flowParameters(p.root).Get("flow_cta")
	s, ok := cta.Str()
	if e := firstEmoji(s); ok && e != "" {
		p.Reportf(cta, "Write the label in words: Meta's flow message reference says the button text takes no emoji.",
			`"flow_cta" %q contains the emoji %q; Meta's reference says the button label takes no emoji`, truncate(s, 40), e)
	}
}

// firstEmoji returns the first emoji in s, or "": a character of the
// emoji blocks, one of the older symbols whose default presentation is
// emoji, a character followed by the emoji variation selector U+FE0F, or a
// keycap sequence ([0-9#*] U+FE0F? U+20E3).
func firstEmoji(s string) string {
	rs := []rune(s)
	for i, r := range rs {
		next := func(k int) rune {
			if i+k < len(rs) {
				return rs[i+k]
			}
			return 0
		}
		switch {
		case r >= '0' && r <= '9' || r == '#' || r == '*':
			if next(1) == 0x20E3 {
				return string(rs[i : i+2])
			}
			if next(1) == 0xFE0F && next(2) == 0x20E3 {
				return string(rs[i : i+3])
			}
		case r < 0x80 || r == 0xFE0F || r == 0x200D:
			// ASCII, and the joiners of a sequence already reported.
		case isEmojiPresentation(r):
			return string(r)
		case next(1) == 0xFE0F:
			return string(rs[i : i+2])
		}
	}
	return ""
}

// isEmojiPresentation reports whether r shows as an emoji without a
// variation selector: the pictographs of the supplementary emoji blocks
// (U+1F000 to U+1FAFF, less the enclosed letters and ideographs and the
// symbols of those blocks that are not emoji) and the symbols of the Basic
// Multilingual Plane whose Unicode Emoji_Presentation is Yes.
func isEmojiPresentation(r rune) bool {
	switch {
	case r >= 0x1F300 && r <= 0x1F64F, // Miscellaneous Symbols and Pictographs, Emoticons
		r >= 0x1F680 && r <= 0x1F6FF, // Transport and Map Symbols
		r >= 0x1F7E0 && r <= 0x1F7F0, // coloured circles and squares
		r >= 0x1F900 && r <= 0x1F9FF, // Supplemental Symbols and Pictographs
		r >= 0x1FA70 && r <= 0x1FAFF, // Symbols and Pictographs Extended-A
		r >= 0x1F1E6 && r <= 0x1F1FF, // regional indicators (flags)
		r == 0x1F004, r == 0x1F0CF, r == 0x1F18E, r >= 0x1F191 && r <= 0x1F19A,
		r == 0x1F201, r == 0x1F21A, r == 0x1F22F, r >= 0x1F232 && r <= 0x1F236, r >= 0x1F238 && r <= 0x1F23A, r == 0x1F250, r == 0x1F251:
		return true
	}
	for _, rg := range bmpEmojiPresentation {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// bmpEmojiPresentation are the characters below U+10000 whose Unicode
// Emoji_Presentation property is Yes (emoji-data.txt).
var bmpEmojiPresentation = [][2]rune{
	{0x231A, 0x231B}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615},
	{0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE},
	{0x26C4, 0x26C5}, {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
	{0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728}, {0x274C, 0x274C},
	{0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
	{0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
}
