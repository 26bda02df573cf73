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
