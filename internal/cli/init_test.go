package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/apibump/apibump/internal/config"
)

// runInitCmd runs `apibump init` with args and returns its stdout and stderr.
func runInitCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := newInitCmd(IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	// As under the root command, which prints errors itself.
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), errOut.String(), err
}

func initReadFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestInitEmptyDir(t *testing.T) {
	dir := t.TempDir()
	_, errOut, err := runInitCmd(t, "--dir", dir)
	if err != nil {
		t.Fatalf("init: %v\n%s", err, errOut)
	}
	cfgPath := filepath.Join(dir, ".apibump.yaml")
	wfPath := filepath.Join(dir, ".github", "workflows", "apibump.yml")
	for _, want := range []string{"apibump: wrote " + cfgPath + "\n", "apibump: wrote " + wfPath + "\n", "no OpenAPI file found"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}

	// The starter file loads, holds every key, and says what the defaults say.
	c, err := config.Load(cfgPath)
	if err != nil {
		t.Fatalf("the starter .apibump.yaml does not load: %v", err)
	}
	for key, src := range c.Sources {
		if src == "default" {
			t.Errorf("the starter file does not set %s", key)
		}
	}
	def := config.Default()
	c.File, c.Sources, def.Sources = "", nil, nil
	if got, want := initPrinted(t, c), initPrinted(t, def); got != want {
		t.Errorf("the starter file's values differ from the defaults:\n%s\nwant\n%s", got, want)
	}

	wf := initReadFile(t, wfPath)
	for _, want := range []string{"pull_request", "uses: actions/checkout@v4", "fetch-depth: 0", "uses: apibump/apibump@v1", "spec: openapi.yaml\n"} {
		if !strings.Contains(wf, want) {
			t.Errorf("the workflow lacks %q:\n%s", want, wf)
		}
	}
	if strings.Index(wf, "actions/checkout@v4") > strings.Index(wf, "apibump/apibump@v1") {
		t.Error("the workflow runs apibump before the checkout")
	}
}

func initPrinted(t *testing.T, c *config.Config) string {
	t.Helper()
	var b bytes.Buffer
	if err := c.Print(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestInitSpecFlag(t *testing.T) {
	dir := t.TempDir()
	if _, errOut, err := runInitCmd(t, "--dir", dir, "--spec", "api/v2/bookstore.yaml"); err != nil {
		t.Fatalf("init: %v\n%s", err, errOut)
	}
	wf := initReadFile(t, filepath.Join(dir, ".github", "workflows", "apibump.yml"))
	if !strings.Contains(wf, "spec: api/v2/bookstore.yaml\n") {
		t.Errorf("the workflow does not check the --spec file:\n%s", wf)
	}
}

func TestInitFindsTheSpec(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"openapi.yml", map[string]string{"openapi.yml": "openapi: 3.1.0\n", "a.yaml": "openapi: 3.0.0\n"}, "openapi.yml"},
		{"openapi.json", map[string]string{"openapi.json": `{"openapi": "3.1.0"}`}, "openapi.json"},
		{"any yaml with openapi", map[string]string{"a-notes.yaml": "title: notes\n", "bookstore.yaml": "# the API\nopenapi: 3.0.3\ninfo: {}\n"}, "bookstore.yaml"},
		{"nested openapi key does not count", map[string]string{"a.yaml": "info:\n  openapi: 3.0.3\n", "b.yaml": "swagger: \"2.0\"\n"}, "b.yaml"},
		{"json", map[string]string{"spec.json": "{\n  \"info\": {\"openapi\": 1},\n  \"openapi\": \"3.0.0\"\n}"}, "spec.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if _, errOut, err := runInitCmd(t, "--dir", dir); err != nil {
				t.Fatalf("init: %v\n%s", err, errOut)
			}
			wf := initReadFile(t, filepath.Join(dir, ".github", "workflows", "apibump.yml"))
			if !strings.Contains(wf, "spec: "+tt.want+"\n") {
				t.Errorf("want spec: %s in the workflow:\n%s", tt.want, wf)
			}
		})
	}
}

func TestInitKeepsAnExistingConfig(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	const mine = "# ours\npolicy: compatible\n"
	if err := os.WriteFile(".apibump.yaml", []byte(mine), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, err := runInitCmd(t)
	if err != nil {
		t.Fatalf("init: %v\n%s", err, errOut)
	}
	if got := initReadFile(t, ".apibump.yaml"); got != mine {
		t.Errorf("the existing .apibump.yaml was changed:\n%s", got)
	}
	if !strings.Contains(errOut, "apibump: .apibump.yaml exists, left as it is (--force replaces it)\n") {
		t.Errorf("stderr does not say the file was left:\n%s", errOut)
	}
	wfPath := filepath.Join(".github", "workflows", "apibump.yml")
	if !strings.Contains(errOut, "apibump: wrote "+wfPath+"\n") {
		t.Errorf("stderr does not say the workflow was written:\n%s", errOut)
	}
	if _, err := os.Stat(wfPath); err != nil {
		t.Errorf("the workflow was not written: %v", err)
	}

	// A second run writes nothing and still succeeds.
	wf := initReadFile(t, wfPath)
	if err := os.WriteFile(wfPath, []byte(wf+"# edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, err = runInitCmd(t)
	if err != nil {
		t.Fatalf("second init: %v\n%s", err, errOut)
	}
	if strings.Contains(errOut, "wrote") || strings.Count(errOut, "left as it is") != 2 {
		t.Errorf("second run:\n%s", errOut)
	}
	if got := initReadFile(t, wfPath); got != wf+"# edited\n" {
		t.Error("the existing workflow was changed")
	}
}

func TestInitBadDir(t *testing.T) {
	_, _, err := runInitCmd(t, "--dir", filepath.Join(t.TempDir(), "missing"))
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != 2 {
		t.Errorf("err = %v, want an input error", err)
	}
}

// TestInitWorkflowNamesTheSpec: whatever the spec's name, the workflow is
// YAML whose spec input is that name.
func TestInitWorkflowNamesTheSpec(t *testing.T) {
	for _, spec := range []string{"openapi.yaml", "api/v2/book store.yaml", `we"ird: {x}.yaml`, "#hash.yaml", "- dash.yaml"} {
		var wf struct {
			Jobs map[string]struct {
				Steps []struct {
					Uses string            `yaml:"uses"`
					With map[string]string `yaml:"with"`
				} `yaml:"steps"`
			} `yaml:"jobs"`
		}
		if err := yaml.Unmarshal([]byte(initWorkflow(spec)), &wf); err != nil {
			t.Fatalf("%q: the workflow is not YAML: %v", spec, err)
		}
		steps := wf.Jobs["apibump"].Steps
		if len(steps) != 2 || steps[1].Uses != "apibump/apibump@v1" || steps[1].With["spec"] != spec {
			t.Errorf("%q: steps %+v", spec, steps)
		}
	}
}

// initRepo is a git repository (a .git directory is enough for init) with
// files.
func initRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files[".git/HEAD"] = "ref: refs/heads/main\n"
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestInitPullRequestWorkflow: the workflow may write the pull request's
// comment (pull-requests: write), checks the spec found below the top, and
// lies at the repository's top even when init runs in a subdirectory.
func TestInitPullRequestWorkflow(t *testing.T) {
	repo := initRepo(t, map[string]string{"api/openapi.yaml": "openapi: 3.0.3\n", "README.md": "x\n", "node_modules/x/openapi.yaml": "openapi: 3.0.3\n"})
	t.Chdir(repo)
	if _, errOut, err := runInitCmd(t); err != nil {
		t.Fatalf("init: %v\n%s", err, errOut)
	}
	wf := initReadFile(t, filepath.Join(repo, ".github", "workflows", "apibump.yml"))
	var parsed struct {
		Permissions map[string]string `yaml:"permissions"`
	}
	if err := yaml.Unmarshal([]byte(wf), &parsed); err != nil {
		t.Fatal(err)
	}
	if parsed.Permissions["pull-requests"] != "write" || parsed.Permissions["contents"] != "read" {
		t.Errorf("the workflow's permissions must let it comment: %v", parsed.Permissions)
	}
	if !strings.Contains(wf, "spec: api/openapi.yaml\n") {
		t.Errorf("want spec: api/openapi.yaml:\n%s", wf)
	}

	// From the subdirectory: the configuration beside the spec, the workflow
	// at the top, the spec named from the top.
	sub := initRepo(t, map[string]string{"api/openapi.yaml": "openapi: 3.0.3\n"})
	t.Chdir(filepath.Join(sub, "api"))
	_, errOut, err := runInitCmd(t)
	if err != nil {
		t.Fatalf("init in api/: %v\n%s", err, errOut)
	}
	if _, err := os.Stat(filepath.Join(sub, "api", ".github")); err == nil {
		t.Error("init in api/ wrote api/.github, which GitHub ignores")
	}
	wf = initReadFile(t, filepath.Join(sub, ".github", "workflows", "apibump.yml"))
	if !strings.Contains(wf, "spec: api/openapi.yaml\n") {
		t.Errorf("want spec: api/openapi.yaml:\n%s", wf)
	}
	if _, err := os.Stat(filepath.Join(sub, "api", ".apibump.yaml")); err != nil {
		t.Errorf("the configuration goes to the directory init runs in: %v", err)
	}
	if want := "apibump: wrote " + filepath.Join("..", ".github", "workflows", "apibump.yml") + "\n"; !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
}

// TestInitSeveralSpecs: the shallowest usual name wins, the others are said.
func TestInitSeveralSpecs(t *testing.T) {
	repo := initRepo(t, map[string]string{"services/b/openapi.yaml": "openapi: 3.0.3\n", "services/a/openapi.json": `{"openapi": "3.0.3"}`, "docs/api.yaml": "swagger: '2.0'\n"})
	_, errOut, err := runInitCmd(t, "--dir", repo)
	if err != nil {
		t.Fatalf("init: %v\n%s", err, errOut)
	}
	wf := initReadFile(t, filepath.Join(repo, ".github", "workflows", "apibump.yml"))
	if !strings.Contains(wf, "spec: docs/api.yaml\n") {
		t.Errorf("want the shallowest spec:\n%s", wf)
	}
	if !strings.Contains(errOut, "several OpenAPI files found; the workflow checks docs/api.yaml (also: services/b/openapi.yaml, services/a/openapi.json)") {
		t.Errorf("stderr:\n%s", errOut)
	}
}

// TestInitForce: the advice "run init again with --spec PATH --force" works:
// --force replaces both files, leaving no temporary file behind.
func TestInitForce(t *testing.T) {
	repo := initRepo(t, map[string]string{})
	_, errOut, err := runInitCmd(t, "--dir", repo)
	if err != nil || !strings.Contains(errOut, "run init again with --spec PATH --force") {
		t.Fatalf("init: %v\n%s", err, errOut)
	}
	wfPath := filepath.Join(repo, ".github", "workflows", "apibump.yml")
	if _, errOut, err = runInitCmd(t, "--dir", repo, "--spec", "api/openapi.yaml"); err != nil || !strings.Contains(initReadFile(t, wfPath), "spec: openapi.yaml\n") {
		t.Fatalf("without --force the workflow stays: %v\n%s", err, errOut)
	}
	if _, errOut, err = runInitCmd(t, "--dir", repo, "--spec", "api/openapi.yaml", "--force"); err != nil {
		t.Fatalf("init --force: %v\n%s", err, errOut)
	}
	if !strings.Contains(initReadFile(t, wfPath), "spec: api/openapi.yaml\n") || strings.Count(errOut, "apibump: wrote ") != 2 {
		t.Errorf("--force must replace both files:\n%s", errOut)
	}
	entries, _ := os.ReadDir(filepath.Dir(wfPath))
	if len(entries) != 1 {
		t.Errorf("--force left files beside the workflow: %v", entries)
	}
}
