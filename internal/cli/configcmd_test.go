package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runConfigCmd runs `apibump config` with args.
func runConfigCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := newConfigCmd(IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	// As under the root command, which prints errors itself.
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

func configWriteTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func configWantLines(t *testing.T, out string, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if !strings.Contains(out, "\n"+l+"\n") {
			t.Errorf("output lacks the line %q:\n%s", l, out)
		}
	}
}

// configRepo makes outer/.apibump.yaml (above the repository), and the
// repository outer/repo with .git, a .apibump.yaml at its top and the spec
// api/openapi.yaml; it changes to the repository's top.
func configRepo(t *testing.T) string {
	t.Helper()
	outer := t.TempDir()
	configWriteTree(t, outer, map[string]string{
		".apibump.yaml":              "policy: compatible\nlang: fr\n",
		"repo/.git/HEAD":             "ref: refs/heads/main\n",
		"repo/.apibump.yaml":         "# top\nscheme: semver\n",
		"repo/api/openapi.yaml":      "openapi: 3.0.3\n",
		"repo/other/openapi.yaml":    "openapi: 3.0.3\n",
		"repo/other/.apibump.yml":    "fail-on: breaking\n",
		"repo/other/v2/openapi.yaml": "openapi: 3.0.3\n",
	})
	repo := filepath.Join(outer, "repo")
	t.Chdir(repo)
	return repo
}

func TestConfigPrintDiscovery(t *testing.T) {
	configRepo(t)
	tests := []struct {
		name  string
		args  []string
		lines []string
	}{
		{"from the spec's parent, not above the repository", []string{"print", "api/openapi.yaml"},
			[]string{"scheme: semver # .apibump.yaml:2", "policy: contract # default", "lang: en # default"}},
		{"next to the spec wins", []string{"print", "other/v2/openapi.yaml"},
			[]string{"fail-on: breaking # other/.apibump.yml:1", "scheme: auto # default"}},
		{"git REF:path is found in the working tree", []string{"print", "HEAD:other/openapi.yaml"},
			[]string{"fail-on: breaking # other/.apibump.yml:1"}},
		{"no SPEC: the current directory", []string{"print"},
			[]string{"scheme: semver # .apibump.yaml:2"}},
		{"--config wins over discovery", []string{"print", "--config", "../.apibump.yaml", "other/openapi.yaml"},
			[]string{"policy: compatible # ../.apibump.yaml:1", "lang: fr # ../.apibump.yaml:2", "fail-on: version # default"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runConfigCmd(t, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			configWantLines(t, out, tt.lines...)
		})
	}
}

func TestConfigPrintNoFile(t *testing.T) {
	dir := t.TempDir()
	configWriteTree(t, dir, map[string]string{".git/HEAD": "", "openapi.yaml": "openapi: 3.0.3\n"})
	t.Chdir(dir)
	out, err := runConfigCmd(t, "print", "openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	configWantLines(t, out, "policy: contract # default", "window: 180d # default", "ignore: [] # default")
	if !strings.Contains(out, "no .apibump.yaml found") {
		t.Errorf("the output does not say there is no file:\n%s", out)
	}
}

func TestConfigPrintFlagsWin(t *testing.T) {
	configRepo(t)
	out, err := runConfigCmd(t, "print", "--scheme", "integer", "--policy", "compatible", "--lang", "FR",
		"--window", "6m", "--fail-on", "any", "--max-live-majors", "3", "api/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	configWantLines(t, out,
		"policy: compatible # flag --policy",
		"scheme: integer # flag --scheme",
		"window: 6m # flag --window",
		"max-live-majors: 3 # flag --max-live-majors",
		"fail-on: any # flag --fail-on",
		"lang: fr # flag --lang",
	)
}

func TestConfigPrintErrors(t *testing.T) {
	repo := configRepo(t)
	configWriteTree(t, repo, map[string]string{"bad/.apibump.yaml": "scheme: semver\npolicy: strict\n", "bad/openapi.yaml": ""})
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad file", []string{"print", "bad/openapi.yaml"}, `bad/.apibump.yaml:2: policy "strict": want contract or compatible`},
		{"missing --config", []string{"print", "--config", "nowhere.yaml"}, "--config nowhere.yaml: no such file"},
		{"bad --policy", []string{"print", "--policy", "strict"}, `--policy: unknown policy "strict"`},
		{"bad --scheme", []string{"print", "--scheme", "calver"}, `--scheme "calver"`},
		{"bad --window", []string{"print", "--window", "soon"}, `--window: window "soon"`},
		{"bad --fail-on", []string{"print", "--fail-on", "never"}, `unknown --fail-on "never"`},
		{"bad --lang", []string{"print", "--lang", "de"}, `--lang: unsupported language "de"`},
		{"bad --max-live-majors", []string{"print", "--max-live-majors", "0"}, "--max-live-majors must be at least 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runConfigCmd(t, tt.args...)
			var ee *exitError
			if !errors.As(err, &ee) || ee.code != 2 {
				t.Fatalf("err = %v, want an input error (exit status 2)", err)
			}
			if !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q, want one line with %q", err, tt.want)
			}
			if out != "" {
				t.Errorf("printed despite the error:\n%s", out)
			}
		})
	}
}
