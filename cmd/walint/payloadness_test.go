package main

import (
	"bytes"
	"testing"
)

// payloadnessCases are files a repository holds, each with whether walint
// skips it as JSON that is not a payload (docs/cli.md, "JSON files that are not
// message payloads are skipped").
var payloadnessCases = []struct {
	name string
	data string
	skip bool
}{
	{"package.json", `{"name": "app", "type": "module", "scripts": {"test": "node --test"}}`, true},
	{"tsconfig.json", "// base\n{\"compilerOptions\": {\"strict\": true, /* no emit */ \"noEmit\": true,},}\n", true},
	{"editor settings", "\xEF\xBB\xBF{\"editor.tabSize\": 2, // two\n}", true},
	{"template definition", `{"name": "order_update", "category": "UTILITY", "status": "APPROVED", "components": [{"type": "BODY", "text": "Hi {{1}}"}]}`, true},
	{"template export", `{"data": [{"name": "order_update", "language": "en_US", "category": "UTILITY", "status": "APPROVED", "components": [{"type": "BODY", "text": "Hi {{1}}"}]}], "paging": {}}`, true},
	{"creation body", `{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, thanks"}]}`, false},
	{"creation body with comments", "{\"name\": \"order_update\", // the name\n\"language\": \"en_US\", \"category\": \"UTILITY\", \"components\": [],}", false},
	{"library creation body", `{"name": "order_update", "language": "en_US", "category": "UTILITY", "library_template_name": "order_update_1"}`, false},
	{"edit body", `{"components": [{"type": "BODY", "text": "Hi {{1}}, thanks"}]}`, false},
	{"edit body with ttl only", `{"message_send_ttl_seconds": 600}`, false},
	{"package.json with a version", `{"name": "app", "version": "1.0.0", "private": true}`, true},
	{"empty object", `{}`, true},
	{"trailing comma alone", `{,}`, true},
	{"text naming a string", `{"text": "a note"}`, true},
	{"type without its member", `{"type": "text", "body": "hi"}`, true},
	{"escaped member name", `{"t\u006f": "x"}`, false},
	{"cloud payload", `{"messaging_product": "whatsapp", "to": "15551234567", "type": "text", "text": {"body": "hi"}}`, false},
	{"payload missing to", `{"messaging_product": "whatsapp", "type": "text", "text": {"body": "hi"}}`, false},
	{"payload missing the envelope", `{"type": "text", "text": {"body": "hi"}}`, false},
	{"message type holding an object", `{"image": {"link": "https://example.com/a.png"}}`, false},
	{"type naming its member", `{"type": "reaction", "reaction": "x"}`, false},
	{"member after a comment", "{/* \"x\": */ \"to\" // c\n : \"1\"}", false},
	{"to nested only", `{"data": {"to": "1"}}`, true},
	{"to as a value", `{"name": "to"}`, true},
	{"to in a comment", "{\"a\": 1 // \"to\": 2\n}", true},
	{"last text wins", `{"text": {"body": "x"}, "text": "y"}`, true},
	{"malformed", `{"name": "app"`, false},
	{"unclosed comment", `{"name": "app"} /*`, false},
	{"array", `[{"name": "app"}]`, false},
	{"null", `null`, false},
	{"string", `"to"`, false},
	{"empty", ``, false},
	{"second value", `{"a": 1} {"b": 2}`, false},
}

func TestNotPayload(t *testing.T) {
	for _, c := range payloadnessCases {
		if got := notPayload([]byte(c.data)); got != c.skip {
			t.Errorf("%s: notPayload(%q) = %v, want %v", c.name, c.data, got, c.skip)
		}
		if got := notPayloadDecoded(bytes.TrimPrefix([]byte(c.data), []byte("\xEF\xBB\xBF"))); got != c.skip {
			t.Errorf("%s: notPayloadDecoded(%q) = %v, want %v", c.name, c.data, got, c.skip)
		}
	}
}

// FuzzPayloadMarked checks the shortcut against the decoding: what
// payloadMarked settles as linted, notPayloadDecoded never skips.
func FuzzPayloadMarked(f *testing.F) {
	for _, c := range payloadnessCases {
		f.Add([]byte(c.data))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if payloadMarked(data) && notPayloadDecoded(data) {
			t.Fatalf("payloadMarked(%q), but the decoded object has no payload mark", data)
		}
	})
}
