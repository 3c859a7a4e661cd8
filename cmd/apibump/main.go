// Command apibump compares two versions of an OpenAPI spec, classifies every
// change as breaking, additive or non-contract, and computes the next version.
package main

import (
	"os"
	"runtime/debug"

	"github.com/apibump/apibump/internal/cli"
	"github.com/apibump/apibump/internal/engine/oasdiff"
	"github.com/apibump/apibump/internal/term"
)

func main() {
	tuneGC()
	stdoutTTY := isTerminal(os.Stdout)
	code := cli.Main(os.Args[1:], cli.IO{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		ColorOK:  stdoutTTY && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb",
		Progress: term.ProgressWanted(isTerminal(os.Stderr), os.Getenv)})
	os.Exit(code)
}

// tuneGC keeps the heap within 30% of the live data (GOGC=30) instead of
// Go's default 100%. Besides oasdiff's model of both specs, apibump keeps
// their position trees and origins, about twice oasdiff's live heap: on
// GitHub's REST API (24 MB of JSON) its peak resident memory goes from about
// 555 MB to about 430 MB (oasdiff's own: 340 to 430 MB), for about 0.7 s
// more. When oasdiff's comparison turns allocation-bound (more than twice
// the live heap of garbage, as on Stripe's large change sets), the default
// applies to it again (oasdiff.GCPercent). A GOGC in the environment is
// left as it is. See bench/RESULTS.md.
func tuneGC() {
	if os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(30)
	oasdiff.GCPercent = 100
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
