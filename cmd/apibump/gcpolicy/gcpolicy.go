// Package gcpolicy is apibump's GC policy: the program decides it (main
// calls Tight and installs OasdiffHook), no library of the module touches
// the GC. bench/profile applies the same policy to measure what apibump
// does.
package gcpolicy

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// Tight keeps the heap within 30% of the live data (GOGC=30) instead of
// Go's default 100%. Besides oasdiff's model of both specs, apibump keeps
// their position trees and origins, about twice oasdiff's live heap: on
// GitHub's REST API (24 MB of JSON) its peak resident memory goes from about
// 555 MB to about 430 MB (oasdiff's own: 340 to 430 MB), for about 0.7 s
// more. See bench/RESULTS.md.
const Tight = 30

// Relaxed is the GC percent while oasdiff compares and checks, once it has
// allocated more than twice the live heap. On a large change set oasdiff
// allocates a lot and keeps little (its checks make 15 GB of short-lived
// strings on Stripe's 2023 pair, for a live heap of a few hundred MB); on
// GitHub's REST API it allocates less than the live heap and the setting
// stays.
const Relaxed = 100

// Apply sets the policy, unless GOGC is set in the environment (then the
// runtime's own setting stays): GOGC=Tight, and the returned hook, for
// engine/oasdiff.OnRun, relaxes it to Relaxed while oasdiff's comparison is
// allocation-bound. It returns nil when it leaves the GC alone.
func Apply(gogcEnv string) func() (done func()) {
	if gogcEnv != "" {
		return nil
	}
	debug.SetGCPercent(Tight)
	return func() func() {
		return relaxGCWhen(Relaxed, 20*time.Millisecond, allocatedBeyondLive(2))
	}
}

// allocatedBeyondLive returns a test of whether the program has allocated,
// since the call, more than factor times the live heap it had then.
func allocatedBeyondLive(factor uint64) func() bool {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}, {Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	start, live := s[0].Value.Uint64(), s[1].Value.Uint64()
	return func() bool {
		metrics.Read(s[:1])
		return s[0].Value.Uint64()-start > factor*live
	}
}

// gcRelax counts the comparisons that have relaxed the GC, so concurrent
// ones restore the setting only when the last one is done.
var gcRelax struct {
	sync.Mutex
	n     int
	saved int
}

// relaxGCWhen sets the GC percent to pct as soon as ready says so (asked
// every poll), unless the returned stop is called first; stop restores the
// previous setting, once.
func relaxGCWhen(pct int, poll time.Duration, ready func() bool) (stop func()) {
	if pct <= 0 {
		return func() {}
	}
	var mu sync.Mutex
	done, relaxed := false, false
	quit := make(chan struct{})
	go func() {
		t := time.NewTicker(poll)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
			}
			if !ready() {
				continue
			}
			mu.Lock()
			defer mu.Unlock()
			if done {
				return
			}
			relaxed = true
			gcRelax.Lock()
			if gcRelax.n == 0 {
				gcRelax.saved = debug.SetGCPercent(pct)
			}
			gcRelax.n++
			gcRelax.Unlock()
			return
		}
	}()
	var closeOnce sync.Once
	return func() {
		closeOnce.Do(func() { close(quit) })
		mu.Lock()
		defer mu.Unlock()
		done = true
		if !relaxed {
			return
		}
		relaxed = false
		gcRelax.Lock()
		if gcRelax.n--; gcRelax.n == 0 {
			debug.SetGCPercent(gcRelax.saved)
		}
		gcRelax.Unlock()
	}
}
