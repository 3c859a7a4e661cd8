package cli

import (
	"bytes"
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
		// A flag's value is read by the same Set as the file's.
		{"bad --policy", []string{"print", "--policy", "strict"}, `invalid argument "strict" for "--policy" flag: want contract or compatible`},
		{"bad --scheme", []string{"print", "--scheme", "calver"}, `invalid argument "calver" for "--scheme" flag: want auto, semver, major-minor, integer or date`},
		{"empty --scheme", []string{"print", "--scheme", ""}, `invalid argument "" for "--scheme" flag: want auto`},
		{"bad --window", []string{"print", "--window", "soon"}, `invalid argument "soon" for "--window" flag: want a number followed by d, w, m or y`},
		{"bad --fail-on", []string{"print", "--fail-on", "never"}, `invalid argument "never" for "--fail-on" flag: want none, version, breaking, additive or any`},
		{"bad --lang", []string{"print", "--lang", "de"}, `invalid argument "de" for "--lang" flag: want en or fr`},
		{"bad --max-live-majors", []string{"print", "--max-live-majors", "0"}, `invalid argument "0" for "--max-live-majors" flag: want a whole number, 1 or more`},
		{"bad --strict-beta", []string{"print", "--strict-beta=maybe"}, `invalid argument "maybe" for "--strict-beta" flag: want true or false`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runWith(t, "", false, append([]string{"config"}, tt.args...)...)
			if code != 2 {
				t.Errorf("exit status %d, want 2 (bad input)", code)
			}
			if line := oneErrorLine(t, out, errOut); !strings.Contains(line, tt.want) {
				t.Errorf("error %q, want one line with %q", line, tt.want)
			}
		})
	}
}
