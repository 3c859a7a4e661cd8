package cli

import (
	"bytes"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/atomicfile"
	"github.com/apibump/apibump/internal/changelog"
	"github.com/apibump/apibump/internal/escape"
)

// ChangelogOptions are the options of `apibump changelog`.
type ChangelogOptions struct {
	EntryOptions
	Format  string
	Output  string
	Prepend string
}

func newChangelogCmd(io IO) *cobra.Command {
	o := &ChangelogOptions{}
	cmd := &cobra.Command{
		Use:   "changelog BASE REVISION",
		Short: "Write the release entry for the next version, with the previous major's deprecation window",
		Long: `changelog writes the changelog entry of the release that takes BASE to
REVISION: Keep a Changelog sections (Breaking changes, Added, Deprecated,
Documentation), grouped by endpoint. When the release is a new major it states
how long the previous major stays supported and the Deprecation and Sunset
header values to serve on it.

--prepend FILE inserts the entry into a CHANGELOG.md (creating it if needed),
replacing an earlier entry of the same version, and remembers each old major's
window from the file's earlier entries.`,
		Args: cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Base, o.Revision = args[0], args[1]
			return runChangelog(io, o)
		},
	}
	addEntryFlags(cmd, &o.EntryOptions)
	f := cmd.Flags()
	f.StringVar(&o.Version, "version", "", "the entry's version (default: the computed next version)")
	f.StringVarP(&o.Format, "format", "f", "markdown", "output format: markdown, json or html")
	f.StringVarP(&o.Output, "output", "o", "", "write the entry to this file instead of standard output")
	f.StringVar(&o.Prepend, "prepend", "", "insert the entry into this changelog file (markdown)")
	return cmd
}

func runChangelog(io IO, o *ChangelogOptions) error {
	format, err := changelog.ParseEntryFormat(o.Format)
	if err != nil {
		return inputError(err)
	}
	if o.Prepend != "" && format != changelog.EntryMarkdown {
		return inputError(fmt.Errorf("--prepend writes markdown; drop --format %s", format))
	}
	if err := checkVersionFlag(o.Version); err != nil {
		return err
	}
	var target string
	if o.Prepend != "" {
		targets, err := writeTargets(io, o.Prepend)
		if err != nil {
			return err
		}
		target = targets[0]
		if err := o.recordedSunsets(o.Prepend); err != nil {
			return err
		}
	}
	r, _, eopts, err := o.entryReport(io)
	if err != nil {
		return err
	}
	var file *changelog.File
	if o.Prepend != "" && eopts.Version == "" && r.Base.Version != "" && r.NextVersion == r.Base.Version {
		// The entry of the base's version is its release's: never replace it.
		fmt.Fprintf(io.ErrOut, "apibump: nothing to release since %s: %s stays %s%s; %s not changed\n",
			escape.Text(o.Base), escape.Text(r.Revision.File), escape.Text(r.NextVersion), unreleased(r), escape.Text(o.Prepend))
		return nil
	}
	if o.Prepend != "" {
		if err := needVersion(r, "of the entry"); err != nil {
			return err
		}
		if file, err = readChangelog(o.Prepend); err != nil {
			return err
		}
		if d, ok := file.ReleasedOn(versionOf(r, eopts)); ok {
			eopts.Date = d // the version's release day, as its entry recorded it
		}
		eopts.History = file.History(versionOf(r, eopts))
	}
	e := changelog.NewEntry(r, eopts)
	if format == changelog.EntryMarkdown {
		if err := e.Check(); err != nil {
			dest := o.Prepend
			if dest == "" {
				dest = o.Output
			}
			if dest == "" {
				return inputError(err)
			}
			return inputError(fmt.Errorf("%s: %w", dest, err))
		}
	}
	warn(io, e)
	if file != nil {
		file.Upsert(e.Version, e.Markdown())
		if err := atomicfile.WriteFile(target, file.Bytes()); err != nil {
			return inputError(err)
		}
		fmt.Fprintf(io.ErrOut, "apibump: %s: wrote the entry for %s\n", escape.Text(o.Prepend), escape.Text(e.Version))
		return nil
	}
	var b bytes.Buffer
	if err := changelog.RenderEntry(&b, e, format); err != nil {
		return err
	}
	if o.Output != "" {
		if err := atomicfile.WriteFile(o.Output, b.Bytes()); err != nil {
			return inputError(err)
		}
		return nil
	}
	_, err = io.Out.Write(b.Bytes())
	return err
}
