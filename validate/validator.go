package validate

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/walint/walint/validate/internal/jsontree"
	"github.com/walint/walint/validate/internal/schema"
)

// maxPerRule is how many findings one rule reports in one payload; the rest
// are summed up in one more finding, so a hostile payload with a million
// duplicate keys gives a readable report in bounded time.
const maxPerRule = 100

// Validator checks WhatsApp message payloads. Build one with New and share
// it: Validate is safe for concurrent use.
type Validator struct {
	cfg    config
	cloud  *schema.Schema
	onprem *schema.Schema
	// creation and edit are the schemas of template creation and edit bodies.
	creation, edit *schema.Schema
	types          []string        // the message types of the schemas (MessageTypes), shared: not to be modified
	names          map[string]bool // every member name the message schemas define, shared: not to be modified
	// templateNames is names for the template schemas.
	templateNames map[string]bool
	checks        []*Rule // the rules of messages with a check to run, in order: those enabled for this validator
	// templateChecks is checks for template creation and edit bodies.
	templateChecks []*Rule
	// mediaPass says whether Validate runs reportMediaIssues (New).
	mediaPass bool
	// arenas hold the Nodes of payloads checked before, for the next
	// (jsontree.Arena): no Node outlives the Validate call that parsed it.
	arenas *sync.Pool
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
	}, arenas: new(sync.Pool)}
	for _, o := range opts {
		if err := o(&v.cfg); err != nil {
			return nil, err
		}
	}
	c, err := compiledSchemas()
	if err != nil {
		return nil, fmt.Errorf("compiling the embedded schemas: %w", err)
	}
	v.cloud, v.onprem, v.types, v.names = c.cloud, c.onprem, c.types, c.names
	v.creation, v.edit, v.templateNames = c.creation, c.edit, c.templateNames
	for _, r := range allRules {
		// missing-messaging-product says how a payload was read when its
		// dialect was detected: with a dialect given, there is nothing to say.
		if r.check == nil || v.cfg.disabled[r.ID] || (r == ruleMissingMessagingProduct && v.cfg.dialect != DialectAuto) {
			continue
		}
		if r.kinds.checks(KindMessage) {
			v.checks = append(v.checks, r)
		}
		if r.kinds.checks(KindTemplate) {
			v.templateChecks = append(v.templateChecks, r)
		}
	}
	// The media pass opens the files behind the links: only with a source
	// to open them from, and a rule of theirs left on.
	v.mediaPass = v.cfg.media != nil && slices.ContainsFunc(mediaIssueRules[1:], func(r *Rule) bool { return !v.cfg.disabled[r.ID] })
	return v, nil
}

// Validate checks one payload and returns its report. It never panics on
// any input; a failure inside a rule becomes an internal-error finding. When
// ctx is cancelled or expires, Validate stops at the next rule and the
// report's Err returns the context's error (wrapped); no finding is made of
// it.
func (v *Validator) Validate(ctx context.Context, payload []byte) *Report {
	rep := &Report{Dialect: v.cfg.dialect}
	c := newCollector(v.cfg.disabled)
	src := ""
	arena, _ := v.arenas.Get().(*jsontree.Arena)
	if arena == nil {
		arena = new(jsontree.Arena)
	}
	defer func() {
		if r := recover(); r != nil {
			c.add(internalError(fmt.Sprintf("walint failed while checking this payload: %v", r)))
		}
		rep.Findings = v.finish(src, c, rep.Kind)
		v.arenas.Put(arena)
	}()

	if len(payload) > v.cfg.maxSize {
		// The message does not give the payload's length: a caller that
		// reads at most the limit and one byte more, so as not to read a
		// huge file whole, passes only that much.
		c.add(report{rule: rulePayloadTooLarge,
			msg:  fmt.Sprintf("payload is larger than the %s limit of this validator", byteLimit(v.cfg.maxSize)),
			hint: "No WhatsApp message is this large; check what is being sent, or raise the limit with WithMaxSize."})
		return rep
	}
	src = string(payload)
	root := jsontree.ParseIn(arena, src, func(is jsontree.Issue) { c.add(parseIssue(is)) })
	if root == nil {
		return rep
	}
	if root.Kind != jsontree.Object {
		c.add(report{rule: ruleWrongType, start: root.Start, end: root.End,
			msg:  fmt.Sprintf("payload is a JSON %s, expected an object", root.Kind),
			hint: "Send one message as a JSON object; to lint several payloads put them in a .jsonl file, one per line."})
		return rep
	}
	rep.Kind = detectKind(root, v.cfg.kind)
	if rep.Kind.isTemplate() {
		v.checkTemplate(ctx, src, root, rep, c)
		return rep
	}
	rep.Dialect = detectDialect(root, v.cfg.dialect)
	rep.Type = messageType(root)

	if err := ctx.Err(); err != nil {
		rep.stopped = err
		return rep
	}
	v.schemaPass(v.messageSchema(rep.Dialect), root, rep.Type, v.names, c)

	p := &pass{ctx: ctx, root: root, dialect: rep.Dialect, msgType: rep.Type, msgTypes: v.types, cfg: &v.cfg, out: c}
	p.lastIn, p.hasLastIn = v.cfg.lastInboundFrom(ctx)
	for i := 0; i < len(v.checks); {
		i = runChecks(p, v.checks, i, ctx.Done())
	}
	if v.mediaPass && ctx.Err() == nil {
		reportMediaIssues(p) // the media files' issues, like the parser's, have no checks of their own
	}
	// A media file whose fetch the context cut short is left out of the
	// findings (mediaItems); the report says it stopped instead.
	rep.stopped = ctx.Err()
	return rep
}

// collector gathers the reports of one payload as the parser, the schema
// pass and the rules make them. The per-rule cap lives here, and only
// here: the collector leaves out the reports of disabled rules, keeps the
// maxPerRule reports of each rule that come first in the payload (whatever
// order its checks found them in), and counts the rest for finish's
// summary.
type collector struct {
	disabled map[string]bool
	kept     []report
	counts   []ruleCount // one per rule reported, in the order first reported
	// countsBuf holds the first counts: a payload's findings come from a
	// few rules, which then cost no allocation of their own.
	countsBuf [4]ruleCount
	// full lists, for each rule with maxPerRule reports kept, where in
	// kept they are: a report that starts before the last of them takes
	// its place.
	full map[*Rule][]int
}

// newCollector returns a collector that leaves out the rules disabled.
func newCollector(disabled map[string]bool) *collector {
	c := &collector{disabled: disabled}
	c.counts = c.countsBuf[:0]
	return c
}

// ruleCount is how many reports of a rule were kept, and how many more
// were made and left out.
type ruleCount struct {
	rule       *Rule
	kept, left int
}

// count returns the counts of rule, nil for a disabled rule. A payload's
// findings come from a handful of rules, so a list is quicker than a map.
func (c *collector) count(rule *Rule) *ruleCount {
	for i := range c.counts {
		if c.counts[i].rule == rule {
			return &c.counts[i]
		}
	}
	if c.disabled[rule.ID] {
		return nil
	}
	c.counts = append(c.counts, ruleCount{rule: rule})
	return &c.counts[len(c.counts)-1]
}

// add keeps r unless its rule is disabled, or has maxPerRule reports kept
// that all start before r (then the one that starts last gives way).
func (c *collector) add(r report) {
	n := c.count(r.rule)
	switch {
	case n == nil:
		return
	case n.kept < maxPerRule:
		n.kept++
		c.kept = append(c.kept, r)
		return
	}
	n.left++
	at := c.keptOf(r.rule)
	last := 0
	for i, k := range at {
		if c.kept[k].start >= c.kept[at[last]].start {
			last = i
		}
	}
	if r.start < c.kept[at[last]].start {
		c.kept[at[last]] = r
	}
}

// wants reports whether add would keep a report of rule that starts at
// start: for a source to skip building one that would be left out (and
// drop it instead).
func (c *collector) wants(rule *Rule, start int) bool {
	n := c.count(rule)
	switch {
	case n == nil:
		return false
	case n.kept < maxPerRule:
		return true
	}
	for _, k := range c.keptOf(rule) {
		if c.kept[k].start > start {
			return true
		}
	}
	return false
}

// keptOf returns where in kept the reports of rule are, for a rule at the
// cap: found once, when the cap is first reached (only a payload with more
// than maxPerRule reports of one rule gets here).
func (c *collector) keptOf(rule *Rule) []int {
	if at, ok := c.full[rule]; ok {
		return at
	}
	if c.full == nil {
		c.full = map[*Rule][]int{}
	}
	at := make([]int, 0, maxPerRule)
	for i, k := range c.kept {
		if k.rule == rule {
			at = append(at, i)
		}
	}
	c.full[rule] = at
	return at
}

// drop counts a report of rule that its source did not build, because
// there were too many of one kind in one place to be worth a message each:
// it is left out as a report past the cap is.
func (c *collector) drop(rule *Rule) {
	if n := c.count(rule); n != nil {
		n.left++
	}
}

// runChecks runs the rules of checks from the i-th on, until the end or
// until done is closed (the caller's context: the report says it stopped),
// and returns where it stopped. A rule that panics becomes an internal-error
// finding, so that one broken rule cannot take the caller down, and
// runChecks returns the index of the next rule, for the caller to go on
// from: one deferred recover for all the rules of a payload, not one each.
func runChecks(p *pass, checks []*Rule, i int, done <-chan struct{}) (next int) {
	defer func() {
		if r := recover(); r != nil {
			p.out.add(internalError(fmt.Sprintf("rule %s failed on this payload: %v", p.rule.ID, r)))
			next = i + 1
		}
	}()
	for ; i < len(checks); i++ {
		if done != nil { // context.Background's is nil: nothing to watch
			select {
			case <-done:
				return len(checks)
			default:
			}
		}
		p.rule = checks[i]
		p.rule.check(p)
	}
	return i
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

// answer returns the codes a finding of r in a payload of the kind
// predicts: the rule's, or for a template body those of templateAnswer
// when the rule checks every kind of payload, each replaced by the
// report's own where it has one.
func answer(r report, kind Kind) (code, cloud, sub int, review string) {
	code, cloud, sub, review = r.rule.Code, r.rule.CloudCode, r.rule.Subcode, r.rule.Review
	if kind.isTemplate() && r.rule.kinds != forTemplates {
		code, cloud, sub = templateAnswer(r)
	}
	if r.code != 0 {
		code = max(r.code, 0)
	}
	if r.cloudCode != 0 {
		cloud = max(r.cloudCode, 0)
	}
	if r.subcode != 0 {
		sub = max(r.subcode, 0)
	}
	if r.review != "" {
		review = r.review
	}
	return code, cloud, sub, review
}

// finish turns the kept reports into sorted, positioned findings,
// applying severity overrides, and adds, for each rule with reports left
// out, one finding saying how many.
func (v *Validator) finish(src string, c *collector, kind Kind) []Finding {
	if len(c.counts) == 0 {
		return nil // A clean payload needs no line index.
	}
	slices.SortStableFunc(c.kept, func(a, b report) int { return a.start - b.start })
	li := newLineIndex(src)
	fs := make([]Finding, 0, len(c.kept))
	for _, r := range c.kept {
		sev := r.rule.Severity
		if r.sev != 0 {
			sev = r.sev
		}
		if s, ok := v.cfg.severity[r.rule.ID]; ok {
			sev = s
		}
		code, cloud, sub, review := answer(r, kind)
		f := Finding{
			Rule: r.rule.ID, Severity: sev, Code: code, CloudCode: cloud, Subcode: sub, Review: review,
			Pointer: r.pointer, Span: li.span(r.start, r.end),
			Message: r.msg, Hint: r.hint, Fix: r.fix,
		}
		for _, rel := range r.related {
			f.Related = append(f.Related, Location{Pointer: rel.pointer, Span: li.span(rel.start, rel.end), Message: rel.msg})
		}
		fs = append(fs, f)
	}
	for _, n := range c.counts {
		if rule := n.rule; n.left > 0 {
			sev := rule.Severity
			if s, ok := v.cfg.severity[rule.ID]; ok {
				sev = s
			}
			end := li.pos(len(src))
			code, cloud, sub, review := answer(report{rule: rule}, kind)
			fs = append(fs, Finding{Rule: rule.ID, Severity: sev, Code: code, CloudCode: cloud, Subcode: sub, Review: review,
				Span:    Span{End: end, Start: Pos{Line: 1, Column: 1}},
				Message: fmt.Sprintf("%d more findings of this rule are not shown", n.left),
				Hint:    "Fix the findings shown and run walint again."})
		}
	}
	sortFindings(fs)
	return fs
}
