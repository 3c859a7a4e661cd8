// Package cli is apibump's command line (Main): one file per command, each
// with its Options and run function (diff.go, next.go, check.go,
// changelog.go, release.go, rules.go, versions.go, init.go, configcmd.go,
// comment.go), its input and output injected (IO) so tests run it in
// process. compare.go is the pipeline every comparing command runs,
// entry.go what the entry-writing commands share, checkmany.go and pairs.go
// the many-spec check, github.go the GitHub step outputs, settings.go the
// flags laid over .apibump.yaml.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/crash"
	"github.com/apibump/apibump/internal/escape"
)

// IO is what a command reads and writes; tests inject their own.
type IO struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// ColorOK says the output is a terminal that may be coloured.
	ColorOK bool
	// Getenv reads the environment (GitHub Actions' files); nil means os.Getenv.
	Getenv func(string) string
}

func (io IO) getenv(key string) string {
	if io.Getenv == nil {
		return os.Getenv(key)
	}
	return io.Getenv(key)
}

// exitError carries an exit status: 1 when a check failed, 2 for bad usage or input.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// inputError marks an error in what the user gave (exit status 2).
func inputError(err error) error { return &exitError{code: 2, err: err} }

// errCheckFailed is returned by check after it printed why (exit status 1).
var errCheckFailed = &exitError{code: 1, err: errors.New("check failed")}

// Main runs apibump with args and returns the exit status.
func Main(args []string, io IO) (code int) {
	defer func() {
		// A bug must still end in one line, not a stack trace.
		if p := recover(); p != nil {
			printError(io, crash.New("", p))
			code = 2
		}
	}()
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee != errCheckFailed {
			printError(io, ee.err)
		}
		return ee.code
	}
	// Cobra's own errors: unknown command or flag, wrong number of arguments.
	printError(io, err)
	return 2
}

// printError writes err as the one line apibump prints (errorLine), and
// with APIBUMP_DEBUG=1 the stack of a bug after it.
func printError(io IO, err error) {
	fmt.Fprintf(io.ErrOut, "apibump: %s\n", errorLine(err))
	var ce *crash.Error
	if errors.As(err, &ce) && io.getenv("APIBUMP_DEBUG") == "1" {
		for _, l := range strings.Split(strings.TrimRight(ce.Report(), "\n"), "\n") {
			fmt.Fprintf(io.ErrOut, "  %s\n", escape.Text(l))
		}
	}
}

// errorLine is err as one line, escaped, with the note of a bug
// (crashNote).
func errorLine(err error) string {
	return escape.Text(oneLine(err.Error())) + crashNote(err, escape.Text)
}

// crashNote is what follows the line of a bug (a recovered panic): please
// report it, and where its stack is, a file of the temporary directory
// (its path written with quote). Any other error has none.
func crashNote(err error, quote func(string) string) string {
	var ce *crash.Error
	if !errors.As(err, &ce) {
		return ""
	}
	path, serr := ce.Save("")
	if serr != nil {
		return " (please report it with the two specs; APIBUMP_DEBUG=1 prints its stack)"
	}
	return " (please report it with the two specs and " + quote(path) + ", which holds its stack)"
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

func newRootCmd(io IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "apibump",
		Short: "Classify the changes between two OpenAPI specs and compute the next version",
		Long: `apibump compares a BASE and a REVISION of an OpenAPI (or Swagger 2.0) spec.
Every change gets one class: breaking, additive or non-contract. From them it
derives the version bump and the next version in the API's own scheme.

A spec argument is a file, "-" for standard input, or REF:path read through
git from the current repository (for example origin/main:api/openapi.yaml).

Exit status: 0 all is well, 1 the check found a problem, 2 bad usage or input.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.SetIn(io.In)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return inputError(err) })
	root.AddCommand(newDiffCmd(io), newNextCmd(io), newCheckCmd(io), newChangelogCmd(io), newReleaseCmd(io), newRulesCmd(io), newVersionsCmd(io), newInitCmd(io), newConfigCmd(io), newCommentCmd(io))
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}

// unwrapExit returns the error an exitError carries.
func unwrapExit(err error) error {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.err
	}
	return err
}
