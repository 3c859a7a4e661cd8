package cli

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.yaml.in/yaml/v4"
)

type actionFile struct {
	Inputs  map[string]struct{ Default string } `yaml:"inputs"`
	Outputs map[string]struct{ Value string }   `yaml:"outputs"`
	Runs    struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID   string            `yaml:"id"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) actionFile {
	t.Helper()
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestActionInterface(t *testing.T) {
	a := readAction(t)
	for _, in := range []string{"spec", "base", "policy", "fail-on", "window", "comment", "github-token", "working-directory"} {
		if _, ok := a.Inputs[in]; !ok {
			t.Errorf("action.yml lacks input %s", in)
		}
	}
	for _, out := range []string{"bump", "next-version", "breaking", "additive", "non-contract", "changelog"} {
		if o, ok := a.Outputs[out]; !ok || !strings.Contains(o.Value, "steps.check.outputs."+out) {
			t.Errorf("action.yml output %s must come from the check step", out)
		}
	}
	if a.Runs.Using != "composite" || !strings.HasPrefix(a.Runs.Steps[0].Uses, "actions/setup-go@") {
		t.Errorf("the action must be composite and set Go up from the module's version")
	}
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "${{") {
			t.Errorf("run scripts take their inputs from env, never from ${{ }} (script injection): %q", s.ID)
		}
	}
}

// fakeGitHub records the comments posted to a pull request.
type fakeGitHub struct {
	mu       sync.Mutex
	comments []string
	posts    int
}

func (f *fakeGitHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/issues/7/comments"):
		var list []map[string]any
		for i, c := range f.comments {
			list = append(list, map[string]any{"id": i + 1, "body": c, "html_url": "https://example.invalid/c"})
		}
		if list == nil {
			list = []map[string]any{}
		}
		json.NewEncoder(w).Encode(list)
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/issues/7/comments"):
		var body struct{ Body string }
		data, _ := io.ReadAll(r.Body)
		json.Unmarshal(data, &body)
		f.comments = append(f.comments, body.Body)
		f.posts++
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(map[string]any{"id": len(f.comments), "body": body.Body, "html_url": "https://example.invalid/c"})
	case r.Method == http.MethodPatch:
		var body struct{ Body string }
		data, _ := io.ReadAll(r.Body)
		json.Unmarshal(data, &body)
		f.comments[0] = body.Body
		json.NewEncoder(w).Encode(map[string]any{"id": 1, "body": body.Body, "html_url": "https://example.invalid/c"})
	default:
		http.Error(w, "unexpected "+r.Method+" "+r.URL.Path, http.StatusNotFound)
	}
}

// TestActionRunsLocally runs the run: steps of action.yml as GitHub would, in
// a repository with a base commit and a pull-request commit, against a fake
// GitHub API on 127.0.0.1, and checks the annotations, outputs, summary and
// the sticky comment.
func TestActionRunsLocally(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds apibump")
	}
	for _, tool := range []string{"git", "bash", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not on PATH", tool)
		}
	}
	a := readAction(t)
	src, _ := filepath.Abs("../..")
	cases, _ := filepath.Abs("../../testdata/changelog")
	repo, runner := t.TempDir(), t.TempDir()
	git := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.invalid", "GIT_COMMITTER_NAME=t",
			"GIT_COMMITTER_EMAIL=t@example.invalid", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	copyFile := func(from, to string) {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(to), 0o755)
		os.WriteFile(to, data, 0o644)
	}
	git("init", "-q", "-b", "main")
	copyFile(filepath.Join(cases, "base.yaml"), filepath.Join(repo, "api", "openapi.yaml"))
	git("add", ".")
	git("commit", "-qm", "base")
	out, _ := exec.Command("git", "-C", repo, "rev-parse", "HEAD").Output()
	baseSHA := strings.TrimSpace(string(out))
	copyFile(filepath.Join(cases, "revision.yaml"), filepath.Join(repo, "api", "openapi.yaml"))
	git("commit", "-qam", "pr")

	api := &fakeGitHub{}
	server := httptest.NewServer(api)
	defer server.Close()
	event := filepath.Join(runner, "event.json")
	os.WriteFile(event, []byte(`{"pull_request": {"number": 7, "base": {"sha": "`+baseSHA+`"}}}`), 0o644)
	outputs, summary := filepath.Join(runner, "output"), filepath.Join(runner, "summary.md")
	env := append(os.Environ(),
		"RUNNER_TEMP="+runner, "GITHUB_OUTPUT="+outputs, "GITHUB_STEP_SUMMARY="+summary,
		"GITHUB_API_URL="+server.URL, "GITHUB_REPOSITORY=acme/books", "GITHUB_EVENT_PATH="+event,
		"APIBUMP_SRC="+src, "APIBUMP_SPEC=api/openapi.yaml", "APIBUMP_BASE=", "APIBUMP_POLICY=", "APIBUMP_FAIL_ON=",
		"APIBUMP_WINDOW=", "APIBUMP_COMMENT=true", "APIBUMP_PR_BASE_SHA="+baseSHA, "APIBUMP_PUSH_BEFORE=", "GITHUB_TOKEN=t0ken",
	)
	runStep := func(script string) (string, int) {
		// A step that hangs fails the test instead of waiting forever.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "bash", "-c", script)
		cmd.Dir = repo
		cmd.Env = env
		b, err := cmd.CombinedOutput()
		code := 0
		if ctx.Err() != nil {
			t.Fatalf("the step did not end within two minutes: %s\n%s", script, b)
		}
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(b), code
	}
	var check string
	for _, s := range a.Runs.Steps {
		switch s.ID {
		case "check":
			check = s.Run
		case "":
			if s.Run != "" {
				if out, code := runStep(s.Run); code != 0 {
					t.Fatalf("build step failed (%d):\n%s", code, out)
				}
			}
		}
	}
	for run := 1; run <= 2; run++ {
		out, code := runStep(check)
		if code != 1 {
			t.Errorf("run %d: the PR keeps 1.4.2 with a breaking change: want exit 1, got %d\n%s", run, code, out)
		}
		if !strings.Contains(out, "::error file=api/openapi.yaml,line=") || !strings.Contains(out, "title=request-parameter-removed") {
			t.Errorf("run %d: no annotation on the spec's line:\n%s", run, out)
		}
	}
	o, _ := os.ReadFile(outputs)
	for _, want := range []string{"bump=major\n", "next-version=2.0.0\n", "breaking=1\n", "changelog<<APIBUMP_", "## [2.0.0]"} {
		if !strings.Contains(string(o), want) {
			t.Errorf("GITHUB_OUTPUT lacks %q:\n%s", want, o)
		}
	}
	if s, _ := os.ReadFile(summary); !strings.Contains(string(s), "### Breaking changes") {
		t.Errorf("the job summary lacks the entry:\n%s", s)
	}
	api.mu.Lock()
	defer api.mu.Unlock()
	if api.posts != 1 || len(api.comments) != 1 || !strings.Contains(api.comments[0], "## [2.0.0]") {
		t.Errorf("want one sticky comment, updated on the second run: %d posts, %d comments", api.posts, len(api.comments))
	}
}
