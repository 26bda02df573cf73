// Package phone tells whether digits form a valid phone number, by
// libphonenumber's rules and metadata.
//
// It answers the two questions walint asks of a recipient, exactly as
// github.com/nyaruka/phonenumbers answers them (Parse then IsValidNumber,
// and Parse with a region then IsValidNumberForRegion), from a table
// generated from that module's metadata (table.go). The module itself, with
// its carrier, geocoding and time-zone data and the protobuf runtime, is
// several megabytes that the browser build cannot afford; the table and
// these few functions are a small part of that. The tests compare the two
// on every example number of every region, on variations of them, and on
// random digits; FuzzAgainstPhonenumbers keeps looking.
package phone

//go:generate go test -run ^TestTableCurrent$ -update .

import (
	"regexp"
	"strconv"
	"sync"
)

// territory is one region's (or non-geographical entity's) metadata: the
// parts of libphonenumber's PhoneMetadata that parsing and validation use.
type territory struct {
	id            string // region code, or nonGeoRegion
	cc            int    // country calling code
	intlPrefix    string // the international call prefix, a pattern (00, 011...)
	natPrefix     string // national prefix for parsing, a pattern that may capture
	natTransform  string // replacement for natPrefix's match, when it captures
	leadingDigits string // where a country code is shared, what picks this region
	general       desc   // every number of the territory
	local         []int8 // lengths of numbers that can only be dialled locally
	types         []desc // the number types: mobile first, the type most recipients have

	once sync.Once
	re   *patterns
}

// desc is a number type: a pattern of the national significant number and,
// when given, the lengths it can have.
type desc struct {
	pattern string
	lengths []int8
}

// patterns are a territory's compiled patterns, compiled on first use.
type patterns struct {
	general, natPrefix, intlPrefix, leadingDigits *regexp.Regexp
	types                                         []*regexp.Regexp
}

func (t *territory) compiled() *patterns {
	t.once.Do(func() {
		p := &patterns{
			general:    regexp.MustCompile("^(?:" + t.general.pattern + ")$"),
			intlPrefix: regexp.MustCompile("^(?:" + t.intlPrefix + ")"),
		}
		if t.natPrefix != "" {
			p.natPrefix = regexp.MustCompile("^(?:" + t.natPrefix + ")")
		}
		if t.leadingDigits != "" {
			p.leadingDigits = regexp.MustCompile("^(?:" + t.leadingDigits + ")")
		}
		for _, d := range t.types {
			p.types = append(p.types, regexp.MustCompile("^(?:"+d.pattern+")$"))
		}
		t.re = p
	})
	return t.re
}

// index maps country codes and region codes to territories. A country
// code's territories are in the table's order: its main region first.
type index struct {
	byCode   map[int][]*territory
	byRegion map[string]*territory
}

var lookup = sync.OnceValue(func() *index {
	ix := &index{byCode: map[int][]*territory{}, byRegion: map[string]*territory{}}
	for i := range territories {
		t := &territories[i]
		ix.byCode[t.cc] = append(ix.byCode[t.cc], t)
		if t.id != nonGeoRegion {
			ix.byRegion[t.id] = t
		}
	}
	return ix
})

const (
	minNSN    = 2  // shortest national significant number
	maxNSN    = 17 // longest national significant number
	maxCCLen  = 3  // longest country code
	maxDigits = 250
	// nonGeoRegion is the id of non-geographical entities, such as +800.
	nonGeoRegion = "001"
)

// ValidInternational reports whether digits, a country code and a national
// number without the leading +, form a valid phone number: what
// phonenumbers.IsValidNumber says of phonenumbers.Parse("+"+digits, "").
func ValidInternational(digits string) bool {
	if !allDigits(digits) || len(digits) <= minNSN {
		return false
	}
	ts, nn := splitCountryCode(digits)
	if ts == nil {
		return false
	}
	nn, ok := significant(nn, ts[0])
	if !ok {
		return false
	}
	if len(ts) == 1 {
		return ts[0].valid(nn)
	}
	// Where regions share a country code, the number belongs to the first
	// whose leading digits it starts with or, for regions without leading
	// digits, whose numbers it matches; it is valid only there.
	for _, t := range ts {
		if t.leadingDigits != "" {
			if t.compiled().leadingDigits.MatchString(nn) {
				return t.valid(nn)
			}
		} else if t.valid(nn) {
			return true
		}
	}
	return false
}

// National reads digits as a number dialled in region (a region code such
// as "US") and returns its E.164 form when it is a valid number of that
// region: what phonenumbers.Parse(digits, region),
// phonenumbers.IsValidNumberForRegion and phonenumbers.Format(E164) say.
func National(digits, region string) (e164 string, ok bool) {
	ix := lookup()
	home := ix.byRegion[region]
	if home == nil || !allDigits(digits) || len(digits) < minNSN {
		return "", false
	}
	cc, nn, ok := countryCodeFrom(digits, home)
	if !ok || (cc != 0 && cc != home.cc) {
		return "", false // no number, or another country's
	}
	// Digits with a country code are read by that code's main region, as
	// libphonenumber reads them; digits without one, by region's.
	meta := home
	if cc == 0 {
		nn = digits
	} else {
		meta = ix.byCode[cc][0]
	}
	if nn, ok = significant(nn, meta); !ok || !home.valid(nn) {
		return "", false
	}
	return "+" + strconv.Itoa(home.cc) + nn, true
}

// significant strips a national prefix from nn by t's rules, when it can,
// and reports whether what remains has a national significant number's length.
func significant(nn string, t *territory) (string, bool) {
	if len(nn) < minNSN {
		return "", false
	}
	nn = stripNationalPrefixIfPossible(nn, t)
	return nn, len(nn) >= minNSN && len(nn) <= maxNSN
}

// countryCodeFrom finds a country code in digits dialled in home: after
// home's international call prefix, or home's own code where the digits
// read better without it. It returns 0 when there is none, and !ok when
// digits after an international prefix start with no known code.
func countryCodeFrom(digits string, home *territory) (cc int, nn string, ok bool) {
	re := home.compiled()
	if loc := re.intlPrefix.FindStringIndex(digits); loc != nil {
		// Country codes do not start with 0: digits that do after the
		// prefix are no international number.
		if rest := digits[loc[1]:]; rest == "" || rest[0] != '0' {
			if len(rest) <= minNSN {
				return 0, "", false
			}
			ts, nn := splitCountryCode(rest)
			if ts == nil {
				return 0, "", false
			}
			return ts[0].cc, nn, true
		}
	}
	own := strconv.Itoa(home.cc)
	if len(digits) >= len(own) && digits[:len(own)] == own {
		national := stripNationalPrefix(digits[len(own):], home)
		if (!re.general.MatchString(digits) && re.general.MatchString(national)) || home.lengthFit(digits) == tooLong {
			return home.cc, national, true
		}
	}
	return 0, "", true
}

// splitCountryCode splits digits into a known country code of one to three
// digits, given as its territories, and the rest; ts is nil when there is
// no such code.
func splitCountryCode(digits string) (ts []*territory, rest string) {
	if digits == "" || digits[0] == '0' {
		return nil, ""
	}
	ix := lookup()
	for n := 1; n <= maxCCLen && n <= len(digits); n++ {
		c, _ := strconv.Atoi(digits[:n])
		if ts, ok := ix.byCode[c]; ok {
			return ts, digits[n:]
		}
	}
	return nil, ""
}

// stripNationalPrefixIfPossible removes a national (trunk) prefix from nn
// when what remains has a length the territory's numbers can have.
func stripNationalPrefixIfPossible(nn string, t *territory) string {
	stripped := stripNationalPrefix(nn, t)
	switch t.lengthFit(stripped) {
	case tooShort, localOnly, badLength:
		return nn
	}
	return stripped
}

// stripNationalPrefix removes a national prefix (and the carrier code it
// may carry) from the start of nn, or rewrites it by the territory's
// transform rule, unless that turns a number of the territory's pattern
// into one that is not.
func stripNationalPrefix(nn string, t *territory) string {
	re := t.compiled()
	if nn == "" || re.natPrefix == nil {
		return nn
	}
	m := re.natPrefix.FindStringSubmatchIndex(nn)
	if m == nil {
		return nn
	}
	viable := re.general.MatchString(nn)
	var out string
	if last := len(m)/2 - 1; t.natTransform == "" || m[2*last] < 0 {
		out = nn[m[1]:]
	} else {
		out = re.natPrefix.ReplaceAllString(nn, t.natTransform)
	}
	if viable && !re.general.MatchString(out) {
		return nn
	}
	return out
}

type lengthFit int

const (
	possible lengthFit = iota
	tooShort
	tooLong
	localOnly
	badLength
)

// lengthFit compares the length of nn with the lengths of the territory's numbers.
func (t *territory) lengthFit(nn string) lengthFit {
	ls := t.general.lengths
	if ls[0] == -1 {
		return badLength
	}
	n := len(nn)
	for _, l := range t.local {
		if int(l) == n {
			return localOnly
		}
	}
	switch {
	case int(ls[0]) == n:
		return possible
	case int(ls[0]) > n:
		return tooShort
	case int(ls[len(ls)-1]) < n:
		return tooLong
	}
	for _, l := range ls[1:] {
		if int(l) == n {
			return possible
		}
	}
	return badLength
}

// valid reports whether nn, a national significant number, is a number of
// some type in the territory.
func (t *territory) valid(nn string) bool {
	re := t.compiled()
	if !t.general.fits(nn) || !re.general.MatchString(nn) {
		return false
	}
	for i, d := range t.types {
		if d.fits(nn) && re.types[i].MatchString(nn) {
			return true
		}
	}
	return false
}

// fits reports whether nn has one of the description's lengths, when it gives any.
func (d desc) fits(nn string) bool {
	if len(d.lengths) == 0 {
		return true
	}
	for _, l := range d.lengths {
		if int(l) == len(nn) {
			return true
		}
	}
	return false
}

func allDigits(s string) bool {
	if len(s) > maxDigits {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
