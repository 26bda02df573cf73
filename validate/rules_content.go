package validate

import "time"

var ruleContactBirthday = &Rule{
	ID: "contact-birthday", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a contact's birthday is not a real date",
	Doc: "A contact card's `birthday` is a date written YYYY-MM-DD. The schema checks the form; this rule checks the\n" +
		"date exists (no 2023-02-30, no month 13). WhatsApp refuses an impossible date with \"(#131009) Parameter value\n" +
		"is not valid\".",
	check: checkContactBirthday,
}

func checkContactBirthday(p *pass) {
	for _, c := range p.root.Get("contacts").Elems() {
		b := c.Get("birthday")
		s, ok := b.Str()
		if !ok || len(s) != 10 || s[4] != '-' || s[7] != '-' {
			continue // The schema reports the form.
		}
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			p.Reportf(b, "Give a date that exists, written YYYY-MM-DD.", "birthday %q is not a real date", s)
		}
	}
}

var ruleReactionEmoji = &Rule{
	ID: "reaction-emoji", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a reaction is not a single emoji",
	Doc: "A reaction's `emoji` is exactly one emoji (with its skin tone, variation selector, or joined sequence such\n" +
		"as 👩‍💻 or a flag), or the empty string to remove a reaction. Text, two emoji, or a shortcode such as\n" +
		"`:thumbsup:` is refused with \"(#131009) Parameter value is not valid\".",
	check: checkReactionEmoji,
}

func checkReactionEmoji(p *pass) {
	e := p.root.Path("reaction", "emoji")
	s, ok := e.Str()
	if !ok || s == "" || isSingleEmoji(s) {
		return
	}
	p.Reportf(e, `Give one emoji, such as "👍", or "" to remove the reaction.`, "reaction %q is not a single emoji", truncate(s, 20))
}

// isSingleEmoji reports whether s is one emoji: a base emoji with optional
// modifiers, variation selectors and tags, ZWJ-joined sequences of those, a
// flag of two regional indicators, or a keycap.
func isSingleEmoji(s string) bool {
	rs := []rune(s)
	if len(rs) == 0 || len(rs) > 32 {
		return false
	}
	// Keycap: [0-9#*] FE0F? 20E3.
	if (rs[0] >= '0' && rs[0] <= '9' || rs[0] == '#' || rs[0] == '*') && len(rs) >= 2 {
		rest := rs[1:]
		if rest[0] == 0xFE0F {
			rest = rest[1:]
		}
		return len(rest) == 1 && rest[0] == 0x20E3
	}
	// Flag: two regional indicators.
	if isRegional(rs[0]) {
		return len(rs) == 2 && isRegional(rs[1])
	}
	expectBase := true
	for _, r := range rs {
		switch {
		case expectBase:
			if !isEmojiBase(r) {
				return false
			}
			expectBase = false
		case r == 0x200D: // zero-width joiner: another base follows
			expectBase = true
		case r == 0xFE0F || r == 0xFE0E || r >= 0x1F3FB && r <= 0x1F3FF || r >= 0xE0020 && r <= 0xE007F:
			// variation selector, skin tone, tag
		default:
			return false
		}
	}
	return !expectBase
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// isEmojiBase reports whether r can start an emoji: the emoji blocks, and the
// older symbols (©, ™, ☀, ❤...) that are emoji with a variation selector.
func isEmojiBase(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF, r >= 0x2300 && r <= 0x23FF,
		r >= 0x2B00 && r <= 0x2BFF, r >= 0x2190 && r <= 0x21FF, r >= 0x25A0 && r <= 0x25FF,
		r == 0x00A9, r == 0x00AE, r == 0x203C, r == 0x2049, r == 0x2122, r == 0x2139, r == 0x3030, r == 0x303D,
		r == 0x3297, r == 0x3299, r == 0x2934, r == 0x2935, r == 0x24C2:
		return true
	}
	return false
}
