// Package oasdiff runs oasdiff's diff and checks over two documents and
// returns its findings as changes, each placed in its source file. It
// keeps oasdiff's checks linear in the depth of a schema (prune.go), runs
// them concurrently, and may relax the GC while they allocate (GCPercent).
package oasdiff

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/oasdiff/oasdiff/checker"
	odiff "github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"

	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/spec"
)

// Run runs oasdiff's diff and checker over the two documents (their
// kin-openapi models, see kinmodel.Build): one change per finding, grouped
// when one change to a shared element is reached from many operations.
func Run(base, rev *spec.Document) (_ []finding.Change, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("oasdiff failed comparing %s with %s: %v", base.Name(), rev.Name(), p)
		}
	}()
	s1 := specInfo(base)
	s2 := specInfo(rev)
	stopRelax := relaxGCWhen(GCPercent, 20*time.Millisecond, allocatedBeyondLive(2))
	defer stopRelax() // stopping twice is harmless
	report, sources, err := odiff.GetWithOperationsSourcesMap(odiff.NewConfig(), s1, s2)
	if err != nil {
		return nil, fmt.Errorf("compare %s with %s: %w", base.Name(), rev.Name(), err)
	}
	pruneSchemaDiffs(report, maxSchemaDiffDepth)
	sortSets(report) // the lists of names the checks join into messages (sets.go)
	files := map[string]*spec.File{}
	for _, d := range []*spec.Document{base, rev} {
		for _, f := range d.Files() {
			files[f.Token()] = f
		}
	}
	pos := func(s *checker.Source) *spec.Position {
		if s == nil || s.Line == 0 {
			return nil
		}
		name := s.File
		if f := files[s.File]; f != nil {
			name = f.Name
		}
		return &spec.Position{File: name, Line: s.Line, Column: s.Column}
	}
	cfg := checker.NewConfig(concurrentChecks(checker.GetAllChecks()))
	changes := checker.CheckBackwardCompatibilityUntilLevel(cfg, report, sources, checker.INFO)
	stopRelax()
	l := checker.NewLocalizer("en")
	type group struct {
		c   finding.Change
		ops map[string]bool
	}
	groups := map[string]*group{}
	var order []string
	for _, ch := range changes {
		if versionMetaRules[ch.GetId()] {
			continue
		}
		msg := ch.GetUncolorizedText(l)
		c := finding.Change{ID: ch.GetId(), Message: msg, Level: strings.ToLower(ch.GetLevel().String())}
		c.Localized = localized(ch)
		c.BaseSource, c.RevisionSource = pos(ch.GetBaseSource()), pos(ch.GetRevisionSource())
		if c.RevisionSource != nil {
			c.Source, c.Side = c.RevisionSource, finding.SideRevision
		} else if c.BaseSource != nil {
			c.Source, c.Side = c.BaseSource, finding.SideBase
		}
		op := ""
		if ch.GetOperation() != "" {
			op = strings.ToUpper(ch.GetOperation()) + " " + ch.GetPath()
		} else if ch.GetPath() != "" {
			op = ch.GetPath()
		}
		// One change to a shared element reached from many operations is one finding.
		// Its message may name the element by the path it was reached through;
		// the group keeps the shortest.
		key := c.ID + "\x00" + sourceKey(ch.GetBaseSource()) + "\x00" + sourceKey(ch.GetRevisionSource())
		if c.Source == nil {
			key += "\x00" + msg + "\x00" + op
		}
		g := groups[key]
		if g != nil && (len(msg) < len(g.c.Message) || len(msg) == len(g.c.Message) && msg < g.c.Message) {
			g.c.Message, g.c.Localized = msg, c.Localized
		}
		if g == nil {
			g = &group{c: c, ops: map[string]bool{}}
			groups[key] = g
			order = append(order, key)
		}
		if op != "" {
			g.ops[op] = true
		}
	}
	out := make([]finding.Change, 0, len(order))
	for _, k := range order {
		g := groups[k]
		for op := range g.ops {
			g.c.Operations = append(g.c.Operations, op)
		}
		slices.Sort(g.c.Operations)
		out = append(out, g.c)
	}
	return out, nil
}

// specInfo names a document for oasdiff by its root file's token, which
// positions map back to the file (see Run's pos).
func specInfo(d *spec.Document) *load.SpecInfo {
	return &load.SpecInfo{Source: load.NewFileSource(d.Root.Token()), Spec: d.Spec, Version: d.Version}
}

// GCPercent, when positive, is the GC percent (GOGC) used while
// oasdiff compares and checks, once it has allocated more than twice the
// live heap. On a large change set oasdiff allocates a lot and keeps little
// (its checks make 15 GB of short-lived strings on Stripe's 2023 pair, for a
// live heap of a few hundred MB): a program that keeps its heap tight
// otherwise (cmd/apibump sets GOGC=30) lets it grow more there. On GitHub's
// REST API oasdiff allocates less than the live heap and the setting stays.
// Zero leaves the GC alone.
var GCPercent int

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

// concurrentChecks spreads oasdiff's checks over the CPUs. Each returned
// check stands for one of the given checks; the first one called runs them
// all, concurrently, with the arguments it gets, and every wrapper returns
// its own check's result (or re-raises its panic). CheckBackwardCompatibilityUntilLevel
// calls its checks one after the other with the same report, sources and
// config and reads config.Checks nowhere else; the checks only read those,
// so it gets the same results, in the same order, as when it runs them
// itself (TestConcurrentChecksAsOasdiffRunsThem compares the two). On
// Stripe's 2023 pair the checks are three quarters of the run.
func concurrentChecks(checks checker.BackwardCompatibilityChecks) checker.BackwardCompatibilityChecks {
	results := make([]checker.Changes, len(checks))
	panics := make([]any, len(checks))
	var once sync.Once
	runAll := func(report *odiff.Diff, sources odiff.OperationsSourcesMap, cfg *checker.Config) {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), len(checks)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1) - 1)
					if i >= len(checks) {
						return
					}
					if checks[i] == nil {
						continue
					}
					func() {
						defer func() {
							if p := recover(); p != nil {
								panics[i] = p
							}
						}()
						results[i] = checks[i](report, sources, cfg)
					}()
				}
			}()
		}
		wg.Wait()
	}
	out := make(checker.BackwardCompatibilityChecks, len(checks))
	for i, check := range checks {
		if check == nil {
			continue
		}
		out[i] = func(report *odiff.Diff, sources odiff.OperationsSourcesMap, cfg *checker.Config) checker.Changes {
			once.Do(func() { runAll(report, sources, cfg) })
			if panics[i] != nil {
				panic(panics[i])
			}
			return results[i]
		}
	}
	return out
}

// versionMetaRules report info.version itself; apibump judges the version
// per version scheme and does not count its change, so their findings are
// left out.
var versionMetaRules = map[string]bool{
	"api-version-changed": true,
}

func localized(ch checker.Change) func(locale.Lang) locale.Phrase {
	return func(l locale.Lang) locale.Phrase { return locale.OasdiffPhrase(l, ch) }
}

func sourceKey(s *checker.Source) string {
	if s == nil {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", s.File, s.Line, s.Column)
}
