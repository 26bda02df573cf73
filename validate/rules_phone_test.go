package validate

import (
	"fmt"
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
