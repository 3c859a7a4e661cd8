package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/apibump/apibump/internal/ghcomment"
	"github.com/apibump/apibump/internal/ghcomment/ghcommenttest"
)

// The Action's tests run each step of action.yml the way a GitHub runner
// does: a `run:` script goes to a file run with `bash --noprofile --norc -eo
// pipefail`, in its working-directory, with GitHub's environment variables,
// the step's env (its ${{ }} expanded from the inputs and the github, runner
// and steps contexts) and one GITHUB_OUTPUT and GITHUB_STEP_SUMMARY file per
// step; the first step that fails ends the job. `uses:` steps are not run:
// Go is the test's, and a cache restore is played by pre-filling the cache
// directory. The apibump the steps run is this test binary (TestMain), so
// that no test compiles apibump; the pull request comments go to
// ghcommenttest.

// testMainEnv makes the test binary act as apibump (see TestMain).
const testMainEnv = "APIBUMP_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(testMainEnv) == "1" {
		os.Exit(Main(os.Args[1:], IO{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}))
	}
	os.Exit(m.Run())
}

type actionStep struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	Uses             string            `yaml:"uses"`
	If               string            `yaml:"if"`
	Shell            string            `yaml:"shell"`
	Run              string            `yaml:"run"`
	WorkingDirectory string            `yaml:"working-directory"`
	Env              map[string]string `yaml:"env"`
	With             map[string]string `yaml:"with"`
}

type actionFile struct {
	Inputs  map[string]struct{ Default string } `yaml:"inputs"`
	Outputs map[string]struct{ Value string }   `yaml:"outputs"`
	Runs    struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
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
	for _, out := range []string{"check", "bump", "next-version", "breaking", "additive", "non-contract", "changelog"} {
		if o, ok := a.Outputs[out]; !ok || !strings.Contains(o.Value, "steps.check.outputs."+out) {
			t.Errorf("action.yml output %s must come from the check step", out)
		}
	}
	if a.Runs.Using != "composite" {
		t.Errorf("the action must be composite")
	}
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "${{") {
			t.Errorf("run scripts take their inputs from env, never from ${{ }} (script injection): %q", s.Name)
		}
		if strings.HasPrefix(s.Uses, "actions/setup-go@") && s.With["cache"] != "false" {
			t.Errorf("setup-go's cache cannot serve a composite action (its files lie outside the workspace): cache: false, the binary is cached")
		}
	}
}

// actionRun is one job running the action.
type actionRun struct {
	t          *testing.T
	action     actionFile
	actionPath string            // GITHUB_ACTION_PATH: the action's source
	workspace  string            // GITHUB_WORKSPACE: the checked-out repository
	with       map[string]string // the workflow's `with:`
	eventName  string
	event      map[string]any
	refName    string
	api        *ghcommenttest.Server
	toolCache  string   // RUNNER_TOOL_CACHE, kept between runs: the cache
	temp       string   // RUNNER_TEMP of the job running
	goCalls    string   // where the fake go records its calls (noGo)
	path       []string // directories put before PATH
	// restore, when set, is called where a `uses: actions/cache` step is,
	// with the outputs so far: it plays the cache's restore.
	restore func(outputs map[string]map[string]string)
	// stopAfter ends the job after the step of this id.
	stopAfter string
}

// actionResult is what a job left.
type actionResult struct {
	log     string // every step's output
	failed  string // the step that failed, "" when none did
	code    int
	summary string
	outputs map[string]map[string]string // by step id
}

var exprRe = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// expand replaces each ${{ context.path }}; any other expression fails the
// test, so the action must keep to lookups the harness knows.
func (ar *actionRun) expand(s string, outputs map[string]map[string]string) string {
	return exprRe.ReplaceAllStringFunc(s, func(m string) string {
		expr := exprRe.FindStringSubmatch(m)[1]
		parts := strings.Split(expr, ".")
		switch {
		case parts[0] == "inputs" && len(parts) == 2:
			if v, ok := ar.with[parts[1]]; ok {
				return v
			}
			in, ok := ar.action.Inputs[parts[1]]
			if !ok {
				ar.t.Fatalf("action.yml uses an undeclared input: %s", expr)
			}
			return ar.expand(in.Default, outputs)
		case expr == "github.action_path":
			return ar.actionPath
		case expr == "github.token":
			return "gh-token"
		case expr == "github.workspace":
			return ar.workspace
		case parts[0] == "github" && len(parts) > 2 && parts[1] == "event":
			var v any = ar.event
			for _, p := range parts[2:] {
				m, _ := v.(map[string]any)
				v = m[p]
			}
			if v == nil {
				return ""
			}
			if f, ok := v.(float64); ok {
				return strconv.FormatFloat(f, 'f', -1, 64)
			}
			return v.(string)
		case parts[0] == "steps" && len(parts) == 4 && parts[2] == "outputs":
			return outputs[parts[1]][parts[3]]
		case expr == "runner.temp":
			return ar.temp
		case expr == "runner.os":
			return "Linux"
		}
		ar.t.Fatalf("the harness does not know the expression %q: keep action.yml to context lookups", expr)
		return ""
	})
}

// run plays the job: each step in order until one fails.
func (ar *actionRun) run() actionResult {
	t := ar.t
	t.Helper()
	dir := t.TempDir()
	eventPath := filepath.Join(dir, "event.json")
	data, _ := json.Marshal(ar.event)
	if err := os.WriteFile(eventPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	temp := filepath.Join(dir, "temp")
	ar.temp = temp
	home := filepath.Join(dir, "home")
	for _, d := range []string{temp, home} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	base := []string{
		"PATH=" + strings.Join(append(append([]string(nil), ar.path...), os.Getenv("PATH")), string(os.PathListSeparator)),
		"HOME=" + home, "LANG=C.UTF-8",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"CI=true", "GITHUB_ACTIONS=true",
		"GITHUB_WORKSPACE=" + ar.workspace, "GITHUB_ACTION_PATH=" + ar.actionPath,
		"GITHUB_EVENT_NAME=" + ar.eventName, "GITHUB_EVENT_PATH=" + eventPath,
		"GITHUB_REPOSITORY=octo/shop", "GITHUB_API_URL=" + ar.api.URL,
		"GITHUB_REF_NAME=" + ar.refName,
		"RUNNER_OS=Linux", "RUNNER_ARCH=X64", "RUNNER_TEMP=" + temp, "RUNNER_TOOL_CACHE=" + ar.toolCache,
		testMainEnv + "=1", "APIBUMP_TEST_EXE=" + exe,
	}
	res := actionResult{outputs: map[string]map[string]string{}}
	var log strings.Builder
	for i, s := range ar.action.Runs.Steps {
		if s.Uses != "" {
			if strings.HasPrefix(s.Uses, "actions/cache@") && ar.restore != nil {
				ar.restore(res.outputs)
			}
			continue
		}
		if s.If != "" {
			t.Fatalf("step %q: the harness evaluates no if: on run steps", s.Name)
		}
		if s.Shell != "bash" {
			t.Fatalf("step %q: shell %q, want bash", s.Name, s.Shell)
		}
		script := filepath.Join(temp, "step.sh")
		if err := os.WriteFile(script, []byte(s.Run), 0o644); err != nil {
			t.Fatal(err)
		}
		out, summary := filepath.Join(dir, "output"), filepath.Join(dir, "summary")
		os.Remove(out)
		os.Remove(summary)
		env := append(append([]string(nil), base...), "GITHUB_OUTPUT="+out, "GITHUB_STEP_SUMMARY="+summary)
		for k, v := range s.Env {
			env = append(env, k+"="+ar.expand(v, res.outputs))
		}
		// A step that hangs fails the test instead of waiting forever.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, "bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = filepath.Join(ar.workspace, ar.expand(s.WorkingDirectory, res.outputs))
		cmd.Env = env
		b, err := cmd.CombinedOutput()
		timedOut := ctx.Err() != nil
		cancel()
		if timedOut {
			t.Fatalf("step %q did not end within two minutes:\n%s", s.Name, b)
		}
		log.Write(b)
		if data, err := os.ReadFile(summary); err == nil {
			res.summary += string(data)
		}
		if s.ID != "" {
			res.outputs[s.ID] = readStepOutputs(t, out)
		}
		if err != nil {
			ee, ok := err.(*exec.ExitError)
			if !ok {
				t.Fatal(err)
			}
			res.failed, res.code = s.Name, ee.ExitCode()
			if res.failed == "" {
				res.failed = "step " + strconv.Itoa(i+1)
			}
			break
		}
		if s.ID != "" && s.ID == ar.stopAfter {
			break
		}
	}
	res.log = log.String()
	return res
}

// readStepOutputs parses a GITHUB_OUTPUT file: name=value lines and
// name<<DELIMITER blocks.
func readStepOutputs(t *testing.T, path string) map[string]string {
	out := map[string]string{}
	f, err := os.Open(path)
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if name, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(name, "=") {
			var v []string
			for sc.Scan() && sc.Text() != delim {
				v = append(v, sc.Text())
			}
			out[name] = strings.Join(v, "\n")
			continue
		}
		if name, v, ok := strings.Cut(line, "="); ok {
			out[name] = v
			continue
		}
		t.Errorf("GITHUB_OUTPUT: a line the runner cannot read: %q", line)
	}
	return out
}

// testRepo is a git repository for the Action's tests.
type testRepo struct {
	t   *testing.T
	dir string
}

func newTestRepo(t *testing.T, dir string, args ...string) *testRepo {
	r := &testRepo{t: t, dir: dir}
	if len(args) == 0 {
		args = []string{"init", "-q", "-b", "main"}
	}
	r.git(args...)
	return r
}

func (r *testRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.invalid", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.invalid", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// put writes the file of testdata/changelog (base.yaml, revision.yaml) at
// path in the repository, its info.version replaced when version is set.
func (r *testRepo) put(path, from, version string) {
	r.t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "changelog", from))
	if err != nil {
		r.t.Fatal(err)
	}
	if version != "" {
		data = regexp.MustCompile(`(?m)^(  version: )\S+`).ReplaceAll(data, []byte("${1}"+version))
	}
	full := filepath.Join(r.dir, path)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *testRepo) commit(msg string) string {
	r.git("add", "-A")
	r.git("commit", "-qm", msg)
	return r.git("rev-parse", "HEAD")
}

func actionTools(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs git and bash")
	}
	for _, tool := range []string{"git", "bash"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not on PATH", tool)
		}
	}
}

// newActionRun prepares a pull request job on the repository, its apibump
// build pre-filled in the cache (a warm run).
func newActionRun(t *testing.T, workspace string, pr int, baseSHA string, with map[string]string) *actionRun {
	src, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	api := ghcommenttest.New(t)
	api.Token, api.Repo = "gh-token", "octo/shop"
	ar := &actionRun{
		t: t, action: readAction(t), actionPath: src, workspace: workspace, with: with,
		eventName: "pull_request", refName: "7/merge", api: api, toolCache: t.TempDir(),
		event: map[string]any{
			"number":       float64(pr),
			"pull_request": map[string]any{"number": float64(pr), "base": map[string]any{"sha": baseSHA, "ref": "main"}},
			"repository":   map[string]any{"default_branch": "main"},
		},
	}
	ar.restore = prefillCache(t)
	ar.goCalls = noGo(t, ar)
	return ar
}

// prefillCache plays a cache hit: the build the locate step names is there.
func prefillCache(t *testing.T) func(map[string]map[string]string) {
	return func(outputs map[string]map[string]string) {
		bin := outputs["locate"]["bin"]
		if bin == "" {
			t.Fatal("the locate step names no binary (output bin)")
		}
		if _, err := os.Stat(bin); err == nil {
			return
		}
		exe, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(exe, bin); err != nil {
			t.Fatal(err)
		}
	}
}

// noGo puts a `go` first on PATH that records its calls in the file it
// returns and, for `go build -o FILE`, links this test binary at FILE.
func noGo(t *testing.T, ar *actionRun) string {
	dir := t.TempDir()
	calls := filepath.Join(dir, "calls")
	script := "#!/bin/sh\necho \"$(pwd) $*\" >>'" + calls + "'\nout=\nwhile [ $# -gt 0 ]; do [ \"$1\" = -o ] && out=$2; shift; done\n" +
		"[ -n \"$out\" ] && ln -s \"$APIBUMP_TEST_EXE\" \"$out\"\nexit 0\n"
	if err := os.WriteFile(filepath.Join(dir, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	ar.path = append(ar.path, dir)
	return calls
}

// TestActionFailingPullRequestThenFix: a breaking change that keeps 1.4.2
// fails the step and the sticky comment says so and names 2.0.0; the fix
// (2.0.0) passes and updates the same comment.
func TestActionFailingPullRequestThenFix(t *testing.T) {
	actionTools(t)
	repo := newTestRepo(t, t.TempDir())
	repo.put("api/openapi.yaml", "base.yaml", "")
	baseSHA := repo.commit("base")
	repo.put("api/openapi.yaml", "revision.yaml", "")
	repo.commit("pr")
	ar := newActionRun(t, repo.dir, 7, baseSHA, map[string]string{"spec": "api/openapi.yaml"})
	res := ar.run()
	if res.failed != "Check the API change" || res.code != 1 {
		t.Fatalf("a breaking change under 1.4.2: want the check step to fail with 1, got %q (%d)\n%s", res.failed, res.code, res.log)
	}
	for _, want := range []string{
		"::error file=api/openapi.yaml,line=",
		"title=request-parameter-removed",
		"::error file=api/openapi.yaml,line=6,title=check-failed::api/openapi.yaml declares version 1.4.2, but its changes need a major bump: the revision must carry 2.0.0",
	} {
		if !strings.Contains(res.log, want) {
			t.Errorf("the log lacks %q:\n%s", want, res.log)
		}
	}
	if !strings.HasPrefix(res.summary, "> [!CAUTION]\n> ❌ **apibump check failed** for `api/openapi.yaml`:\n> - ") || !strings.Contains(res.summary, "### Breaking changes") {
		t.Errorf("the summary must start with the failure, then the entry:\n%s", res.summary)
	}
	if want := "(" + baseSHA[:12] + ":api/openapi.yaml 1.4.2 → 2.0.0)"; !strings.Contains(res.summary, want) || strings.Contains(res.summary, baseSHA) {
		t.Errorf("the summary names the base by its short commit id %q:\n%s", want, res.summary)
	}
	if o := res.outputs["check"]; o["check"] != "failed" || o["bump"] != "major" || o["next-version"] != "2.0.0" || !strings.Contains(o["changelog"], "## [2.0.0]") {
		t.Errorf("outputs: %v", o)
	}
	cs := ar.api.Comments(7)
	if len(cs) != 1 {
		t.Fatalf("a failing check must still post its comment: %d comments\n%s", len(cs), res.log)
	}
	first := cs[0]
	for _, want := range []string{ghcomment.Marker("api/openapi.yaml"), "❌ check failed", "the revision must carry 2.0.0", "## [2.0.0]"} {
		if !strings.Contains(first.Body, want) {
			t.Errorf("the comment lacks %q:\n%s", want, first.Body)
		}
	}

	// The fix: the pull request now declares 2.0.0.
	repo.put("api/openapi.yaml", "revision.yaml", "2.0.0")
	repo.commit("fix")
	res = ar.run()
	if res.failed != "" {
		t.Fatalf("the fix must pass, %q failed (%d)\n%s", res.failed, res.code, res.log)
	}
	cs = ar.api.Comments(7)
	if len(cs) != 1 || cs[0].ID != first.ID || ar.api.Count("PATCH") != 1 {
		t.Fatalf("the fix must update the same comment: %d comments, %d updates", len(cs), ar.api.Count("PATCH"))
	}
	if !strings.Contains(cs[0].Body, "✅ check passed") || strings.Contains(cs[0].Body, "check failed") {
		t.Errorf("the updated comment must say the check passed:\n%s", cs[0].Body)
	}
	if res.outputs["check"]["check"] != "passed" {
		t.Errorf("outputs: %v", res.outputs["check"])
	}
	if data, err := os.ReadFile(ar.goCalls); err == nil {
		t.Errorf("a warm run compiles nothing; go ran:\n%s", data)
	}
}

// TestActionWorkingDirectory: the annotations and the comment name the spec
// from the repository's top, whatever the working directory, and two
// directories with the same spec name keep two comments.
func TestActionWorkingDirectory(t *testing.T) {
	actionTools(t)
	repo := newTestRepo(t, t.TempDir())
	for _, d := range []string{"api", "services/orders"} {
		repo.put(d+"/openapi.yaml", "base.yaml", "")
	}
	baseSHA := repo.commit("base")
	for _, d := range []string{"api", "services/orders"} {
		repo.put(d+"/openapi.yaml", "revision.yaml", "")
	}
	repo.commit("pr")
	ar := newActionRun(t, repo.dir, 7, baseSHA, map[string]string{"spec": "openapi.yaml", "working-directory": "api", "fail-on": "breaking", "window": "90d"})
	res := ar.run()
	if res.code != 1 {
		t.Fatalf("want the check to fail: %q %d\n%s", res.failed, res.code, res.log)
	}
	if !strings.Contains(res.log, "::error file=api/openapi.yaml,line=") || strings.Contains(res.log, "file=openapi.yaml") {
		t.Errorf("the annotations must name api/openapi.yaml:\n%s", res.log)
	}
	ar.with["working-directory"] = "services/orders"
	if res = ar.run(); res.code != 1 || !strings.Contains(res.log, "::error file=services/orders/openapi.yaml,line=") {
		t.Errorf("services/orders: %d\n%s", res.code, res.log)
	}
	cs := ar.api.Comments(7)
	if len(cs) != 2 {
		t.Fatalf("two specs, two comments: got %d", len(cs))
	}
	for i, spec := range []string{"api/openapi.yaml", "services/orders/openapi.yaml"} {
		if !strings.HasPrefix(cs[i].Body, ghcomment.Marker(spec)+"\n") {
			t.Errorf("comment %d is not %s's:\n%s", i, spec, cs[i].Body)
		}
	}
	// The inputs reach the comment as they reach the check.
	if !strings.Contains(cs[0].Body, "--fail-on is breaking") {
		t.Errorf("the comment must judge with the check's settings (fail-on):\n%s", cs[0].Body)
	}
	if strings.Contains(res.log, "unknown flag") {
		t.Errorf("check and comment take every input the step passes (policy, fail-on, window):\n%s", res.log)
	}
}

// TestActionFirstPush: the first push of a new branch, checked out at depth
// 1, has no parent: the step compares with the default branch. On the
// default branch itself there is no base: it says so and passes.
func TestActionFirstPush(t *testing.T) {
	actionTools(t)
	origin := newTestRepo(t, t.TempDir())
	origin.put("api/openapi.yaml", "base.yaml", "")
	origin.commit("base")
	origin.git("checkout", "-qb", "feature")
	origin.put("api/openapi.yaml", "revision.yaml", "")
	origin.commit("breaking")
	origin.git("checkout", "-q", "main")

	clone := func(branch string) string {
		dir := filepath.Join(t.TempDir(), "ws")
		newTestRepo(t, filepath.Dir(dir), "clone", "-q", "--depth=1", "--branch", branch, "file://"+origin.dir, dir)
		return dir
	}
	zero := strings.Repeat("0", 40)
	push := func(ws, branch string) actionResult {
		ar := newActionRun(t, ws, 0, "", map[string]string{"spec": "api/openapi.yaml"})
		ar.eventName, ar.refName = "push", branch
		ar.event = map[string]any{"before": zero, "created": true, "repository": map[string]any{"default_branch": "main"}}
		return ar.run()
	}
	res := push(clone("feature"), "feature")
	if res.code != 1 || !strings.Contains(res.log, "the revision must carry 2.0.0") {
		t.Errorf("a new branch must be compared with main (breaking, so exit 1): %q %d\n%s", res.failed, res.code, res.log)
	}
	if !strings.Contains(res.summary, "(origin/main:./api/openapi.yaml 1.4.2 → 2.0.0)") {
		t.Errorf("the summary names the default branch as the base:\n%s", res.summary)
	}
	if strings.Contains(res.log, "unknown git revision") {
		t.Errorf("no HEAD^ on a depth-1 checkout:\n%s", res.log)
	}
	res = push(clone("main"), "main")
	if res.failed != "" || !strings.Contains(res.log, "no base to compare") {
		t.Errorf("the first commit of the default branch has no base: want a notice and success, got %q %d\n%s", res.failed, res.code, res.log)
	}
}

// TestActionBuildCache: a cold run builds apibump into the cache directory
// the locate step names; a warm run finds it there and compiles nothing;
// the key follows the action's Go sources (not its tests or testdata).
func TestActionBuildCache(t *testing.T) {
	actionTools(t)
	repo := newTestRepo(t, t.TempDir())
	repo.put("openapi.yaml", "base.yaml", "")
	baseSHA := repo.commit("base")

	src := t.TempDir()
	for name, text := range map[string]string{
		"go.mod": "module x\n", "go.sum": "", "cmd/apibump/main.go": "package main\n",
		"internal/cli/cli.go": "package cli\n", "internal/cli/cli_test.go": "package cli\n", "internal/cli/testdata/a.yaml": "a\n",
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(src, name)), 0o755)
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ar := newActionRun(t, repo.dir, 7, baseSHA, map[string]string{"spec": "openapi.yaml", "comment": "false"})
	ar.actionPath, ar.restore = src, nil
	calls := ar.goCalls
	res := ar.run()
	if res.failed != "" {
		t.Fatalf("cold run: %q %d\n%s", res.failed, res.code, res.log)
	}
	data, _ := os.ReadFile(calls)
	bin := res.outputs["locate"]["bin"]
	if got := strings.TrimSpace(string(data)); !strings.HasPrefix(got, src+" build ") || !strings.HasSuffix(got, "./cmd/apibump") {
		t.Errorf("a cold run builds ./cmd/apibump in the action's directory once; go ran:\n%s", data)
	}
	if !strings.HasPrefix(bin, ar.toolCache+string(filepath.Separator)) {
		t.Errorf("the build must lie in the cache directory %s: %s", ar.toolCache, bin)
	}
	os.Remove(calls)
	if res := ar.run(); res.failed != "" || !strings.Contains(res.log, "nothing to compile") {
		t.Fatalf("warm run: %q\n%s", res.failed, res.log)
	}
	if data, err := os.ReadFile(calls); err == nil {
		t.Errorf("a warm run compiles nothing; go ran:\n%s", data)
	}

	key := func() string {
		ar.stopAfter = "locate"
		defer func() { ar.stopAfter = "" }()
		return ar.run().outputs["locate"]["key"]
	}
	k0 := key()
	if !strings.HasPrefix(k0, "apibump-Linux-X64-") {
		t.Errorf("the key names the runner's OS and architecture: %s", k0)
	}
	os.WriteFile(filepath.Join(src, "internal/cli/cli_test.go"), []byte("package cli // changed\n"), 0o644)
	os.WriteFile(filepath.Join(src, "internal/cli/testdata/a.yaml"), []byte("b\n"), 0o644)
	if k := key(); k != k0 {
		t.Errorf("tests and testdata are not in the build: the key must stay %s, got %s", k0, k)
	}
	for _, f := range []string{"internal/cli/cli.go", "go.mod", "go.sum"} {
		os.WriteFile(filepath.Join(src, f), []byte("// changed\n"), 0o644)
		k := key()
		if k == k0 {
			t.Errorf("a change of %s must change the key", f)
		}
		k0 = k
	}
}
