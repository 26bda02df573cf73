package bench

import (
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestPhonesValid: every number a market gives is a valid mobile number of
// its region for libphonenumber's metadata, in E.164 and in display form.
func TestPhonesValid(t *testing.T) {
	r := newRNG(1, 0)
	for _, m := range markets {
		for range 500 {
			p := phone{m.v, m.v.national(r), false}
			for _, s := range []string{p.e164(), p.display()} {
				n, err := phonenumbers.Parse(s, "")
				if err != nil || !phonenumbers.IsValidNumber(n) {
					t.Errorf("%s: %q is not a valid number (%v)", m.v.region, s, err)
				} else if typ := phonenumbers.GetNumberType(n); typ != phonenumbers.MOBILE && typ != phonenumbers.FIXED_LINE_OR_MOBILE {
					t.Errorf("%s: %q is a valid number, but not a mobile one (type %v)", m.v.region, s, typ)
				}
			}
		}
	}
}
