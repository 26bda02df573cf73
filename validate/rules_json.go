package validate

import (
	"encoding/json"
	"fmt"

	"github.com/walint/walint/validate/internal/jsontree"
)

// The rules in this file are reported by the parser (internal/jsontree):
// they are about the bytes of the payload, before any WhatsApp meaning.

// parseRules maps each kind of the parser's issues to the rule it is
// reported under. TestParseRulesComplete requires a registered rule for
// every kind (jsontree.IssueKinds).
var parseRules = [...]*Rule{
	jsontree.Syntax:        ruleJSONSyntax,
	jsontree.WideEncoding:  ruleJSONSyntax,
	jsontree.TooDeep:       ruleJSONDepth,
	jsontree.TooManyValues: rulePayloadTooLarge,
	jsontree.BOM:           ruleJSONBOM,
	jsontree.TrailingData:  ruleJSONTrailingData,
	jsontree.DuplicateKey:  ruleDuplicateKey,
	jsontree.ExtremeNumber: ruleJSONNumber,
	jsontree.InvalidUTF8:   ruleInvalidUTF8,
	jsontree.LoneSurrogate: ruleLoneSurrogate,

	jsontree.TypographicQuotes: ruleJSONSyntax,
}

// parseIssue is the report of one of the parser's issues. A kind without a
// rule (which TestParseRulesComplete keeps from happening) is reported as
// walint's own failure rather than crash the check.
func parseIssue(is jsontree.Issue) report {
	var rule *Rule
	if int(is.Kind) < len(parseRules) {
		rule = parseRules[is.Kind]
	}
	if rule == nil {
		return internalError(fmt.Sprintf("the parser found a %v issue, which walint has no rule for: %s", is.Kind, is.Msg))
	}
	r := report{rule: rule, start: is.Start, end: is.End, pointer: is.Node.Pointer(), msg: is.Msg, hint: is.Hint}
	if is.Fix != "" {
		r.fix = json.RawMessage(is.Fix)
	}
	return r
}

var ruleJSONSyntax = &Rule{
	kinds: forAll,
	ID:    "json-syntax", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 400, CloudCode: 100,
	Summary: "the payload is not well-formed JSON",
	Doc: `WhatsApp answers a body it cannot parse with HTTP 400 (Graph code 100, "Invalid parameter") and names no field.
walint stops at the first byte that cannot be read and says what it expected there. It names the usual culprits of
hand-edited payloads: curly quotes pasted from a word processor or chat app, trailing commas, single quotes, comments,
unquoted member names, NaN and Infinity, capitalised True and False, and raw line breaks inside strings. A file saved as
UTF-16 or UTF-32 (as some Windows tools do) is named as such, by its byte order mark or its zero bytes.

**Curly quotes are fixed where the fix is certain.** Text pasted through Word, Google Docs, macOS or iOS, Slack and
most chat apps comes back with its quotes curled: ` + "`{“body”: “hi”}`" + `. Such a payload is malformed JSON, which
Meta refuses with HTTP 400 and code 100 before reading any field (the shared corpus's
malformed_json_smart_quotes.json, a valid text send with its quotes curled as a word processor curls them, expects
that answer). Where typographic quotes stand
where a JSON string opens and closes (around a member name or a string value), walint reads them as JSON's own and
reports each such name or value with a fix: the same string in straight double quotes. ` + "`walint fix`" + ` and the
page's Fix all apply them; every other byte stays, and so do the typographic quotes inside a string
(` + "`\"He said “hi”\"`" + `, ` + "`“Don’t”`" + `), which are text. The quotes read so are “ ” „ ‟ (a string they open
is closed by the next of them, or by a straight " ) and ‘ ’ (closed by the next of these two); not « », the double
prime ″, ‚ or the fullwidth ＂, nor straight single quotes.

The fix is given only when the whole payload can be read that way, so that it is JSON once they are straightened; the
payload's other findings are then reported too. Where the quoting cannot be read with certainty (a curly quote inside a
curly-quoted string, as in ` + "`“He said “hi””`" + `, a straight " inside one, another syntax error anywhere in the
payload), walint reports the first curly quote, as any other syntax error, with no fix.`,
}

var ruleJSONTrailingData = &Rule{
	kinds: forAll,
	ID:    "json-trailing-data", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 400, CloudCode: 100,
	Summary: "something follows the end of the JSON document",
	Doc: `A request body holds exactly one JSON object. Anything after its closing brace, such as a second object, a
stray bracket, or log text, makes strict parsers reject the body with HTTP 400. A file of one payload per line is a
.jsonl (NDJSON) file: name it so, and walint lints each line on its own.`,
}

var ruleJSONDepth = &Rule{
	kinds: forAll,
	ID:    "json-depth", Severity: SeverityError, Certainty: CertaintyHeuristic, Code: 400, CloudCode: 100,
	Summary: "objects and arrays are nested deeper than any message allows",
	Doc: `Real WhatsApp messages nest about eight levels deep. walint refuses to read past 64 levels, so that a hostile
payload cannot cost unbounded time or stack; such a payload is certainly broken.`,
}

var ruleJSONNumber = &Rule{
	kinds: forAll,
	ID:    "json-number", Severity: SeverityError, Certainty: CertaintyHeuristic, Code: 400, CloudCode: 100,
	Summary: "a number is absurdly long or outside the range of a double",
	Doc: `A number literal longer than 40 characters, or one whose magnitude a double-precision float cannot hold
(such as 1e400), is no value any WhatsApp field takes, and such numbers make some JSON libraries slow or fail.
Identifiers and phone numbers that are long digit strings belong in JSON strings.`,
}

var ruleDuplicateKey = &Rule{
	kinds: forAll,
	ID:    "duplicate-key", Severity: SeverityWarning, Certainty: CertaintyHeuristic,
	Summary: "an object has the same member name twice",
	Doc: `JSON leaves repeated member names undefined. Most parsers keep the last value, some the first, some reject
the document; WhatsApp's behaviour is not documented. walint checks the last value, as most parsers would, and warns
so that the payload says one thing only.`,
}

var ruleInvalidUTF8 = &Rule{
	kinds: forAll,
	ID:    "invalid-utf8", Severity: SeverityError, Certainty: CertaintyObserved, Code: 400, CloudCode: 100,
	Summary: "the payload contains bytes that are not valid UTF-8",
	Doc: `JSON text sent to WhatsApp must be UTF-8. A byte that is not valid UTF-8 usually means the text was saved
in another encoding (Latin-1, Windows-1252); the message is rejected or shows replacement characters.`,
}

var ruleLoneSurrogate = &Rule{
	kinds: forAll,
	ID:    "lone-surrogate", Severity: SeverityWarning, Certainty: CertaintyHeuristic,
	Summary: "a \\u escape is half of a UTF-16 surrogate pair",
	Doc: "An emoji outside the Basic Multilingual Plane is escaped as two `\\u` escapes, a high and a low surrogate.\n" +
		"One half alone is no character: parsers replace it with U+FFFD or reject the document. It usually comes from\n" +
		"cutting a string to a length limit in UTF-16 units, right through an emoji.",
}

var ruleJSONBOM = &Rule{
	kinds: forAll,
	ID:    "json-bom", Severity: SeverityWarning, Certainty: CertaintyHeuristic,
	Summary: "the payload starts with a byte order mark",
	Doc: `RFC 8259 forbids a byte order mark at the start of JSON text sent over the network, and strict parsers
reject it. Editors on Windows add it when saving as "UTF-8 with BOM".`,
}
