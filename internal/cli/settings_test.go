package cli

import (
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The changelog pair removes the sort parameter of GET /books (breaking) and
// declares no new version: check fails unless something accepts the change.

func TestConfigFileIsFoundAndFlagsWin(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	os.WriteFile(".apibump.yaml", []byte("policy: compatible\nrules:\n  request-parameter-removed: additive\n"), 0o644)
	out, errOut, code := run(t, "next", "--date", "2026-11-22", "base.yaml", "revision.yaml")
	if code != 0 || strings.TrimSpace(out) != "1.5.0" {
		t.Errorf("the file's rule override must make the release minor: exit %d %q %q", code, out, errOut)
	}
	os.MkdirAll("sub", 0o755)
	os.Rename("revision.yaml", "sub/revision.yaml")
	os.WriteFile("sub/.apibump.yaml", []byte("policy: contract\n"), 0o644)
	out, _, _ = run(t, "next", "--date", "2026-11-22", "base.yaml", "sub/revision.yaml")
	if strings.TrimSpace(out) != "2.0.0" {
		t.Errorf("the file next to the revision must win over the parent's: %q", out)
	}
	out, _, _ = run(t, "next", "--date", "2026-11-22", "--config", ".apibump.yaml", "base.yaml", "sub/revision.yaml")
	if strings.TrimSpace(out) != "1.5.0" {
		t.Errorf("--config must name the file: %q", out)
	}
	out, _, _ = run(t, "diff", "--format", "json", "--date", "2026-11-22", "--config", ".apibump.yaml", "--policy", "contract", "base.yaml", "sub/revision.yaml")
	if !strings.Contains(out, `"policy": "contract"`) {
		t.Errorf("a flag must win over the file")
	}
}

func TestConfigErrorsNameTheLine(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	os.WriteFile(".apibump.yaml", []byte("policy: contract\npolcy: compatible\n"), 0o644)
	out, errOut, code := run(t, "check", "base.yaml", "revision.yaml")
	if code != 2 || out != "" || !strings.Contains(errOut, ".apibump.yaml:2:") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("a typo must stop the gate with its line: exit %d, %q", code, errOut)
	}
}

func TestConfigExemptionBeforeAndAfterItsDate(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	os.WriteFile(".apibump.yaml", []byte(`ignore:
  - rule: request-parameter-removed
    operation: GET /books
    reason: the mobile app stopped sorting in 3.2
    until: 2027-01-31
  - rule: response-success-status-removed
    path: /nothing/**
    reason: left over
    until: 2027-01-31
`), 0o644)
	// Only the breaking change is accepted; the additions still need 1.5.0.
	rev, _ := os.ReadFile("revision.yaml")
	os.WriteFile("revision.yaml", []byte(strings.Replace(string(rev), "version: 1.4.2", "version: 1.5.0", 1)), 0o644)
	out, _, code := run(t, "check", "--date", "2026-11-22", "base.yaml", "revision.yaml")
	if code != 0 {
		t.Errorf("an accepted breaking change must not fail the gate: exit %d\n%s", code, out)
	}
	for _, want := range []string{"accepted: the mobile app stopped sorting in 3.2 (until 2027-01-31)", "check note: the exemption of response-success-status-removed at .apibump.yaml:6 matches nothing"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, code = run(t, "check", "--date", "2027-02-01", "base.yaml", "revision.yaml")
	if code != 1 || !strings.Contains(out, "expired on 2027-01-31") {
		t.Errorf("after its date the exemption stops applying and check says so: exit %d\n%s", code, out)
	}
}

func TestInSpecAcceptanceThroughCheck(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	rev, _ := os.ReadFile("revision.yaml")
	s := strings.Replace(string(rev), "version: 1.4.2", "version: 1.5.0", 1)
	s = strings.Replace(s, "      deprecated: true\n", "      deprecated: true\n      x-apibump-accept: {rule: request-parameter-removed, reason: sort moved to /search, until: \"2027-01-31\"}\n", 1)
	os.WriteFile("revision.yaml", []byte(s), 0o644)
	out, _, code := run(t, "check", "--date", "2026-11-22", "base.yaml", "revision.yaml")
	if code != 0 || !strings.Contains(out, "accepted: sort moved to /search") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

func TestStrictBetaFlag(t *testing.T) {
	copyCase(t, "base.yaml", "revision.yaml")
	for _, f := range []string{"base.yaml", "revision.yaml"} {
		data, _ := os.ReadFile(f)
		os.WriteFile(f, []byte(strings.Replace(string(data), "      summary: List books\n", "      summary: List books\n      x-stability: beta\n", 1)), 0o644)
	}
	out, _, _ := run(t, "next", "--date", "2026-11-22", "base.yaml", "revision.yaml")
	if strings.TrimSpace(out) != "1.5.0" {
		t.Errorf("a breaking change to a beta operation is additive: %q", out)
	}
	out, _, _ = run(t, "next", "--date", "2026-11-22", "--strict-beta", "base.yaml", "revision.yaml")
	if strings.TrimSpace(out) != "2.0.0" {
		t.Errorf("--strict-beta counts it as breaking: %q", out)
	}
	md, _, _ := run(t, "changelog", "--date", "2026-11-22", "base.yaml", "revision.yaml")
	if !strings.Contains(md, "[beta]") {
		t.Errorf("the changelog must label changes on beta operations:\n%s", md)
	}
}

// TestSettingFlagsGoThroughConfig: a flag named like a setting is, on every
// command, that setting's flag from config.Flags (the value config print
// uses), so config.Resolve lays it over the file; none is a plain flag
// read on the side.
func TestSettingFlagsGoThroughConfig(t *testing.T) {
	root := newRootCmd(IO{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard})
	print, _, err := root.Find([]string{"config", "print"})
	if err != nil {
		t.Fatal(err)
	}
	setting := map[string]reflect.Type{}
	print.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Name != "config" {
			setting[f.Name] = reflect.TypeOf(f.Value)
		}
	})
	if len(setting) < 7 {
		t.Fatalf("config print has %d setting flags", len(setting))
	}
	seen := map[string]int{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if want, ok := setting[f.Name]; ok && c != print {
				seen[f.Name]++
				if reflect.TypeOf(f.Value) != want {
					t.Errorf("%s --%s is a %v, not the setting's %v", c.CommandPath(), f.Name, reflect.TypeOf(f.Value), want)
				}
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for name := range setting {
		if seen[name] == 0 {
			t.Errorf("no command but config print has --%s", name)
		}
	}
}
