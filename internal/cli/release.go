package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/changelog"
	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/release"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/source"
)

// ReleaseOptions are the options of `apibump release`.
type ReleaseOptions struct {
	EntryOptions
	Changelog string
	DryRun    bool
	Force     bool
}

func newReleaseCmd(io IO) *cobra.Command {
	o := &ReleaseOptions{}
	cmd := &cobra.Command{
		Use:   "release BASE REVISION",
		Short: "The pipeline step: stamp the next version into the revision and prepend the changelog",
		Long: `release computes the next version, writes it into the revision's
info.version in place (every other byte of the file stays as it was), prepends
the entry to the changelog, and prints the version alone on the last line of
standard output, for the pipeline to tag with.

It refuses (exit status 1) when the revision already declares a version, other
than the base's, that is lower than its changes require; --force stamps the
required version anyway. Both files are written together or not at all.`,
		Args: cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Base, o.Revision = args[0], args[1]
			return runRelease(io, o)
		},
	}
	addEntryFlags(cmd, &o.EntryOptions)
	f := cmd.Flags()
	f.StringVar(&o.Changelog, "changelog", "CHANGELOG.md", "the changelog file to prepend the entry to")
	f.BoolVar(&o.DryRun, "dry-run", false, "print what would change and write nothing")
	f.BoolVar(&o.Force, "force", false, "stamp the required version even when the revision declares a lower one")
	return cmd
}

func runRelease(io IO, o *ReleaseOptions) error {
	if in := source.ParseInput(o.Revision); in.Kind != source.InputFile {
		return inputError(fmt.Errorf("%s: release writes the version into the revision, so it must be a file in the work tree", o.Revision))
	}
	if err := checkVersionFlag(o.Version); err != nil {
		return err
	}
	// Where both files will be written, once a release killed between its
	// two writes has been finished: what is read below is then whole.
	targets, err := writeTargets(io, o.Changelog, o.Revision)
	if err != nil {
		return err
	}
	if targets[0] == targets[1] {
		return inputError(fmt.Errorf("%s: the changelog and the revision are the same file", o.Changelog))
	}
	if err := o.recordedSunsets(o.Changelog); err != nil {
		return err
	}
	r, rev, eopts, err := o.entryReport(io)
	if err != nil {
		return err
	}
	if err := needVersion(r, "to release"); err != nil {
		return err
	}
	cfg, err := o.load(o.Revision)
	if err != nil {
		return err
	}
	version, err := release.Decide(r, rev.Name(), o.Force, cfg.Version == config.FlowComputed)
	var refused *release.Refusal
	if errors.As(err, &refused) {
		for _, line := range refused.Lines(escape.Text) {
			fmt.Fprintf(io.ErrOut, "apibump: %s\n", line)
		}
		return errCheckFailed
	}
	if err != nil {
		return inputError(err)
	}
	declared := r.Revision.Version
	if version == r.Base.Version {
		// Nothing to release: an entry for the base's version would replace
		// the one its release wrote.
		fmt.Fprintf(io.ErrOut, "apibump: nothing to release since %s: %s stays %s%s; no file changed\n",
			escape.Text(o.Base), escape.Text(rev.Name()), escape.Text(version), unreleased(r))
		fmt.Fprintln(io.Out, escape.Text(version))
		return nil
	}
	eopts.Version = version
	file, err := readChangelog(o.Changelog)
	if err != nil {
		return err
	}
	if d, ok := file.ReleasedOn(version); ok {
		// A rerun of a release: a version has one release day, the one its
		// entry recorded, and its entry and window come out the same.
		eopts.Date = d
	}
	eopts.History = file.History(version)
	e := changelog.NewEntry(r, eopts)
	if err := e.Check(); err != nil {
		return inputError(fmt.Errorf("%s: %w", o.Changelog, err))
	}
	warn(io, e)
	entry := e.Markdown()
	file.Upsert(version, entry)

	var stamped []byte // nil: the revision already declares the version
	if version != declared {
		if stamped, err = release.Stamp(rev.Root, version); err != nil {
			return inputError(err)
		}
	}
	if o.DryRun {
		fmt.Fprintf(io.Out, "would set info.version of %s: %s → %s\n", escape.Text(rev.Name()), escape.Text(declared), escape.Text(version))
		fmt.Fprintf(io.Out, "would write this entry into %s:\n\n%s\n", escape.Text(o.Changelog), entry)
		fmt.Fprintln(io.Out, escape.Text(version))
		return nil
	}
	if err := release.Write(targets[0], file.Bytes(), targets[1], stamped); err != nil {
		return inputError(err)
	}
	if stamped == nil {
		fmt.Fprintf(io.ErrOut, "apibump: %s: info.version %s, as declared; %s: wrote the entry\n",
			escape.Text(rev.Name()), escape.Text(version), escape.Text(o.Changelog))
	} else {
		fmt.Fprintf(io.ErrOut, "apibump: %s: info.version %s → %s; %s: wrote the entry\n",
			escape.Text(rev.Name()), escape.Text(declared), escape.Text(version), escape.Text(o.Changelog))
	}
	fmt.Fprintln(io.Out, escape.Text(version))
	return nil
}

// unreleased says how many changes a release that does not move the
// version leaves out (changes that need no bump in the scheme), or "".
func unreleased(r *report.Report) string {
	if n := len(r.Changes); n > 0 {
		return fmt.Sprintf(" (%s that need no bump under the %s scheme)", locale.Count(n, "change"), r.Scheme)
	}
	return ""
}
