//go:build js && wasm

package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// TestCollectPaced: from the first exported call on, the calls collect on
// their budget with GOGC off and a memory limit as the backstop, and the
// reports stay the same across collections.
func TestCollectPaced(t *testing.T) {
	calls = exportCalls{c: newChecker()}
	t.Cleanup(func() {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	})
	src := `{"messaging_product":"whatsapp","to":"16505551234","type":"text","text":{"body":"` + strings.Repeat("hola ", 800) + `"}}`
	want, errText := validateExported(src, "")
	if errText != "" || !strings.Contains(want, `"recipient-e164"`) {
		t.Fatalf("first call: %q %q", want, errText)
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("after a call: GOGC %d, want off", got)
	}
	if limit := debug.SetMemoryLimit(-1); limit == math.MaxInt64 || limit < gcRoom {
		t.Errorf("after a call: memory limit %d, want one", limit)
	}
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	// Each collection comes after gcBudget/perCall + 1 calls at most.
	n := 2 * (gcBudget/(len(src)+gcCallCost) + 1)
	for i := range n {
		if got, _ := validateExported(src, ""); got != want {
			t.Fatalf("call %d: report\n%s\nwant\n%s", i, got, want)
		}
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if gcs := after.NumGC - before.NumGC; gcs < 2 {
		t.Errorf("%d calls of %d bytes collected %d times, want 2 or more", n, len(src), gcs)
	}
}
