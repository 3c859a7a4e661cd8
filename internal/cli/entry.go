package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/atomicfile"
	"github.com/apibump/apibump/internal/changelog"
	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/safefile"
	"github.com/apibump/apibump/internal/spec"
)

// What the commands that write a changelog entry share (changelog,
// release, comment): their flags, the report dated for the entry, and the
// changelog file read and written in the repository.

// EntryOptions are the flags of the commands that write a changelog entry.
type EntryOptions struct {
	CompareOptions
	Version string
}

func addEntryFlags(cmd *cobra.Command, o *EntryOptions) {
	addCompareFlags(cmd, &o.CompareOptions)
	o.flags.Define(config.KeyLang, config.KeyWindow, config.KeyMaxLiveMajors)
}

// entryOptions reads the entry's settings; the report's messages take the
// entry's language.
func (o *EntryOptions) entryOptions() (changelog.EntryOptions, error) {
	cfg, err := o.load(o.Revision)
	if err != nil {
		return changelog.EntryOptions{}, err
	}
	o.CompareOptions.Lang = cfg.Lang
	return changelog.EntryOptions{Version: o.Version, Window: cfg.Window, Lang: cfg.Lang, MaxLiveMajors: int(cfg.MaxLiveMajors)}, nil
}

// entryReport validates the entry flags, compares the specs and dates the
// entry: the start every entry-writing command (changelog, release, comment) shares.
func (o *EntryOptions) entryReport(io IO) (*report.Report, *spec.Document, changelog.EntryOptions, error) {
	eopts, err := o.entryOptions()
	if err != nil {
		return nil, nil, eopts, err
	}
	r, rev, err := compareDocs(io, &o.CompareOptions)
	if err != nil {
		return nil, nil, eopts, err
	}
	eopts.Date = o.releaseDate()
	if r.NextVersion == "" {
		// The base declares no version: the one given is the next.
		r.NextVersion = eopts.Version
	}
	return r, rev, eopts, nil
}

// needVersion refuses to write a release without a version: the base
// declares none and --version gives none.
func needVersion(r *report.Report, what string) error {
	if r.NextVersion != "" {
		return nil
	}
	return inputError(fmt.Errorf("%s declares no info.version, so there is no next version: give the version %s with --version", r.Base.File, what))
}

// recordedSunsets reads, from the changelog the release will be written
// into, the sunsets it promised earlier majors: removing a major after its
// recorded sunset is a retirement, not a breaking change.
func (o *CompareOptions) recordedSunsets(path string) error {
	file, err := readChangelog(path)
	if err != nil {
		return err
	}
	o.addSunsets(file)
	return nil
}

// addSunsets takes the sunsets the newest entry of a changelog recorded.
func (o *CompareOptions) addSunsets(file *changelog.File) {
	for _, m := range file.History("") {
		if m.Sunset != "" {
			if o.sunsets == nil {
				o.sunsets = map[string]string{}
			}
			o.sunsets[m.Major] = m.Sunset
		}
	}
}

// changelogRoot is the directory a changelog must stay in: the repository
// holding it, else its own directory.
func changelogRoot(path string) safefile.Root {
	return safefile.RootOf(filepath.Dir(path))
}

// readChangelog reads a changelog file; a missing file is an empty
// changelog. It is read through safefile (a regular file in the repository,
// at most safefile.Changelog bytes) and its supported-versions records are
// checked.
func readChangelog(path string) (*changelog.File, error) {
	data, err := safefile.ReadFile(path, changelogRoot(path), safefile.Changelog)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, inputError(fmt.Errorf("%s: %w", path, err))
	}
	f, err := changelog.ParseFile(path, data)
	if err != nil {
		return nil, inputError(err)
	}
	return f, nil
}

// writeTargets returns where each file will be written (see
// safefile.WriteTarget; each in the repository holding it), after
// finishing what a killed earlier run left beside them, so that what is
// read next is whole.
func writeTargets(io IO, paths ...string) ([]string, error) {
	targets := make([]string, len(paths))
	for i, p := range paths {
		t, err := safefile.WriteTarget(p, changelogRoot(p))
		if err != nil {
			return nil, inputError(fmt.Errorf("%s: %w", p, err))
		}
		targets[i] = t
	}
	recovered, err := atomicfile.Recover(targets...)
	if err != nil {
		return nil, inputError(err)
	}
	if recovered {
		fmt.Fprintf(io.ErrOut, "apibump: %s: finished writing what an interrupted run had begun\n", strings.Join(paths, ", "))
	}
	return targets, nil
}

// checkVersionFlag refuses a --version that cannot be written into a changelog.
func checkVersionFlag(v string) error {
	if v != "" && !changelog.ValidLabel(v) {
		return inputError(fmt.Errorf("--version %s: not a version (letters, digits, '.', '-', '+' and '_')", safefile.Quote(v)))
	}
	return nil
}

func versionOf(r *report.Report, o changelog.EntryOptions) string {
	if o.Version != "" {
		return o.Version
	}
	return r.NextVersion
}

func warn(io IO, e *changelog.Entry) {
	for _, w := range e.Warnings {
		fmt.Fprintf(io.ErrOut, "apibump: warning: %s\n", escape.Text(w))
	}
}
