package validate

import "testing"

func TestIsSingleEmoji(t *testing.T) {
	for s, want := range map[string]bool{
		"😀": true, "👍🏽": true, "❤️": true, "❤": true, "👩‍💻": true, "👨‍👩‍👧‍👦": true, "🇧🇷": true, "1️⃣": true, "#⃣": true,
		"🏳️‍🌈": true, "©️": true,
		"": false, "a": false, "😀😀": false, ":thumbsup:": false, "👍 ": false, "🇧": false, "1": false, "‍😀": false, "😀‍": false, "\uFFFD": false, "Ⓜ️": true,
	} {
		if got := isSingleEmoji(s); got != want {
			t.Errorf("isSingleEmoji(%q) = %v, want %v", s, got, want)
		}
	}
}
