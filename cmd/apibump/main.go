// Command apibump compares two versions of an OpenAPI spec, classifies every
// change as breaking, additive or non-contract, and computes the next version.
package main

import (
	"os"

	"github.com/apibump/apibump/cmd/apibump/gcpolicy"
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

// tuneGC applies apibump's GC policy (package gcpolicy): GOGC=30, relaxed
// while oasdiff's comparison is allocation-bound. A GOGC in the
// environment is left as it is.
func tuneGC() {
	oasdiff.OnRun = gcpolicy.Apply(os.Getenv("GOGC"))
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
