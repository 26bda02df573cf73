package bench

import "strings"

// A market is a country whose mobile numbers the corpus sends to, weighted
// roughly by WhatsApp Business traffic. national gives the significant
// national number (without country code or trunk prefix); every number it
// gives is a valid mobile number for libphonenumber's metadata (as
// github.com/nyaruka/phonenumbers, from which walint's table is generated,
// and libphonenumber-js/max have it), which TestPhonesValid checks.
type market struct {
	region   string
	cc       string
	trunk    string // the national trunk prefix, dialled before the national number at home
	national func(r *rng) string
}

var markets = []weighted[market]{
	{22, market{"IN", "91", "0", func(r *rng) string { return pick(r, []string{"98", "99", "97", "90", "94", "70", "93"}) + r.digits(8) }}},
	{14, market{"BR", "55", "0", func(r *rng) string {
		return pick(r, []string{"11", "21", "31", "41", "51", "61", "71", "81"}) + "9" + pick(r, []string{"6", "7", "8", "9"}) + r.digits(7)
	}}},
	{10, market{"ID", "62", "0", func(r *rng) string {
		return pick(r, []string{"812", "813", "821", "822", "852", "857", "878"}) + r.digits(r.between(7, 8))
	}}},
	{10, market{"MX", "52", "", func(r *rng) string { return pick(r, []string{"55", "33", "81"}) + r.digitIn(1, 9) + r.digits(7) }}},
	{10, market{"US", "1", "", func(r *rng) string {
		return pick(r, []string{"201", "212", "305", "312", "415", "512", "617", "646", "650", "702", "713", "718", "917"}) +
			r.digitIn(2, 9) + r.digits(2) + r.digitIn(1, 9) + r.digits(3)
	}}},
	{6, market{"GB", "44", "0", func(r *rng) string {
		return pick(r, []string{"745", "747", "748", "750", "752", "753", "754", "757", "759", "780", "783", "786", "787", "795", "796", "798"}) + r.digits(7)
	}}},
	{6, market{"DE", "49", "0", func(r *rng) string { return pick(r, []string{"151", "152", "157", "176", "162", "172"}) + r.digits(8) }}},
	{5, market{"NG", "234", "0", func(r *rng) string {
		return pick(r, []string{"803", "806", "813", "816", "703", "706", "810"}) + r.digits(7)
	}}},
	{4, market{"ES", "34", "", func(r *rng) string { return "6" + r.digits(8) }}},
	{4, market{"IT", "39", "", func(r *rng) string { return pick(r, []string{"320", "333", "347", "380", "393"}) + r.digits(7) }}},
	{3, market{"ZA", "27", "0", func(r *rng) string { return pick(r, []string{"82", "83", "72", "73", "76", "79"}) + r.digits(7) }}},
	{3, market{"TR", "90", "0", func(r *rng) string { return pick(r, []string{"532", "533", "542", "505", "555"}) + r.digits(7) }}},
	{3, market{"SG", "65", "", func(r *rng) string { return pick(r, []string{"81", "83", "87", "90", "91", "96", "97"}) + r.digits(6) }}},
}

// phone is one generated recipient: its market and national number.
type phone struct {
	m        market
	national string
	bare     bool // the sender's records keep this number without the plus
}

// newPhone draws a recipient, in the given region when it is not "".
func newPhone(r *rng, region string) phone {
	if region != "" {
		for _, m := range markets {
			if m.v.region == region {
				return phone{m.v, m.v.national(r), r.chance(0.25)}
			}
		}
	}
	m := pickWeighted(r, markets)
	return phone{m, m.national(r), r.chance(0.25)}
}

// e164 is the canonical form, such as +919876543210.
func (p phone) e164() string { return "+" + p.m.cc + p.national }

// digitsOnly is the form of Meta's own examples: no plus.
func (p phone) digitsOnly() string { return p.m.cc + p.national }

// to writes the number the way the sender's records have it: mostly E.164,
// for one number in four the bare digits of Meta's examples. A number is
// always written the same way, as it comes from the same record.
func (p phone) to() string {
	if p.bare {
		return p.digitsOnly()
	}
	return p.e164()
}

// display writes the number for people, as in a contact card.
func (p phone) display() string {
	n := p.national
	var b strings.Builder
	b.WriteString("+" + p.m.cc)
	for i := 0; i < len(n); i += 3 {
		b.WriteByte(' ')
		b.WriteString(n[i:min(i+3, len(n))])
	}
	return b.String()
}
