package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/report/reporttest"
)

func TestGroupsOrder(t *testing.T) {
	g := Groups(reporttest.Sample().Changes, locale.En)
	var titles []string
	for _, x := range g {
		titles = append(titles, x.Title)
	}
	want := []string{"GET /books", "Components and shared schemas", "Document"}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("groups %q, want %q", titles, want)
	}
}

func TestRenderFormats(t *testing.T) {
	r := reporttest.Sample()
	for _, f := range []Format{Text, JSON, YAML, Markdown} {
		var b bytes.Buffer
		if err := Render(&b, r, f, RenderOptions{}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out := b.String()
		if !strings.Contains(out, "2.0.0") {
			t.Errorf("%s output lacks the next version:\n%s", f, out)
		}
		switch f {
		case JSON:
			var back report.Report
			if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.NextVersion != "2.0.0" || len(back.Changes) != 3 {
				t.Errorf("json does not round-trip: %v", err)
			}
			if !strings.Contains(out, `"non-contract": 1`) || !strings.Contains(out, `"nextVersion"`) {
				t.Errorf("json contract names missing:\n%s", out)
			}
		case YAML:
			var back map[string]any
			if err := yaml.Unmarshal(b.Bytes(), &back); err != nil || back["nextVersion"] != "2.0.0" {
				t.Errorf("yaml does not parse back: %v %v", err, back["nextVersion"])
			}
		case Markdown:
			if strings.Contains(out, "<b>") || !strings.Contains(out, `&lt;b&gt;\|x\|&lt;/b&gt;`) {
				t.Errorf("markdown must escape user text:\n%s", out)
			}
		case Text:
			if strings.Contains(out, "\x1b[") {
				t.Errorf("text without colour has escape codes")
			}
			if !strings.Contains(out, "base.yaml:3:9") {
				t.Errorf("text lacks the source position:\n%s", out)
			}
		}
	}
	var b bytes.Buffer
	_ = Render(&b, r, Text, RenderOptions{Color: true})
	if !strings.Contains(b.String(), "\x1b[31m") {
		t.Errorf("colour requested but breaking is not red")
	}
}

func TestParseFormat(t *testing.T) {
	if _, err := ParseFormat("html"); err == nil {
		t.Error("html is not a diff format")
	}
	if f, err := ParseFormat("markdown"); err != nil || f != Markdown {
		t.Error("markdown")
	}
}

// TestMessageWordsCapital: a sentence starts with a capital letter only
// when it starts with a word of its template; a value from the specs (an
// identifier) or code keeps its case.
func TestMessageWordsCapital(t *testing.T) {
	for _, tc := range []struct {
		phrase locale.Phrase
		want   string
	}{
		{locale.Phrase{{Text: "added the property "}, {Text: "id", Value: true, Code: true}}, "Added the property `id`"},
		{locale.Phrase{{Text: "is_private", Value: true}, {Text: " changed"}}, "is_private changed"},
		{locale.Phrase{{Text: "x-github", Value: true, Code: true}, {Text: " changed"}}, "`x-github` changed"},
		{locale.Phrase{{Text: "`security: []` was removed"}}, "`security: []` was removed"},
	} {
		got := MessageWords(report.Change{Phrase: tc.phrase}, true).String()
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.phrase.String(), got, tc.want)
		}
	}
}
