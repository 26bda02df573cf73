package output

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/walint/walint/validate"
)

// What GitHub code scanning requires, checked against "SARIF support for
// code scanning" (docs.github.com, code-security/reference/code-scanning/
// sarif-files/sarif-support) and the upload-sarif action's fingerprinting
// (github/codeql-action, src/fingerprints.ts):
//
//   - sarifLog: $schema, version "2.1.0" and runs[] are required.
//   - run: tool.driver.name and tool.driver.rules[] are required; version is
//     ignored when semanticVersion (SemVer 2.0) is present; results[] is
//     required, and may be empty.
//   - reportingDescriptor: id, shortDescription.text, fullDescription.text
//     and help.text are required (no empty strings); the descriptions are
//     limited to 1024 characters and name to 255; help.markdown is shown
//     instead of help.text when present; defaultConfiguration.level is one
//     of note, warning, error.
//   - result: message.text, locations[] (only the first is used) and
//     partialFingerprints are required; ruleId and ruleIndex are optional.
//   - physicalLocation: artifactLocation.uri, best a path relative to the
//     repository root, and region.startLine, startColumn, endLine and
//     endColumn are all required; endColumn is the column after the region.
//     A relative uri should carry a uriBaseId, declared in
//     run.originalUriBaseIds for the log to be valid SARIF.
//   - GitHub matches results across runs by partialFingerprints, and its
//     documentation says it only uses primaryLocationLineHash. The upload
//     action computes that hash from the source line when it is missing and
//     warns about every result whose existing value differs from its own,
//     so walint leaves that key to the action and records its own
//     line-independent fingerprint (rule, pointer, path) under walint/v1 for
//     other consumers and for a later switch.
//
// Columns are Unicode code points, the validator's columns, and the run says
// so in columnKind.

// SARIF constants.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// sarifInfoURI is the tool's home page, shown by SARIF viewers.
	sarifInfoURI = "https://github.com/walint/walint"
	// srcRoot is the base of relative artifact URIs: the directory walint
	// ran in, which in CI is the checkout.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names walint's fingerprint in partialFingerprints.
	// The version suffix changes if the way it is computed ever does.
	fingerprintKey = "walint/v1"
	// maxDescription is GitHub's limit on a rule's descriptions.
	maxDescription = 1024
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                    `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactBase `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                       `json:"columnKind"`
	Results            []sarifResult                `json:"results"`
}

type sarifArtifactBase struct {
	Description sarifText `json:"description"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	InformationURI  string      `json:"informationUri"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name"`
	ShortDescription     sarifText     `json:"shortDescription"`
	FullDescription      sarifText     `json:"fullDescription"`
	Help                 sarifHelp     `json:"help"`
	HelpURI              string        `json:"helpUri"`
	DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
	// Properties carry Meta's answer: the subcode and the review's
	// rejection reason, when the rule predicts them.
	Properties *sarifAnswer `json:"properties,omitempty"`
}

// sarifAnswer is Meta's answer beyond the codes, in a rule's or a result's
// property bag.
type sarifAnswer struct {
	Subcode int    `json:"subcode,omitempty"`
	Review  string `json:"review,omitempty"`
}

// newSarifAnswer returns the property bag of an answer, nil when there is
// nothing to carry.
func newSarifAnswer(subcode int, review string) *sarifAnswer {
	if subcode == 0 && review == "" {
		return nil
	}
	return &sarifAnswer{Subcode: subcode, Review: review}
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifRelated    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          *sarifAnswer      `json:"properties,omitempty"`
}

// sarifRelated is a finding's related location (validate.Location), such as
// where a repeated id was first used.
type sarifRelated struct {
	ID               int           `json:"id"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          sarifText     `json:"message"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// FormatSARIF names the sarif format, for callers that pick it in code.
const FormatSARIF = "sarif"

// openSARIF is the sarif format's row of the table: the log begins with
// the rules that fired, so it is written at the end, from the findings
// kept until then.
func openSARIF(w io.Writer, opts Options) writer {
	return &atEnd{keeper: keeper{onePerPath: true}, write: func(files []File) error { return SARIF(w, files, opts.ToolVersion) }}
}

// SARIF writes the reports as a SARIF 2.1.0 log of one run that GitHub code
// scanning accepts. toolVersion is walint's version; it may be empty.
func SARIF(w io.Writer, files []File, toolVersion string) error {
	driver := sarifDriver{Name: "walint", InformationURI: sarifInfoURI, Version: toolVersion,
		SemanticVersion: semanticVersion(toolVersion), Rules: []sarifRule{}}

	// The rules are the ones that fired, sorted by ID so that the same
	// findings always give the same log.
	var ids []string
	for _, f := range files {
		for _, x := range f.findings() {
			ids = append(ids, x.Rule)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		index[id] = i
		driver.Rules = append(driver.Rules, sarifRuleFor(id))
	}

	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	seen := map[string]int{}
	for _, f := range files {
		artifact := sarifArtifactFor(f.Path)
		if artifact.URIBaseID != "" {
			run.OriginalURIBaseIDs = map[string]sarifArtifactBase{srcRoot: {
				Description: sarifText{Text: "The directory walint was run in."}}}
		}
		for _, x := range f.findings() {
			// Equal findings (same rule, pointer and file) are told apart by
			// their order, as GitHub does with its line hashes.
			fp := fingerprint(x.Rule, x.Pointer, artifact.URI)
			seen[fp]++
			var related []sarifRelated
			for i, l := range x.Related {
				related = append(related, sarifRelated{ID: i + 1, Message: sarifText{Text: l.Message},
					PhysicalLocation: sarifPhysical{ArtifactLocation: artifact, Region: sarifRegionOf(l.Span)}})
			}
			run.Results = append(run.Results, sarifResult{
				RuleID:    x.Rule,
				RuleIndex: index[x.Rule],
				Level:     sarifLevel(x.Severity),
				Message:   sarifText{Text: messageWithHint(x)},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
					ArtifactLocation: artifact, Region: sarifRegionFor(x)}}},
				RelatedLocations:    related,
				PartialFingerprints: map[string]string{fingerprintKey: fp + ":" + strconv.Itoa(seen[fp])},
				Properties:          newSarifAnswer(x.Subcode, x.Review),
			})
		}
	}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// sarifRuleFor describes the rule with the given ID. A finding may name a
// rule walint does not list (a report built by another program); it still
// gets a descriptor with every required field.
func sarifRuleFor(id string) sarifRule {
	r := validate.RuleByID(id)
	if r == nil {
		r = &validate.Rule{ID: id, Severity: validate.SeverityWarning, Summary: id, Doc: id}
	}
	doc := strings.TrimSpace(r.Doc)
	if doc == "" {
		doc = r.Summary
	}
	link := DocURL(r.ID)
	return sarifRule{
		ID:                   r.ID,
		Name:                 clip(camelCase(r.ID), 255),
		ShortDescription:     sarifText{Text: clip(upperFirst(r.Summary), maxDescription)},
		FullDescription:      sarifText{Text: clip(firstParagraph(doc), maxDescription)},
		Help:                 sarifHelp{Text: doc + "\n\n" + link, Markdown: doc + "\n\n[Documentation](" + link + ")"},
		HelpURI:              link,
		DefaultConfiguration: sarifRuleConf{Level: sarifLevel(r.Severity)},
		Properties:           newSarifAnswer(r.Subcode, r.Review),
	}
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s validate.Severity) string {
	switch s {
	case validate.SeverityError:
		return "error"
	case validate.SeverityInfo:
		return "note"
	}
	return "warning"
}

// sarifArtifactFor turns a path into an artifact location: a relative path
// becomes a relative URI reference under %SRCROOT%, an absolute one a file
// URI, both with forward slashes and percent-encoded.
func sarifArtifactFor(path string) sarifArtifact {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) || strings.HasPrefix(p, "/") {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive path: file:///C:/...
		}
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	p = strings.TrimPrefix(p, "./")
	u := (&url.URL{Path: p}).EscapedPath()
	// A colon in the first segment would read as a scheme.
	if first, _, _ := strings.Cut(u, "/"); strings.Contains(first, ":") {
		u = "./" + u
	}
	return sarifArtifact{URI: u, URIBaseID: srcRoot}
}

// sarifRegionFor returns the finding's region. SARIF's end column is the
// column after the region, like the span's exclusive end. An empty span
// is widened to one column so that every region marks something, and a
// whole-document finding points at the first character.
func sarifRegionFor(f validate.Finding) sarifRegion {
	if wholeDocument(f) {
		return sarifRegion{StartLine: 1, StartColumn: 1, EndLine: 1, EndColumn: 2}
	}
	return sarifRegionOf(f.Span)
}

// sarifRegionOf is the region of a span, one column wide at least.
func sarifRegionOf(span validate.Span) sarifRegion {
	s, e := span.Start, span.End
	r := sarifRegion{StartLine: s.Line, StartColumn: s.Column, EndLine: e.Line, EndColumn: e.Column}
	if e.Line < s.Line || (e.Line == s.Line && e.Column <= s.Column) {
		r.EndLine, r.EndColumn = s.Line, s.Column+1
	}
	return r
}

// fingerprint identifies a finding by what it is about rather than where
// it sits, so that it survives reformatting: its rule, its JSON Pointer,
// and the file.
func fingerprint(rule, pointer, uri string) string {
	sum := sha256.Sum256([]byte(rule + "\x00" + pointer + "\x00" + uri))
	return hex.EncodeToString(sum[:16])
}

// semverRE is the regular expression of semver.org, less the leading "v"
// that Go module versions carry.
var semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// semanticVersion returns the version in SemVer 2.0 form ("v1.2.3" gives
// "1.2.3"), or "" when it is not one, such as "(devel)".
func semanticVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	if semverRE.MatchString(v) {
		return v
	}
	return ""
}

// camelCase turns a rule ID into a name: "latitude-range" gives "LatitudeRange".
func camelCase(id string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(id, "-") {
		b.WriteString(upperFirst(part))
	}
	return b.String()
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return strings.ToUpper(string(r)) + s[size:]
}

// firstParagraph returns the text up to the first blank line, joined into
// one line: rule docs are hard-wrapped Markdown.
func firstParagraph(doc string) string {
	para, _, _ := strings.Cut(strings.ReplaceAll(doc, "\r\n", "\n"), "\n\n")
	return strings.Join(strings.Fields(para), " ")
}

// clip cuts s to at most n characters, ending in an ellipsis when it cuts.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	return string(runes[:n-1]) + "…"
}
