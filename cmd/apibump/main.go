// Command apibump compares two versions of an OpenAPI spec, classifies every
// change as breaking, additive or non-contract, and computes the next version.
package main

import (
	"os"

	"github.com/apibump/apibump/internal/cli"
	"github.com/apibump/apibump/internal/term"
)

// apibump runs with Go's GC as it comes (GOGC=100, or the environment's).
// It used to keep GOGC=30 outside oasdiff's checks to stay near oasdiff's
// peak memory; on GitHub's REST API (20.0.0 → 23.0.2) that cost 1.7 s of
// CPU in 5.5 s, for a peak of 445 MB instead of 585 MB where oasdiff's own
// is over 1 GB (Stripe's 2023 pair: 885 MB against oasdiff's 1.14 GB, and
// 4 s less CPU). See bench/RESULTS.md, run 4.
func main() {
	stdoutTTY := isTerminal(os.Stdout)
	code := cli.Main(os.Args[1:], cli.IO{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		ColorOK:  stdoutTTY && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb",
		Progress: term.ProgressWanted(isTerminal(os.Stderr), os.Getenv)})
	os.Exit(code)
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
