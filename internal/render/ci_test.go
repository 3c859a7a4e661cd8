package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/report/reporttest"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/scheme"
	"github.com/apibump/apibump/internal/spec"
)

// ciReport has one change of each class, an unclassified one, an accepted
// one, one without a position and one in a file of a subdirectory.
func ciReport() *report.Report {
	return &report.Report{
		Base:     report.Spec{File: "base/openapi.yaml", Version: "1.4.2"},
		Revision: report.Spec{File: "openapi.yaml", Version: "1.5.0"},
		Policy:   rules.Contract, Scheme: scheme.Semver, Bump: scheme.BumpMajor, NextVersion: "2.0.0",
		Summary: report.Summary{Breaking: 4, Additive: 1, NonContract: 1, Accepted: 1},
		Changes: []report.Change{
			{ID: "request-property-type-changed", Class: rules.Breaking, Operations: []string{"POST /books"},
				Message: "the `price` request property type/format changed from `string`/`` to `number`/``",
				Source:  &spec.Position{File: "openapi.yaml", Line: 42, Column: 11}},
			{ID: "response-optional-property-added", Class: rules.Additive, Operations: []string{"GET /books", "GET /books/{id}"},
				Message: "added the optional property `subtitle` to the response with the `200` status", Stability: "beta",
				Source: &spec.Position{File: "specs/schemas/book.yaml", Line: 7, Column: 5}},
			{ID: "documentation-changed", Class: rules.NonContract, Operations: []string{},
				Message: "title changed at /info/title", Source: &spec.Position{File: "openapi.yaml", Line: 3, Column: 3}},
			{ID: rules.UnclassifiedChange, Class: rules.Breaking, Operations: []string{},
				Message: "x-rate-limit: 100% changed,\nsee /x-rate-limit", Source: &spec.Position{File: "openapi.yaml", Line: 5, Column: 1}},
			{ID: "request-parameter-removed", Class: rules.Breaking, Operations: []string{"GET /books"},
				Message: "deleted the `query` request parameter `sort`", Source: &spec.Position{File: "openapi.yaml", Line: 20, Column: 9},
				Accepted: &classify.Acceptance{Reason: "nobody sorts: checked the logs, 0 calls", Until: "2027-03-01", Origin: ".apibump.yaml:12"}},
			{ID: "api-path-removed-without-deprecation", Class: rules.Breaking, Operations: []string{"DELETE /books/{id}"},
				Message: "api path removed without deprecation"},
		},
	}
}

func TestCIGoldens(t *testing.T) {
	for _, tc := range []struct {
		file   string
		render func(*bytes.Buffer, *report.Report) error
	}{
		{"github.txt", func(b *bytes.Buffer, r *report.Report) error { return RenderGitHub(b, r) }},
		{"junit.xml", func(b *bytes.Buffer, r *report.Report) error { return RenderJUnit(b, r) }},
		{"report.sarif", func(b *bytes.Buffer, r *report.Report) error { return RenderSARIF(b, r) }},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.render(&b, ciReport()); err != nil {
				t.Fatal(err)
			}
			reporttest.Golden(t, filepath.Join("testdata", "ci", tc.file), b.Bytes())
		})
	}
}

func TestRenderGitHub(t *testing.T) {
	var b bytes.Buffer
	if err := RenderGitHub(&b, ciReport()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	want := []string{"::error ", "::notice ", "::warning ", "::notice ", "::error "} // the non-contract change says nothing
	if len(lines) != len(want) {
		t.Fatalf("%d commands, want %d:\n%s", len(lines), len(want), b.String())
	}
	for i, l := range lines {
		if !strings.HasPrefix(l, want[i]) {
			t.Errorf("command %d is %q, want it to start with %q", i, l, want[i])
		}
	}
	if l := lines[0]; l != "::error file=openapi.yaml,line=42,col=11,title=request-property-type-changed::the `price` request property type/format changed from `string`/`` to `number`/`` (POST /books)" {
		t.Errorf("breaking command: %q", l)
	}
	if !strings.Contains(lines[1], "file=specs/schemas/book.yaml,line=7,col=5,") || !strings.Contains(lines[1], "(GET /books, GET /books/{id}) [beta]") {
		t.Errorf("additive command: %q", lines[1])
	}
	if l := lines[2]; l != "::warning file=openapi.yaml,line=5,col=1,title=unclassified-change::x-rate-limit: 100%25 changed,\\nsee /x-rate-limit" {
		t.Errorf("unclassified command: %q", l)
	}
	if !strings.Contains(lines[3], "title=request-parameter-removed::") || !strings.Contains(lines[3], "accepted: nobody sorts: checked the logs, 0 calls (until 2027-03-01)") {
		t.Errorf("accepted command: %q", lines[3])
	}
	if l := lines[4]; l != "::error title=api-path-removed-without-deprecation::api path removed without deprecation (DELETE /books/{id})" {
		t.Errorf("command without a position: %q", l)
	}
}

func TestRenderGitHubPositionWithoutLine(t *testing.T) {
	r := &report.Report{Changes: []report.Change{{ID: "endpoint-added", Class: rules.Additive, Operations: []string{"GET /a"},
		Message: "endpoint added", Source: &spec.Position{File: "dir, with comma/a:b.yaml"}}}}
	var b bytes.Buffer
	if err := RenderGitHub(&b, r); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "::notice file=dir%2C with comma/a%3Ab.yaml,title=endpoint-added::endpoint added (GET /a)\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Cases    []struct {
			ClassName  string `xml:"classname,attr"`
			Name       string `xml:"name,attr"`
			Properties []struct {
				Name  string `xml:"name,attr"`
				Value string `xml:"value,attr"`
			} `xml:"properties>property"`
			Failure *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestRenderJUnit(t *testing.T) {
	r := ciReport()
	var b bytes.Buffer
	if err := RenderJUnit(&b, r); err != nil {
		t.Fatal(err)
	}
	var doc junitDoc
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b.String())
	}
	if len(doc.Suites) != 1 {
		t.Fatalf("%d testsuites, want 1", len(doc.Suites))
	}
	s := doc.Suites[0]
	const failures = 3 // breaking, unclassified and without position; not the accepted one
	if s.Name != "apibump" || s.Tests != len(r.Changes) || len(s.Cases) != len(r.Changes) || s.Failures != failures ||
		doc.Tests != len(r.Changes) || doc.Failures != failures {
		t.Fatalf("suite %q: tests %d (%d testcases, root %d), failures %d (root %d); want %d tests, %d failures",
			s.Name, s.Tests, len(s.Cases), doc.Tests, s.Failures, doc.Failures, len(r.Changes), failures)
	}
	n := 0
	for i, c := range s.Cases {
		ch := r.Changes[i]
		if c.Name != ch.ID+": "+escape.Text(ch.Message) {
			t.Errorf("testcase %d name %q", i, c.Name)
		}
		failed := ch.Class == rules.Breaking && ch.Accepted == nil
		if (c.Failure != nil) != failed {
			t.Errorf("testcase %d (%s): failure %v, want %v", i, ch.ID, c.Failure != nil, failed)
		}
		if c.Failure != nil {
			n++
			if c.Failure.Message != escape.Text(ch.Message) {
				t.Errorf("testcase %d failure message %q", i, c.Failure.Message)
			}
		}
		props := map[string]string{}
		for _, p := range c.Properties {
			props[p.Name] = p.Value
		}
		if props["class"] != string(ch.Class) || !strings.Contains(c.SystemOut, "class: "+string(ch.Class)) {
			t.Errorf("testcase %d: class property %q, system-out %q", i, props["class"], c.SystemOut)
		}
		if a := anchorOf(ch); a != nil && (props["file"] != a.File || !strings.Contains(c.SystemOut, "file: "+a.File)) {
			t.Errorf("testcase %d: file property %q, system-out %q", i, props["file"], c.SystemOut)
		}
	}
	if n != failures {
		t.Errorf("%d failure elements, want %d", n, failures)
	}
	if c := s.Cases[0]; c.ClassName != "POST /books" || !strings.Contains(c.Failure.Text, "openapi.yaml:42") {
		t.Errorf("first testcase: classname %q, failure %q", c.ClassName, c.Failure.Text)
	}
	if c := s.Cases[3]; c.ClassName != "document" || !strings.Contains(c.Failure.Text, `100% changed,\nsee`) {
		t.Errorf("unclassified testcase: classname %q, failure %+v", c.ClassName, c.Failure)
	}
	if c := s.Cases[1]; c.ClassName != "GET /books" {
		t.Errorf("shared change's classname %q, want its first operation", c.ClassName)
	}
}

type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string `json:"id"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					Properties map[string]string `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Suppressions []struct {
				Kind          string `json:"kind"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

func sarifOf(t *testing.T, r *report.Report) (sarifDoc, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := RenderSARIF(&b, r); err != nil {
		t.Fatal(err)
	}
	var doc sarifDoc
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.String())
	}
	if doc.Version != "2.1.0" || doc.Schema != "https://json.schemastore.org/sarif-2.1.0.json" || len(doc.Runs) != 1 {
		t.Fatalf("version %q, $schema %q, %d runs", doc.Version, doc.Schema, len(doc.Runs))
	}
	return doc, b.Bytes()
}

func TestRenderSARIF(t *testing.T) {
	r := ciReport()
	doc, _ := sarifOf(t, r)
	run := doc.Runs[0]
	d := run.Tool.Driver
	if d.Name != "apibump" || d.InformationURI == "" {
		t.Errorf("driver %q, informationUri %q", d.Name, d.InformationURI)
	}
	byID := map[string]int{}
	for i, rule := range d.Rules {
		if _, dup := byID[rule.ID]; dup {
			t.Errorf("rule %s listed twice", rule.ID)
		}
		byID[rule.ID] = i
		want := rule.ID
		if tr, ok := rules.Lookup(rule.ID); ok {
			want = tr.Description
		}
		if rule.ShortDescription.Text != want || rule.Properties["class"] == "" {
			t.Errorf("rule %s: shortDescription %q (want %q), class %q", rule.ID, rule.ShortDescription.Text, want, rule.Properties["class"])
		}
	}
	if len(d.Rules) != len(r.Changes) {
		t.Errorf("%d rules, want one per rule id used (%d)", len(d.Rules), len(r.Changes))
	}
	if len(run.Results) != len(r.Changes) {
		t.Fatalf("%d results, want %d", len(run.Results), len(r.Changes))
	}
	levels := []string{"error", "note", "none", "warning", "error", "error"}
	for i, res := range run.Results {
		ch := r.Changes[i]
		idx, ok := byID[res.RuleID]
		if !ok || res.RuleID != ch.ID || idx != res.RuleIndex {
			t.Errorf("result %d: ruleId %q (index %d), not in driver.rules at that index", i, res.RuleID, res.RuleIndex)
		}
		if res.Level != levels[i] {
			t.Errorf("result %d (%s): level %q, want %q", i, ch.ID, res.Level, levels[i])
		}
		if !strings.HasPrefix(res.Message.Text, escape.Text(ch.Message)) {
			t.Errorf("result %d: message %q", i, res.Message.Text)
		}
		if (len(res.Suppressions) > 0) != (ch.Accepted != nil) {
			t.Errorf("result %d: %d suppressions, accepted %v", i, len(res.Suppressions), ch.Accepted != nil)
		}
		a := anchorOf(ch)
		if a == nil {
			if len(res.Locations) != 0 {
				t.Errorf("result %d has a location without a position", i)
			}
			continue
		}
		if len(res.Locations) != 1 {
			t.Fatalf("result %d: %d locations", i, len(res.Locations))
		}
		pl := res.Locations[0].PhysicalLocation
		if pl.ArtifactLocation.URI != a.File || pl.Region == nil || pl.Region.StartLine != a.Line || pl.Region.StartColumn != a.Column {
			t.Errorf("result %d: location %+v, want %s", i, pl, a)
		}
	}
	s := run.Results[4].Suppressions
	if len(s) != 1 || s[0].Kind != "external" || s[0].Justification != "nobody sorts: checked the logs, 0 calls" {
		t.Errorf("accepted change's suppressions %+v", s)
	}
}

func TestRenderSARIFEmpty(t *testing.T) {
	_, out := sarifOf(t, &report.Report{})
	// Arrays, never null: the schema wants them.
	if !bytes.Contains(out, []byte(`"results": []`)) || !bytes.Contains(out, []byte(`"rules": []`)) {
		t.Errorf("empty report:\n%s", out)
	}
}

func TestSARIFURI(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"openapi.yaml":                       "openapi.yaml",
		"specs/schemas/book.yaml":            "specs/schemas/book.yaml",
		"my specs/a#1.yaml":                  "my%20specs/a%231.yaml",
		"a:b.yaml":                           "./a:b.yaml", // not a scheme
		filepath.Join(wd, "specs", "x.yaml"): "specs/x.yaml",
	} {
		if got := sarifURI(in, ""); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
		}
	}
	outside := filepath.Join(filepath.Dir(filepath.Dir(wd)), "elsewhere.yaml")
	if got := sarifURI(outside, ""); !strings.HasPrefix(got, "file:///") || !strings.HasSuffix(got, "/elsewhere.yaml") {
		t.Errorf("sarifURI(%q) = %q, want a file URI", outside, got)
	}
}

// A run in a subdirectory (the Action's working-directory) still names the
// file from the repository's top, so that GitHub can place the annotation.
func TestCIPathFromRoot(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "api"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "api", "openapi.yaml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(root, "api"))
	for _, c := range []struct{ file, root, want string }{
		{"openapi.yaml", root, "api/openapi.yaml"},
		{"./openapi.yaml", root, "api/openapi.yaml"},
		{filepath.Join(root, "api", "openapi.yaml"), root, "api/openapi.yaml"},
		{"openapi.yaml", "", "openapi.yaml"},
		{"abc123:./openapi.yaml", root, "abc123:./openapi.yaml"}, // REF:path is no file here
		{filepath.Join(filepath.Dir(root), "elsewhere.yaml"), root, filepath.ToSlash(filepath.Join(filepath.Dir(root), "elsewhere.yaml"))},
	} {
		if got := ciPath(c.file, c.root); got != c.want {
			t.Errorf("ciPath(%q, %q) = %q, want %q", c.file, c.root, got, c.want)
		}
	}
}

func TestShortName(t *testing.T) {
	sha := "c8d00e3a8624dcb76ef723d21999342755b6c552"
	for in, want := range map[string]string{
		sha + ":./api/openapi.yaml":    "c8d00e3a8624:api/openapi.yaml",
		sha + ":api/openapi.yaml":      "c8d00e3a8624:api/openapi.yaml",
		"origin/main:api/openapi.yaml": "origin/main:api/openapi.yaml",
		"c8d00e3a:api/openapi.yaml":    "c8d00e3a:api/openapi.yaml",
		"api/openapi.yaml":             "api/openapi.yaml",
		sha + "0:x.yaml":               sha + "0:x.yaml", // not a commit id
	} {
		if got := ShortName(in); got != want {
			t.Errorf("ShortName(%q) = %q, want %q", in, got, want)
		}
	}
}
