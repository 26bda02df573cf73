package validate

import (
	"fmt"
	"strings"
	"sync"

	"github.com/walint/walint/validate/internal/jsontree"
	"github.com/walint/walint/validate/internal/phone"
)

// The recipient rules check "to" of a Cloud payload sent to an individual.
// They skip groups (the id is no phone number), "recipient" (a
// business-scoped user id), and the v1 dialect, where "to" is a wa_id.

var ruleRecipientInvalid = &Rule{
	ID: "recipient-invalid", Severity: SeverityError, Certainty: CertaintyObserved, Code: 131026, CloudCode: 131026,
	Summary: `"to" is not a phone number that exists`,
	Doc: "The recipient must be a real phone number in international form. walint checks it by libphonenumber's rules\n" +
		"and metadata (as github.com/nyaruka/phonenumbers gives them): letters, extensions, and digits that form no\n" +
		"valid number of any country are errors. WhatsApp may accept the request and report the failure later as 131026 (\"Message\n" +
		"Undeliverable\"), or refuse it at once with \"(#100) Invalid parameter\". The message says when the letters look\n" +
		"like a masked number copied from a log (`91xxxxxxxxxx`, `+91 98******21`) or a placeholder left unfilled\n" +
		"(`{{customer_phone}}`, `<PHONE_NUMBER>`); a single `x`, `ext` or `#` followed by digits is an extension.",
	check: checkRecipientInvalid,
}

var ruleRecipientIntlPrefix = &Rule{
	ID: "recipient-intl-prefix", Severity: SeverityError, Certainty: CertaintyObserved, Code: 400, CloudCode: 100,
	Summary: `"to" starts with the 00 international call prefix instead of +`,
	Doc: "`0033612345678` is how a French number is dialled from a European phone, not how it is written in\n" +
		"international form. WhatsApp refuses it with \"(#100) Invalid parameter\", naming no field: a real refusal of\n" +
		"such a send, posted with its request body, is the evidence, so the rule is certain by observation and predicts\n" +
		"code 100. Spaces or dashes in it (`00 44 7911 123456`) change nothing, and neither does a + written before the\n" +
		"00 (`+0044…`): no country code starts with 0. Replace the 00 with + (the fix, when the rest is a valid number;\n" +
		"otherwise the hint asks to check the digits too).",
	check: checkRecipientIntlPrefix,
}

var ruleRecipientCountryCode = &Rule{
	ID: "recipient-country-code", Severity: SeverityError, Certainty: CertaintyObserved,
	Summary: `"to" has no country code`,
	Doc: "WhatsApp reads the digits of `to` as an international number. A national number such as `4155551212`\n" +
		"(San Francisco) is read as +41 55 555 12 12, in Switzerland: when that happens to be a valid number the message\n" +
		"is accepted and delivered to a stranger, with no error at all. walint flags digits that are no valid\n" +
		"international number but are a valid national number of a large market, and numbers that start with a\n" +
		"national trunk prefix 0. Add the country code.",
	check: checkRecipientCountryCode,
}

var ruleRecipientE164 = &Rule{
	ID: "recipient-e164", Severity: SeverityWarning, Certainty: CertaintyDocumented,
	Summary: `"to" is a valid number but not in canonical E.164 form`,
	Doc: "The + matters. Meta's phone-number-format section says that when `to` has no leading +, WhatsApp may\n" +
		"prepend the country calling code of the business's own phone number: `4915123456789` sent from an Indian\n" +
		"business number can be read as +91 4915123456789, a wrong recipient or none, not just a matter of style. Meta's\n" +
		"own examples omit the +, and most such sends arrive, so this is a warning rather than an error; the certainty is\n" +
		"that of Meta's documented note. Spaces, dashes and parentheses are tolerated; they are flagged with the + so\n" +
		"that numbers are kept in one form that compares, deduplicates and logs reliably. The fix gives the E.164 form:\n" +
		"+ and the digits, such as `+16505551234`.",
	check: checkRecipientE164,
}

// nationalRegions are the regions tried when digits without a country code
// might be a national number: the largest WhatsApp markets.
var nationalRegions = []string{"US", "IN", "BR", "ID", "MX", "GB", "DE", "NG", "PK", "IT", "ES", "FR", "TR", "ZA", "AR", "CO"}

// recipient returns the "to" node and what is known about its number, or
// nil when the recipient rules do not apply. It is computed once per pass
// and shared by the four recipient rules.
func recipient(p *pass) (*jsontree.Node, *numberFacts) {
	if p.to.done {
		return p.to.node, p.to.facts
	}
	p.to.done = true
	if p.dialect != DialectCloud || p.msgType == "status" {
		return nil, nil
	}
	if rt, _ := p.root.Get("recipient_type").Str(); rt == "group" {
		return nil, nil
	}
	to := p.root.Get("to")
	raw, ok := to.Str()
	if !ok || raw == "" {
		return nil, nil // The schema pass reports a missing or mistyped "to".
	}
	p.to.f = p.cfg.phones.analyse(raw)
	p.to.node, p.to.facts = to, &p.to.f
	return to, p.to.facts
}

func checkRecipientInvalid(p *pass) {
	to, f := recipient(p)
	switch {
	case f == nil:
	case f.masked:
		p.Reportf(to, "Send to the customer's full number; a masked copy from a log or a screen reaches nobody.",
			"recipient %q contains letters or * where digits belong: it looks like a masked number, not a phone number", to.Text)
	case f.letters && (hasPlaceholder(to.Text) || isUpperName(strings.TrimSpace(to.Text))):
		p.Reportf(to, "Fill in the recipient's phone number in international form, such as +16505551234, before sending.",
			"recipient %q contains letters: it looks like a placeholder left unfilled, not a phone number", to.Text)
	case f.letters:
		p.Reportf(to, "Give the recipient's phone number in international form, such as +16505551234.",
			"recipient %q contains letters; expected a phone number", to.Text)
	case f.extension:
		p.Reportf(to, "Remove the extension; WhatsApp numbers are mobile numbers without extensions.",
			"recipient %q has an extension", to.Text)
	case !f.valid && !f.intlPrefix && !f.trunkZero && f.nationalIn == "":
		p.Reportf(to, "Check the digits and the country code.", "recipient %q is not a valid phone number for any country", to.Text)
	}
}

func checkRecipientIntlPrefix(p *pass) {
	to, f := recipient(p)
	if f == nil || !f.intlPrefix {
		return
	}
	msg := "recipient %q starts with the 00 call prefix; write + and the country code instead"
	if f.valid {
		p.ReportFix(to, f.e164, fmt.Sprintf("Write %s.", f.e164), msg, to.Text)
		return
	}
	p.Reportf(to, "Write + and the country code instead of 00, and check the digits: they form no valid number.", msg, to.Text)
}

func checkRecipientCountryCode(p *pass) {
	to, f := recipient(p)
	switch {
	case f == nil:
	case f.trunkZero:
		p.Reportf(to, "Write the number with + and its country code, without the national 0, such as +447911123456.",
			"recipient %q starts with a national 0 and has no country code", to.Text)
	case !f.valid && f.nationalIn != "":
		p.Reportf(to, fmt.Sprintf("Add the country code: as a number of %s it would be %s.", f.nationalIn, f.nationalE164),
			"recipient %q has no country code: read as %s it is no valid number, but it is a valid national number of %s", to.Text, f.e164, f.nationalIn)
	}
}

func checkRecipientE164(p *pass) {
	to, f := recipient(p)
	if f == nil || !f.valid || f.intlPrefix || to.Text == f.e164 {
		return
	}
	if !strings.HasPrefix(strings.TrimSpace(to.Text), "+") {
		p.ReportFix(to, f.e164, fmt.Sprintf("Write %s; without the + WhatsApp may prepend the business number's own country code.", f.e164),
			"recipient %q has no leading +; expected %q", to.Text, f.e164)
		return
	}
	p.ReportFix(to, f.e164, fmt.Sprintf("Write %s.", f.e164), "recipient %q is not in E.164 form; expected %q", to.Text, f.e164)
}

// phoneCache remembers analyseNumber's results: matching a number against
// its region's patterns is much of the cost of validating a text message, and a send pipeline sends to
// the same numbers again and again. It keeps two generations, so that when
// the current one fills up the numbers in use survive into the next: a
// working set a little over the size is still mostly hits.
//
// A generation is full at phoneCacheSize entries or phoneCacheBytes bytes of
// strings, whichever comes first, so that what the cache holds is bounded in
// bytes, not only in entries: a million unique megabyte "to" values must not
// become gigabytes of live heap. A recipient longer than maxCachedRecipient is
// not cached at all; no phone number is that long, and caching it would only
// push the real numbers out.
type phoneCache struct {
	mu       sync.Mutex
	cur, old map[string]numberFacts
	// curBytes and oldBytes are the bytes of the strings in cur and old,
	// as entrySize counts them.
	curBytes, oldBytes int
}

const (
	// phoneCacheSize is the most entries a generation holds.
	phoneCacheSize = 4096
	// phoneCacheBytes is the most bytes of strings a generation holds. Real
	// numbers take 20 to 60 bytes an entry (the string, its E.164 form and
	// perhaps a national reading), so a generation of them fills up by
	// count first; only longer strings fill it by bytes.
	phoneCacheBytes = 256 << 10
	// maxCachedRecipient is the longest recipient string cached. An E.164
	// number has at most 15 digits; with a +, spaces, dashes and
	// parentheses it still stays far below this.
	maxCachedRecipient = 64
)

func (c *phoneCache) analyse(raw string) numberFacts {
	if c == nil || len(raw) > maxCachedRecipient {
		return analyseNumber(raw)
	}
	c.mu.Lock()
	f, ok := c.cur[raw]
	if !ok {
		if f, ok = c.old[raw]; ok {
			c.put(raw, f)
		}
	}
	c.mu.Unlock()
	if ok {
		return f
	}
	f = analyseNumber(raw)
	c.mu.Lock()
	c.put(raw, f)
	c.mu.Unlock()
	return f
}

// put stores a result in the current generation, starting a new one when
// it is full. The caller holds c.mu.
func (c *phoneCache) put(raw string, f numberFacts) {
	if _, ok := c.cur[raw]; ok {
		return // Another goroutine analysed it meanwhile; count it once.
	}
	size := entrySize(raw, f)
	if len(c.cur) >= phoneCacheSize || c.curBytes+size > phoneCacheBytes {
		c.old, c.cur = c.cur, make(map[string]numberFacts, phoneCacheSize)
		c.oldBytes, c.curBytes = c.curBytes, 0
	}
	c.cur[strings.Clone(raw)] = f
	c.curBytes += size
}

// entrySize is the bytes of the strings a cache entry holds: the key and
// the strings of its facts.
func entrySize(raw string, f numberFacts) int {
	return len(raw) + len(f.e164) + len(f.nationalIn) + len(f.nationalE164)
}

// size returns the bytes of strings the cache holds, both generations.
func (c *phoneCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.curBytes + c.oldBytes
}

// numberFacts is what analyseNumber learnt about a recipient string.
type numberFacts struct {
	letters, masked, extension, intlPrefix, trunkZero bool
	valid                                             bool   // the digits form a valid international number
	e164                                              string // "+" and the digits (after a 00 prefix, without it)
	nationalIn, nationalE164                          string // a region where the digits are a valid national number
}

func analyseNumber(raw string) numberFacts {
	var f numberFacts
	s := strings.TrimSpace(raw)
	// Digits hidden behind x or * ("91xxxxxxxxxx") are a masked copy of a
	// number, not an extension: an extension has one marker, then digits.
	if strings.Count(s, "x")+strings.Count(s, "X")+strings.Count(s, "*") >= 2 {
		f.letters, f.masked = true, true
		return f
	}
	lower := strings.ToLower(s)
	if strings.Contains(lower, "ext") || strings.Contains(lower, ";") || strings.ContainsAny(lower, "x#*") {
		f.extension = true
		return f
	}
	var digits strings.Builder
	plus := false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '+' && i == 0:
			plus = true
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '.' || r == '/' || r == '\u00A0':
		default:
			f.letters = true
			return f
		}
	}
	ds := digits.String()
	// "+0044…" is the 00 prefix with a + written in front as well: no
	// country code starts with 0, so it is the same mistake.
	if strings.HasPrefix(ds, "00") {
		f.intlPrefix = true
		ds = ds[2:]
	} else if !plus && strings.HasPrefix(ds, "0") {
		f.trunkZero = true
		return f
	}
	f.e164 = "+" + ds
	f.valid = validInternational(f.e164)
	if !f.valid && !plus && !f.intlPrefix {
		for _, region := range nationalRegions {
			if e164, ok := phone.National(ds, region); ok {
				f.nationalIn, f.nationalE164 = region, e164
				break
			}
		}
	}
	return f
}

// validInternational reports whether e164 ("+" and digits) is a valid
// number. Mexican mobile numbers keep the "1" after +52 in WhatsApp ids
// although Mexico dropped it from dialling in 2019; they are valid too.
func validInternational(e164 string) bool {
	if len(e164) > 17 {
		return false
	}
	if phone.ValidInternational(e164[1:]) {
		return true
	}
	if strings.HasPrefix(e164, "+521") && len(e164) == 14 {
		return validInternational("+52" + e164[4:])
	}
	return false
}

var ruleRecipientIsSender = &Rule{
	ID: "recipient-is-sender", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 0, CloudCode: 131021,
	Summary: "the message is addressed to the business's own number",
	Doc: "A business cannot message its own WhatsApp number: the Cloud API refuses it with \"(#131021) Recipient\n" +
		"cannot be sender\". walint checks this when it knows the sender (the library's WithSender option, the CLI's\n" +
		"configuration); a test payload addressed to the test number itself is the usual cause.",
	check: checkRecipientIsSender,
}

func checkRecipientIsSender(p *pass) {
	to, f := recipient(p)
	if f == nil || !f.valid || p.cfg.sender == "" {
		return
	}
	if sf := p.cfg.phones.analyse(p.cfg.sender); sf.valid && sf.e164 == f.e164 {
		p.Reportf(to, "Address the message to a customer's number; the sender cannot message itself.",
			"recipient %q is the sender's own number", to.Text)
	}
}

var ruleRecipientWaIDDiffers = &Rule{
	ID: "recipient-wa-id-differs", Severity: SeverityInfo, Certainty: CertaintyObserved,
	Summary: "the recipient's WhatsApp id is known to differ from the dialled number",
	Doc: "In a few countries the WhatsApp id (wa_id) that webhooks report is not the number as dialled: Mexican mobile\n" +
		"numbers carry a 1 after +52 in their wa_id (+521...), Argentine mobiles a 9 after +54 (+549...), and Brazilian\n" +
		"mobiles may be reported without the ninth digit. Sending works either way, but matching webhook replies to\n" +
		"the number you stored fails unless you normalise both. This is information, not a fault.",
	check: checkRecipientWaIDDiffers,
}

func checkRecipientWaIDDiffers(p *pass) {
	to, f := recipient(p)
	if f == nil || !f.valid {
		return
	}
	d := f.e164
	var note string
	switch {
	case len(d) == 13 && len(d) > 3 && d[:3] == "+52":
		note = "Mexican mobile: webhooks report the wa_id as +521 followed by the 10 digits"
	case len(d) == 14 && d[:4] == "+521":
		note = "Mexican number in the old +521 form: WhatsApp ids keep it, dialling plans dropped it in 2019"
	case d[:3] == "+54" && (len(d) == 13 && d[3] != '9'):
		note = "Argentine number: mobile wa_ids carry a 9 after +54 (+549...)"
	case d[:3] == "+55" && len(d) == 14 && d[5] == '9':
		note = "Brazilian mobile with the ninth digit: webhooks may report the wa_id without it"
	default:
		return
	}
	p.Reportf(to, "Store numbers in one normalised form and compare webhook wa_ids with the same normalisation.",
		"recipient %q: %s", to.Text, note)
}
