package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/changelog"
	"github.com/apibump/apibump/config"
	"github.com/apibump/apibump/report"
)

// CheckOptions are the options of `apibump check`.
type CheckOptions struct {
	DiffOptions
	FailOn string
}

func newCheckCmd(io IO) *cobra.Command {
	o := &CheckOptions{}
	cmd := &cobra.Command{
		Use:   "check BASE REVISION",
		Short: "The gate: fail when the revision's info.version is lower than its changes require",
		Long: `check compares the specs and fails (exit status 1) when the revision's declared
info.version is lower than the computed next version, for example a breaking
change with only a minor bump. With --fail-on breaking, additive or any it also
fails when changes of that class (or more severe) exist, whatever the version.`,
		Args: cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Base, o.Revision = args[0], args[1]
			return runCheck(io, o)
		},
	}
	addCompareFlags(cmd, &o.CompareOptions)
	cmd.Flags().StringVarP(&o.Format, "format", "f", "text", "output format of the report: text, json, yaml or markdown")
	cmd.Flags().StringVar(&o.FailOn, "fail-on", string(report.FailOnVersion), "what fails the check besides a version lower than required: version (nothing more), breaking, additive or any")
	o.bind(config.KeyFailOn, "fail-on", &o.FailOn, nil)
	return cmd
}

func runCheck(io IO, o *CheckOptions) error {
	format, err := changelog.ParseFormat(o.Format)
	if err != nil {
		return inputError(err)
	}
	if _, err := o.load(o.Revision); err != nil {
		return err
	}
	failOn, err := report.ParseFailOn(o.FailOn)
	if err != nil {
		return inputError(err)
	}
	r, err := compare(io, &o.CompareOptions)
	if err != nil {
		return err
	}
	verdict, err := r.Check(failOn)
	if err != nil {
		return inputError(err)
	}
	if err := changelog.Render(io.Out, r, format, changelog.RenderOptions{Color: io.ColorOK}); err != nil {
		return err
	}
	if format == changelog.GitHub {
		if err := githubOutputs(io, &o.CompareOptions, r); err != nil {
			return inputError(err)
		}
	}
	// The verdict goes with the text report; machine formats keep stdout parseable.
	w := io.Out
	if format != changelog.Text {
		w = io.ErrOut
	} else {
		fmt.Fprintln(w)
	}
	for _, n := range verdict.Notes {
		fmt.Fprintf(w, "check note: %s\n", n)
	}
	if verdict.OK {
		fmt.Fprintf(w, "check passed: %s declares %s; the changes need %s (%s bump)\n", r.Revision.File, r.Revision.Version, r.NextVersion, r.Bump)
		return nil
	}
	for _, p := range verdict.Problems {
		fmt.Fprintf(w, "check failed: %s\n", p)
	}
	return errCheckFailed
}
