package internal

import (
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The layout of the module (see ARCHITECTURE.md): the data flows from the
// inputs to the commands, and a package imports only packages of layers
// below its own. A new package has to be placed here.
var layers = [][]string{
	// Leaves: escaping per medium, the message catalogues, bounded reads,
	// the OpenAPI grammar, the field table's vocabulary.
	{"escape", "locale", "safefile", "oasgrammar", "oasgrammar/fieldlists", "rules/field", "crash", "term"},
	// The rule table, the atomic two-file write, the GitHub comment client.
	{"rules", "atomicfile", "ghcomment", "repo"},
	{"scheme"},
	// The configuration: typed values low, so that everything may read them
	// (it imports neither changelog nor report).
	{"config"},
	{"source"},
	{"spec"},
	// Every assumption about the dependencies' private behaviour.
	{"upstream"},
	{"upstream/kindecode"},
	{"finding", "kinmodel", "placewords"},
	{"normalize", "prune", "kincheck", "engine/tree", "engine/oasdiff"},
	{"locate"},
	{"classify", "versioning"},
	// The comparison the commands run (reduced by prune, then classify's).
	{"report", "comparison"},
	{"render"},
	{"changelog"},
	{"release"},
	{"cli"},
}

// support are the packages only tests and generators use: they may import
// any package of the module, and only tests and other support packages may
// import them.
var support = []string{
	"spec/spectest", "classify/classifytest", "report/reporttest",
	"safefile/safefiletest", "ghcomment/ghcommenttest",
	"rules/internal/gentable", "rules/internal/oaifields",
}

// maxLines bounds the non-test lines of a package.
const maxLines = 2500

const module = "github.com/apibump/apibump/"

// pkg is what TestLayout reads of one package directory.
type pkg struct {
	path    string   // from the module root: "internal/spec", "cmd/apibump"
	imports []string // the module's packages its non-test files import, from the module root
	lines   int      // lines of its non-test files
}

// modulePackages reads every package directory of the module.
func modulePackages(t *testing.T) []pkg {
	t.Helper()
	var out []pkg
	root := ".."
	err := filepath.WalkDir(root, func(dir string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if name := d.Name(); dir != root && (name == "testdata" || strings.HasPrefix(name, ".")) {
			return filepath.SkipDir
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, dir)
		p := pkg{path: filepath.ToSlash(rel)}
		found := false
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			found = true
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				return err
			}
			p.lines += bytes.Count(data, []byte{'\n'})
			f, err := parser.ParseFile(token.NewFileSet(), name, data, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if rest, ok := strings.CutPrefix(path, module); ok && !slices.Contains(p.imports, rest) {
					p.imports = append(p.imports, rest)
				}
			}
		}
		if found {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 20 {
		t.Fatalf("found only %d packages", len(out))
	}
	return out
}

// layerOf returns the layer of a package under internal/, -1 when it has none.
func layerOf(path string) int {
	name, ok := strings.CutPrefix(path, "internal/")
	if !ok {
		return -1
	}
	for i, l := range layers {
		if slices.Contains(l, name) {
			return i
		}
	}
	return -1
}

func isSupport(path string) bool {
	name, ok := strings.CutPrefix(path, "internal/")
	return ok && slices.Contains(support, name)
}

// TestLayout: no package is larger than maxLines; every package under
// internal/ has a layer (or is support); a package imports only packages of
// lower layers, never a support package nor cmd/ or bench/; cmd/ and
// bench/ (the command and the benchmark tools) may import any package.
func TestLayout(t *testing.T) {
	for _, p := range modulePackages(t) {
		if p.lines > maxLines {
			t.Errorf("%s has %d lines of non-test code, more than %d: split it", p.path, p.lines, maxLines)
		}
		internal := strings.HasPrefix(p.path, "internal/")
		layer := layerOf(p.path)
		switch {
		case internal && layer < 0 && !isSupport(p.path):
			t.Errorf("%s has no layer: place it in layers (or support) in internal/arch_test.go and ARCHITECTURE.md", p.path)
			continue
		case !internal && !strings.HasPrefix(p.path, "cmd/") && !strings.HasPrefix(p.path, "bench/"):
			t.Errorf("%s is outside internal/, cmd/ and bench/: nothing here is meant as a library", p.path)
			continue
		}
		for _, imp := range p.imports {
			switch {
			case !strings.HasPrefix(imp, "internal/"):
				if internal && !isSupport(p.path) {
					t.Errorf("%s imports %s: internal packages import only internal packages (tests may use the benchmarks' generators)", p.path, imp)
				}
			case isSupport(imp):
				if !isSupport(p.path) {
					t.Errorf("%s imports %s, which only tests may use", p.path, imp)
				}
			case layerOf(imp) < 0:
				t.Errorf("%s imports %s, which has no layer", p.path, imp)
			case layer >= 0 && layerOf(imp) >= layer:
				t.Errorf("%s (layer %d) imports %s (layer %d): imports go down the layers only", p.path, layer, imp, layerOf(imp))
			}
		}
	}
}

// TestLayersListKnownPackages keeps the layer list true: each package it
// names exists.
func TestLayersListKnownPackages(t *testing.T) {
	exists := map[string]bool{}
	for _, p := range modulePackages(t) {
		exists[p.path] = true
	}
	for _, l := range append(slices.Clone(layers), support) {
		for _, name := range l {
			if !exists["internal/"+name] {
				t.Errorf("internal/%s is listed in internal/arch_test.go but does not exist", name)
			}
		}
	}
}

// TestNoLibraryTouchesTheGC: the GC policy is the program's (cmd/apibump,
// which leaves Go's default); a package under internal/ may expose a hook,
// never set the GC itself.
func TestNoLibraryTouchesTheGC(t *testing.T) {
	err := filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, call := range []string{"SetGCPercent", "SetMemoryLimit"} {
			if bytes.Contains(data, []byte("debug."+call)) {
				t.Errorf("internal/%s calls debug.%s: the GC policy is decided in cmd/apibump", filepath.ToSlash(p), call)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
