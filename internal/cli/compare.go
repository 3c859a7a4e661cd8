package cli

import (
	"fmt"
	"sync"
	"time"

	"cloud.google.com/go/civil"
	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/comparison"
	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/crash"
	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/versioning"
)

// CompareOptions are the flags every comparing command shares; the
// settings (--policy, --scheme, --strict-beta and the file's) are read
// through settings.load.
type CompareOptions struct {
	Base, Revision    string
	Date              config.Date // the release date; zero: today, UTC
	RefRoot           string
	AllowExternalRefs bool
	// NoPrune compares the documents whole, not only what differs.
	NoPrune bool
	Lang    locale.Lang // messages' language (changelog and release set it)
	// sunsets are the sunset days of earlier majors a changelog recorded.
	sunsets map[string]string
	settings
	now func() time.Time
}

func addCompareFlags(cmd *cobra.Command, o *CompareOptions) {
	f := cmd.Flags()
	f.Var(&o.Date, "date", "the release date, YYYY-MM-DD (default: today, UTC)")
	f.StringVar(&o.RefRoot, "ref-root", "", "directory no $ref may leave (default: the git repository holding the spec, else its directory)")
	f.BoolVar(&o.AllowExternalRefs, "allow-external-refs", false, "let $ref reach outside the ref root and fetch URLs")
	f.BoolVar(&o.NoPrune, "no-prune", false, "compare the specs whole, not only the operations and components that differ (the same findings, slower)")
	addSettingsFlags(cmd, &o.settings, config.KeyPolicy, config.KeyScheme, config.KeyStrictBeta)
}

// reportOptions validates the shared flags, laid over the configuration.
func (o *CompareOptions) reportOptions() (report.Options, error) {
	cfg, err := o.load(o.Revision)
	if err != nil {
		return report.Options{}, err
	}
	date := o.releaseDate()
	ropts := report.Options{Options: classify.Options{Policy: cfg.Policy, Date: date}, Scheme: cfg.Scheme, Lang: o.Lang}
	policyOptions(cfg, &ropts.Options)
	ropts.Versions = versionOptions(cfg)
	ropts.KeepUntil = cfg.Window.After(date)
	ropts.Sunsets = o.sunsets
	return ropts, nil
}

// releaseDate is --date, else today in UTC.
func (o *CompareOptions) releaseDate() civil.Date {
	if !o.Date.IsZero() {
		return o.Date.Date
	}
	now := time.Now
	if o.now != nil {
		now = o.now
	}
	return config.Today(now())
}

// compare loads both specs (concurrently), compares them (only what
// differs, unless --no-prune: package comparison) and classifies.
func compare(io IO, o *CompareOptions) (*report.Report, error) {
	r, _, err := compareDocs(io, o)
	return r, err
}

// publicAPI says APIBUMP_PUBLIC_API=1 asks for the dependencies' public API
// only (see package upstream): the same findings, more slowly; for checking
// apibump, not for use.
func publicAPI(io IO) bool { return io.getenv("APIBUMP_PUBLIC_API") == "1" }

// compareDocs is compare that also returns the revision document.
func compareDocs(io IO, o *CompareOptions) (*report.Report, *spec.Document, error) {
	ropts, err := o.reportOptions()
	if err != nil {
		return nil, nil, err
	}
	lopts := source.LoadOptions{Stdin: io.In, RefRoot: o.RefRoot, AllowExternalRefs: o.AllowExternalRefs, PublicAPI: publicAPI(io)}
	bin, rin := source.ParseInput(o.Base), source.ParseInput(o.Revision)
	if bin.Kind == source.InputStdin && rin.Kind == source.InputStdin {
		return nil, nil, inputError(fmt.Errorf("only one of BASE and REVISION can be read from standard input"))
	}
	io.progress.Stage("loading the specs")
	var docs [2]*spec.Document
	var errs [2]error
	var wg sync.WaitGroup
	for i, in := range []source.Input{bin, rin} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					errs[i] = crash.New("while loading "+in.Arg, p)
				}
			}()
			docs[i], errs[i] = comparison.Load(in, lopts)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, inputError(err)
		}
	}
	warnDocs(io, docs[:]...)
	io.progress.Stage("comparing")
	changes, _, err := comparison.Compare(docs[0], docs[1], comparison.Options{Full: o.NoPrune, Classify: ropts.Options})
	if err != nil {
		return nil, nil, inputError(err)
	}
	// The base's scheme first: an info.version it cannot read is said
	// before anything the classification finds wrong.
	if ropts.Scheme, err = report.DetectScheme(docs[0], ropts.Scheme); err != nil {
		return nil, nil, inputError(err)
	}
	io.progress.Stage("classifying")
	classified, err := classify.Classify(docs[0], docs[1], changes, ropts.Options)
	if err != nil {
		return nil, nil, inputError(err)
	}
	r, err := report.Build(docs[0], docs[1], classified, ropts)
	if err != nil {
		return nil, nil, inputError(err)
	}
	// What follows writes: the line goes first.
	io.progress.Done()
	return r, docs[1], nil
}

// maxWarnings is how many warnings of one document are printed; the rest
// are counted.
const maxWarnings = 10

// warnDocs prints what the documents hold that was read anyway (keys
// repeated in JSON), each with its file and line, on standard error.
func warnDocs(io IO, docs ...*spec.Document) {
	for _, d := range docs {
		ws := d.Warnings()
		for i, w := range ws {
			if i == maxWarnings {
				fmt.Fprintf(io.ErrOut, "apibump: warning: %s: %d more like these\n", escape.Text(d.Name()), len(ws)-i)
				break
			}
			fmt.Fprintf(io.ErrOut, "apibump: warning: %s\n", escape.Text(w.String()))
		}
	}
}

// versionOptions names where the configuration says the version is carried.
func versionOptions(cfg *config.Config) versioning.Options {
	return versioning.Options{Headers: cfg.VersionLocation.Headers, Query: cfg.VersionLocation.Query}
}
