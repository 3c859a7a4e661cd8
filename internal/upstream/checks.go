package upstream

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/oasdiff/oasdiff/checker"
	odiff "github.com/oasdiff/oasdiff/diff"

	"github.com/apibump/apibump/internal/crash"
)

// ConcurrentChecks spreads oasdiff's checks over the CPUs. Each returned
// check stands for one of the given checks; the first one called runs them
// all, concurrently, with the arguments it gets, and every wrapper returns
// its own check's result (or re-raises its panic). CheckBackwardCompatibilityUntilLevel
// calls its checks one after the other with the same report, sources and
// config and reads config.Checks nowhere else; the checks only read those,
// so it gets the same results, in the same order, as when it runs them
// itself (TestConcurrentChecksAsOasdiffRunsThem compares the two). On
// Stripe's 2023 pair the checks are three quarters of the run.
func ConcurrentChecks(checks checker.BackwardCompatibilityChecks) checker.BackwardCompatibilityChecks {
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
								panics[i] = crash.New("in an oasdiff check", p) // with its own stack
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

// DiffConfig is the configuration of oasdiff's diff whose report the
// checks are given: oasdiff's default without the view of the changes by
// endpoint (Diff.EndpointsDiff, the paths diff again with each operation
// under its method and path), which no check reads
// (TestChecksReadNoEndpointsDiff). On GitHub's REST API (20.0.0 → 23.0.2)
// it was a tenth of the diff's time, on the path where the diff runs alone.
// opts are applied after.
func DiffConfig(opts ...odiff.Option) *odiff.Config {
	return odiff.NewConfig(append([]odiff.Option{odiff.WithExcludeElements([]string{odiff.ExcludeEndpointsOption})}, opts...)...)
}
