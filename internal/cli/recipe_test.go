package cli

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

// apibumpChildEnv, when set, makes TestApibumpChild run apibump on the
// arguments after "--" and exit with its status: the `apibump` the README's
// recipes find on PATH in these tests.
const apibumpChildEnv = "APIBUMP_TEST_CHILD"

// TestApibumpChild is the apibump the recipe tests run; it does nothing in a normal run.
func TestApibumpChild(t *testing.T) {
	if os.Getenv(apibumpChildEnv) == "" {
		t.Skip("run by the recipe tests")
	}
	os.Exit(Main(flag.Args(), IO{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}))
}

// apibumpOnPath puts an `apibump` command on a PATH for scripts: this test
// binary, running TestApibumpChild.
func apibumpOnPath(t *testing.T) []string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	script := "#!/bin/sh\nexec " + shellQuote(self) + " -test.run='^TestApibumpChild$' -- \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "apibump"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return append(os.Environ(), apibumpChildEnv+"=1", "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "NO_COLOR=1")
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// readmeRecipes are the README's release recipe, verbatim: the ```sh block of
// "## Release pipeline", and the run: steps of its release workflow after the
// install (the identity step, then the recipe).
func readmeRecipes(t *testing.T) (pipeline string, workflow []string) {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	_, sec, ok := strings.Cut(readme, "\n## Release pipeline\n")
	if !ok {
		t.Fatal(`the README has no "## Release pipeline"`)
	}
	sec, _, _ = strings.Cut(sec, "\n## ")
	m := regexp.MustCompile("(?s)```sh\n(.*?)```").FindStringSubmatch(sec)
	if m == nil {
		t.Fatal(`"## Release pipeline" has no sh block`)
	}
	_, wf, ok := strings.Cut(readme, "Release pipeline (compute the version")
	if !ok {
		t.Fatal("the README has no release workflow")
	}
	y := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindStringSubmatch(wf)
	var doc struct {
		Jobs map[string]struct {
			Steps []struct {
				Run string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if y == nil || yaml.Unmarshal([]byte(y[1]), &doc) != nil {
		t.Fatal("the release workflow is not YAML")
	}
	for _, s := range doc.Jobs["release"].Steps {
		if s.Run != "" && !strings.HasPrefix(s.Run, "go install") {
			workflow = append(workflow, s.Run)
		}
	}
	return m[1], workflow
}

// runScript runs a script as a CI step does (GitHub's `shell: bash`).
func runScript(t *testing.T, dir string, env []string, script string) (string, int) {
	t.Helper()
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return string(out), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), 0
}

// gitIn runs git in dir and returns its output; a failure fails the test.
func gitIn(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(env, "GIT_AUTHOR_NAME=dev", "GIT_AUTHOR_EMAIL=dev@example.invalid",
		"GIT_COMMITTER_NAME=dev", "GIT_COMMITTER_EMAIL=dev@example.invalid")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// TestReadmeReleaseRecipe runs the README's release recipe verbatim, as the
// release workflow does (a fresh clone of origin, the workflow's steps,
// `bash -eo pipefail`), after three merges: a new major (/v2 beside /v1), a
// README-only commit, an additive change. Every entry and supported-versions
// record survives, and origin gets each tag and the CHANGELOG.md.
func TestReadmeReleaseRecipe(t *testing.T) {
	pipeline, workflow := readmeRecipes(t)
	if len(workflow) == 0 || strings.TrimSpace(workflow[len(workflow)-1]) != strings.TrimSpace(pipeline) {
		t.Fatalf("the release workflow must run the recipe of \"## Release pipeline\":\n%q\n%q", workflow, pipeline)
	}
	env := apibumpOnPath(t)
	root := t.TempDir()
	origin, dev := filepath.Join(root, "origin.git"), filepath.Join(root, "dev")
	gitIn(t, root, env, "init", "-q", "--bare", "-b", "main", origin)
	gitIn(t, root, env, "clone", "-q", origin, dev)
	write := func(name, content string) {
		p := filepath.Join(dev, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// merge commits a change on main, as a merged pull request does.
	merge := func(msg string) {
		gitIn(t, dev, env, "add", "-A")
		gitIn(t, dev, env, "commit", "-qm", msg)
		gitIn(t, dev, env, "push", "-q", "origin", "main")
	}
	// release runs the workflow in a fresh clone, then brings its push back.
	release := func(label string) string {
		ci := filepath.Join(root, "ci-"+label)
		gitIn(t, root, env, "clone", "-q", origin, ci)
		var out string
		for _, step := range workflow {
			o, code := runScript(t, ci, env, step)
			out += o
			if code != 0 {
				t.Fatalf("%s: the recipe failed (exit %d):\n%s", label, code, out)
			}
		}
		gitIn(t, dev, env, "pull", "-q", "--ff-only", "origin", "main")
		return out
	}
	changelog := func() string {
		data, err := os.ReadFile(filepath.Join(dev, "CHANGELOG.md"))
		if err != nil {
			t.Fatalf("CHANGELOG.md: %v", err)
		}
		return string(data)
	}
	entry := func(cl, version string) string {
		_, e, ok := strings.Cut(cl, "## ["+version+"]")
		if !ok {
			t.Fatalf("CHANGELOG.md has no entry for %s:\n%s", version, cl)
		}
		e, _, _ = strings.Cut(e, "\n## [")
		return e
	}

	write("api/openapi.yaml", bookSpec{loc: "path", majors: []int{1}, version: "1.0.0"}.yaml())
	write("README.md", "# Books\n")
	merge("books API 1.0.0")
	// The README's first step: tag the current version once.
	gitIn(t, dev, env, "tag", "-a", "api-v1.0.0", "-m", "API 1.0.0")
	gitIn(t, dev, env, "push", "-q", "origin", "api-v1.0.0")

	// 1. A new major: /v2 beside /v1, which stays as it was.
	write("api/openapi.yaml", bookSpec{loc: "path", majors: []int{1, 2}, version: "1.0.0", dropSortFrom: 2}.yaml())
	merge("add /v2")
	release("major")
	first := changelog()
	major := entry(first, "2.0.0")
	for _, want := range []string{
		`{"major":"v2","status":"current"},{"major":"v1","status":"deprecated","sunset":"`,
		"The previous major version v1 stays supported until", "Deprecation: @", "Sunset: ", "| v1 | deprecated |",
	} {
		if !strings.Contains(major, want) {
			t.Errorf("the 2.0.0 entry lacks %q:\n%s", want, major)
		}
	}

	// 2. A README-only commit: nothing to release, nothing changes. The
	// application's own tag on it is no API release (--match).
	write("README.md", "# Books\n\nMore words.\n")
	merge("docs: README")
	gitIn(t, dev, env, "tag", "-a", "v3.2.0", "-m", "the application's 3.2.0")
	gitIn(t, dev, env, "push", "-q", "origin", "v3.2.0")
	out := release("docs")
	if !strings.Contains(out, "nothing to release") {
		t.Errorf("a push without an API change must say there is nothing to release:\n%s", out)
	}
	if got := changelog(); got != first {
		t.Errorf("a push without an API change changed CHANGELOG.md:\n%s", got)
	}

	// 3. An additive change.
	write("api/openapi.yaml", bookSpec{loc: "path", majors: []int{1, 2}, version: "2.0.0", dropSortFrom: 2, lang: true}.yaml())
	merge("add the lang parameter")
	release("additive")
	last := changelog()
	if got := entry(last, "2.0.0"); got != major {
		t.Errorf("the 2.0.0 entry changed:\n--- before\n%s\n--- after\n%s", major, got)
	}
	minor := entry(last, "2.1.0")
	if !strings.Contains(minor, `{"major":"v2","status":"current"},{"major":"v1","status":"deprecated","sunset":"`) {
		t.Errorf("the 2.1.0 record lost v1's sunset:\n%s", minor)
	}
	if strings.Index(last, "## [2.1.0]") > strings.Index(last, "## [2.0.0]") {
		t.Errorf("the newest entry must come first:\n%s", last)
	}

	tags := gitIn(t, root, env, "--git-dir", origin, "for-each-ref", "--format=%(refname:short) %(objecttype)", "refs/tags")
	for _, want := range []string{"api-v1.0.0 tag", "api-v2.0.0 tag", "api-v2.1.0 tag"} {
		if !strings.Contains(tags, want) {
			t.Errorf("origin lacks the annotated tag %q:\n%s", want, tags)
		}
	}
	if got := gitIn(t, root, env, "--git-dir", origin, "show", "main:CHANGELOG.md"); got != last {
		t.Errorf("origin's CHANGELOG.md is not the released one:\n%s", got)
	}
	if got := gitIn(t, root, env, "--git-dir", origin, "show", "api-v2.1.0:api/openapi.yaml"); !strings.Contains(got, "version: 2.1.0") {
		t.Errorf("the tag api-v2.1.0 does not carry the stamped version:\n%s", got)
	}
}
