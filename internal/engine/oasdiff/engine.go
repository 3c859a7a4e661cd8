// Package oasdiff runs oasdiff's diff and checks over two documents and
// returns its findings as changes, each placed in its source file. It
// keeps oasdiff's checks linear in the depth of a schema (prune.go), runs
// them concurrently, and tells the program when they run (OnRun).
package oasdiff

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/oasdiff/oasdiff/checker"
	odiff "github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"

	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/upstream"
)

// Run runs oasdiff's diff and checker over the two documents (their
// kin-openapi models, see kinmodel.Build): one change per finding, grouped
// when one change to a shared element is reached from many operations.
func Run(base, rev *spec.Document) (_ []finding.Change, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("oasdiff failed comparing %s with %s: %v", base.Name(), rev.Name(), p)
		}
	}()
	s1 := specInfo(base)
	s2 := specInfo(rev)
	done := func() {}
	if OnRun != nil {
		done = sync.OnceFunc(OnRun())
	}
	defer done()
	report, sources, err := odiff.GetWithOperationsSourcesMap(odiff.NewConfig(), s1, s2)
	if err != nil {
		return nil, fmt.Errorf("compare %s with %s: %w", base.Name(), rev.Name(), err)
	}
	upstream.PruneSchemaDiffs(report, upstream.MaxSchemaDiffDepth)
	files := map[string]*spec.File{}
	for _, d := range []*spec.Document{base, rev} {
		for _, f := range d.Files() {
			files[f.Token()] = f
		}
	}
	pos := func(s *checker.Source) *spec.Position {
		if s == nil || s.Line == 0 {
			return nil
		}
		name := s.File
		if f := files[s.File]; f != nil {
			name = f.Name
		}
		return &spec.Position{File: name, Line: s.Line, Column: s.Column}
	}
	cfg := checker.NewConfig(upstream.ConcurrentChecks(checker.GetAllChecks()))
	changes := checker.CheckBackwardCompatibilityUntilLevel(cfg, report, sources, checker.INFO)
	done()
	l := checker.NewLocalizer("en")
	type group struct {
		c   finding.Change
		ops map[string]bool
	}
	groups := map[string]*group{}
	var order []string
	for _, ch := range changes {
		if versionMetaRules[ch.GetId()] {
			continue
		}
		msg := ch.GetUncolorizedText(l)
		c := finding.Change{ID: ch.GetId(), Message: msg, Level: strings.ToLower(ch.GetLevel().String())}
		c.Localized = localized(ch)
		c.Names = argsOf(ch)
		c.BaseSource, c.RevisionSource = pos(ch.GetBaseSource()), pos(ch.GetRevisionSource())
		if c.RevisionSource != nil {
			c.Source, c.Side = c.RevisionSource, finding.SideRevision
		} else if c.BaseSource != nil {
			c.Source, c.Side = c.BaseSource, finding.SideBase
		}
		op := ""
		if ch.GetOperation() != "" {
			op = strings.ToUpper(ch.GetOperation()) + " " + ch.GetPath()
		} else if ch.GetPath() != "" {
			op = ch.GetPath()
		}
		// One change to a shared element reached from many operations is one finding.
		// Its message may name the element by the path it was reached through;
		// the group keeps the shortest.
		key := c.ID + "\x00" + sourceKey(ch.GetBaseSource()) + "\x00" + sourceKey(ch.GetRevisionSource())
		if c.Source == nil {
			key += "\x00" + msg + "\x00" + op
		}
		g := groups[key]
		if g != nil && (len(msg) < len(g.c.Message) || len(msg) == len(g.c.Message) && msg < g.c.Message) {
			g.c.Message, g.c.Localized, g.c.Names = msg, c.Localized, c.Names
		}
		if g == nil {
			g = &group{c: c, ops: map[string]bool{}}
			groups[key] = g
			order = append(order, key)
		}
		if op != "" {
			g.ops[op] = true
		}
	}
	out := make([]finding.Change, 0, len(order))
	for _, k := range order {
		g := groups[k]
		for op := range g.ops {
			g.c.Operations = append(g.c.Operations, op)
		}
		slices.Sort(g.c.Operations)
		out = append(out, g.c)
	}
	return out, nil
}

// specInfo names a document for oasdiff by its root file's token, which
// positions map back to the file (see Run's pos).
func specInfo(d *spec.Document) *load.SpecInfo {
	return &load.SpecInfo{Source: load.NewFileSource(d.Root.Token()), Spec: d.Spec, Version: d.Version}
}

// OnRun, when set, is called as Run starts oasdiff's diff, and the
// function it returns once oasdiff's checks are done: the program may tune
// its runtime for that phase, the one that allocates most (cmd/apibump
// relaxes its GC there; no library touches the GC). Comparisons may run
// concurrently: both must be safe for concurrent use.
var OnRun func() (done func())

// versionMetaRules report info.version itself; apibump judges the version
// per version scheme and does not count its change, so their findings are
// left out.
var versionMetaRules = map[string]bool{
	"api-version-changed": true,
}

func localized(ch checker.Change) func(locale.Lang) locale.Phrase {
	return func(l locale.Lang) locale.Phrase { return upstream.OasdiffPhrase(l, ch) }
}

// argsOf returns the values a finding names, as its message shows them:
// checker.Change.Text sets each apart by the format it is given.
func argsOf(ch checker.Change) []string {
	var out []string
	ch.Text(func(string, ...any) string { return "" }, func(arg string) string {
		out = append(out, arg)
		return arg
	})
	return out
}

func sourceKey(s *checker.Source) string {
	if s == nil {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", s.File, s.Line, s.Column)
}
