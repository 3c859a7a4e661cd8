package cli

// The many-spec check: every spec pair compared concurrently, reported one
// by one in argument order (or as one JSON document), then summed up.

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/apibump/apibump/internal/crash"
	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/render"
	"github.com/apibump/apibump/internal/report"
)

// specResult is what checking one pair gave.
type specResult struct {
	pair    specPair
	report  *report.Report
	verdict report.Verdict
	out     []byte // the single-spec output (text formats)
	errOut  []byte
	err     error
}

// status is passed, failed, new or error.
func (r *specResult) status() string {
	switch {
	case r.pair.New:
		return "new"
	case r.err == nil:
		return "passed"
	case r.err == errCheckFailed:
		return "failed"
	}
	return "error"
}

// forSpec copies the options for one spec: its own configuration, flags
// laid over it again.
func (o *CheckOptions) forSpec(p specPair) *CheckOptions {
	c := *o
	c.cfg = nil
	c.Base, c.Revision = p.Base, p.Revision
	return &c
}

// manyFormats are the formats of a check of several specs.
var manyFormats = []render.Format{render.Text, render.Markdown, render.GitHub, render.JSON}

func runCheckMany(io IO, o *CheckOptions, args []string) error {
	format, err := render.ParseFormat(o.Format)
	if err != nil {
		return inputError(err)
	}
	if !slices.Contains(manyFormats, format) {
		return inputError(fmt.Errorf("--format %s is not available with several specs (want %s)", format, render.FormatList(manyFormats...)))
	}
	specs, err := o.pairs(args)
	if err != nil {
		return err
	}
	jobs := o.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	results := make([]specResult, len(specs))
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for i, p := range specs {
		results[i].pair = p
		if p.New {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			res := &results[i]
			defer func() {
				if r := recover(); r != nil {
					res.err = inputError(crash.New("checking "+p.Revision, r))
				}
			}()
			var out, errOut bytes.Buffer
			// One spec's step outputs would overwrite another's: none in this mode.
			sub := IO{In: io.In, Out: &out, ErrOut: &errOut, ColorOK: io.ColorOK, Getenv: func(k string) string {
				if strings.HasPrefix(k, "GITHUB_") {
					return ""
				}
				return io.getenv(k)
			}}
			c := o.forSpec(p)
			if format == render.JSON {
				res.report, res.verdict, res.err = checkOne(sub, c)
				if res.err == nil && !res.verdict.OK {
					res.err = errCheckFailed
				}
				return
			}
			res.err = runCheck(sub, c)
			res.out, res.errOut = out.Bytes(), errOut.Bytes()
		}()
	}
	wg.Wait()

	count := map[string]int{}
	for i := range results {
		count[results[i].status()]++
	}
	summary := fmt.Sprintf("checked %s: %d passed, %d failed, %d new, %d could not be read",
		locale.Count(len(results), "spec"), count["passed"], count["failed"], count["new"], count["error"])
	if format == render.JSON {
		if err := writeManyJSON(io, results, count); err != nil {
			return err
		}
	} else {
		for i := range results {
			writeOne(io, format, &results[i])
		}
		w := io.Out
		if format == render.GitHub {
			w = io.ErrOut
		}
		fmt.Fprintf(w, "\n%s\n", summary)
	}
	switch {
	case count["error"] > 0:
		return inputError(fmt.Errorf("%d of %s could not be read (see above)", count["error"], locale.Count(len(results), "spec")))
	case count["failed"] > 0:
		return errCheckFailed
	}
	return nil
}

// writeOne prints one spec's part of a text, markdown or github report.
func writeOne(io IO, format render.Format, r *specResult) {
	title := fmt.Sprintf("%s (base %s)", r.pair.Revision, r.pair.Base)
	switch format {
	case render.Markdown:
		fmt.Fprintf(io.Out, "\n# %s\n\n", escape.Markdown(title))
	case render.GitHub:
		fmt.Fprintf(io.ErrOut, "== %s\n", escape.Text(title))
	default:
		fmt.Fprintf(io.Out, "\n== %s\n\n", escape.Text(title))
	}
	if r.pair.New {
		w := io.Out
		if format == render.GitHub {
			w = io.ErrOut
		}
		rev := escape.Text(r.pair.Revision)
		if format == render.Markdown {
			rev = escape.MarkdownCode(r.pair.Revision)
		}
		fmt.Fprintf(w, "new spec: %s has no %s at %s; nothing to compare\n", rev, rev, escape.Text(strings.SplitN(r.pair.Base, ":", 2)[0]))
		return
	}
	io.Out.Write(r.out)
	io.ErrOut.Write(r.errOut)
	if r.err != nil && r.err != errCheckFailed {
		printError(io, unwrapExit(r.err))
	}
}

// manyJSON is the JSON form of a many-spec check.
type manyJSON struct {
	Specs   []specJSON     `json:"specs"`
	Summary map[string]int `json:"summary"`
}

type specJSON struct {
	Base     string         `json:"base"`
	Revision string         `json:"revision"`
	Status   string         `json:"status"` // passed, failed, new or error
	Problems []string       `json:"problems,omitempty"`
	Notes    []string       `json:"notes,omitempty"`
	Error    string         `json:"error,omitempty"`
	Report   *report.Report `json:"report,omitempty"`
}

func writeManyJSON(io IO, results []specResult, count map[string]int) error {
	m := manyJSON{Specs: []specJSON{}, Summary: map[string]int{
		"specs": len(results), "passed": count["passed"], "failed": count["failed"], "new": count["new"], "errors": count["error"]}}
	for i := range results {
		r := &results[i]
		s := specJSON{Base: r.pair.Base, Revision: r.pair.Revision, Status: r.status(), Report: r.report,
			Problems: r.verdict.Problems, Notes: r.verdict.Notes}
		if s.Status == "error" {
			s.Error = oneLine(unwrapExit(r.err).Error()) + crashNote(r.err, func(s string) string { return s })
		}
		m.Specs = append(m.Specs, s)
	}
	return render.WriteJSON(io.Out, m)
}
