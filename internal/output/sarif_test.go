package output

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/walint/walint/validate"
)

// TestSARIFExact checks the whole log for rules walint does not list, so
// that the expected text does not depend on the rule docs. The
// fingerprints were computed apart, with Python's hashlib:
// sha256(rule + "\0" + pointer + "\0" + uri), first 16 bytes in hex.
func TestSARIFExact(t *testing.T) {
	files := []File{
		{Path: "dir/a b.json", Report: &validate.Report{Findings: []validate.Finding{
			{Rule: "test-note", Severity: validate.SeverityInfo, Span: span(1, 1, 0, 1, 1, 0), Message: "payload checked as a whole"},
			{Rule: "test-rule", Severity: validate.SeverityError, Pointer: "/to", Span: span(2, 3, 4, 2, 5, 6), Message: "bad value", Hint: "Fix it."},
		}}},
		{Path: "/abs/x.json", Report: &validate.Report{Findings: []validate.Finding{
			{Rule: "test-rule", Severity: validate.SeverityWarning, Pointer: "/x", Span: span(1, 2, 1, 3, 1, 20), Message: "spans lines"},
		}}},
	}
	var b bytes.Buffer
	if err := SARIF(&b, files, "v1.2.3-rc.1"); err != nil {
		t.Fatal(err)
	}
	want := `{
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [{
    "tool": {"driver": {
      "name": "walint",
      "informationUri": "https://github.com/walint/walint",
      "version": "v1.2.3-rc.1",
      "semanticVersion": "1.2.3-rc.1",
      "rules": [{
        "id": "test-note",
        "name": "TestNote",
        "shortDescription": {"text": "Test-note"},
        "fullDescription": {"text": "test-note"},
        "help": {
          "text": "test-note\n\nhttps://github.com/walint/walint/blob/main/docs/rules.md#test-note",
          "markdown": "test-note\n\n[Documentation](https://github.com/walint/walint/blob/main/docs/rules.md#test-note)"
        },
        "helpUri": "https://github.com/walint/walint/blob/main/docs/rules.md#test-note",
        "defaultConfiguration": {"level": "warning"}
      }, {
        "id": "test-rule",
        "name": "TestRule",
        "shortDescription": {"text": "Test-rule"},
        "fullDescription": {"text": "test-rule"},
        "help": {
          "text": "test-rule\n\nhttps://github.com/walint/walint/blob/main/docs/rules.md#test-rule",
          "markdown": "test-rule\n\n[Documentation](https://github.com/walint/walint/blob/main/docs/rules.md#test-rule)"
        },
        "helpUri": "https://github.com/walint/walint/blob/main/docs/rules.md#test-rule",
        "defaultConfiguration": {"level": "warning"}
      }]
    }},
    "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The directory walint was run in."}}},
    "columnKind": "unicodeCodePoints",
    "results": [{
      "ruleId": "test-note",
      "ruleIndex": 0,
      "level": "note",
      "message": {"text": "payload checked as a whole"},
      "locations": [{"physicalLocation": {
        "artifactLocation": {"uri": "dir/a%20b.json", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 2}
      }}],
      "partialFingerprints": {"walint/v1": "1c770e749eb820428372e4f504a8a53e:1"}
    }, {
      "ruleId": "test-rule",
      "ruleIndex": 1,
      "level": "error",
      "message": {"text": "bad value. Fix it."},
      "locations": [{"physicalLocation": {
        "artifactLocation": {"uri": "dir/a%20b.json", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 5}
      }}],
      "partialFingerprints": {"walint/v1": "f925c06ebae2d48921e989f356ad435b:1"}
    }, {
      "ruleId": "test-rule",
      "ruleIndex": 1,
      "level": "warning",
      "message": {"text": "spans lines"},
      "locations": [{"physicalLocation": {
        "artifactLocation": {"uri": "file:///abs/x.json"},
        "region": {"startLine": 1, "startColumn": 2, "endLine": 3, "endColumn": 1}
      }}],
      "partialFingerprints": {"walint/v1": "8ec21a6d59cb1ee4f6f356f75f50f340:1"}
    }]
  }]
}`
	var got, exp bytes.Buffer
	if err := json.Compact(&got, b.Bytes()); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := json.Compact(&exp, []byte(want)); err != nil {
		t.Fatal(err)
	}
	if got.String() != exp.String() {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// sarifDoc is the part of a SARIF log that GitHub code scanning reads.
type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name            string `json:"name"`
				Version         string `json:"version"`
				SemanticVersion string `json:"semanticVersion"`
				Rules           []struct {
					ID               string `json:"id"`
					Name             string `json:"name"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					FullDescription struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
					Help struct {
						Text     string `json:"text"`
						Markdown string `json:"markdown"`
					} `json:"help"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation sarifDocPhysical `json:"physicalLocation"`
			} `json:"locations"`
			RelatedLocations []struct {
				ID               int              `json:"id"`
				PhysicalLocation sarifDocPhysical `json:"physicalLocation"`
				Message          struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"relatedLocations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

// sarifDocPhysical is a physicalLocation as sarifDoc decodes it: the same
// shape for a result's location and its related locations.
type sarifDocPhysical struct {
	ArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	} `json:"artifactLocation"`
	Region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	} `json:"region"`
}

func decodeSARIF(t *testing.T, files []File, version string) sarifDoc {
	t.Helper()
	var b bytes.Buffer
	if err := SARIF(&b, files, version); err != nil {
		t.Fatal(err)
	}
	var doc sarifDoc
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, b.String())
	}
	return doc
}

// checkGitHubRequirements asserts what GitHub's "SARIF support for code
// scanning" marks as required, and the limits it sets.
func checkGitHubRequirements(t *testing.T, doc sarifDoc) {
	t.Helper()
	if doc.Schema != "https://json.schemastore.org/sarif-2.1.0.json" || doc.Version != "2.1.0" {
		t.Errorf("$schema %q, version %q", doc.Schema, doc.Version)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(doc.Runs))
	}
	run := doc.Runs[0]
	if run.Tool.Driver.Name != "walint" {
		t.Errorf("tool.driver.name %q", run.Tool.Driver.Name)
	}
	levels := map[string]bool{"note": true, "warning": true, "error": true}
	ids := map[string]bool{}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" {
			t.Errorf("rule %q lacks a required text: %+v", r.ID, r)
		}
		if len([]rune(r.FullDescription.Text)) > 1024 || len([]rune(r.ShortDescription.Text)) > 1024 || len(r.Name) > 255 {
			t.Errorf("rule %q goes over GitHub's length limits", r.ID)
		}
		if r.HelpURI != DocsURL+"#"+r.ID || !strings.Contains(r.Help.Markdown, r.HelpURI) {
			t.Errorf("rule %q: helpUri %q, help.markdown %q", r.ID, r.HelpURI, r.Help.Markdown)
		}
		if !levels[r.DefaultConfiguration.Level] {
			t.Errorf("rule %q: default level %q", r.ID, r.DefaultConfiguration.Level)
		}
		if ids[r.ID] {
			t.Errorf("rule %q listed twice", r.ID)
		}
		ids[r.ID] = true
	}
	for i, res := range run.Results {
		if res.RuleIndex == nil || *res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[*res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex does not point at rule %q", i, res.RuleID)
		}
		if !levels[res.Level] || res.Message.Text == "" || len(res.Locations) == 0 || len(res.PartialFingerprints) == 0 {
			t.Errorf("result %d lacks a required property: %+v", i, res)
			continue
		}
		loc := res.Locations[0].PhysicalLocation
		reg := loc.Region
		if loc.ArtifactLocation.URI == "" || strings.Contains(loc.ArtifactLocation.URI, `\`) {
			t.Errorf("result %d: uri %q", i, loc.ArtifactLocation.URI)
		}
		if reg.StartLine < 1 || reg.StartColumn < 1 || reg.EndLine < reg.StartLine ||
			(reg.EndLine == reg.StartLine && reg.EndColumn <= reg.StartColumn) {
			t.Errorf("result %d: region %+v", i, reg)
		}
	}
}

func TestSARIFGitHubRequirements(t *testing.T) {
	doc := decodeSARIF(t, sampleFiles(), "v1.2.3")
	checkGitHubRequirements(t, doc)
	run := doc.Runs[0]
	if d := run.Tool.Driver; d.Version != "v1.2.3" || d.SemanticVersion != "1.2.3" {
		t.Errorf("version %q, semanticVersion %q", d.Version, d.SemanticVersion)
	}
	var rules []string
	for _, r := range run.Tool.Driver.Rules {
		rules = append(rules, r.ID)
	}
	if got := strings.Join(rules, " "); got != "duplicate-key quoted-boolean recipient-intl-prefix recipient-wa-id-differs" {
		t.Errorf("rules %s, want the four that fired, sorted", got)
	}
	wantLevels := []string{"error", "error", "note", "warning"}
	for i, res := range run.Results {
		if res.Level != wantLevels[i] {
			t.Errorf("result %d (%s): level %q, want %q", i, res.RuleID, res.Level, wantLevels[i])
		}
	}
	// The whole-document info finding points at 1:1.
	if reg := run.Results[2].Locations[0].PhysicalLocation.Region; reg.StartLine != 1 || reg.StartColumn != 1 {
		t.Errorf("whole-document finding at %+v, want 1:1", reg)
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "recipient-intl-prefix" && r.Name != "RecipientIntlPrefix" {
			t.Errorf("name %q, want RecipientIntlPrefix", r.Name)
		}
	}
}

// TestSARIFOnExamples runs the validator over the example payloads and
// checks the log against GitHub's requirements.
func TestSARIFOnExamples(t *testing.T) {
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob("../../testdata/examples/*.json")
	if len(paths) == 0 {
		t.Skip("no example payloads")
	}
	var files []File
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Path: p, Source: src, Report: v.Validate(context.Background(), src)})
	}
	doc := decodeSARIF(t, files, "(devel)")
	checkGitHubRequirements(t, doc)
	if len(doc.Runs[0].Results) == 0 {
		t.Error("no results from the examples")
	}
	if d := doc.Runs[0].Tool.Driver; d.SemanticVersion != "" || d.Version != "(devel)" {
		t.Errorf("version %q, semanticVersion %q; want no semanticVersion for a development build", d.Version, d.SemanticVersion)
	}
}

// TestSARIFFingerprint checks that a fingerprint survives reformatting
// (same rule, pointer and file on another line) and tells findings apart.
func TestSARIFFingerprint(t *testing.T) {
	at := func(line int, pointer string) []File {
		return []File{{Path: "a.json", Report: &validate.Report{Findings: []validate.Finding{
			{Rule: "quoted-boolean", Severity: validate.SeverityError, Pointer: pointer, Span: span(line, 3, 10*line, line, 9, 10*line+6), Message: "m"},
		}}}}
	}
	fp := func(files []File) string {
		return decodeSARIF(t, files, "").Runs[0].Results[0].PartialFingerprints["walint/v1"]
	}
	if a, b := fp(at(2, "/a")), fp(at(7, "/a")); a == "" || a != b {
		t.Errorf("fingerprints %q and %q, want equal after reformatting", a, b)
	}
	if a, b := fp(at(2, "/a")), fp(at(2, "/b")); a == b {
		t.Errorf("different pointers give the same fingerprint %q", a)
	}
	// Two equal findings in one file are numbered.
	two := at(2, "/a")
	two[0].Report.Findings = append(two[0].Report.Findings, two[0].Report.Findings[0])
	res := decodeSARIF(t, two, "").Runs[0].Results
	a, b := res[0].PartialFingerprints["walint/v1"], res[1].PartialFingerprints["walint/v1"]
	if !strings.HasSuffix(a, ":1") || !strings.HasSuffix(b, ":2") || strings.TrimSuffix(a, ":1") != strings.TrimSuffix(b, ":2") {
		t.Errorf("equal findings: fingerprints %q and %q, want the same hash numbered :1 and :2", a, b)
	}
}

func TestSARIFEmptyRun(t *testing.T) {
	var b bytes.Buffer
	if err := SARIF(&b, []File{{Path: "a.json", Report: &validate.Report{}}}, ""); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	run := doc["runs"].([]any)[0].(map[string]any)
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	if rules, ok := driver["rules"].([]any); !ok || len(rules) != 0 {
		t.Errorf("rules = %v, want an empty array", driver["rules"])
	}
	if results, ok := run["results"].([]any); !ok || len(results) != 0 {
		t.Errorf("results = %v, want an empty array", run["results"])
	}
	if _, ok := driver["version"]; ok {
		t.Errorf("version present for an unknown version: %v", driver["version"])
	}
}

func TestSARIFArtifact(t *testing.T) {
	tests := []struct {
		path, uri, base string
	}{
		{"payloads/a.json", "payloads/a.json", "%SRCROOT%"},
		{"./payloads/a b.json", "payloads/a%20b.json", "%SRCROOT%"},
		{"<stdin>", "%3Cstdin%3E", "%SRCROOT%"},
		{"c:d.json", "./c:d.json", "%SRCROOT%"},
		{"/tmp/x y.json", "file:///tmp/x%20y.json", ""},
	}
	for _, tt := range tests {
		if got := sarifArtifactFor(tt.path); got.URI != tt.uri || got.URIBaseID != tt.base {
			t.Errorf("%q: got %+v, want uri %q base %q", tt.path, got, tt.uri, tt.base)
		}
	}
}

func TestSemanticVersion(t *testing.T) {
	for in, want := range map[string]string{
		"v1.2.3": "1.2.3", "1.2.3": "1.2.3", "v0.0.0-20240101120000-abcdef123456": "0.0.0-20240101120000-abcdef123456",
		"v1.2.3+dirty": "1.2.3+dirty", "(devel)": "", "": "", "v1.2": "", "v01.2.3": "",
	} {
		if got := semanticVersion(in); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFRelatedLocations: a finding's related locations (where a repeated
// id was first used) are the result's relatedLocations, in the same file.
func TestSARIFRelatedLocations(t *testing.T) {
	files := []File{{Path: "a.json", Report: &validate.Report{Findings: []validate.Finding{
		{Rule: "reply-buttons-unique", Severity: validate.SeverityError, Pointer: "/b/1", Span: span(5, 3, 50, 5, 6, 53), Message: "repeated",
			Related: []validate.Location{{Pointer: "/b/0", Span: span(4, 7, 40, 4, 10, 43), Message: "first used here"}}},
		{Rule: "quoted-boolean", Severity: validate.SeverityError, Pointer: "/c", Span: span(6, 3, 60, 6, 9, 66), Message: "m"},
	}}}}
	res := decodeSARIF(t, files, "").Runs[0].Results
	if len(res) != 2 || len(res[0].RelatedLocations) != 1 || len(res[1].RelatedLocations) != 0 {
		t.Fatalf("results %+v, want one related location on the first only", res)
	}
	rel := res[0].RelatedLocations[0]
	r := rel.PhysicalLocation.Region
	if rel.ID != 1 || rel.Message.Text != "first used here" || rel.PhysicalLocation.ArtifactLocation.URI != res[0].Locations[0].PhysicalLocation.ArtifactLocation.URI ||
		r.StartLine != 4 || r.StartColumn != 7 || r.EndLine != 4 || r.EndColumn != 10 {
		t.Errorf("related location %+v, want id 1 in the same file at 4:7-4:10 saying first used here", rel)
	}
}
