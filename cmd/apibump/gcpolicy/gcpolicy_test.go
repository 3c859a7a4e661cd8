package gcpolicy

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func gcPercent() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}

func relaxedCount() int {
	gcRelax.Lock()
	defer gcRelax.Unlock()
	return gcRelax.n
}

// waitGCPercent waits (up to a generous minute) for the poller to have set pct.
func waitGCPercent(t *testing.T, pct int) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); gcPercent() != pct; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("GC percent %d, want %d", gcPercent(), pct)
		}
	}
}

func TestRelaxGCWhen(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	never := func() bool { return false }
	now := func() bool { return true }

	// Never ready: nothing changes.
	stop := relaxGCWhen(100, time.Millisecond, never)
	time.Sleep(5 * time.Millisecond)
	stop()
	if got := gcPercent(); got != 50 {
		t.Fatalf("GC percent %d without the condition, want 50", got)
	}

	// Relaxed, then restored once, whatever the number of stops.
	stop = relaxGCWhen(100, time.Millisecond, now)
	waitGCPercent(t, 100)
	stop()
	stop()
	if got := gcPercent(); got != 50 {
		t.Fatalf("GC percent %d after stop, want 50", got)
	}

	// Two comparisons at once: restored when the last one stops.
	stop1 := relaxGCWhen(100, time.Millisecond, now)
	waitGCPercent(t, 100)
	stop2 := relaxGCWhen(100, time.Millisecond, now)
	for deadline := time.Now().Add(time.Minute); relaxedCount() != 2; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the second relaxation did not happen")
		}
	}
	stop1()
	if got := gcPercent(); got != 100 {
		t.Fatalf("GC percent %d while a comparison is still relaxed, want 100", got)
	}
	stop2()
	if got := gcPercent(); got != 50 {
		t.Fatalf("GC percent %d after both stopped, want 50", got)
	}

	// Zero leaves the GC alone.
	relaxGCWhen(0, time.Millisecond, now)()
	if got := gcPercent(); got != 50 {
		t.Fatalf("GC percent %d, want 50", got)
	}
}

func TestAllocatedBeyondLive(t *testing.T) {
	runtime.GC() // a live heap to measure against
	ready := allocatedBeyondLive(2)
	if ready() {
		t.Fatal("ready before anything was allocated")
	}
	var keep [][]byte
	for deadline := time.Now().Add(time.Minute); !ready(); {
		if time.Now().After(deadline) {
			t.Fatal("not ready after a minute of allocating")
		}
		keep = append(keep[:0], make([]byte, 1<<20))
	}
	_ = keep
}

func TestApply(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	if hook := Apply("200"); hook != nil || gcPercent() != 50 {
		t.Fatalf("with GOGC set: hook %v, GC percent %d; want no hook and 50 unchanged", hook != nil, gcPercent())
	}
	hook := Apply("")
	if hook == nil || gcPercent() != Tight {
		t.Fatalf("without GOGC: hook %v, GC percent %d; want a hook and %d", hook != nil, gcPercent(), Tight)
	}
	done := hook()
	runtime.GC()
	var keep [][]byte
	for deadline := time.Now().Add(time.Minute); gcPercent() != Relaxed; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("GC percent %d after a minute of allocating, want %d", gcPercent(), Relaxed)
		}
		for range 64 {
			keep = append(keep[:0], make([]byte, 1<<20))
		}
	}
	_ = keep
	done()
	if got := gcPercent(); got != Tight {
		t.Fatalf("GC percent %d once done, want %d", got, Tight)
	}
}
