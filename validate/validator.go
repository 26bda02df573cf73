package validate

import (
	"context"
	"fmt"
	"slices"
)

// maxPerRule is how many findings one rule reports in one payload; the rest
// are summed up in one more finding, so a hostile payload with a million
// duplicate keys gives a readable report in bounded time.
const maxPerRule = 100

// Validator checks WhatsApp message payloads. Build one with New and share
// it: Validate is safe for concurrent use.
type Validator struct {
	cfg    config
	cloud  *schemaNode
	onprem *schemaNode
	types  []string // the message types of the schemas (MessageTypes), shared: not to be modified
}

// New applies the options. The embedded schemas are compiled on the first
// call in the process and shared by every Validator; New fails on an
// invalid option or if they do not compile.
func New(opts ...Option) (*Validator, error) {
	v := &Validator{cfg: config{
		maxSize:  DefaultMaxSize,
		disabled: map[string]bool{},
		severity: map[string]Severity{},
		phones:   &phoneCache{cur: map[string]numberFacts{}},
	}}
	for _, o := range opts {
		if err := o(&v.cfg); err != nil {
			return nil, fmt.Errorf("walint: %w", err)
		}
	}
	c, err := compiledSchemas()
	if err != nil {
		return nil, fmt.Errorf("walint: compiling the embedded schemas: %w", err)
	}
	v.cloud, v.onprem, v.types = c.cloud, c.onprem, c.types
	return v, nil
}

// Validate checks one payload and returns its report. It never panics on
// any input; a failure inside a rule becomes an internal-error finding. When
// ctx is cancelled or expires, Validate stops at the next rule and the
// report's Err returns the context's error (wrapped); no finding is made of
// it.
func (v *Validator) Validate(ctx context.Context, payload []byte) *Report {
	rep := &Report{Dialect: v.cfg.dialect}
	var out []report
	src := ""
	var dropped map[*Rule]int
	defer func() {
		if r := recover(); r != nil {
			out = append(out, internalError(fmt.Sprintf("walint failed while checking this payload: %v", r)))
		}
		rep.Findings = v.finish(src, out, dropped)
	}()

	if len(payload) > v.cfg.maxSize {
		// The message does not give the payload's length: a caller that
		// reads at most the limit and one byte more, so as not to read a
		// huge file whole, passes only that much.
		out = append(out, report{rule: rulePayloadTooLarge,
			msg:  fmt.Sprintf("payload is larger than the %s limit of this validator", byteLimit(v.cfg.maxSize)),
			hint: "No WhatsApp message is this large; check what is being sent, or raise the limit with WithMaxSize."})
		return rep
	}
	doc := parse(payload)
	src, dropped = doc.src, doc.dropped
	for _, is := range doc.issues {
		out = append(out, report{rule: is.rule, start: is.start, end: is.end, pointer: is.node.Pointer(), msg: is.msg, hint: is.hint})
	}
	if doc.fatal {
		return rep
	}
	root := doc.root
	if root.Kind != kindObject {
		out = append(out, report{rule: ruleWrongType, start: root.Start, end: root.End,
			msg:  fmt.Sprintf("payload is a JSON %s, expected an object", root.Kind),
			hint: "Send one message as a JSON object; to lint several payloads put them in a .jsonl file, one per line."})
		return rep
	}
	rep.Dialect = detectDialect(root, v.cfg.dialect)
	rep.Type = messageType(root)

	if err := ctx.Err(); err != nil {
		rep.stopped = err
		return rep
	}
	out = v.schemaPass(root, rep.Dialect, out)

	p := &pass{ctx: ctx, root: root, dialect: rep.Dialect, msgType: rep.Type, msgTypes: v.types, cfg: &v.cfg, out: &out}
	p.lastIn, p.hasLastIn = v.cfg.lastInboundFrom(ctx)
	autoDialect := v.cfg.dialect == DialectAuto
	for _, r := range allRules {
		if r.check == nil || v.cfg.disabled[r.ID] {
			continue
		}
		if r == ruleMissingMessagingProduct && !autoDialect {
			continue
		}
		if err := ctx.Err(); err != nil {
			rep.stopped = err
			return rep
		}
		p.rule = r
		runCheck(p)
	}
	// A media file whose fetch the context cut short is left out of the
	// findings (mediaItems); the report says it stopped instead.
	rep.stopped = ctx.Err()
	return rep
}

// runCheck runs one rule, turning a panic into an internal-error finding so
// that one broken rule cannot take the caller down.
func runCheck(p *pass) {
	defer func() {
		if r := recover(); r != nil {
			*p.out = append(*p.out, internalError(fmt.Sprintf("rule %s failed on this payload: %v", p.rule.ID, r)))
		}
	}()
	p.rule.check(p)
}

// byteLimit writes a size limit in bytes for a message, adding the size in
// KiB or MiB when it is a whole number of them: "1048576-byte (1 MiB)".
func byteLimit(n int) string {
	switch {
	case n > 0 && n%(1<<20) == 0:
		return fmt.Sprintf("%d-byte (%d MiB)", n, n>>20)
	case n > 0 && n%(1<<10) == 0:
		return fmt.Sprintf("%d-byte (%d KiB)", n, n>>10)
	}
	return fmt.Sprintf("%d-byte", n)
}

func internalError(msg string) report {
	return report{rule: ruleInternalError, msg: msg, hint: "This is a bug in walint; please report it with the payload."}
}

// finish turns raw reports into sorted, positioned findings, dropping
// disabled rules, applying severity overrides and capping each rule;
// dropped counts, by rule, the reports the parser already left out.
func (v *Validator) finish(src string, out []report, dropped map[*Rule]int) []Finding {
	if len(out) == 0 && len(dropped) == 0 {
		return nil // A clean payload needs no line index.
	}
	slices.SortStableFunc(out, func(a, b report) int { return a.start - b.start })
	li := newLineIndex(src)
	fs := make([]Finding, 0, len(out))
	count := map[*Rule]int{}
	for _, r := range out {
		if r.rule == nil || v.cfg.disabled[r.rule.ID] {
			continue
		}
		count[r.rule]++
		if count[r.rule] > maxPerRule {
			continue
		}
		sev := r.rule.Severity
		if r.sev != 0 {
			sev = r.sev
		}
		if s, ok := v.cfg.severity[r.rule.ID]; ok {
			sev = s
		}
		code, cloud := r.rule.Code, r.rule.CloudCode
		if r.code != 0 {
			code = max(r.code, 0)
		}
		if r.cloudCode != 0 {
			cloud = max(r.cloudCode, 0)
		}
		fs = append(fs, Finding{
			Rule: r.rule.ID, Severity: sev, Code: code, CloudCode: cloud,
			Pointer: r.pointer, Span: li.span(r.start, r.end),
			Message: r.msg, Hint: r.hint, Fix: r.fix,
		})
	}
	for r, n := range dropped {
		if !v.cfg.disabled[r.ID] {
			count[r] += n
		}
	}
	for rule, n := range count {
		if n > maxPerRule {
			sev := rule.Severity
			if s, ok := v.cfg.severity[rule.ID]; ok {
				sev = s
			}
			end := li.pos(len(src))
			fs = append(fs, Finding{Rule: rule.ID, Severity: sev, Code: rule.Code, CloudCode: rule.CloudCode,
				Span:    Span{End: end, Start: Pos{Line: 1, Column: 1}},
				Message: fmt.Sprintf("%d more findings of this rule are not shown", n-maxPerRule),
				Hint:    "Fix the findings shown and run walint again."})
		}
	}
	sortFindings(fs)
	return fs
}
