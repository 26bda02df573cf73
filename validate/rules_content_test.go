package validate

import (
	"fmt"
	"testing"
)

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

// TestPhoneCacheGenerations: numbers in use survive a full generation, and
// the cache stays bounded.
func TestPhoneCacheGenerations(t *testing.T) {
	c := &phoneCache{cur: map[string]numberFacts{}}
	hot := "+16505551234"
	want := c.analyse(hot)
	for i := 0; i < 3*phoneCacheSize; i++ {
		c.analyse(fmt.Sprintf("+1650555%04d", i%10000))
		if i%1000 == 0 {
			c.analyse(hot) // in use: promoted into each new generation
		}
	}
	c.mu.Lock()
	_, inCur := c.cur[hot]
	_, inOld := c.old[hot]
	size := len(c.cur) + len(c.old)
	c.mu.Unlock()
	if !inCur && !inOld {
		t.Error("a number in use was dropped")
	}
	if size > 2*phoneCacheSize {
		t.Errorf("cache holds %d entries, over twice its size", size)
	}
	if got := c.analyse(hot); got != want {
		t.Errorf("cached facts %+v, want %+v", got, want)
	}
}
