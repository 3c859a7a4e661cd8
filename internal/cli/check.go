package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/render"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/scheme"
)

// CheckOptions are the options of `apibump check`.
type CheckOptions struct {
	DiffOptions
	// BaseRef compares every revision spec with the same path at this git revision.
	BaseRef string
	// Jobs bounds how many specs are compared at once (default: the CPU count).
	Jobs int
}

func newCheckCmd(io IO) *cobra.Command {
	o := &CheckOptions{}
	cmd := &cobra.Command{
		Use:   "check BASE REVISION | check BASE:REVISION... | check --base-ref REF SPEC|GLOB...",
		Short: "The gate: fail when the revision's info.version is lower than its changes require",
		Long: `check compares the specs and fails (exit status 1) when the revision's declared
info.version is lower than the computed next version, for example a breaking
change with only a minor bump, or when a breaking change did not move the
version where it lives (path, server, header, query parameter, media type).
With --fail-on breaking, additive or any it also fails when changes of that
class (or more severe) exist, whatever the version.

Several specs at once (a monorepo): give BASE:REVISION pairs, or revision
files and globs (** crosses directories) with --base-ref REF, which compares
each with the same path at the git revision REF. They are compared
concurrently, at most as many at a time as there are CPUs, and reported one by
one in argument order, then summed up. A spec that does not exist at REF is new:
it passes. Each spec finds its own .apibump.yaml. The exit status is 2 if any
spec could not be read, else 1 if any check failed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if o.BaseRef != "" || len(args) != 2 || isPair(args[0]) {
				return runCheckMany(io, o, args)
			}
			o.Base, o.Revision = args[0], args[1]
			return runCheck(io, o)
		},
	}
	addCompareFlags(cmd, &o.CompareOptions)
	cmd.Flags().StringVarP(&o.Format, "format", "f", "text", "output format of the report: "+render.FormatList(render.Formats()...)+" (with several specs: "+render.FormatList(manyFormats...)+")")
	// --window too: the Action passes it to check and comment alike, and
	// the version problems name the day the previous major must live until.
	o.flags.Define(config.KeyFailOn, config.KeyWindow)
	cmd.Flags().StringVar(&o.BaseRef, "base-ref", "", "compare each revision spec (file or glob) with the same path at this git revision")
	countVarP(cmd.Flags(), &o.Jobs, "jobs", "j", "how many specs to compare at once, 1 or more (default: the number of CPUs)")
	return cmd
}

func runCheck(io IO, o *CheckOptions) error {
	format, err := render.ParseFormat(o.Format)
	if err != nil {
		return inputError(err)
	}
	r, verdict, err := checkOne(io, o)
	if err != nil {
		return err
	}
	if err := writeReport(io, &o.CompareOptions, r, format, &verdict); err != nil {
		return err
	}
	// The verdict goes with the text report; machine formats keep stdout parseable.
	w := io.Out
	if format != render.Text {
		w = io.ErrOut
	} else {
		fmt.Fprintln(w)
	}
	for _, n := range verdict.Notes {
		fmt.Fprintf(w, "check note: %s\n", escape.Text(n))
	}
	if hint := swappedHint(r); hint != "" {
		fmt.Fprintf(w, "check note: %s\n", escape.Text(hint))
	}
	if verdict.OK {
		fmt.Fprintf(w, "check passed: %s\n", escape.Text(passedLine(r)))
		return nil
	}
	for _, p := range verdict.Problems {
		fmt.Fprintf(w, "check failed: %s\n", escape.Text(p))
	}
	return errCheckFailed
}

// checkOne compares one pair and judges it.
func checkOne(io IO, o *CheckOptions) (*report.Report, report.Verdict, error) {
	cfg, err := o.load(o.Revision)
	if err != nil {
		return nil, report.Verdict{}, err
	}
	r, err := compare(io, &o.CompareOptions)
	if err != nil {
		return nil, report.Verdict{}, err
	}
	verdict, err := r.Check(cfg.FailOn)
	if err != nil {
		return nil, report.Verdict{}, inputError(err)
	}
	return r, verdict, nil
}

// passedLine says why the check passed: what the revision declares and
// what its changes need.
func passedLine(r *report.Report) string {
	if r.Bump == scheme.BumpNone {
		return fmt.Sprintf("%s declares %s; the changes need no version bump", r.Revision.File, r.Revision.Version)
	}
	return fmt.Sprintf("%s declares %s; the changes need %s (a %s bump)", r.Revision.File, r.Revision.Version, r.NextVersion, r.Bump)
}

// swappedHint is a hint when the base declares a version newer than the
// revision's, as when BASE and REVISION were given the other way round;
// "" otherwise (or when a version cannot be read).
func swappedHint(r *report.Report) string {
	cmp, err := r.Scheme.Compare(r.Base.Version, r.Revision.Version)
	if err != nil || cmp <= 0 {
		return ""
	}
	return fmt.Sprintf("the base declares %s, newer than the revision's %s: are BASE and REVISION swapped? (apibump check BASE REVISION)",
		r.Base.Version, r.Revision.Version)
}
