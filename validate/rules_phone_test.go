package validate

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestPhoneCacheGenerations: a number in use is never dropped, not even for
// a moment when a generation fills up (a cache that simply clears itself
// would drop it then), and the cache stays bounded.
func TestPhoneCacheGenerations(t *testing.T) {
	c := &phoneCache{cur: map[string]numberFacts{}}
	hot := "+16505551234"
	want := c.analyse(hot)
	for i := 0; i < 3*phoneCacheSize; i++ {
		c.analyse(fmt.Sprintf("+1650555%04d", i%10000))
		if i%1000 == 0 {
			c.analyse(hot) // in use: promoted into each new generation
		}
		c.mu.Lock()
		_, inCur := c.cur[hot]
		_, inOld := c.old[hot]
		size := len(c.cur) + len(c.old)
		c.mu.Unlock()
		if !inCur && !inOld {
			t.Fatalf("after %d numbers the number in use was dropped", i+1)
		}
		if size > 2*phoneCacheSize {
			t.Fatalf("cache holds %d entries, over twice its size", size)
		}
	}
	if got := c.analyse(hot); got != want {
		t.Errorf("cached facts %+v, want %+v", got, want)
	}
}

// TestPhoneCacheBytesBounded: unique huge recipients, from a broken or
// hostile sender, cannot grow the cache past its byte budget, however many
// arrive. The strings its maps hold, counted here by walking them, stay
// under two generations' budget, and the cache's own count agrees.
func TestPhoneCacheBytesBounded(t *testing.T) {
	v := mustNew(t)
	c := v.cfg.phones
	held := func() (bytes, longest int) {
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, m := range []map[string]numberFacts{c.cur, c.old} {
			for raw, f := range m {
				bytes += entrySize(raw, f)
				longest = max(longest, len(raw))
			}
		}
		return bytes, longest
	}
	check := func(after string) {
		t.Helper()
		bytes, longest := held()
		if bytes > 2*phoneCacheBytes || longest > maxCachedRecipient {
			t.Fatalf("after %s the cache holds %d bytes of strings (bound %d), the longest key %d bytes (bound %d)",
				after, bytes, 2*phoneCacheBytes, longest, maxCachedRecipient)
		}
		if got := c.size(); got != bytes {
			t.Fatalf("after %s the cache counts %d bytes but holds %d", after, got, bytes)
		}
	}

	// 64 payloads with a unique 256 KiB recipient each: 16 MiB of "to"
	// values, which an entry-bounded cache would keep twice over (the key
	// and its E.164 form).
	digits := strings.Repeat("5", 256<<10)
	for i := range 64 {
		payload := fmt.Sprintf(`{"messaging_product":"whatsapp","to":"+%d%s","type":"text","text":{"body":"x"}}`, i, digits)
		rep := v.Validate(context.Background(), []byte(payload))
		if len(rep.Findings) == 0 {
			t.Fatalf("a %d-byte recipient gave no finding", len(digits))
		}
	}
	check("64 unique 256 KiB recipients")

	// Unique recipients of exactly the longest cached length fill a
	// generation by bytes before they fill it by count.
	hot := "+16505551234"
	want := c.analyse(hot)
	for i := range 3 * phoneCacheSize {
		c.analyse(fmt.Sprintf("+%063d", i))
		if i%500 == 0 {
			c.analyse(hot) // in use: promoted into each new generation
		}
	}
	check(fmt.Sprintf("%d unique %d-byte recipients", 3*phoneCacheSize, maxCachedRecipient))
	c.mu.Lock()
	_, inCur := c.cur[hot]
	_, inOld := c.old[hot]
	c.mu.Unlock()
	if !inCur && !inOld {
		t.Errorf("the number in use was dropped")
	}
	if got := c.analyse(hot); got != want {
		t.Errorf("cached facts %+v, want %+v", got, want)
	}
}

// TestMaskedNumberIsNoExtension: digits hidden behind x or * are a masked
// number, reported as such, while one marker followed by digits is an
// extension.
func TestMaskedNumberIsNoExtension(t *testing.T) {
	tests := []struct {
		raw               string
		masked, extension bool
	}{
		{"91xxxxxxxxxx", true, false},
		{"+91 98XXX XX123", true, false},
		{"+91 98******21", true, false},
		{"+1 650 555 1234 x205", false, true},
		{"+16505551234x205", false, true},
		{"+1 650-555-1234 ext. 205", false, true},
		{"+16505551234", false, false},
	}
	for _, tt := range tests {
		f := analyseNumber(tt.raw)
		if f.masked != tt.masked || f.extension != tt.extension {
			t.Errorf("analyseNumber(%q): masked %v, extension %v; want %v, %v", tt.raw, f.masked, f.extension, tt.masked, tt.extension)
		}
	}
}
