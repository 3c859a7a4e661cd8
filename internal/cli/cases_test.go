package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/apibump/apibump/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// caseSpec is testdata/<case>/case.yaml: a spec pair and what a reviewer expects of it.
type caseSpec struct {
	Description string   `yaml:"description"`
	Base        string   `yaml:"base"`
	Revision    string   `yaml:"revision"`
	Args        []string `yaml:"args"`
	Unsure      string   `yaml:"unsure"`
	Expect      struct {
		Bump      string            `yaml:"bump"`
		Next      *string           `yaml:"next"` // "" when there is no next version
		Summary   *report.Summary   `yaml:"summary"`
		IDs       map[string]string `yaml:"ids"`
		CheckExit *int              `yaml:"check_exit"`
		Error     string            `yaml:"error"`
		// Locations are the revision's version locations as "kind[ name]: majors",
		// e.g. "header Api-Version: v1 v2"; "none" for an unversioned API.
		Locations []string `yaml:"locations"`
		// Majors are the per-major results as "status bump next", e.g. "kept minor 1.5.0".
		Majors map[string]string `yaml:"majors"`
		// Problems are substrings of the versioning problems, one per problem, in order.
		Problems []string `yaml:"problems"`
		// Notes are substrings of the versioning notes, one per note, in order.
		Notes []string `yaml:"notes"`
		// Warnings are substrings of the warnings diff prints on standard
		// error ("apibump: warning: ..."), one per warning, in order.
		Warnings []string `yaml:"warnings"`
	} `yaml:"expect"`
}

func (s *caseSpec) paths(dir string) (string, string) {
	find := func(given, name string) string {
		if given != "" {
			return given
		}
		for _, ext := range []string{".yaml", ".yml", ".json"} {
			if _, err := os.Stat(filepath.Join(dir, name+ext)); err == nil {
				return name + ext
			}
		}
		if _, err := os.Stat(filepath.Join(dir, name, "openapi.yaml")); err == nil {
			return name + "/openapi.yaml"
		}
		return name + ".yaml"
	}
	return find(s.Base, "base"), find(s.Revision, "revision")
}

func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	return out.String(), errOut.String(), code
}

// golden compares got with the file, or rewrites it under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v (run go test ./... -update to create it)", path, err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the output (run go test ./... -update and read the diff):\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// eachCase runs f as a subtest for every case under testdata/ (its
// case.yaml read, the working directory the case's), and returns how many
// there are.
func eachCase(t *testing.T, f func(t *testing.T, name string, spec *caseSpec, base, rev string)) int {
	t.Helper()
	root, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		dir := filepath.Join(root, e.Name())
		data, err := os.ReadFile(filepath.Join(dir, "case.yaml"))
		if err != nil {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			var spec caseSpec
			if err := yaml.Unmarshal(data, &spec); err != nil {
				t.Fatalf("case.yaml: %v", err)
			}
			t.Chdir(dir)
			base, rev := spec.paths(dir)
			f(t, e.Name(), &spec, base, rev)
		})
	}
	return n
}

// TestCases runs every case under testdata/ and checks the engine against
// the reviewer's expectations in case.yaml, then against the golden outputs.
func TestCases(t *testing.T) {
	n := eachCase(t, func(t *testing.T, _ string, spec *caseSpec, base, rev string) {
		args := append([]string{"diff", "--format", "json", base, rev}, spec.Args...)
		out, errOut, code := run(t, args...)
		// The whole comparison gives the same bytes and status.
		if o, e, c := run(t, append(args, "--no-prune")...); o != out || e != errOut || c != code {
			t.Errorf("with --no-prune: exit %d, %q, stderr %q; without: exit %d, %q, stderr %q", c, o, e, code, out, errOut)
		}
		if spec.Expect.Error != "" {
			checkInputError(t, out, errOut, code, spec.Expect.Error)
			golden(t, "error.txt", errOut)
			return
		}
		if code != 0 {
			t.Fatalf("diff exited %d: %s", code, errOut)
		}
		var r report.Report
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("diff --format json: %v\n%s", err, out)
		}
		checkExpectations(t, spec, &r)
		checkWarnings(t, errOut, spec.Expect.Warnings)
		golden(t, "diff.json", out)
		text, _, _ := run(t, append([]string{"diff", base, rev}, spec.Args...)...)
		golden(t, "diff.txt", text)
		if spec.Expect.CheckExit != nil {
			_, _, code := run(t, append([]string{"check", "--format", "json", base, rev}, spec.Args...)...)
			if code != *spec.Expect.CheckExit {
				t.Errorf("check exited %d, want %d", code, *spec.Expect.CheckExit)
			}
		}
	})
	if n < 40 {
		t.Errorf("only %d cases under testdata/, want at least 40", n)
	}
}

func checkExpectations(t *testing.T, spec *caseSpec, r *report.Report) {
	t.Helper()
	ex := spec.Expect
	if ex.Bump != "" && string(r.Bump) != ex.Bump {
		t.Errorf("bump %s, want %s", r.Bump, ex.Bump)
	}
	if ex.Next != nil && r.NextVersion != *ex.Next {
		t.Errorf("next version %q, want %q", r.NextVersion, *ex.Next)
	}
	if ex.Notes != nil {
		if len(r.Versioning.Notes) != len(ex.Notes) {
			t.Errorf("versioning notes %q, want %d containing %q", r.Versioning.Notes, len(ex.Notes), ex.Notes)
		} else {
			for i, n := range r.Versioning.Notes {
				if !strings.Contains(n, ex.Notes[i]) {
					t.Errorf("versioning note %d is %q, want it to contain %q", i, n, ex.Notes[i])
				}
			}
		}
	}
	if ex.Summary != nil && r.Summary != *ex.Summary {
		t.Errorf("summary %+v, want %+v", r.Summary, *ex.Summary)
	}
	if ex.Locations != nil {
		var got []string
		for _, l := range r.Versioning.Locations {
			got = append(got, strings.TrimSpace(string(l.Kind)+" "+l.Name)+": "+strings.Join(l.Majors, " "))
		}
		if len(got) == 0 {
			got = []string{"none"}
		}
		if !slices.Equal(got, ex.Locations) {
			t.Errorf("locations %q, want %q", got, ex.Locations)
		}
		if (got[0] == "none") != (r.Versioning.Advice != "") {
			t.Errorf("advice %q for locations %q", r.Versioning.Advice, got)
		}
	}
	if ex.Majors != nil {
		got := map[string]string{}
		for _, m := range r.Majors {
			got[m.Major] = strings.TrimSpace(fmt.Sprintf("%s %s %s", m.Status, m.Bump, m.NextVersion))
		}
		if !maps.Equal(got, ex.Majors) {
			t.Errorf("majors %q, want %q", got, ex.Majors)
		}
	}
	if ex.Problems != nil || len(r.Versioning.Problems) > 0 {
		if len(r.Versioning.Problems) != len(ex.Problems) {
			t.Errorf("versioning problems %q, want %d containing %q", r.Versioning.Problems, len(ex.Problems), ex.Problems)
		} else {
			for i, p := range r.Versioning.Problems {
				if !strings.Contains(p, ex.Problems[i]) {
					t.Errorf("versioning problem %d is %q, want it to contain %q", i, p, ex.Problems[i])
				}
			}
		}
	}
	if ex.IDs != nil {
		got := map[string]string{}
		for _, c := range r.Changes {
			if prev, ok := got[c.ID]; ok && prev != string(c.Class) {
				t.Errorf("%s has two classes: %s and %s", c.ID, prev, c.Class)
			}
			got[c.ID] = string(c.Class)
		}
		for id, class := range ex.IDs {
			if got[id] != class {
				t.Errorf("rule %s: class %q, want %q", id, got[id], class)
			}
		}
		for id := range got {
			if _, ok := ex.IDs[id]; !ok {
				t.Errorf("unexpected rule %s (%s)", id, got[id])
			}
		}
	}
}

// checkWarnings wants one warning line on standard error per expected
// substring, in order, and nothing else there.
func checkWarnings(t *testing.T, errOut string, want []string) {
	t.Helper()
	var got []string
	for _, l := range strings.Split(strings.TrimRight(errOut, "\n"), "\n") {
		if l != "" {
			got = append(got, l)
		}
	}
	if len(got) != len(want) {
		t.Errorf("standard error %q, want %d warnings containing %q", got, len(want), want)
		return
	}
	for i, l := range got {
		if !strings.HasPrefix(l, "apibump: warning: ") || !strings.Contains(l, want[i]) {
			t.Errorf("standard error line %d is %q, want a warning containing %q", i+1, l, want[i])
		}
	}
}

func checkInputError(t *testing.T, out, errOut string, code int, want string) {
	t.Helper()
	if code != 2 {
		t.Errorf("exit status %d, want 2", code)
	}
	if out != "" {
		t.Errorf("stdout should be empty on bad input, got %q", out)
	}
	lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "apibump: ") {
		t.Errorf("want one line starting with 'apibump: ', got %q", errOut)
	}
	if !strings.Contains(errOut, want) {
		t.Errorf("error %q does not contain %q", errOut, want)
	}
	for _, bad := range []string{"goroutine", "panic", ".go:"} {
		if strings.Contains(errOut, bad) {
			t.Errorf("error looks like a Go crash: %q", errOut)
		}
	}
}

var _ = slices.Contains[[]string]
