package upstream

import (
	"slices"
	"strings"
	"testing"

	"github.com/oasdiff/oasdiff/checker"

	"github.com/apibump/apibump/internal/locale"
)

func TestOasdiffPhrase(t *testing.T) {
	ch := checker.ApiChange{Id: "request-parameter-removed", Args: []any{"query", "q`\n```\n# param"}, Level: checker.ERR}
	for _, l := range []locale.Lang{locale.En, locale.Fr} {
		p := OasdiffPhrase(l, ch)
		if got, want := p.String(), ch.GetUncolorizedText(locale.Oasdiff(l)); got != want {
			t.Errorf("%s: String() = %q, want %q", l, got, want)
		}
		var values []string
		for _, part := range p {
			if part.Value {
				if !part.Code {
					t.Errorf("%s: oasdiff's values are code: %+v", l, part)
				}
				values = append(values, part.Text)
			}
		}
		if len(values) != 2 || values[1] != "q`\n```\n# param" {
			t.Errorf("%s: values %q", l, values)
		}
	}
	// A value that looks quoted keeps its backticks.
	ch = checker.ApiChange{Id: "request-parameter-removed", Args: []any{"query", "`q`"}, Level: checker.ERR}
	if p := OasdiffPhrase(locale.En, ch); len(p) < 4 || p[3].Text != "`q`" || p.String() != ch.GetUncolorizedText(locale.Oasdiff(locale.En)) {
		t.Errorf("a quoted value: %+v", p)
	}
	// Details (a media type) are an untrusted value of their own.
	ch = ch.WithDetails("(media type: application/x\n# y)")
	p := OasdiffPhrase(locale.En, ch)
	if last := p[len(p)-1]; !last.Value || last.Code || last.Text != " (media type: application/x\n# y)" {
		t.Errorf("details part %+v", last)
	}
	if p.String() != ch.GetUncolorizedText(locale.Oasdiff(locale.En)) {
		t.Errorf("String() = %q", p.String())
	}
}

// TestOasdiffPhraseSharedSchema: the names a shared-schema detail gives (the
// schema, the other properties it is at) are code values, as in the
// sentence; its words are untrusted text.
func TestOasdiffPhraseSharedSchema(t *testing.T) {
	ch := checker.ApiChange{Id: "request-parameter-removed", Args: []any{"query", "q"}, Level: checker.ERR}.
		WithSharedSchema(&checker.SharedSchema{Name: "git-user`", Properties: []string{"author/date", "committer/date"}})
	for _, l := range []locale.Lang{locale.En, locale.Fr} {
		p := OasdiffPhrase(l, ch)
		if got, want := p.String(), ch.GetUncolorizedText(locale.Oasdiff(l)); got != want {
			t.Errorf("%s: String() = %q, want %q", l, got, want)
		}
		var code []string
		for _, part := range p {
			if part.Code {
				code = append(code, part.Text)
			}
			if !part.Value && strings.Contains(part.Text, "git-user") {
				t.Errorf("%s: the schema's name is not a value: %+v", l, part)
			}
		}
		if want := []string{"query", "q", "git-user`", "committer/date"}; !slices.Equal(code, want) {
			t.Errorf("%s: code values %q, want %q", l, code, want)
		}
	}
}
