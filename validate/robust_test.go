package validate

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestBadInput proves each hostile or malformed input gives a clear finding
// within bounded memory and never a panic or an internal error. Time is
// bounded by the test's own timeout, never asserted on the clock.
func TestBadInput(t *testing.T) {
	big := 200 << 20 // a raised size cap, so the large inputs are parsed
	tests := []struct {
		name    string
		input   func() string
		maxSize int
		rule    string // a finding of this rule is expected; "" for none
	}{
		{"empty", func() string { return "" }, 0, "json-syntax"},
		{"whitespace only", func() string { return " \n\t\r\n " }, 0, "json-syntax"},
		{"byte order mark", func() string { return "\uFEFF" + cleanText }, 0, "json-bom"},
		{"NUL byte", func() string { return `{"a":` + "\x00" + `1}` }, 0, "json-syntax"},
		{"NUL in a string", func() string { return `{"a":"x` + "\x00" + `"}` }, 0, "json-syntax"},
		{"invalid UTF-8", func() string {
			return `{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"caf` + "\xe9" + `"}}`
		}, 0, "invalid-utf8"},
		{"lone surrogate escape", func() string { return `{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"\ud83d"}}` }, 0, "lone-surrogate"},
		{"100,000-deep nesting", func() string { return strings.Repeat("[", 100000) + strings.Repeat("]", 100000) }, 0, "json-depth"},
		{"100,000-deep objects", func() string { return strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000) }, big, "json-depth"},
		{"100 MB input", func() string { return `{"text":{"body":"` + strings.Repeat("a", 100<<20) + `"}}` }, 0, "payload-too-large"},
		{"100 MB input, cap raised", func() string { return `{"text":{"body":"` + strings.Repeat("a", 100<<20) + `"}}` }, big, "string-length"},
		{"a million keys", func() string { return manyKeys(1000000) }, big, "payload-too-large"},
		{"fifty thousand repeated keys", func() string { return manyKeys(50000) }, big, "duplicate-key"},
		{"ninety thousand unknown keys", func() string { return unknownKeys(90000) }, big, "unknown-field"},
		{"10 MB string", func() string {
			return `{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"` + strings.Repeat("é", 5<<20) + `"}}`
		}, big, "string-length"},
		{"huge exponent", func() string {
			return `{"messaging_product":"whatsapp","to":"+16505551234","type":"location","location":{"latitude":1e999999999,"longitude":0}}`
		}, 0, "json-number"},
		{"tiny exponent", func() string {
			return `{"messaging_product":"whatsapp","to":"+16505551234","type":"location","location":{"latitude":1e-999999999,"longitude":0}}`
		}, 0, "json-number"},
		// Exponents the parser flags (over maxExponent) but that big.Rat
		// would still expand, where the schema pass looks at the value.
		{"huge exponents for an integer", func() string {
			return repeatedComponents(200, `{"type":"button","sub_type":"quick_reply","index":1e999999}`)
		}, 0, "json-number"},
		{"huge exponents for a string", func() string {
			return repeatedComponents(1, strings.Repeat(`{"type":"body","parameters":[{"type":"text","text":1e999999}]},`, 199)+
				`{"type":"body","parameters":[{"type":"text","text":1e999999}]}`)
		}, 0, "json-number"},
		{"huge exponents in strings for an integer", func() string {
			return repeatedComponents(1, `{"type":"carousel","cards":[`+
				strings.Repeat(`{"card_index":"1e999999","components":[]},`, 199)+`{"card_index":"1e999999","components":[]}]}`)
		}, 0, "wrong-type"},
		{"very long number", func() string { return `{"amount":` + strings.Repeat("9", 100000) + `}` }, 0, "json-number"},
		{"minus zero", func() string {
			return `{"messaging_product":"whatsapp","to":"+16505551234","type":"location","location":{"latitude":-0,"longitude":-0.0}}`
		}, 0, ""},
		{"duplicate keys", func() string {
			return `{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"a","body":"b"}}`
		}, 0, "duplicate-key"},
		{"comments", func() string { return "{\n// to the customer\n\"text\":{\"body\":\"x\"}}" }, 0, "json-syntax"},
		{"trailing garbage", func() string { return cleanText + " xyz" }, 0, "json-trailing-data"},
		{"two documents", func() string { return cleanText + cleanText }, 0, "json-trailing-data"},
		{"NDJSON given as JSON", func() string { return cleanText + "\n" + cleanText + "\n" }, 0, "json-trailing-data"},
		{"top-level array", func() string { return "[" + cleanText + "]" }, 0, "wrong-type"},
		{"top-level string", func() string { return `"hello"` }, 0, "wrong-type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []Option
			if tt.maxSize > 0 {
				opts = append(opts, WithMaxSize(tt.maxSize))
			}
			v := mustNew(t, opts...)
			input := []byte(tt.input())
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			rep := v.Validate(context.Background(), input)
			runtime.ReadMemStats(&after)
			checkReport(t, input, rep)
			// Memory stays within a small multiple of the input (the tree and
			// the decoded value), plus a fixed allowance for the schemas.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(40*len(input))+64<<20 {
				t.Errorf("allocated %d MB for %d bytes of input", alloc>>20, len(input))
			}
			found := tt.rule == ""
			for _, f := range rep.Findings {
				found = found || f.Rule == tt.rule
			}
			if !found {
				t.Errorf("no %s finding in %v", tt.rule, rep.Findings)
			}
			if tt.rule == "" && rep.HasErrors() {
				t.Errorf("unexpected errors: %v", rep.Findings)
			}
			if len(rep.Findings) > 1000 {
				t.Errorf("%d findings: the report is not bounded", len(rep.Findings))
			}
		})
	}
}

// repeatedComponents is a template message whose components are n copies of
// component.
func repeatedComponents(n int, component string) string {
	return `{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{"name":"t",` +
		`"language":{"code":"en_US"},"components":[` + strings.Repeat(component+",", n-1) + component + `]}}`
}

// unknownKeys is a text message with n more members, all different.
func unknownKeys(n int) string {
	var b strings.Builder
	b.WriteString(`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"x"}`)
	for i := range n {
		fmt.Fprintf(&b, `,"k%d":0`, i)
	}
	b.WriteString("}")
	return b.String()
}

// manyKeys is a text payload with n extra members, of only seven names.
func manyKeys(n int) string {
	var b strings.Builder
	b.WriteString(`{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"x"}`)
	for i := 0; i < n; i++ {
		b.WriteString(`,"k`)
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(`":1`)
	}
	b.WriteString("}")
	return b.String()
}

// TestFindingsPerRuleCapped: a rule that fires tens of thousands of times
// reports the first ones and then how many more there were.
func TestFindingsPerRuleCapped(t *testing.T) {
	rep := mustNew(t).Validate(context.Background(), []byte(manyKeys(50000)))
	dups, summary := 0, ""
	for _, f := range rep.Findings {
		if f.Rule == "duplicate-key" {
			dups++
			if strings.Contains(f.Message, "more findings") {
				summary = f.Message
			}
		}
	}
	if dups != maxPerRule+1 || summary != "49893 more findings of this rule are not shown" {
		t.Errorf("got %d duplicate-key findings, summary %q", dups, summary)
	}
}

// TestCollectorCapsOnce: the collector is the one place the per-rule cap is
// applied. It keeps the maxPerRule reports of a rule that start first,
// whatever order they come in, counts the rest and the dropped ones for the
// summary, and neither keeps nor counts a disabled rule's reports.
func TestCollectorCapsOnce(t *testing.T) {
	c := newCollector(map[string]bool{ruleDuplicateKey.ID: true})
	for i := range maxPerRule + 5 {
		c.add(report{rule: ruleUnexpectedField, start: maxPerRule + 5 - i, msg: "m"}) // from the end back
		c.add(report{rule: ruleDuplicateKey, start: i, msg: "m"})
	}
	// wants says what add would do: keep a report that starts before the
	// last one kept, and nothing past it or of a disabled rule.
	if !c.wants(ruleUnexpectedField, 0) || c.wants(ruleUnexpectedField, maxPerRule) || c.wants(ruleDuplicateKey, 0) {
		t.Errorf("wants: %v before the first kept, %v at the last, %v of a disabled rule; want true, false, false",
			c.wants(ruleUnexpectedField, 0), c.wants(ruleUnexpectedField, maxPerRule), c.wants(ruleDuplicateKey, 0))
	}
	c.drop(ruleUnexpectedField)
	c.drop(ruleDuplicateKey)
	var starts []int
	for _, r := range c.kept {
		starts = append(starts, r.start)
	}
	slices.Sort(starts)
	if len(starts) != maxPerRule || starts[0] != 1 || starts[maxPerRule-1] != maxPerRule {
		t.Errorf("kept %d reports, starting at %v; want the %d that start first", len(starts), starts, maxPerRule)
	}
	if want := []ruleCount{{rule: ruleUnexpectedField, kept: maxPerRule, left: 6}}; !slices.Equal(c.counts, want) {
		t.Errorf("counts %+v, want %d kept and 6 left of unexpected-field, and nothing of the disabled rule", c.counts, maxPerRule)
	}
	fs := mustNew(t).finish(strings.Repeat(" ", 200), c, KindMessage)
	if n := len(fs); n != maxPerRule+1 || fs[0].Message != "6 more findings of this rule are not shown" {
		t.Errorf("got %d findings, the first %q; want %d and the summary first", n, fs[0].Message, maxPerRule+1)
	}
}

// TestCapKeepsTheFirstInThePayload: the schema pass reports an object's
// unknown members after those of the objects inside it, yet the findings
// shown are those that come first in the payload.
func TestCapKeepsTheFirstInThePayload(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"messaging_product":"whatsapp","to":"+14155552671","type":"interactive"`)
	for i := range 60 {
		fmt.Fprintf(&b, `,"zzenvelope%d":1`, i) // unknown members of the envelope, reported after...
	}
	b.WriteString(`,"interactive":{"type":"button","body":{"text":"hi"},"action":{"buttons":[{"type":"reply","reply":{"id":"a","title":"A"}}]}`)
	for i := range 120 {
		fmt.Fprintf(&b, `,"zzinteractive%d":1`, i) // ...those of the interactive object, which is open too
	}
	b.WriteString(`}}`)
	rep := mustNew(t).Validate(context.Background(), []byte(b.String()))
	if len(rep.Findings) == 0 {
		t.Fatal("no findings")
	}
	first := map[string]int{}
	for _, f := range rep.Findings {
		if _, ok := first[f.Rule]; !ok && !strings.Contains(f.Message, "more findings") {
			first[f.Rule] = f.Span.Start.Offset
		}
	}
	if at := strings.Index(b.String(), `"zzenvelope0"`); first["unknown-field"] != at {
		t.Errorf("the first unknown-field finding is at %d, want the first unknown member at %d", first["unknown-field"], at)
	}
}

// TestManyUnknownMembersCapped: past maxPerRule unknown members of one
// rule, the rest are counted, never shown with an empty message, and each
// rule is capped on its own (here 40 near misses of "recipient_type",
// errors, and 110 unknown members, warnings: 100 of them shown).
func TestManyUnknownMembersCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"messaging_product":"whatsapp","to":"+14155552671","type":"text","text":{"body":"hi"}`)
	for i := range 40 {
		name := []byte("recipient_type")
		for j := range 6 { // a distinct mix of capitals for each (never none): the same name once case is set aside
			if (i+1)&(1<<j) != 0 {
				name[j] -= 'a' - 'A'
			}
		}
		fmt.Fprintf(&b, `,%q:1`, name)
	}
	for i := range 110 {
		fmt.Fprintf(&b, `,"zz%d":1`, i)
	}
	b.WriteString(`}`)
	rep := mustNew(t).Validate(context.Background(), []byte(b.String()))
	shown, summary := map[string]int{}, map[string]string{}
	for _, f := range rep.Findings {
		if f.Message == "" {
			t.Fatalf("a finding without a message: %+v", f)
		}
		if strings.Contains(f.Message, "more findings") {
			summary[f.Rule] = f.Message
		} else {
			shown[f.Rule]++
		}
	}
	if shown["unexpected-field"] != 40 || shown["unknown-field"] != maxPerRule || summary["unknown-field"] != "10 more findings of this rule are not shown" {
		t.Errorf("shown %v, summaries %v", shown, summary)
	}
}

// TestErrorAfterManyUnknownMembers: an error among the unknown members of an
// open object is an error wherever it comes, even after more than
// maxPerRule unknown members (warnings): the collector caps each rule on
// its own, so the error is neither hidden nor counted as a warning.
func TestErrorAfterManyUnknownMembers(t *testing.T) {
	for _, last := range []string{"recipient_typ", "zzCamelCase"} { // misspelt; not snake_case
		t.Run(last, func(t *testing.T) {
			var b strings.Builder
			b.WriteString(`{"messaging_product":"whatsapp","to":"+14155552671","type":"text","text":{"body":"hi"}`)
			for i := range maxPerRule + 20 {
				fmt.Fprintf(&b, `,"zz%d":1`, i)
			}
			fmt.Fprintf(&b, `,%q:1}`, last)
			rep := mustNew(t).Validate(context.Background(), []byte(b.String()))
			if !rep.HasErrors() {
				t.Errorf("HasErrors() false; want true for the member %q", last)
			}
			shown, summary := map[string]int{}, map[string]string{}
			for _, f := range rep.Findings {
				if strings.Contains(f.Message, "more findings") {
					summary[f.Rule] = f.Message
				} else {
					shown[f.Rule]++
				}
			}
			if shown["unexpected-field"] != 1 || shown["unknown-field"] != maxPerRule || len(summary) != 1 ||
				summary["unknown-field"] != "20 more findings of this rule are not shown" {
				t.Errorf("shown %v, summaries %v; want 1 unexpected-field, %d unknown-field and 20 more of those", shown, summary, maxPerRule)
			}
		})
	}
}
