// Command wasm is walint's WebAssembly module: the library compiled to
// WebAssembly, behind a small JavaScript API (see main.go) that the checker
// page in web/ (through web/walint.js) and the npm package in npm/ use.
//
// This file holds the API itself as plain Go: each call takes strings or
// bytes and returns the JSON text the JavaScript side hands on. It knows
// nothing of syscall/js, so it is tested natively like any other package;
// main.go only moves values across the boundary.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/walint/walint/internal/output"
	"github.com/walint/walint/validate"
	"github.com/walint/walint/validate/media"
)

// payloadPath is the path the page's report carries: one entry of the CLI's
// JSON output needs a path, and the page has no file.
const payloadPath = "payload"

// checkOptions are walint.js's CheckOptions: the dialect ("" is auto), the
// kind of payload ("" is auto: told by its shape; "template-edit" for an
// edit body) and what a check may know besides the payload, the
// business's own number (a message to it is flagged) and the account's
// template definitions, the JSON of GET /{waba-id}/message_templates, of
// one template, or of template creation bodies (template messages are
// checked against them). LastInbound, the time of the
// customer's last message as RFC 3339 text ("" when unknown), is the npm
// package's: a free-form message more than 24 hours after it is flagged.
type checkOptions struct {
	Dialect     string
	Kind        string
	Sender      string
	Templates   string
	LastInbound string
}

// checker makes the validators the calls need. A validator costs next to
// nothing to make (the schemas are compiled once per process), but parsing
// template definitions does not: the page sends the same options with every
// keystroke, and a send pipeline may alternate between a few senders with
// one set of templates. The validators of the last few sets of options are
// kept, the most recently used first.
type checker struct {
	kept []keptValidator
}

// keptValidator is a validator and the normalised options it was made for.
type keptValidator struct {
	opts checkOptions
	v    *validate.Validator
}

// maxKeptValidators is how many validators a checker keeps. Each holds its
// parsed templates, if any; a pipeline with more senders than this parses
// them again as it goes round.
const maxKeptValidators = 8

func newChecker() *checker { return &checker{} }

// validator returns the validator for the options.
func (c *checker) validator(o checkOptions) (*validate.Validator, error) {
	d, err := validate.ParseDialect(o.Dialect)
	if err != nil {
		return nil, err
	}
	k, err := validate.ParseKind(o.Kind)
	if err != nil {
		return nil, err
	}
	// LastInbound is left out: it changes from payload to payload, so it
	// goes with each check (checkContext), not into the kept validator.
	o = checkOptions{Dialect: d.String(), Kind: k.String(), Sender: strings.TrimSpace(o.Sender), Templates: strings.TrimSpace(o.Templates)}
	for i, k := range c.kept {
		if k.opts == o {
			copy(c.kept[1:i+1], c.kept[:i]) // to the front
			c.kept[0] = k
			return k.v, nil
		}
	}
	opts := []validate.Option{validate.WithDialect(d), validate.WithKind(k)}
	if o.Sender != "" {
		opts = append(opts, validate.WithSender(o.Sender))
	}
	if o.Templates != "" {
		t, err := validate.ParseTemplates([]byte(o.Templates))
		if err != nil {
			return nil, err // "reading template definitions: ..."
		}
		opts = append(opts, validate.WithTemplates(t))
	}
	v, err := validate.New(opts...)
	if err != nil {
		return nil, err
	}
	if len(c.kept) < maxKeptValidators {
		c.kept = append(c.kept, keptValidator{})
	}
	copy(c.kept[1:], c.kept) // the least recently used falls off the end
	c.kept[0] = keptValidator{o, v}
	return v, nil
}

// checkContext is the context a check runs under: with the time of the
// customer's last inbound message when the options give one.
func checkContext(o checkOptions) (context.Context, error) {
	ctx := context.Background()
	if o.LastInbound == "" {
		return ctx, nil
	}
	t, err := time.Parse(time.RFC3339Nano, o.LastInbound)
	if err != nil {
		return nil, fmt.Errorf("reading lastInbound: want an RFC 3339 time such as 2026-12-01T09:30:00Z: %w", err)
	}
	return validate.ContextWithLastInbound(ctx, t), nil
}

// validate checks a payload with the options and returns one entry of the
// CLI's JSON output ("files"[i]) for it, with the path "payload".
func (c *checker) validate(src []byte, o checkOptions) ([]byte, error) {
	v, err := c.validator(o)
	if err != nil {
		return nil, err
	}
	ctx, err := checkContext(o)
	if err != nil {
		return nil, err
	}
	return appendReport(nil, src, v.Validate(ctx, src))
}

// report checks a payload and writes the report as the CLI's --format json or
// --format sarif would, for a file named path. Only these two are offered:
// output.Write would link every format into the module.
func (c *checker) report(src []byte, o checkOptions, format, path string) ([]byte, error) {
	v, err := c.validator(o)
	if err != nil {
		return nil, err
	}
	if path == "" {
		path = payloadPath
	}
	ctx, err := checkContext(o)
	if err != nil {
		return nil, err
	}
	files := []output.File{{Path: path, Source: src, Report: v.Validate(ctx, src)}}
	var b bytes.Buffer
	switch format {
	case string(output.FormatJSON):
		err = output.JSON(&b, files)
	case string(output.FormatSARIF):
		err = output.SARIF(&b, files, version())
	default:
		return nil, errors.New("unknown report format " + strconv.Quote(format) + " (want json or sarif)")
	}
	return b.Bytes(), err
}

// fixResult is what fix returns: the text with every certain fix applied
// (unchanged when there was none) and how many fixes were applied.
type fixResult struct {
	Text  string `json:"text"`
	Fixed int    `json:"fixed"`
}

// fix applies the certain fixes to a payload, as `walint --fix` does.
func (c *checker) fix(src []byte, o checkOptions) ([]byte, error) {
	v, err := c.validator(o)
	if err != nil {
		return nil, err
	}
	ctx, err := checkContext(o)
	if err != nil {
		return nil, err
	}
	fixed, n, _ := v.FixPayload(ctx, src)
	return marshal(fixResult{Text: string(fixed), Fixed: n})
}

// mediaJSON is the JSON form of a media inspection: the shape of one file of
// `walint media --format json`, plus the kind the file was judged as.
type mediaJSON struct {
	Kind string `json:"kind"`
	output.MediaFile
}

// inspectMedia inspects size bytes of media read through r and judges them
// as media of the named kind (a validate.MediaKind's name; "" guesses it
// from the sniffed type) with the validator of the named dialect.
func (c *checker) inspectMedia(r io.ReaderAt, size int64, kindName, dialect string) ([]byte, error) {
	v, err := c.validator(checkOptions{Dialect: dialect})
	if err != nil {
		return nil, err
	}
	var kind validate.MediaKind
	if kindName != "" {
		if kind, err = validate.ParseMediaKind(kindName); err != nil {
			return nil, err
		}
	}
	info, err := media.Inspect(r, size)
	if err != nil {
		return nil, err
	}
	if kind == 0 {
		kind = guessKind(info.MIME)
	}
	findings, err := v.CheckMedia(kind, info, "")
	if err != nil {
		return nil, err
	}
	out := mediaJSON{Kind: kind.String(), MediaFile: output.NewMediaFile("", info, findings)}
	return marshal(out)
}

// mediaKindNames returns the names of the media kinds, in order: those
// inspectMedia takes, and the page offers.
func mediaKindNames() []string {
	var names []string
	for _, k := range validate.MediaKinds() {
		names = append(names, k.String())
	}
	return names
}

// maxMediaBytes is the largest media file inspectMedia reads: WhatsApp's
// largest limit for any media (100 MiB, a document's), so a file refused
// here is one WhatsApp would refuse too. The limit guards the module: a
// Uint8Array is copied whole into its memory, and one near 2 GB cannot be
// (the copy failed, and the Go program died with it). validate/media keeps
// no cap of its own that could be used instead: it reads any size through
// an io.ReaderAt.
var maxMediaBytes = func() int64 {
	var most int64
	for _, kind := range validate.MediaKinds() {
		most = max(most, validate.MaxMediaSize(kind))
	}
	return most
}()

// errMediaTooLarge is inspectMedia's error for a file over maxMediaBytes. It
// is given before a byte of the file is read or copied, and the module
// passes it to walint.js, which gives it for such a file without sending it
// to the module at all.
var errMediaTooLarge = fmt.Errorf("media file is larger than %d MiB; walint reads at most %d MiB, the most WhatsApp accepts for any media (a document)",
	maxMediaBytes>>20, maxMediaBytes>>20)

// mediaSize checks the size of the media inspectMedia is given, as the
// JavaScript number it is (the length of a Uint8Array, or the size option
// of a read function), before anything is allocated for it: it must be a
// whole number of bytes, at most maxMediaBytes.
func mediaSize(n float64) (int64, error) {
	switch {
	case math.IsNaN(n) || n < 0 || n != math.Trunc(n):
		return 0, fmt.Errorf("media size %v is not a whole number of bytes", n)
	case n > float64(maxMediaBytes): // Infinity too
		return 0, errMediaTooLarge
	}
	return int64(n), nil
}

// guessKind is the media kind a file of the sniffed MIME type is most
// likely meant for, when the caller did not say: the message type that
// accepts the type, else the one the type's top-level type names (an
// image/gif is meant as an image), else a document.
func guessKind(mime string) validate.MediaKind {
	top, _, _ := strings.Cut(mime, "/")
	var byTop validate.MediaKind
	for _, k := range validate.MediaKinds() {
		if k.String() != k.MessageType() {
			continue // a voice note or a template header: never a guess
		}
		if slices.Contains(validate.AcceptedTypes(k), mime) {
			return k
		}
		if k.String() == top && byTop == 0 {
			byTop = k
		}
	}
	if byTop != 0 {
		return byTop
	}
	return validate.MediaDocument
}

// rules returns the rule catalogue, sorted by ID, in the shape of
// `walint rules --format json`'s rules (output.RuleJSON).
func rules() ([]byte, error) {
	rs := validate.Rules()
	out := make([]output.RuleJSON, 0, len(rs))
	for _, r := range rs {
		out = append(out, output.NewRuleJSON(r))
	}
	return marshal(out)
}

// explain returns the documentation of one rule as `walint explain RULE`
// prints it (output.Explain).
func explain(id string) (string, error) {
	r := validate.RuleByID(id)
	if r == nil {
		return "", errors.New("unknown rule " + strconv.Quote(id) + "; rules() lists them")
	}
	var b strings.Builder
	output.Explain(&b, r)
	return b.String(), nil
}

// releaseVersion is the release's version, stamped by make dist
// (webfiles.BuildVersion: -X main.releaseVersion=v1.2.3); empty otherwise.
var releaseVersion string

// version returns walint's module version as the build recorded it:
// "(devel)" for a build from a checkout.
func version() string {
	if releaseVersion != "" {
		return releaseVersion
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// marshal encodes v as compact JSON without HTML escaping, so that "<" in a
// message stays "<" for the page, as in the CLI's output.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
