// Package bench generates the benchmark corpus: a deterministic, realistic
// mix of WhatsApp Business API payloads of every message type, most of them
// valid and some with the mistakes senders really make, each tagged with the
// rule walint reports it under. The benchmarks in this package, the Node
// comparison in bench/node and bench/run.sh all read the same corpus.
package bench

import (
	"fmt"
	"slices"
	"strings"
)

// Options say what corpus to generate. The zero value is not useful; start
// from DefaultOptions.
type Options struct {
	// N is the number of payloads.
	N int
	// Seed selects the corpus: the same options give the same bytes.
	Seed uint64
	// Invalid is the share of payloads that get a mistake.
	Invalid float64
	// Recipients is the number of distinct recipients the Cloud messages go
	// to, each getting about N/Recipients of them, as a business's customers
	// do. Zero or less gives every payload a recipient of its own.
	Recipients int
	// WellFormed leaves out the JSON syntax mistakes, so that every payload
	// parses: ajv-cli stops at the first file that does not.
	WellFormed bool
	// Types, when not empty, keeps only payloads of these message types
	// ("text", "template", "interactive"...).
	Types []string
}

// DefaultOptions is the corpus make bench uses: 10,000 payloads, one in five
// with a mistake, sent to 2,500 recipients.
func DefaultOptions() Options {
	return Options{N: 10000, Seed: 1, Invalid: 0.2, Recipients: 2500}
}

// Payload is one generated payload.
type Payload struct {
	// Name is the payload's file name: index, dialect, kind and mistake, such
	// as "00042-cloud-interactive.list-ok.json".
	Name string
	// Dialect is "cloud" or "onprem".
	Dialect string
	// Kind is the payload's shape, such as "interactive.list" or "text".
	Kind string
	// Mistake names what was broken on purpose, or is "" for a valid payload.
	Mistake string
	// Rule is the walint rule that must report the mistake as an error.
	Rule string
	// Data is the payload as written to its file (indented or compact).
	Data []byte
	// Line is the same payload on one line, for the .jsonl file.
	Line []byte
}

// Type is the payload's message type: the kind up to its first dot.
func (p *Payload) Type() string { return typeOf(p.Kind) }

// Valid reports whether the payload was generated without a mistake.
func (p *Payload) Valid() bool { return p.Mistake == "" }

// Size bounds of a payload, in bytes.
const (
	MinSize = 100
	MaxSize = 8 << 10
)

// recipientSalt separates the recipient pool's random streams from the
// payloads' own.
const recipientSalt = 0x5eed0f9ec1b1e175

// langsOf is the languages a market's customers are written to in.
var langsOf = map[string][]string{
	"IN": {"en", "en", "hi"}, "BR": {"pt"}, "ID": {"id", "en"}, "MX": {"es"}, "ES": {"es"},
	"DE": {"de", "de", "en"}, "US": {"en", "en", "es"},
}

// sendTo makes p the recipient, and the texts in one of its market's languages.
func (c *draw) sendTo(p phone) {
	c.to, c.lang = p, "en"
	if ls, ok := langsOf[p.m.region]; ok {
		c.lang = pick(c.r, ls)
	}
}

// typeOf is a kind's message type: the kind up to its first dot.
func typeOf(kind string) string {
	t, _, _ := strings.Cut(kind, ".")
	return t
}

// Generate returns the corpus the options describe.
func Generate(opts Options) []Payload {
	var choice []weighted[*kind]
	for i := range kinds {
		k := &kinds[i]
		if len(opts.Types) == 0 || slices.Contains(opts.Types, typeOf(k.name)) {
			choice = append(choice, weighted[*kind]{k.weight, k})
		}
	}
	if len(choice) == 0 {
		return nil
	}
	out := make([]Payload, 0, opts.N)
	for i := range opts.N {
		out = append(out, generateOne(opts, i, choice))
	}
	return out
}

func generateOne(opts Options, i int, choice []weighted[*kind]) Payload {
	r := newRNG(opts.Seed, uint64(i))
	for {
		k := pickWeighted(r, choice)
		c := &draw{r: r}
		if opts.Recipients > 0 {
			c.sendTo(newPhone(newRNG(opts.Seed^recipientSalt, uint64(r.intn(opts.Recipients))), ""))
		} else {
			c.sendTo(newPhone(r, ""))
		}
		o := k.build(c)
		p := Payload{Dialect: k.dialect, Kind: k.name}
		var m *mistake
		if r.chance(opts.Invalid) {
			m = pickMistake(r, k, o, opts.WellFormed)
		}
		if m != nil && m.tree != nil {
			m.tree(c, o)
		}
		p.Line = encode(o, false)
		if p.Data = p.Line; r.chance(0.6) {
			p.Data = encode(o, true)
		}
		if m != nil {
			p.Mistake, p.Rule = m.id, m.rule
			if m.text != nil {
				p.Data, p.Line = m.text(c, p.Data), m.text(c, p.Line)
			}
		}
		if len(p.Data) < MinSize || len(p.Data) > MaxSize {
			continue // draw again from the same stream: still deterministic
		}
		status := "ok"
		if m != nil {
			status = m.id
		}
		p.Name = fmt.Sprintf("%05d-%s-%s-%s.json", i, p.Dialect, p.Kind, status)
		return p
	}
}

// pickMistake chooses one of the mistakes that fit the payload, or nil.
func pickMistake(r *rng, k *kind, o *object, wellFormed bool) *mistake {
	var fit []weighted[*mistake]
	for i := range mistakes {
		m := &mistakes[i]
		if m.text != nil && wellFormed {
			continue
		}
		if m.applies(k, o) {
			fit = append(fit, weighted[*mistake]{m.weight, m})
		}
	}
	if len(fit) == 0 {
		return nil
	}
	return pickWeighted(r, fit)
}
