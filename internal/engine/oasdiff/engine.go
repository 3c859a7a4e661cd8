// Package oasdiff runs oasdiff's diff and checks over two documents and
// returns its findings as changes, each placed in its source file. It
// keeps oasdiff's checks linear in the depth of a schema and its diff
// linear on rings of $refs (upstream's prune.go, rings.go), runs
// them concurrently, and tells the program when they run (OnRun).
package oasdiff

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"cloud.google.com/go/civil"

	"github.com/oasdiff/oasdiff/checker"
	odiff "github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"

	"github.com/apibump/apibump/internal/crash"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/upstream"
)

// Run runs oasdiff's diff and checker over the two documents (their
// kin-openapi models, see kinmodel.Build): one change per finding, grouped
// when one change to a shared element is reached from many operations with
// the same wording. day is the day of the comparison, the one x-sunset
// dates are judged against (sunset.go); the zero date is today.
func Run(base, rev *spec.Document, day civil.Date) (_ []finding.Change, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = crash.New(fmt.Sprintf("in oasdiff, comparing %s with %s", base.Name(), rev.Name()), p)
		}
	}()
	public := base.PublicAPI || rev.PublicAPI
	s1, s2 := specInfo(base), specInfo(rev)
	done := func() {}
	if OnRun != nil {
		done = sync.OnceFunc(OnRun())
	}
	defer done()
	shift := shiftSunsets(day, base.Spec, rev.Spec)
	defer shift.restore()
	exclude := odiff.WithExcludeExtensions(ignoredExtensions(base, rev))
	cfg := odiff.NewConfig(exclude)
	if !public {
		// Large rings of $refs are cut while oasdiff reads the models, and
		// put back after its checks (the tree comparison reports what
		// differs inside them).
		_, undo := CutRings(s1.Spec, s2.Spec, MaxRing)
		defer undo()
		cfg = upstream.DiffConfig(exclude) // the checks' report only
	}
	report, sources, err := odiff.GetWithOperationsSourcesMap(cfg, s1, s2)
	if err != nil {
		return nil, fmt.Errorf("compare %s with %s: %s", base.Name(), rev.Name(), fileNames(upstream.DiffErrorText(err.Error()), base, rev))
	}
	checks := checker.GetAllChecks()
	if !public {
		upstream.PruneSchemaDiffs(report, upstream.MaxSchemaDiffDepth)
		upstream.SortSets(report) // the lists of names the checks join into messages
		checks = upstream.ConcurrentChecks(checks)
	}
	changes := checker.CheckBackwardCompatibilityUntilLevel(checker.NewConfig(checks), report, sources, checker.INFO)
	done()
	shift.findings(changes)
	l := checker.NewLocalizer("en")
	type group struct {
		c   finding.Change
		ops map[string]bool
		// msgs are oasdiff's wordings of a shared change per operation.
		msgs map[finding.Reach]bool
		rep  finding.Reach // the operation and wording c is, the least of a shared change's
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
		c.BaseSource, c.RevisionSource = locate(ch.GetBaseSource(), base, rev), locate(ch.GetRevisionSource(), rev, base)
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
		// One edit to a shared element (a component) reached from many
		// operations is one finding, whatever oasdiff's wording for each
		// operation (it names what the operation reaches it through: a
		// status, a property path, a media type); the wordings are kept per
		// operation (classify words the finding for the component). Elsewhere
		// a finding is one per wording.
		key := c.ID + "\x00" + sourceKey(c.BaseSource) + "\x00" + sourceKey(c.RevisionSource)
		shared := false
		if c.Source != nil {
			doc := rev
			if c.Side == finding.SideBase {
				doc = base
			}
			_, _, n := finding.ComponentPlace(doc, c.Source)
			shared = n > 0
		}
		if !shared || op == "" {
			// A change no operation reaches is one per wording: two scopes
			// added to one security scheme are two findings.
			key += "\x00" + msg
		}
		if c.Source == nil {
			key += "\x00" + op
		}
		g := groups[key]
		if g == nil {
			g = &group{c: c, ops: map[string]bool{}, rep: finding.Reach{Operation: op, Message: msg}}
			if shared {
				g.msgs = map[finding.Reach]bool{}
			}
			groups[key] = g
			order = append(order, key)
		}
		if op != "" {
			g.ops[op] = true
		}
		if g.msgs != nil {
			r := finding.Reach{Operation: op, Message: msg}
			g.msgs[r] = true
			if cmp.Or(cmp.Compare(len(msg), len(g.rep.Message)), strings.Compare(op, g.rep.Operation), strings.Compare(msg, g.rep.Message)) < 0 {
				// Whatever order oasdiff's checks give, the same change
				// stands for the group: the shortest wording, which names
				// the component's place with the fewest steps (see
				// locate.SharedOasdiff).
				g.c, g.rep = c, r
			}
		}
	}
	out := make([]finding.Change, 0, len(order))
	for _, k := range order {
		g := groups[k]
		for op := range g.ops {
			g.c.Operations = append(g.c.Operations, op)
		}
		slices.Sort(g.c.Operations)
		if g.msgs != nil {
			for r := range g.msgs {
				g.c.Reach = append(g.c.Reach, r)
			}
			slices.SortFunc(g.c.Reach, func(a, b finding.Reach) int {
				return cmp.Or(strings.Compare(a.Operation, b.Operation), strings.Compare(a.Message, b.Message))
			})
		}
		out = append(out, g.c)
	}
	return modifiedMembers(renamedPathParameters(out, base, rev), base, rev), nil
}

// readExtensions are the extensions oasdiff's checks read: deprecation
// dates, stability levels, extensible enums.
var readExtensions = map[string]bool{odiff.SunsetExtension: true, odiff.XStabilityLevelExtension: true,
	odiff.XExtensibleEnumExtension: true, odiff.SinceDateExtension: true}

// ignoredExtensions lists every other extension name written in either
// document, for oasdiff's diff to leave out. Extensions are not part of
// the contract (apibump's tree comparison reports their changes, as
// non-contract, or under contract-extensions as configured), and oasdiff
// pairs the members of a oneOf / anyOf only when it finds no difference
// between them: a schema that gained an extension made every inline
// member reaching it "removed" and "added".
func ignoredExtensions(docs ...*spec.Document) []string {
	seen := map[string]bool{}
	var walk func(n *spec.Node)
	walk = func(n *spec.Node) {
		for i, c := range n.Children {
			if n.Kind == spec.Object && strings.HasPrefix(n.Keys[i], "x-") && !readExtensions[n.Keys[i]] {
				seen[n.Keys[i]] = true
			}
			walk(c)
		}
	}
	for _, d := range docs {
		for _, f := range d.Files() {
			if f.Root != nil {
				walk(f.Root)
			}
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// specInfo names a document for oasdiff: by its root file's token, which
// the origins of its model carry (see upstream.ApplyOrigins), or with the
// public API by its root file's key, as load.NewSpecInfo named it.
func specInfo(d *spec.Document) *load.SpecInfo {
	if d.PublicAPI {
		return &load.SpecInfo{Source: load.NewFileSource(d.Root.Key), Spec: d.Spec, Version: d.Version}
	}
	return &load.SpecInfo{Source: load.NewFileSource(d.Root.Token()), Spec: d.Spec, Version: d.Version}
}

// locate maps a source oasdiff gives to its place in the source files of
// d, the document it is on (or, failing that, other). A source with an
// extent is an element's key (kin-openapi records the end of what a key
// heads on the key only), one without a field or an item.
func locate(s *checker.Source, d, other *spec.Document) *spec.Position {
	if s == nil || s.Line == 0 {
		return nil
	}
	element := s.EndLine > 0
	for _, doc := range []*spec.Document{d, other} {
		if doc.Locate == nil {
			continue
		}
		if p := doc.Locate(s.File, s.Line, s.Column, element); p != nil {
			return p
		}
	}
	return nil
}

// OnRun, when set, is called as Run starts oasdiff's diff, and the
// function it returns once oasdiff's checks are done: the program may tune
// its runtime for that phase, the one that allocates most (no library
// touches the GC; tests make oasdiff panic there). Comparisons may run
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

func sourceKey(p *spec.Position) string {
	if p == nil {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// tokenRe matches the names the files are given in the origins oasdiff
// reads (spec.File.Token).
var tokenRe = regexp.MustCompile(`apibump-file-[0-9]+`)

// fileNames puts in msg, one of oasdiff's, the names of the files of
// base and rev in place of their tokens, or of their paths (the public-API
// mode gives oasdiff those).
func fileNames(msg string, base, rev *spec.Document) string {
	names := map[string]string{}
	var files []*spec.File
	for _, d := range []*spec.Document{base, rev} {
		for _, f := range d.Files() {
			names[f.Token()] = f.Name
			if f.Key != "" && f.Key != f.Name {
				files = append(files, f)
			}
		}
	}
	// The longest path first, so that no path is replaced in a longer one.
	slices.SortStableFunc(files, func(a, b *spec.File) int { return cmp.Compare(len(b.Key), len(a.Key)) })
	var keys []string
	for _, f := range files {
		keys = append(keys, f.Key, f.Name)
	}
	msg = tokenRe.ReplaceAllStringFunc(msg, func(tok string) string {
		if name, ok := names[tok]; ok {
			return name
		}
		return tok
	})
	if len(keys) == 0 {
		return msg
	}
	return strings.NewReplacer(keys...).Replace(msg)
}
