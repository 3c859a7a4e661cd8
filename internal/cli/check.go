package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/changelog"
	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/render"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/safefile"
	"github.com/apibump/apibump/internal/scheme"
	"github.com/apibump/apibump/internal/source"
)

// CheckOptions are the options of `apibump check`.
type CheckOptions struct {
	DiffOptions
	// BaseRef compares every revision spec with the same path at this git revision.
	BaseRef string
	// Jobs bounds how many specs are compared at once (default: the CPU count).
	Jobs int
	// Changelog is the changelog whose recorded sunsets decide when a
	// removed major is retired: read at the base revision (BASE is
	// REF:path), or in the work tree only when given explicitly.
	Changelog    string
	changelogSet bool
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
class (or more severe) exist, whatever the version; --fail-on none judges not
even the version. Under "version: computed" in .apibump.yaml (or
--version-flow computed) the pull request leaves info.version to release:
check does not judge it and fails on --fail-on (breaking by default).
The sunsets of earlier majors come from --changelog at BASE's git revision.

Several specs at once (a monorepo): give BASE:REVISION pairs, or revision
files and globs (** crosses directories) with --base-ref REF, which compares
each with the same path at the git revision REF. They are compared
concurrently, at most as many at a time as there are CPUs, and reported one by
one in argument order, then summed up. A spec that does not exist at REF is new:
it passes. Each spec finds its own .apibump.yaml. The exit status is 2 if any
spec could not be read, else 1 if any check failed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.changelogSet = cmd.Flags().Changed("changelog")
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
	o.flags.Define(config.KeyFailOn, config.KeyVersion, config.KeyWindow)
	cmd.Flags().StringVar(&o.BaseRef, "base-ref", "", "compare each revision spec (file or glob) with the same path at this git revision")
	cmd.Flags().StringVar(&o.Changelog, "changelog", "CHANGELOG.md", "the changelog whose supported-versions records give earlier majors' sunsets, read at the base's git revision (default: CHANGELOG.md beside the base spec or in a parent directory; a path given is relative to the working directory)")
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
	if verdict.OK && !verdict.VersionJudged {
		fmt.Fprintf(w, "check passed: the changes need %s (%s bump); info.version is not judged (version: computed, or fail-on none)\n",
			escape.Text(r.NextVersion), r.Bump)
		return nil
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
	if err := o.baseSunsets(); err != nil {
		return nil, report.Verdict{}, err
	}
	r, err := compare(io, &o.CompareOptions)
	if err != nil {
		return nil, report.Verdict{}, err
	}
	verdict, err := r.Check(cfg.Gate())
	if err != nil {
		return nil, report.Verdict{}, inputError(err)
	}
	return r, verdict, nil
}

// passedLine says why the check passed: what the revision declares and
// what its changes need.
func passedLine(r *report.Report) string {
	if r.NextVersion == "" {
		return fmt.Sprintf("%s declares %s; the base declares no version, so the changes (%s bump) ask for none", r.Revision.File, r.Revision.Version, r.Bump)
	}
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

// baseSunsets reads the sunsets the changelog recorded for earlier majors,
// as release does, but from the base: the changelog at the base's git
// revision when BASE is REF:path (the revision's own changelog is part of
// the change under review, and could claim any sunset), else the work
// tree's file only when --changelog names it.
func (o *CheckOptions) baseSunsets() error {
	o.sunsets = nil
	in := source.ParseInput(o.Base)
	switch {
	case in.Kind == source.InputGit:
		var data []byte
		var err error
		name := o.Changelog
		if o.changelogSet {
			p := name
			if !filepath.IsAbs(p) {
				p = "./" + filepath.ToSlash(filepath.Clean(p))
			}
			data, err = source.ReadGitFile(in.Ref, p, safefile.Changelog)
		} else {
			// The default: CHANGELOG.md beside the base spec, else in a
			// parent directory, at the base's revision.
			data, name, err = source.FindGitFileUp(in.Ref, in.Path, o.Changelog, safefile.Changelog)
			if name == "" {
				name = o.Changelog
			}
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return inputError(fmt.Errorf("%s:%s: %w", in.Ref, name, err))
		}
		f, err := changelog.ParseFile(in.Ref+":"+name, data)
		if err != nil {
			return inputError(err)
		}
		o.addSunsets(f)
		return nil
	case o.changelogSet:
		return o.recordedSunsets(o.Changelog)
	}
	return nil
}
