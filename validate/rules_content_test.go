package validate

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/walint/walint/validate/internal/jsontree"
)

func TestIsSingleEmoji(t *testing.T) {
	for s, want := range map[string]bool{
		"😀": true, "👍🏽": true, "❤️": true, "❤": true, "👩‍💻": true, "👨‍👩‍👧‍👦": true, "🇧🇷": true, "1️⃣": true, "#⃣": true,
		"🏳️‍🌈": true, "©️": true,
		"": false, "a": false, "😀😀": false, ":thumbsup:": false, "👍 ": false, "🇧": false, "1": false, "\u200d😀": false, "😀\u200d": false, "\uFFFD": false, "Ⓜ️": true,
	} {
		if got := isSingleEmoji(s); got != want {
			t.Errorf("isSingleEmoji(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestIsJSONNumber holds the hand-written number grammar to encoding/json's
// reading of the same text into a json.Number.
func TestIsJSONNumber(t *testing.T) {
	ref := func(s string) bool {
		if s == "" || len(s) > jsontree.MaxNumberLen || !(s[0] == '-' || s[0] >= '0' && s[0] <= '9') {
			return false
		}
		var v json.Number
		return json.Unmarshal([]byte(s), &v) == nil
	}
	cases := []string{"", "0", "-0", "00", "01", "1", "-", "-a", "1.", "1.5", ".5", "1e5", "1E+5", "1e-", "1e", "-1.25e-10",
		"12 ", "12\n", "12 3", "1_000", "0x10", "+1", "1.2.3", "١٢", "9999999999999999999999", "0.0e0", "-0.", "3\t", "3 \r\n"}
	chars := "0123456789-+.eE x"
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		b := make([]byte, r.IntN(8))
		for i := range b {
			b[i] = chars[r.IntN(len(chars))]
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		if got, want := isJSONNumber(s), ref(s); got != want {
			t.Errorf("isJSONNumber(%q) = %v, encoding/json says %v", s, got, want)
		}
	}
}
