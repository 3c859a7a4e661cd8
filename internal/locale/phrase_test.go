package locale

import (
	"testing"
)

func TestPhraseKeepsValuesApart(t *testing.T) {
	p := P(En, "path.renamed", "/a/{x}\n# heading", "/a/{y}`")
	if got, want := p.String(), T(En, "path.renamed", "/a/{x}\n# heading", "/a/{y}`"); got != want {
		t.Errorf("String() = %q, want T's %q", got, want)
	}
	if len(p) < 3 || !p[1].Value || p[1].Text != "/a/{x}\n# heading" || p[0].Value {
		t.Errorf("P = %+v", p)
	}
	// Counts are words; a template's own code spans are words too.
	p = P(En, "warning.live-majors", 3, "2026-11-22", 2)
	if p.String() != T(En, "warning.live-majors", 3, "2026-11-22", 2) {
		t.Errorf("P = %q", p.String())
	}
	words := P(En, "security.override.removed").Words()
	if len(words) != 3 || !words[1].Code || words[1].Value || words[1].Text != "security: []" {
		t.Errorf("Words = %+v", words)
	}
}

// TestPhraseSplicesPhrases: a Phrase given to a template (a place in
// words) is put in part for part: its values stay values, its words words.
func TestPhraseSplicesPhrases(t *testing.T) {
	place := Phrase{{Text: "the property "}, {Text: "a`<b>", Value: true, Code: true}}
	p := P(En, "path.renamed", place, "/b")
	if got, want := p.String(), T(En, "path.renamed", place.String(), "/b"); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	var spliced bool
	for i, part := range p {
		if part.Text == "a`<b>" {
			spliced = part.Value && part.Code && i > 0 && p[i-1].Text == "the property " && !p[i-1].Value
		}
		if part.Value && part.Text != "a`<b>" && part.Text != "/b" {
			t.Errorf("a value that was not given: %+v", part)
		}
	}
	if !spliced {
		t.Errorf("the phrase was not put in part for part: %+v", p)
	}
}

func TestQuoted(t *testing.T) {
	p := Quoted("deleted the `query` request parameter `sort`")
	if len(p) != 4 || !p[1].Code || p[1].Text != "query" || p[2].Code || !p[2].Value {
		t.Errorf("Quoted = %+v", p)
	}
	if p := Quoted("one ` backtick"); len(p) != 1 || p[0].Code || !p[0].Value {
		t.Errorf("an unpaired backtick: %+v", p)
	}
	if p := Quoted("empty `` code"); p.String() != "empty `` code" {
		t.Errorf("Quoted(empty code) = %q", p.String())
	}
}
