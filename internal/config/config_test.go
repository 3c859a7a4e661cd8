package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"cloud.google.com/go/civil"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestConfigFindOrder(t *testing.T) {
	root := t.TempDir()
	spec := filepath.Join(root, "api", "v1", "openapi.yaml")
	write(t, spec, "openapi: 3.0.3\n")
	top := filepath.Join(root, ".apibump.yaml")
	near := filepath.Join(root, "api", ".apibump.yml")

	find := func(specPath, stopAt string) string {
		t.Helper()
		got, err := Find(specPath, stopAt)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	same := func(got, want string) bool {
		if got == "" || want == "" {
			return got == want
		}
		return canonical(got) == canonical(want)
	}

	if got := find(spec, root); got != "" {
		t.Errorf("no file anywhere: Find = %q, want \"\"", got)
	}

	write(t, top, "")
	if got := find(spec, root); !same(got, top) {
		t.Errorf("only at the root: Find = %q, want %q", got, top)
	}
	if got := find(spec, ""); !same(got, top) {
		t.Errorf("no stopAt: Find = %q, want %q", got, top)
	}

	write(t, near, "")
	if got := find(spec, root); !same(got, near) {
		t.Errorf("nearer one must win: Find = %q, want %q", got, near)
	}
	// A directory as specPath starts there.
	if got := find(filepath.Join(root, "api"), root); !same(got, near) {
		t.Errorf("directory: Find = %q, want %q", got, near)
	}

	// stopAt ends the walk: the root's file is above it.
	if err := os.Remove(near); err != nil {
		t.Fatal(err)
	}
	if got := find(spec, filepath.Join(root, "api")); got != "" {
		t.Errorf("stopAt api/: Find = %q, want \"\" (the root's file is above stopAt)", got)
	}
	// stopAt itself is searched.
	if got := find(spec, root); !same(got, top) {
		t.Errorf("stopAt is searched: Find = %q, want %q", got, top)
	}

	// Both names in one directory is ambiguous.
	write(t, filepath.Join(root, ".apibump.yml"), "")
	if _, err := Find(spec, root); err == nil || !strings.Contains(err.Error(), "keep one") {
		t.Errorf("both names: err = %v, want an error", err)
	}
}

func TestConfigFindRelative(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "api", "openapi.yaml"), "openapi: 3.0.3\n")
	write(t, filepath.Join(root, ".apibump.yaml"), "")
	t.Chdir(filepath.Join(root, "api"))
	got, err := Find("openapi.yaml", "")
	if err != nil {
		t.Fatal(err)
	}
	if got != filepath.Join("..", ".apibump.yaml") {
		t.Errorf("Find = %q, want ../.apibump.yaml", got)
	}
}

func TestConfigRepoRoot(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := RepoRoot(sub); canonical(got) != canonical(root) {
		t.Errorf("RepoRoot = %q, want %q", got, root)
	}
}

func load(t *testing.T, content string) (*Config, error) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	write(t, ".apibump.yaml", content)
	return Load(".apibump.yaml")
}

func TestConfigLoadErrors(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"unknown key", "policy: contract\npolcy: compatible\n",
			`.apibump.yaml:2: unknown key "polcy" (known: policy, scheme, window, max-live-majors, version, fail-on, lang, version-location, rules, ignore, stability, webhooks, contract-extensions)`},
		{"duplicate key", "policy: contract\nscheme: semver\npolicy: compatible\n",
			`.apibump.yaml:3: duplicate key "policy" (first at line 1)`},
		{"not a mapping", "- policy\n", `.apibump.yaml:1: want a mapping of policy, scheme`},
		{"syntax", "scheme: semver\npolicy: [contract\n", `.apibump.yaml:2: did not find expected ',' or ']'`},
		{"syntax without a v3 line", "scheme: semver\npolicy: a: b\n", `.apibump.yaml:2: mapping values are not allowed in this context`},
		{"unknown anchor", "scheme: semver\npolicy: *x\n", `.apibump.yaml:2: unknown anchor 'x' referenced`},
		{"two documents", "policy: contract\n---\nscheme: semver\n", `.apibump.yaml:2: more than one YAML document`},

		{"policy", "\n\npolicy: strict\n", `.apibump.yaml:3: policy "strict": want contract or compatible`},
		{"webhooks not an extension", "webhooks:\n  - x-webhooks\n  - paths\n", `.apibump.yaml:3: webhooks: "paths" is not an extension key (x-...)`},
		{"contract extension not an extension", "contract-extensions:\n  - x-a\n  - servers\n", `.apibump.yaml:3: contract-extensions: "servers" is not an extension name (x-...)`},
		{"webhooks not a list", "webhooks: x-webhooks\n", `.apibump.yaml:1: webhooks: want a list of names`},
		{"policy list", "policy: [contract]\n", `.apibump.yaml:1: policy: want a string, got a list`},
		{"policy empty", "policy:\n", `.apibump.yaml:1: policy: no value`},
		{"scheme", "scheme: calver\n", `.apibump.yaml:1: scheme "calver": want auto, semver, major-minor, integer or date`},
		{"scheme empty string", "scheme: \"\"\n", `.apibump.yaml:1: scheme "": want auto`},
		{"window", "window: 6 months\n", `.apibump.yaml:1: window "6 months": want a number followed by d, w, m or y`},
		{"window zero", "window: 0d\n", `.apibump.yaml:1: window "0d"`},
		{"max-live-majors text", "max-live-majors: two\n", `.apibump.yaml:1: max-live-majors "two": want a whole number, 1 or more`},
		{"max-live-majors zero", "max-live-majors: 0\n", `.apibump.yaml:1: max-live-majors "0": want a whole number, 1 or more`},
		{"max-live-majors quoted", "max-live-majors: \"3\"\n", `.apibump.yaml:1: max-live-majors "3"`},
		{"fail-on", "fail-on: warning\n", `.apibump.yaml:1: fail-on "warning": want none, version, breaking, additive or any`},
		{"lang", "lang: de\n", `.apibump.yaml:1: lang "de": want en or fr`},

		{"version-location scalar", "version-location: header\n", `.apibump.yaml:1: version-location: want a mapping of headers, query, got "header"`},
		{"version-location unknown", "version-location:\n  headers: [Api-Version]\n  header: [X]\n", `.apibump.yaml:3: version-location: unknown key "header" (known: headers, query)`},
		{"headers scalar", "version-location:\n  headers: Api-Version\n", `.apibump.yaml:2: version-location.headers: want a list of names, got "Api-Version"`},
		{"header name", "version-location:\n  headers:\n    - Api-Version\n    - \"Api Version\"\n", `.apibump.yaml:4: version-location.headers: "Api Version" is not a header name`},
		{"query twice", "version-location:\n  query: [v, v]\n", `.apibump.yaml:2: version-location.query: "v" is listed twice`},
		{"query item mapping", "version-location:\n  query:\n    - {a: b}\n", `.apibump.yaml:3: version-location.query: want a string, got a mapping`},

		{"rules list", "rules:\n  - request-parameter-removed\n", `.apibump.yaml:2: rules: want a mapping of rule id to class, got a list`},
		{"rules unknown rule", "rules:\n  request-parameter-removed: additive\n  no-such-rule: breaking\n", `.apibump.yaml:3: rules: unknown rule "no-such-rule"`},
		{"rules unknown class", "rules:\n  request-parameter-removed: major-ish\n", `.apibump.yaml:2: rules: unknown class "major-ish" for request-parameter-removed (want breaking, additive or non-contract)`},
		{"rules star", "rules:\n  \"*\": additive\n", `.apibump.yaml:2: rules: unknown rule "*"`},
		{"rules duplicate", "rules:\n  request-parameter-removed: additive\n  request-parameter-removed: breaking\n", `.apibump.yaml:3: rules: duplicate rule "request-parameter-removed" (first at line 2)`},

		{"ignore mapping", "ignore:\n  rule: x\n", `.apibump.yaml:2: ignore: want a list of exemptions, got a mapping`},
		{"ignore reason", "ignore:\n  - rule: request-parameter-removed\n    reason: ok\n    until: 2026-12-31\n  - rule: request-parameter-removed\n    until: 2026-12-31\n",
			`.apibump.yaml:5: ignore[1]: reason is required`},
		{"ignore until missing", "ignore:\n  - rule: request-parameter-removed\n    reason: ok\n", `.apibump.yaml:2: ignore[0]: until is required`},
		{"ignore until", "ignore:\n  - rule: request-parameter-removed\n    reason: ok\n    until: 2026-13-01\n", `.apibump.yaml:4: ignore[0]: until "2026-13-01": want YYYY-MM-DD`},
		{"ignore until format", "ignore:\n  - rule: request-parameter-removed\n    reason: ok\n    until: 31/12/2026\n", `.apibump.yaml:4: ignore[0]: until "31/12/2026": want YYYY-MM-DD`},
		{"ignore rule missing", "ignore:\n  - reason: ok\n    until: 2026-12-31\n", `.apibump.yaml:2: ignore[0]: rule is required`},
		{"ignore unknown rule", "ignore:\n  - rule: no-such-rule\n    reason: ok\n    until: 2026-12-31\n", `.apibump.yaml:2: ignore[0]: unknown rule "no-such-rule"`},
		{"ignore unknown key", "ignore:\n  - rule: request-parameter-removed\n    resaon: ok\n    until: 2026-12-31\n", `.apibump.yaml:3: ignore[0]: unknown key "resaon" (known: rule, operation, path, reason, until)`},
		{"ignore operation", "ignore:\n  - rule: request-parameter-removed\n    operation: /books\n    reason: ok\n    until: 2026-12-31\n", `.apibump.yaml:3: ignore[0]: operation "/books": want "METHOD /path"`},
		{"ignore method", "ignore:\n  - rule: request-parameter-removed\n    operation: FETCH /books\n    reason: ok\n    until: 2026-12-31\n", `.apibump.yaml:3: ignore[0]: operation "FETCH /books": unknown method "FETCH"`},
		{"ignore path", "ignore:\n  - rule: request-parameter-removed\n    path: books/*\n    reason: ok\n    until: 2026-12-31\n", `.apibump.yaml:3: ignore[0]: path "books/*": want a path starting with "/"`},
		{"ignore lower-case method", "ignore:\n  - rule: request-parameter-removed\n    operation: get /books\n    reason: ok\n    until: 2026-12-31\n", `.apibump.yaml:3: ignore[0]: operation "get /books": unknown method "get" (want GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE or *, in upper case)`},
		{"ignore operation path", "ignore:\n  - rule: request-parameter-removed\n    operation: GET books\n    reason: ok\n    until: 2026-12-31\n", `.apibump.yaml:3: ignore[0]: operation "GET books": want a path starting with "/"`},
		{"ignore everything", "ignore:\n  - rule: \"*\"\n    reason: ok\n    until: 2026-12-31\n", `.apibump.yaml:2: ignore[0]: rule "*" needs an operation or a path`},
		{"ignore entry scalar", "ignore:\n  - request-parameter-removed\n", `.apibump.yaml:2: ignore[0]: want a mapping of rule, operation, path, reason, until, got "request-parameter-removed"`},
		{"ignore duplicate key", "ignore:\n  - rule: request-parameter-removed\n    reason: ok\n    reason: again\n    until: 2026-12-31\n", `.apibump.yaml:4: ignore[0]: duplicate key "reason"`},

		{"stability unknown", "stability:\n  strict-alpha: true\n", `.apibump.yaml:2: stability: unknown key "strict-alpha" (known: strict-beta)`},
		{"strict-beta", "stability:\n  strict-beta: yes please\n", `.apibump.yaml:2: stability.strict-beta "yes please": want true or false`},
		{"stability scalar", "stability: strict\n", `.apibump.yaml:1: stability: want a mapping of strict-beta, got "strict"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := load(t, tt.content)
			if err == nil {
				t.Fatalf("loaded without error: %+v", c)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Errorf("error %T is not a *config.Error", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n got: %s\nwant: %s...", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}

func TestConfigLoadEmpty(t *testing.T) {
	for _, content := range []string{"", "# nothing yet\n", "---\n", "\n\n"} {
		c, err := load(t, content)
		if err != nil {
			t.Fatalf("%q: %v", content, err)
		}
		want := Default()
		want.File = ".apibump.yaml"
		if !reflect.DeepEqual(c, want) {
			t.Errorf("%q: got %+v, want the defaults", content, c)
		}
	}
}

func TestConfigLoadMissingFile(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), ".apibump.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want not exist", err)
	}
}

const fullFile = `# The Bookstore API's apibump settings.
policy: compatible
scheme: semver
window: 6m
max-live-majors: 3
fail-on: breaking
lang: FR
version-location:
  headers: [Api-Version]
  query:
    - api-version
rules:
  request-parameter-removed: minor
  api-path-removed-without-deprecation: breaking
ignore:
  - rule: request-parameter-removed
    operation: GET /books/*
    reason: "the sort parameter never worked; agreed with the two clients (TICKET-12)"
    until: 2026-12-31
  - rule: "*"
    path: /internal/**
    reason: internal endpoints are not published
    until: "2027-06-30"
stability:
  strict-beta: true
webhooks: [x-webhooks]
contract-extensions: [x-amazon-apigateway-integration]
`

func TestConfigLoadFull(t *testing.T) {
	c, err := load(t, fullFile)
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		File:            ".apibump.yaml",
		Policy:          "compatible",
		Scheme:          "semver",
		Window:          Window{N: 6, Unit: 'm'},
		MaxLiveMajors:   3,
		FailOn:          "breaking",
		Version:         "declared",
		Lang:            "fr",
		VersionLocation: VersionLocation{Headers: HeaderNames{"Api-Version"}, Query: Names{"api-version"}},
		Rules: RuleClasses{
			"request-parameter-removed":            {Class: "additive", Line: 13},
			"api-path-removed-without-deprecation": {Class: "breaking", Line: 14},
		},
		Ignore: Exemptions{
			{Rule: "request-parameter-removed", Operation: "GET /books/*", Reason: "the sort parameter never worked; agreed with the two clients (TICKET-12)", Until: civil.Date{Year: 2026, Month: 12, Day: 31}, Line: 16},
			{Rule: "*", Path: "/internal/**", Reason: "internal endpoints are not published", Until: civil.Date{Year: 2027, Month: 6, Day: 30}, Line: 20},
		},
		Stability:          Stability{StrictBeta: true},
		Webhooks:           []string{"x-webhooks"},
		ContractExtensions: ExtensionNames{"x-amazon-apigateway-integration"},
		Sources: map[string]string{
			KeyPolicy:                         ".apibump.yaml:2",
			KeyScheme:                         ".apibump.yaml:3",
			KeyWindow:                         ".apibump.yaml:4",
			KeyMaxLiveMajors:                  ".apibump.yaml:5",
			KeyFailOn:                         ".apibump.yaml:6",
			KeyVersion:                        "default",
			KeyLang:                           ".apibump.yaml:7",
			KeyVersionHeaders:                 ".apibump.yaml:9",
			KeyVersionQuery:                   ".apibump.yaml:10",
			KeyRules:                          ".apibump.yaml:12",
			"rules.request-parameter-removed": ".apibump.yaml:13",
			"rules.api-path-removed-without-deprecation": ".apibump.yaml:14",
			KeyIgnore:             ".apibump.yaml:15",
			"ignore.0":            ".apibump.yaml:16",
			"ignore.1":            ".apibump.yaml:20",
			KeyStrictBeta:         ".apibump.yaml:25",
			KeyWebhooks:           ".apibump.yaml:26",
			KeyContractExtensions: ".apibump.yaml:27",
		},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got\n%+v\nwant\n%+v", c, want)
	}

	// Round trip: what Print writes loads back to the same values.
	var b bytes.Buffer
	if err := c.Print(&b); err != nil {
		t.Fatal(err)
	}
	write(t, "printed.yaml", b.String())
	back, err := Load("printed.yaml")
	if err != nil {
		t.Fatalf("the printed configuration does not load: %v\n%s", err, b.String())
	}
	back.File, back.Sources, c.Sources = "", nil, nil
	c.File = ""
	for i := range back.Ignore {
		back.Ignore[i].Line, c.Ignore[i].Line = 0, 0
	}
	for id := range back.Rules {
		back.Rules[id], c.Rules[id] = RuleClass{Class: back.Rules[id].Class}, RuleClass{Class: c.Rules[id].Class}
	}
	if !reflect.DeepEqual(back, c) {
		t.Errorf("round trip changed the configuration:\n got %+v\nwant %+v\n%s", back, c, b.String())
	}
}

func TestConfigPartialFileKeepsDefaults(t *testing.T) {
	c, err := load(t, "version-location:\n  headers: [Api-Version]\n")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.VersionLocation.Query, DefaultVersionQuery) || c.Sources[KeyVersionQuery] != "default" {
		t.Errorf("query = %v from %s, want the default", c.VersionLocation.Query, c.Sources[KeyVersionQuery])
	}
	if c.Policy != "contract" || c.Sources[KeyPolicy] != "default" {
		t.Errorf("policy = %s from %s, want contract from default", c.Policy, c.Sources[KeyPolicy])
	}
}

func TestConfigPrintShowsSources(t *testing.T) {
	c, err := load(t, "# team settings\nscheme: semver\nrules:\n  request-parameter-removed: additive\n")
	if err != nil {
		t.Fatal(err)
	}
	c.Policy = "compatible"
	c.SetFlag(KeyPolicy, "--policy")
	c.FailOn = "any"
	c.SetFlag(KeyFailOn, "fail-on")
	var b bytes.Buffer
	if err := c.Print(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"policy: compatible # flag --policy\n",
		"scheme: semver # .apibump.yaml:2\n",
		"window: 180d # default\n",
		"max-live-majors: 2 # default\n",
		"fail-on: any # flag --fail-on\n",
		"lang: en # default\n",
		"  headers: [X-Schemas-Version, Api-Version, X-API-Version, Accept-Version] # default\n",
		"  query: [api-version, version, v] # default\n",
		"rules: # .apibump.yaml:3\n",
		"  request-parameter-removed: additive # .apibump.yaml:4\n",
		"ignore: [] # default\n",
		"  strict-beta: false # default\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Print lacks %q:\n%s", want, out)
		}
	}
}

func TestConfigPrintDefaultsLoadsBack(t *testing.T) {
	var b bytes.Buffer
	if err := Default().Print(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "no .apibump.yaml found") {
		t.Errorf("the header does not say there is no file:\n%s", b.String())
	}
	c, err := load(t, b.String())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	want := Default()
	c.File, c.Sources, want.Sources = "", nil, nil
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got %+v, want the defaults", c)
	}
}
