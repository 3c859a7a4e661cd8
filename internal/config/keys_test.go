package config

import (
	"fmt"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// keyCases give each setting a value in a file and, when it has a flag,
// another through the flag: what each reads as (fmt.Sprint of what Print
// writes). A setting without a case fails TestEverySettingIsCovered.
var keyCases = map[string]struct {
	file, fileWant string
	flag, flagWant string // "" for a setting without a flag
}{
	KeyPolicy:             {"policy: compatible\n", "compatible", "--policy=contract", "contract"},
	KeyScheme:             {"scheme: semver\n", "semver", "--scheme=date", "date"},
	KeyWindow:             {"window: 6m\n", "6m", "--window=1y", "1y"},
	KeyMaxLiveMajors:      {"max-live-majors: 3\n", "3", "--max-live-majors=4", "4"},
	KeyFailOn:             {"fail-on: breaking\n", "breaking", "--fail-on=any", "any"},
	KeyVersion:            {"version: computed\n", "computed", "--version-flow=declared", "declared"},
	KeyLang:               {"lang: fr\n", "fr", "--lang=EN", "en"},
	KeyStrictBeta:         {"stability:\n  strict-beta: true\n", "true", "--strict-beta=false", "false"},
	KeyVersionHeaders:     {"version-location:\n  headers: [Api-Version]\n", "[Api-Version]", "", ""},
	KeyVersionQuery:       {"version-location:\n  query: [v]\n", "[v]", "", ""},
	KeyRules:              {"rules:\n  request-parameter-removed: additive\n", "map[request-parameter-removed:additive]", "", ""},
	KeyWebhooks:           {"webhooks: [x-webhooks]\n", "[x-webhooks]", "", ""},
	KeyContractExtensions: {"contract-extensions: [x-gateway]\n", "[x-gateway]", "", ""},
	KeyIgnore: {"ignore:\n  - {rule: request-parameter-removed, reason: agreed, until: 2027-01-31}\n",
		"[{request-parameter-removed   agreed 2027-01-31}]", "", ""},
}

func TestEverySettingIsCovered(t *testing.T) {
	for _, k := range keys {
		c, ok := keyCases[k.name]
		if !ok {
			t.Errorf("setting %s has no case in keyCases", k.name)
		}
		if (k.flag == "") != (c.flag == "") {
			t.Errorf("setting %s: flag %q, case flag %q", k.name, k.flag, c.flag)
		}
	}
	if len(keyCases) != len(keys) {
		t.Errorf("%d cases for %d settings", len(keyCases), len(keys))
	}
}

// resolveWith writes file (none when ""), parses the flags args on a flag
// set defining every setting's flag, and resolves.
func resolveWith(t *testing.T, file string, args ...string) *Config {
	t.Helper()
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	flags := NewFlags(fs)
	flags.Define()
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	path := ""
	if file != "" {
		dir := t.TempDir()
		t.Chdir(dir)
		path = ".apibump.yaml"
		write(t, path, file)
	}
	c, err := Resolve(path, flags)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func valueOf(c *Config, name string) string {
	return fmt.Sprint(marshal(keyNamed(name).field(c)))
}

// TestResolvePrecedence: defaults < file < flags, for every setting, and a
// setting the user did not touch keeps the level below.
func TestResolvePrecedence(t *testing.T) {
	for _, k := range keys {
		tc := keyCases[k.name]
		t.Run(k.name, func(t *testing.T) {
			def := valueOf(Default(), k.name)
			// The file's value differs from the default and from the flag's,
			// the sources tell a flag that gives the default.
			if def == tc.fileWant || tc.flag != "" && tc.fileWant == tc.flagWant {
				t.Fatalf("the case cannot tell the levels apart: default %s, file %s, flag %s", def, tc.fileWant, tc.flagWant)
			}
			check := func(level string, c *Config, want, wantSource string) {
				t.Helper()
				if got := valueOf(c, k.name); got != want {
					t.Errorf("%s: %s = %s, want %s", level, k.name, got, want)
				}
				if got := c.Sources[k.name]; !strings.HasPrefix(got, wantSource) {
					t.Errorf("%s: %s comes from %q, want %q", level, k.name, got, wantSource)
				}
			}
			check("neither", resolveWith(t, ""), def, "default")
			check("file only", resolveWith(t, tc.file), tc.fileWant, ".apibump.yaml:")
			if tc.flag == "" {
				return
			}
			check("flag only", resolveWith(t, "", tc.flag), tc.flagWant, "flag --"+k.flag)
			check("both", resolveWith(t, tc.file, tc.flag), tc.flagWant, "flag --"+k.flag)
			// Another setting's flag leaves this one at the file's value.
			for _, other := range keys {
				if other.flag != "" && other != k {
					check("another flag", resolveWith(t, tc.file, keyCases[other.name].flag), tc.fileWant, ".apibump.yaml:")
					break
				}
			}
		})
	}
}

func TestFlagsParseOnce(t *testing.T) {
	// A bare boolean flag is true.
	if c := resolveWith(t, "stability:\n  strict-beta: false\n", "--strict-beta"); !c.Stability.StrictBeta || c.Sources[KeyStrictBeta] != "flag --strict-beta" {
		t.Errorf("--strict-beta alone: %v from %s", c.Stability.StrictBeta, c.Sources[KeyStrictBeta])
	}
	// A bad value is refused when the flags are parsed, by the value's Set.
	for _, args := range [][]string{{"--policy=strict"}, {"--scheme="}, {"--window=0d"}, {"--max-live-majors=0"}, {"--fail-on=minor"}, {"--lang=de"}, {"--strict-beta=maybe"}} {
		fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
		fs.SetOutput(&strings.Builder{})
		NewFlags(fs).Define()
		err := fs.Parse(args)
		if err == nil || !strings.Contains(err.Error(), ": want ") {
			t.Errorf("%v: err = %v, want what is wanted", args, err)
		}
	}
	// Resolved configurations share no list or map with the flags or each other.
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	flags := NewFlags(fs)
	flags.Define(KeyPolicy)
	a, _ := Resolve("", flags)
	b, _ := Resolve("", flags)
	a.VersionLocation.Headers[0] = "changed"
	a.Rules["x"] = RuleClass{}
	if b.VersionLocation.Headers[0] == "changed" || len(b.Rules) != 0 || Default().VersionLocation.Headers[0] == "changed" {
		t.Error("two configurations share a list or a map")
	}
}

func TestDefineOnlyTheNamedFlags(t *testing.T) {
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	NewFlags(fs).Define(KeyPolicy, KeyFailOn)
	var names []string
	fs.VisitAll(func(f *pflag.Flag) { names = append(names, f.Name+"="+f.DefValue) })
	if got := strings.Join(names, " "); got != "fail-on=version policy=contract" {
		t.Errorf("flags %s", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("defining the flag of a setting that has none did not panic")
		}
	}()
	NewFlags(fs).Define(KeyRules)
}

// TestGate: the flows and fail-on decide what fails the check.
func TestGate(t *testing.T) {
	for _, tt := range []struct {
		flow   Flow
		failOn FailOn
		judge  bool
		want   FailOn
	}{
		{FlowDeclared, FailOnVersion, true, FailOnVersion},
		{FlowDeclared, FailOnBreaking, true, FailOnBreaking},
		{FlowDeclared, FailOnNone, false, FailOnNone},
		{FlowComputed, FailOnVersion, false, FailOnBreaking},
		{FlowComputed, FailOnAdditive, false, FailOnAdditive},
		{FlowComputed, FailOnNone, false, FailOnNone},
	} {
		c := &Config{Version: tt.flow, FailOn: tt.failOn}
		judge, failOn := c.Gate()
		if judge != tt.judge || failOn != tt.want {
			t.Errorf("%s, fail-on %s: judge %v, %s; want %v, %s", tt.flow, tt.failOn, judge, failOn, tt.judge, tt.want)
		}
	}
}
