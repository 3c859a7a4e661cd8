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
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/apibump/apibump/internal/crash"
	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/term"
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
	// Progress lets a long run draw a progress line on ErrOut (see
	// term.ProgressWanted): only on a terminal.
	Progress bool

	progress *term.Progress // the line of this run, when Progress
}

func (io IO) getenv(key string) string {
	if io.Getenv == nil {
		return os.Getenv(key)
	}
	return io.Getenv(key)
}

// exitError carries an exit status: 1 when a check failed, 2 for bad usage or input.
type exitError struct {
	code  int
	err   error
	usage bool // printed with its suggestions (printUsageError)
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
	if io.Progress {
		io.progress = term.NewProgress(io.ErrOut, term.ProgressDelay)
		defer io.progress.Done()
	}
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.Execute()
	io.progress.Done()
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		switch {
		case ee.usage:
			printUsageError(io, ee.err.Error())
		case ee != errCheckFailed:
			printError(io, ee.err)
		}
		return ee.code
	}
	// Cobra's own errors: unknown command or flag, wrong number of arguments.
	printUsageError(io, err.Error())
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

// didYouMean starts the suggestions cobra (and flagError) append to an error.
const didYouMean = "\n\nDid you mean this?\n"

// printUsageError prints a usage error on one line, and its suggestions, if
// any, on a line of their own.
func printUsageError(io IO, msg string) {
	head, suggestions, found := strings.Cut(msg, didYouMean)
	fmt.Fprintf(io.ErrOut, "apibump: %s\n", escape.Text(oneLine(head)))
	if found {
		fmt.Fprintf(io.ErrOut, "Did you mean this? %s\n", escape.Text(strings.Join(strings.Fields(suggestions), ", ")))
	}
}

// flagError is the error of a flag cobra could not parse: an unknown long
// flag gets the command's flags that are near it (suggestFlags).
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		if near := suggestFlags(cmd, name); len(near) > 0 {
			err = fmt.Errorf("%s%s\t%s", msg, didYouMean, strings.Join(near, "\n\t"))
		}
	}
	return usageError(err)
}

// usageError marks a usage error (exit status 2) that Main prints with
// printUsageError.
func usageError(err error) error { return &exitError{code: 2, err: err, usage: true} }

// suggestFlags are the command's flags whose names are within two edits of
// name or start with it, nearest first.
func suggestFlags(cmd *cobra.Command, name string) []string {
	type near struct {
		flag string
		d    int
	}
	var found []near
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		d := levenshtein(name, f.Name)
		if d <= 2 || (len(name) >= 2 && strings.HasPrefix(f.Name, name)) {
			found = append(found, near{"--" + f.Name, d})
		}
	})
	slices.SortStableFunc(found, func(a, b near) int { return a.d - b.d })
	out := make([]string, len(found))
	for i, n := range found {
		out[i] = n.flag
	}
	return out
}

// levenshtein is the edit distance of two short strings.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// buildVersion is the version `apibump --version` prints, from the build
// information Go records: the module's version (a tagged `go install
// ...@v1.2.3`), else the commit it was built from, with "+dirty" for
// uncommitted changes.
func buildVersion(info *debug.BuildInfo, ok bool) string {
	if !ok || info == nil {
		return "(unknown version)"
	}
	v := info.Main.Version
	if v != "" && v != "(devel)" {
		return v
	}
	var rev, when string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "(devel)"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v = "(devel) " + rev
	if dirty {
		v += "+dirty"
	}
	if when != "" {
		v += " " + when
	}
	return v
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
	root.SetFlagErrorFunc(flagError)
	root.Version = buildVersion(debug.ReadBuildInfo())
	root.SetVersionTemplate("apibump {{.Version}}\n")
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
