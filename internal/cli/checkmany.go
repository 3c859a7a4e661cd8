package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/render"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/source"
)

// specPair is one spec of a many-spec check.
type specPair struct {
	Base, Revision string
	// New is set when the revision has no base at --base-ref: nothing to compare.
	New bool
}

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

// isPair tells a BASE:REVISION argument: split at its last colon, the
// revision is an existing file and the base an existing file or a REF:path.
func isPair(arg string) bool {
	_, _, ok := splitPair(arg)
	return ok
}

func splitPair(arg string) (string, string, bool) {
	i := strings.LastIndex(arg, ":")
	if i <= 0 || i == len(arg)-1 {
		return "", "", false
	}
	base, rev := arg[:i], arg[i+1:]
	if st, err := os.Stat(rev); err != nil || st.IsDir() {
		return "", "", false
	}
	if _, err := os.Stat(base); err == nil {
		return base, rev, true
	}
	if in := source.ParseInput(base); in.Kind == source.InputGit {
		return base, rev, true
	}
	return "", "", false
}

// pairs turns the arguments into the specs to check.
func (o *CheckOptions) pairs(args []string) ([]specPair, error) {
	var out []specPair
	seen := map[string]bool{}
	add := func(p specPair) {
		if !seen[p.Base+"\x00"+p.Revision] {
			seen[p.Base+"\x00"+p.Revision] = true
			out = append(out, p)
		}
	}
	for _, arg := range args {
		if arg == "-" {
			return nil, inputError(fmt.Errorf("standard input cannot be one of several specs"))
		}
		if o.BaseRef == "" {
			base, rev, ok := splitPair(arg)
			if !ok {
				return nil, inputError(fmt.Errorf("%s: want BASE:REVISION with REVISION an existing file and BASE a file or REF:path (or use --base-ref REF with revision files)", arg))
			}
			add(specPair{Base: base, Revision: rev})
			continue
		}
		files, err := expandGlob(arg)
		if err != nil {
			return nil, inputError(err)
		}
		for _, f := range files {
			rel := f
			if filepath.IsAbs(f) {
				if wd, err := os.Getwd(); err == nil {
					if r, err := filepath.Rel(wd, f); err == nil {
						rel = r
					}
				}
			}
			rel = filepath.ToSlash(rel)
			if !strings.HasPrefix(rel, "../") {
				rel = "./" + rel
			}
			exists, err := source.GitFileExists(o.BaseRef, rel)
			if err != nil {
				return nil, inputError(fmt.Errorf("--base-ref %s: %w", o.BaseRef, err))
			}
			add(specPair{Base: o.BaseRef + ":" + rel, Revision: f, New: !exists})
		}
	}
	return out, nil
}

// expandGlob lists the files a pattern matches, sorted; ** matches any
// number of directories. A plain path must exist.
func expandGlob(pattern string) ([]string, error) {
	if !strings.ContainsAny(pattern, "*?[") {
		st, err := os.Stat(pattern)
		if err != nil {
			return nil, fmt.Errorf("%s: no such file", pattern)
		}
		if st.IsDir() {
			return nil, fmt.Errorf("%s is a directory: give spec files or a glob such as %s", pattern, filepath.ToSlash(filepath.Join(pattern, "**", "openapi.yaml")))
		}
		return []string{pattern}, nil
	}
	slashed := filepath.ToSlash(pattern)
	segs := strings.Split(slashed, "/")
	n := 0
	for n < len(segs) && !strings.ContainsAny(segs[n], "*?[") {
		n++
	}
	root := strings.Join(segs[:n], "/")
	if root == "" {
		root = "."
		if strings.HasPrefix(slashed, "/") {
			root = "/"
		}
	}
	re, err := globRegexp(strings.Join(segs[n:], "/"))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pattern, err)
	}
	var out []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (d.Name() == ".git" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		if re.MatchString(filepath.ToSlash(rel)) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pattern, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no file matches", pattern)
	}
	slices.Sort(out)
	return out, nil
}

// globRegexp translates a glob: ** any directories, * any text in a
// segment, ? one character, [...] a class.
func globRegexp(glob string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(glob); i++ {
		c := glob[i]
		switch {
		case strings.HasPrefix(glob[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(glob[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			j := strings.IndexByte(glob[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("unclosed [ in the glob")
			}
			class := glob[i+1 : i+j]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + class + "]")
			i += j
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// forSpec copies the options for one spec: its own configuration, flags
// laid over it again.
func (o *CheckOptions) forSpec(p specPair) *CheckOptions {
	c := *o
	c.cfg = nil
	c.bindings = nil
	c.bindCompare()
	c.bindCheck()
	c.Base, c.Revision = p.Base, p.Revision
	return &c
}

func runCheckMany(io IO, o *CheckOptions, args []string) error {
	format, err := render.ParseFormat(o.Format)
	if err != nil {
		return inputError(err)
	}
	switch format {
	case render.Text, render.Markdown, render.GitHub, render.JSON:
	default:
		return inputError(fmt.Errorf("--format %s is not available with several specs (want text, markdown, github or json)", format))
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
					res.err = inputError(fmt.Errorf("%s: internal error: %v (please report it)", p.Revision, r))
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
	summary := fmt.Sprintf("checked %d spec(s): %d passed, %d failed, %d new, %d could not be read",
		len(results), count["passed"], count["failed"], count["new"], count["error"])
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
		return inputError(fmt.Errorf("%d of %d spec(s) could not be read (see above)", count["error"], len(results)))
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
		fmt.Fprintf(io.ErrOut, "apibump: %s\n", escape.Text(oneLine(unwrapExit(r.err).Error())))
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
			s.Error = oneLine(unwrapExit(r.err).Error())
		}
		m.Specs = append(m.Specs, s)
	}
	return render.WriteJSON(io.Out, m)
}
