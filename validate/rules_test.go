package validate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/walint/walint/validate/internal/jsontree"
)

// fixtureExempt are the rules no payload fixture can show, each with the
// test that covers it instead.
var fixtureExempt = map[string]string{
	"conversation-window": "TestConversationWindow",
	"internal-error":      "TestPanickingRuleBecomesFinding",
	"media-size":          "TestMediaSize (its files would be megabytes)",
	"payload-too-large":   "TestPayloadTooLarge",
}

var ruleIDPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func TestRuleList(t *testing.T) {
	ids := make([]string, len(allRules))
	for i, r := range allRules {
		ids[i] = r.ID
		if !ruleIDPattern.MatchString(r.ID) {
			t.Errorf("rule ID %q is not kebab-case", r.ID)
		}
		if r.Severity < SeverityInfo || r.Severity > SeverityError {
			t.Errorf("rule %s: invalid default severity %d", r.ID, r.Severity)
		}
		if r.Certainty < CertaintyDocumented || r.Certainty > CertaintyHeuristic {
			t.Errorf("rule %s: no certainty", r.ID)
		}
		if r.Summary == "" || strings.HasSuffix(r.Summary, ".") || r.Summary != strings.ToLower(r.Summary[:1])+r.Summary[1:] {
			t.Errorf("rule %s: summary %q must be present, start lower-case and have no trailing period", r.ID, r.Summary)
		}
		if len(r.Doc) < 80 {
			t.Errorf("rule %s: doc is missing or too short to explain the rule", r.ID)
		}
		if ruleByID(r.ID) != r {
			t.Errorf("ruleByID(%q) does not find the rule", r.ID)
		}
		if c := RuleByID(r.ID); c == nil || c == r || c.ID != r.ID {
			t.Errorf("RuleByID(%q) = %p, want a copy of the rule", r.ID, c)
		}
	}
	if !slices.IsSorted(ids) {
		t.Errorf("allRules is not sorted by ID: %v", ids)
	}
	if len(slices.Compact(slices.Clone(ids))) != len(ids) {
		t.Errorf("allRules has duplicate IDs: %v", ids)
	}
	if RuleByID("no-such-rule") != nil {
		t.Error("RuleByID found a rule that does not exist")
	}
}

// TestRulesAreCopies: what Rules, RuleByID, MediaKinds and AcceptedTypes
// return is the caller's to change; the validator goes on as before.
func TestRulesAreCopies(t *testing.T) {
	payload := []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hi","preview_url":"true"}}`)
	v := mustNew(t)
	for _, r := range Rules() {
		r.Severity, r.Code = SeverityInfo, 1
	}
	RuleByID("quoted-boolean").Severity = SeverityInfo
	MediaKinds()[0] = MediaSticker
	AcceptedTypes(MediaImage)[0] = "text/plain"
	rep := v.Validate(context.Background(), payload)
	if len(rep.Findings) != 1 || rep.Findings[0].Severity != SeverityError || rep.Findings[0].Code != 400 {
		t.Errorf("after changing what Rules and RuleByID returned: %v, want the quoted-boolean error with code 400", rep.Findings)
	}
	if MediaKinds()[0] != MediaImage || AcceptedTypes(MediaImage)[0] != "image/jpeg" {
		t.Errorf("MediaKinds() = %v, AcceptedTypes(image) = %v: changed by the caller", MediaKinds(), AcceptedTypes(MediaImage))
	}
}

// TestEveryRuleHasFixtures checks that each rule has a failing fixture that
// expects its finding and a passing fixture that expects no finding of it.
func TestEveryRuleHasFixtures(t *testing.T) {
	for _, r := range allRules {
		if _, ok := fixtureExempt[r.ID]; ok {
			continue
		}
		bad, good := ruleFixtures(t, r.ID)
		if len(bad) == 0 {
			t.Errorf("rule %s has no failing fixture testdata/rules/%s/bad_*.json", r.ID, r.ID)
		}
		for _, b := range bad {
			want, err := parseWant(strings.TrimSuffix(b, ".json") + ".want")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(want, func(w wantLine) bool { return w.rule == r.ID }) {
				t.Errorf("%s does not expect a finding of rule %s", b, r.ID)
			}
		}
		if len(good) == 0 {
			t.Errorf("rule %s has no passing fixture testdata/rules/%s/good_*.json", r.ID, r.ID)
		}
		for _, g := range good {
			if _, err := os.Stat(strings.TrimSuffix(g, ".json") + ".want"); err == nil {
				t.Errorf("passing fixture %s has a .want sidecar; a good fixture must give no findings", g)
			}
		}
	}
}

// ruleFixtures returns the failing and passing fixtures of a rule, sorted.
func ruleFixtures(t *testing.T, id string) (bad, good []string) {
	t.Helper()
	dir := filepath.Join("..", "testdata", "rules", id)
	// "auto_bad_x.json" is a failing fixture checked with auto-detection;
	// they come after the plain ones, which the docs show first.
	for _, prefix := range []string{"", "auto_"} {
		b, _ := filepath.Glob(filepath.Join(dir, prefix+"bad_*.json"))
		g, _ := filepath.Glob(filepath.Join(dir, prefix+"good_*.json"))
		bad, good = append(bad, b...), append(good, g...)
	}
	return bad, good
}

// TestRulesDoc keeps docs/rules.md equal to what the rule list and the
// fixtures generate; -update rewrites it.
func TestRulesDoc(t *testing.T) {
	got := rulesDoc(t)
	path := filepath.Join("..", "docs", "rules.md")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("docs/rules.md is out of date: run go test ./validate -run TestRulesDoc -update")
	}
}

func rulesDoc(t *testing.T) string {
	var b strings.Builder
	b.WriteString("# walint rules\n\n")
	b.WriteString("<!-- Generated from the rule list and testdata/rules by `go test ./validate -run TestRulesDoc -update`. Do not edit. -->\n\n")
	b.WriteString("Every finding names its rule. **Code** is the error code of the 360dialog / On-Premises table that WhatsApp would\n")
	b.WriteString("return, **Cloud** the Meta Cloud API code; a dash means no code is known (a warning about something WhatsApp may\n")
	b.WriteString("accept, or a failure that shows only later). Lengths are counted in Unicode code points: Meta never defines\n")
	b.WriteString("\"character\". The examples are the rules' test fixtures, so they are checked on every test run.\n\n")
	b.WriteString("Each rule says how certain it is: a **documented limit** (Meta's reference or 360dialog's error table for the\n")
	b.WriteString("On-Premises API states it), **observed behaviour** (public reports of failed sends show it) or a **conservative\n")
	b.WriteString("guess** (undocumented; such rules mostly warn).\n\n")
	fmt.Fprintf(&b, "The rules follow %s (`walint --version` prints it, the library has it as `validate.Reference`).\n", Reference)
	b.WriteString("Where Meta keeps adding values and fields (interactive types, template components, parameter types, button\n")
	b.WriteString("sub_types, the envelope's members), what walint does not know is a warning (unknown-value, unknown-field), not\n")
	b.WriteString("an error, unless it is a near miss of something it knows.\n\n")
	b.WriteString("The rules of [template creation and edit bodies](#template-creation) have a table of their own below.\n\n")
	b.WriteString("| Rule | Severity | Code | Cloud | Summary |\n|---|---|---|---|---|\n")
	var creation []*Rule
	for _, r := range allRules {
		if r.kinds == forTemplates {
			creation = append(creation, r)
			continue
		}
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s | %s |\n", r.ID, r.ID, r.Severity, codeCell(r.Code), codeCell(r.CloudCode), strings.ReplaceAll(r.Summary, "|", "\\|"))
	}
	b.WriteString("\n## Template creation\n\n")
	b.WriteString("walint also checks the bodies that create a message template (`POST /{waba-id}/message_templates`, its Template\n")
	b.WriteString("Library form and `POST /{waba-id}/upsert_message_templates`) and that edit one (`POST /{template-id}`): the\n")
	b.WriteString("kind `template` or `template-edit` (`--kind`, `validate.WithKind`; by default told by the body's shape). The\n")
	b.WriteString("rules of JSON and of the schema (required-field, wrong-type, string-length, unexpected-field, ...) apply to\n")
	b.WriteString("them too; for a template body they predict what the creation endpoints answer: code 100, with subcode\n")
	b.WriteString("2388040 for a text over its limit, 2388042 for a member a component does not take and 2388043 for one it\n")
	b.WriteString("lacks. **Answer** is Meta's: the Cloud code and subcode of a refusal, or `review: REASON` where the API accepts\n")
	b.WriteString("the body and Meta's review rejects the template with that reason. What rests on third-party reports, or on\n")
	b.WriteString("Meta pages that disagree, is a warning.\n\n")
	b.WriteString("| Rule | Severity | Answer | Summary |\n|---|---|---|---|\n")
	for _, r := range creation {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s |\n", r.ID, r.ID, r.Severity, answerCell(r), strings.ReplaceAll(r.Summary, "|", "\\|"))
	}
	for _, r := range allRules {
		fmt.Fprintf(&b, "\n## %s\n\n", r.ID)
		if r.kinds == forTemplates {
			fmt.Fprintf(&b, "%s. Severity **%s**; answer %s; certainty: %s.\n\n", upperFirst(r.Summary), r.Severity, answerCell(r), r.Certainty)
		} else {
			fmt.Fprintf(&b, "%s. Severity **%s**; code %s; Cloud code %s; certainty: %s.\n\n", upperFirst(r.Summary), r.Severity, codeCell(r.Code), codeCell(r.CloudCode), r.Certainty)
		}
		b.WriteString(strings.TrimSpace(r.Doc) + "\n")
		if why, ok := fixtureExempt[r.ID]; ok {
			fmt.Fprintf(&b, "\nThis rule cannot be shown with a payload; %s covers it.\n", why)
			continue
		}
		bad, good := ruleFixtures(t, r.ID)
		if len(bad) > 0 {
			writeExample(t, &b, "Flagged", bad[0])
		}
		if len(good) > 0 {
			writeExample(t, &b, "Clean", good[0])
		}
	}
	return b.String()
}

func writeExample(t *testing.T, b *strings.Builder, title, path string) {
	payload, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(b, "\n%s (`testdata/rules/%s`):\n\n", title, filepath.ToSlash(strings.TrimPrefix(path, filepath.Join("..", "testdata", "rules")+string(filepath.Separator))))
	fence := "```"
	if !strings.HasPrefix(strings.TrimSpace(string(payload)), "{") || strings.Contains(string(payload), "```") {
		fence = "````"
	}
	lang := "json"
	if title == "Flagged" {
		lang = "" // A broken payload would be shown with misleading highlighting.
	}
	shown := string(payload)
	if !utf8.ValidString(shown) {
		// Markdown must stay UTF-8; the invalid bytes show as U+FFFD.
		shown = strings.ToValidUTF8(shown, "\uFFFD")
	}
	fmt.Fprintf(b, "%s%s\n%s\n%s\n", fence, lang, shortenLines(strings.TrimRight(shown, "\n")), fence)
	rep := fixtureValidator(t, filepath.Base(path)).Validate(context.Background(), payload)
	for _, f := range rep.Findings {
		fmt.Fprintf(b, "\n> %d:%d: %s: %s [%s]", f.Span.Start.Line, f.Span.Start.Column, f.Severity, f.Message, f.Rule)
		if f.Hint != "" {
			fmt.Fprintf(b, "  \n> %s", f.Hint)
		}
		if f.Fix != nil {
			fmt.Fprintf(b, "  \n> Fix: `%s` at `%s`", f.Fix, f.Pointer)
		}
		b.WriteString("\n")
	}
}

// shortenLines cuts lines longer than 120 characters (the 4097-character
// bodies of length fixtures) so that the document stays readable, and keeps
// at most 60 lines.
func shortenLines(s string) string {
	lines := strings.Split(s, "\n")
	if len(lines) > 60 {
		lines = append(lines[:58], fmt.Sprintf("… (%d more lines)", len(lines)-58))
	}
	for i, l := range lines {
		if r := []rune(l); len(r) > 120 {
			lines[i] = string(r[:100]) + fmt.Sprintf("… (%d characters in all)", len(r))
		}
	}
	return strings.Join(lines, "\n")
}

func codeCell(c int) string {
	if c == 0 {
		return "–"
	}
	return fmt.Sprint(c)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// TestParseRulesComplete: every kind of the parser's issues has its rule in
// parseRules, and each is one of allRules, or finish would report it under
// a rule that walint rules and docs/rules.md do not know.
func TestParseRulesComplete(t *testing.T) {
	kinds := jsontree.IssueKinds()
	for _, k := range kinds {
		if int(k) >= len(parseRules) || parseRules[k] == nil {
			t.Errorf("issue kind %v has no rule in parseRules", k)
			continue
		}
		if r := parseRules[k]; ruleByID(r.ID) != r {
			t.Errorf("rule %s of issue kind %v is not in allRules", r.ID, k)
		}
	}
	if len(parseRules) != len(kinds)+1 {
		t.Errorf("parseRules has %d entries, for %d issue kinds", len(parseRules)-1, len(kinds))
	}
	// A kind without a rule is walint's failure, not a crash of the check.
	if r := parseIssue(jsontree.Issue{Kind: jsontree.IssueKind(len(parseRules)), Msg: "m"}); r.rule != ruleInternalError {
		t.Errorf("an issue of an unknown kind is reported as %v", r.rule)
	}
}

// TestRepeatNamesTheFirst: a value that must be unique and repeats another
// has the first one's place as its related location.
func TestRepeatNamesTheFirst(t *testing.T) {
	payload := `{"messaging_product": "whatsapp", "to": "+16505551234", "type": "interactive", "interactive": {
  "type": "button", "body": {"text": "Pick"},
  "action": {"buttons": [
    {"type": "reply", "reply": {"id": "a", "title": "One"}},
    {"type": "reply", "reply": {"id": "a", "title": "Two"}}]}}}`
	rep := mustNew(t).Validate(context.Background(), []byte(payload))
	var found bool
	for _, f := range rep.Findings {
		if f.Pointer != "/interactive/action/buttons/1/reply/id" {
			continue
		}
		found = true
		want := Location{Pointer: "/interactive/action/buttons/0/reply/id", Message: "first used here",
			Span: Span{Start: Pos{Line: 4, Column: 39, Offset: strings.Index(payload, `"a"`)}, End: Pos{Line: 4, Column: 42, Offset: strings.Index(payload, `"a"`) + 3}}}
		if len(f.Related) != 1 || f.Related[0] != want {
			t.Errorf("%s: related %+v, want %+v", f.Rule, f.Related, want)
		}
	}
	if !found {
		t.Fatalf("no finding on the repeated id: %v", rep.Findings)
	}
}

// answerCell is a template rule's predicted answer for the rules' document:
// "100 / 2388046", "100", "review: INVALID_FORMAT" or a dash.
func answerCell(r *Rule) string {
	switch {
	case r.Review != "":
		return "review: " + r.Review
	case r.Subcode != 0:
		return fmt.Sprintf("%d / %d", r.CloudCode, r.Subcode)
	}
	return codeCell(r.CloudCode)
}
