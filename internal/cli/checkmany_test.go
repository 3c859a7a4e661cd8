package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// monorepo makes a git repository (the working directory) whose base commit
// holds the example base spec under svc1..svcN/api/openapi.yaml, then puts
// the example revision (a breaking change, declared 1.5.0) in svc2's place
// and adds svc9, which the base commit does not have.
func monorepo(t *testing.T, n int) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	base, rev := examplePair(t)
	b, _ := os.ReadFile(base)
	r, _ := os.ReadFile(rev)
	for k, v := range map[string]string{
		"GIT_AUTHOR_NAME": "apibump test", "GIT_AUTHOR_EMAIL": "test@example.com",
		"GIT_COMMITTER_NAME": "apibump test", "GIT_COMMITTER_EMAIL": "test@example.com",
		"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1",
	} {
		t.Setenv(k, v)
	}
	t.Chdir(t.TempDir())
	git(t, "init", "-q")
	put := func(p string, data []byte) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i <= n; i++ {
		put(filepath.Join("svc"+string(rune('0'+i)), "api", "openapi.yaml"), b)
	}
	git(t, "add", "-A")
	git(t, "commit", "-q", "--no-verify", "-m", "base")
	put("svc2/api/openapi.yaml", r)
	put("svc9/api/openapi.yaml", b)
}

func TestCheckManyBaseRef(t *testing.T) {
	monorepo(t, 4)
	out, errOut, code := runWith(t, "", false, "check", "--base-ref", "HEAD", "--date", releaseDate, "**/openapi.yaml", "svc1/api/openapi.yaml")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	var titles []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "== ") {
			titles = append(titles, l)
		}
	}
	want := []string{
		"== svc1/api/openapi.yaml (base HEAD:./svc1/api/openapi.yaml)",
		"== svc2/api/openapi.yaml (base HEAD:./svc2/api/openapi.yaml)",
		"== svc3/api/openapi.yaml (base HEAD:./svc3/api/openapi.yaml)",
		"== svc4/api/openapi.yaml (base HEAD:./svc4/api/openapi.yaml)",
		"== svc9/api/openapi.yaml (base HEAD:./svc9/api/openapi.yaml)",
	}
	if !slices.Equal(titles, want) {
		t.Errorf("specs, in order, each once:\n%s\nwant\n%s", strings.Join(titles, "\n"), strings.Join(want, "\n"))
	}
	for _, w := range []string{
		"check failed: svc2/api/openapi.yaml declares version 1.5.0, but its changes need a major bump",
		"new spec: svc9/api/openapi.yaml has no svc9/api/openapi.yaml at HEAD; nothing to compare",
		"check passed: svc3/api/openapi.yaml declares 1.4.2",
		"checked 5 specs: 3 passed, 1 failed, 1 new, 0 could not be read\n",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	// One job at a time gives the same report: the order is the arguments', not the finishing order.
	serial, _, _ := runWith(t, "", false, "check", "--jobs", "1", "--base-ref", "HEAD", "--date", releaseDate, "**/openapi.yaml", "svc1/api/openapi.yaml")
	if serial != out {
		t.Errorf("--jobs 1 changes the output")
	}

	// A spec that cannot be read is reported in its place; the others still run; exit 2.
	if err := os.WriteFile("svc3/api/openapi.yaml", []byte("openapi: 3.0.3\ninfo: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = runWith(t, "", false, "check", "--base-ref", "HEAD", "--date", releaseDate, "svc*/api/openapi.yaml")
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(errOut, "apibump: svc3/api/openapi.yaml:") || !strings.HasSuffix(errOut, "apibump: 1 of 5 specs could not be read (see above)\n") {
		t.Errorf("stderr:\n%s", errOut)
	}
	if !strings.Contains(out, "checked 5 specs: 2 passed, 1 failed, 1 new, 1 could not be read") {
		t.Errorf("stdout:\n%s", out)
	}
}

func TestCheckManyJSON(t *testing.T) {
	monorepo(t, 2)
	out, errOut, code := runWith(t, "", false, "check", "--format", "json", "--base-ref", "HEAD", "--date", releaseDate, "svc*/api/*.yaml")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, errOut)
	}
	var got manyJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	var status []string
	for _, s := range got.Specs {
		status = append(status, s.Revision+" "+s.Status)
	}
	if want := []string{"svc1/api/openapi.yaml passed", "svc2/api/openapi.yaml failed", "svc9/api/openapi.yaml new"}; !slices.Equal(status, want) {
		t.Errorf("specs %q, want %q", status, want)
	}
	if s := got.Specs[1]; s.Report == nil || s.Report.NextVersion != exampleNext || len(s.Problems) != 2 {
		t.Errorf("svc2: %+v", s)
	}
	if got.Summary["specs"] != 3 || got.Summary["failed"] != 1 || got.Summary["new"] != 1 {
		t.Errorf("summary %v", got.Summary)
	}
}

func TestCheckManyPairs(t *testing.T) {
	base, rev := examplePair(t)
	out, errOut, code := runWith(t, "", false, "check", "--date", releaseDate, base+":"+base, base+":"+rev, rev+":"+rev)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, errOut)
	}
	if !strings.Contains(out, "checked 3 specs: 2 passed, 1 failed, 0 new, 0 could not be read") {
		t.Errorf("output:\n%s", out)
	}
	// Two pairs are told from the classic two-argument form.
	_, _, code = runWith(t, "", false, "check", "--date", releaseDate, base+":"+base, rev+":"+rev)
	if code != 0 {
		t.Errorf("two passing pairs: exit %d, want 0", code)
	}
}

func TestCheckManyArguments(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range []string{"a.yaml", "b.yaml", "sub/c.yaml", "sub/deeper/d.yaml", ".git/x.yaml", "node_modules/y.yaml"} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		arg  string
		pair bool
	}{
		{"a.yaml:b.yaml", true},
		{"origin/main:a.yaml:a.yaml", true},
		{"origin/main:a.yaml", false}, // the classic REF:path base
		{"a.yaml", false},
		{"a.yaml:missing.yaml", false},
		{"missing.yaml:a.yaml", false},
		{"a.yaml:sub", false},
	} {
		if got := isPair(tt.arg); got != tt.pair {
			t.Errorf("isPair(%q) = %v, want %v", tt.arg, got, tt.pair)
		}
	}
	for _, tt := range []struct {
		glob string
		want []string
		err  string
	}{
		{"*.yaml", []string{"a.yaml", "b.yaml"}, ""},
		{"**/*.yaml", []string{"a.yaml", "b.yaml", "sub/c.yaml", "sub/deeper/d.yaml"}, ""},
		{"sub/**/d.yaml", []string{"sub/deeper/d.yaml"}, ""},
		{"sub/**/*.yaml", []string{"sub/c.yaml", "sub/deeper/d.yaml"}, ""}, // ** also stands for no directory
		{"{a,sub/c}.yaml", []string{"a.yaml", "sub/c.yaml"}, ""},
		{"[a.yaml", nil, "[a.yaml: not a valid glob (an unclosed [ or {?)"},
		{"sub/*.yaml", []string{"sub/c.yaml"}, ""},
		{"[ab].yaml", []string{"a.yaml", "b.yaml"}, ""},
		{"?.yaml", []string{"a.yaml", "b.yaml"}, ""},
		{"*.json", nil, "*.json: no file matches"},
		{"sub", nil, "sub is a directory: give spec files or a glob such as sub/**/openapi.yaml"},
		{"none.yaml", nil, "none.yaml: no such file"},
	} {
		got, err := expandGlob(tt.glob)
		var msg string
		if err != nil {
			msg = err.Error()
		}
		for i := range got {
			got[i] = filepath.ToSlash(got[i])
		}
		if msg != tt.err || !slices.Equal(got, tt.want) {
			t.Errorf("expandGlob(%q) = %q, %q; want %q, %q", tt.glob, got, msg, tt.want, tt.err)
		}
	}
	for _, args := range [][]string{
		{"check", "a.yaml:b.yaml", "-"},
		{"check", "a.yaml:b.yaml", "nonsense"},
		{"check", "--format", "sarif", "a.yaml:b.yaml", "b.yaml:a.yaml", "a.yaml:a.yaml"},
		{"check", "--base-ref", "HEAD", "*.json"},
	} {
		out, errOut, code := runWith(t, "", false, args...)
		if code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
		oneErrorLine(t, out, errOut)
	}
}
