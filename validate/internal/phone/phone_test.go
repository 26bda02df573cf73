package phone

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// The oracle: what github.com/nyaruka/phonenumbers, whose metadata the
// table holds, says of the same digits.

func oracleInternational(digits string) bool {
	n, err := phonenumbers.Parse("+"+digits, "")
	return err == nil && phonenumbers.IsValidNumber(n)
}

func oracleNational(digits, region string) (string, bool) {
	n, err := phonenumbers.Parse(digits, region)
	if err != nil || !phonenumbers.IsValidNumberForRegion(n, region) {
		return "", false
	}
	return phonenumbers.Format(n, phonenumbers.E164), true
}

func checkInternational(t *testing.T, digits string) bool {
	t.Helper()
	want := oracleInternational(digits)
	if got := ValidInternational(digits); got != want {
		t.Errorf("ValidInternational(%q) = %v, phonenumbers says %v", digits, got, want)
	}
	return want
}

func checkNational(t *testing.T, digits, region string) bool {
	t.Helper()
	want, wantOK := oracleNational(digits, region)
	if got, ok := National(digits, region); got != want || ok != wantOK {
		t.Errorf("National(%q, %q) = %q, %v; phonenumbers says %q, %v", digits, region, got, ok, want, wantOK)
	}
	return wantOK
}

// examples are libphonenumber's example number of every type of every
// region and non-geographical entity, as E.164 digits without the +.
func examples(t *testing.T) []string {
	t.Helper()
	var out []string
	add := func(n *phonenumbers.PhoneNumber) {
		if n != nil {
			out = append(out, strings.TrimPrefix(phonenumbers.Format(n, phonenumbers.E164), "+"))
		}
	}
	for region := range phonenumbers.GetSupportedRegions() {
		for typ := phonenumbers.FIXED_LINE; typ <= phonenumbers.UNKNOWN; typ++ {
			add(phonenumbers.GetExampleNumberForType(region, typ))
		}
	}
	for cc := range phonenumbers.GetSupportedGlobalNetworkCallingCodes() {
		add(phonenumbers.GetExampleNumberForNonGeoEntity(cc))
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) < 1000 {
		t.Fatalf("only %d example numbers: is the metadata loaded?", len(out))
	}
	return out
}

// variations are digits near a number: each digit changed, one dropped,
// one added, and the start repeated. Most are invalid; some are valid in
// another region; together they walk every branch of the patterns.
func variations(d string) []string {
	var out []string
	for i := range len(d) {
		out = append(out, d[:i]+string('0'+(d[i]-'0'+1)%10)+d[i+1:], d[:i]+d[i+1:])
	}
	for c := byte('0'); c <= '9'; c += 3 {
		out = append(out, d+string(c), string(c)+d)
	}
	return append(out, d[:min(3, len(d))]+d)
}

func TestValidInternationalAgreesWithPhonenumbers(t *testing.T) {
	valid, checked := 0, 0
	for _, d := range examples(t) {
		if checkInternational(t, d) {
			valid++
		}
		checked++
		for _, v := range variations(d) {
			checkInternational(t, v)
			checked++
		}
	}
	// Random digits after a real country code, of every length.
	codes := countryCodes()
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		d := strconv.Itoa(codes[r.IntN(len(codes))]) + randomDigits(r, 1+r.IntN(16))
		checkInternational(t, d)
		checked++
	}
	// The odd ones out: too short, too long, no country code, 0 first.
	for _, d := range []string{"", "1", "12", "123", "0", "00", "0123456789", "999", "99912345678",
		"1234567890123456789", strings.Repeat("9", 300), "4412345678901234567"} {
		checkInternational(t, d)
	}
	t.Logf("%d numbers compared, %d of the examples valid", checked, valid)
	if valid < 1000 {
		t.Errorf("only %d example numbers are valid: the comparison proves little", valid)
	}
}

// TestNationalAgreesWithPhonenumbers dials every region's example numbers,
// cut short or run long, behind the prefixes people type (a trunk 0, 1, 8
// or 9, the country code, an international prefix), in their own region
// and in another.
func TestNationalAgreesWithPhonenumbers(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	regions := regionCodes()
	checked, valid := 0, 0
	for _, region := range regions {
		cc := strconv.Itoa(phonenumbers.GetCountryCodeForRegion(region))
		prefixes := []string{"", "0", "1", "8", "9", cc, cc + "0", cc + "1", "00" + cc, "011" + cc}
		for typ := phonenumbers.FIXED_LINE; typ <= phonenumbers.VOICEMAIL; typ++ {
			n := phonenumbers.GetExampleNumberForType(region, typ)
			if n == nil {
				continue
			}
			nsn := phonenumbers.GetNationalSignificantNumber(n)
			for _, base := range []string{nsn[:len(nsn)-2], nsn[:len(nsn)-1], nsn, nsn + nsn[:1], nsn + nsn[:2]} {
				for _, p := range prefixes {
					if checkNational(t, p+base, region) {
						valid++
					}
					checkNational(t, p+base, regions[r.IntN(len(regions))])
					checked += 2
				}
			}
		}
		for range 20 {
			checkNational(t, randomDigits(r, 2+r.IntN(15)), region)
			checked++
		}
	}
	for _, region := range []string{"", "ZZ", "001", "us", "XX"} {
		checkNational(t, "6502530000", region)
	}
	t.Logf("%d numbers compared in %d regions, %d valid in their own", checked, len(regions), valid)
	if valid < 1000 {
		t.Errorf("only %d numbers are valid in their own region: the comparison proves little", valid)
	}
}

func countryCodes() []int {
	var codes []int
	for cc := range phonenumbers.GetSupportedCallingCodes() {
		codes = append(codes, cc)
	}
	slices.Sort(codes)
	return codes
}

func regionCodes() []string {
	var regions []string
	for r := range phonenumbers.GetSupportedRegions() {
		regions = append(regions, r)
	}
	slices.Sort(regions)
	return regions
}

func randomDigits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

// TestTableCoversEveryRegion: the table has one territory per region and
// non-geographical code that phonenumbers knows, the main region first.
func TestTableCoversEveryRegion(t *testing.T) {
	ix := lookup()
	for _, cc := range countryCodes() {
		want := phonenumbers.GetRegionCodesForCountryCode(cc)
		var got []string
		for _, tr := range ix.byCode[cc] {
			got = append(got, tr.id)
		}
		if !slices.Equal(got, want) {
			t.Errorf("+%d: table has %v, phonenumbers %v", cc, got, want)
		}
	}
	if len(ix.byRegion) != len(phonenumbers.GetSupportedRegions()) {
		t.Errorf("table has %d regions, phonenumbers %d", len(ix.byRegion), len(phonenumbers.GetSupportedRegions()))
	}
}

// TestConcurrentFirstUse: territories compile their patterns on first use,
// from many goroutines at once. It tests that only when it runs first in its
// process, under -race: make test runs it so (go test -race -run Concurrent);
// in a plain go test the comparison tests have compiled every territory.
func TestConcurrentFirstUse(t *testing.T) {
	numbers := []string{"16502530000", "447911123456", "919876543210", "5511987654321", "80012345678", "4930123456"}
	want := make([]bool, len(numbers))
	for i, d := range numbers {
		want[i] = oracleInternational(d)
	}
	errs := make(chan string, 8*len(numbers))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i, d := range numbers {
				if ValidInternational(d) != want[i] {
					errs <- d
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for d := range errs {
		t.Errorf("ValidInternational(%q) != %v when first used concurrently", d, want[slices.Index(numbers, d)])
	}
}

func FuzzAgainstPhonenumbers(f *testing.F) {
	for _, s := range []string{"16502530000", "447911123456", "5215512345678", "0033612345678", "4155551212", "80012345678"} {
		f.Add(s, uint8(0))
	}
	regions := regionCodes()
	f.Fuzz(func(t *testing.T, data string, pick uint8) {
		// A byte that is no digit is read as one, so that no input is wasted.
		if len(data) > 40 {
			return
		}
		b := []byte(data)
		for i, c := range b {
			if c < '0' || c > '9' {
				b[i] = '0' + c%10
			}
		}
		digits := string(b)
		checkInternational(t, digits)
		checkNational(t, digits, regions[int(pick)%len(regions)])
	})
}
