package locale

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/checker/localizations"
	"go.yaml.in/yaml/v4"
)

// verbRE matches one printf directive, "%%" included (verbs drops it).
var verbRE = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*(?:\*|\d+)?(?:\.(?:\*|\d+)?)?(?:\[\d+\])?[a-zA-Z%]`)

// verbs returns the printf verbs of a template in order, ignoring "%%".
func verbs(s string) []string {
	var out []string
	for _, m := range verbRE.FindAllString(s, -1) {
		if m != "%%" {
			out = append(out, m)
		}
	}
	return out
}

func TestVerbs(t *testing.T) {
	got := verbs("100%% of %s, %5.2f and %d; %%s is literal, %[2]v too, %q %x")
	want := []string{"%s", "%5.2f", "%d", "%[2]v", "%q", "%x"}
	if !slices.Equal(got, want) {
		t.Fatalf("verbs = %q, want %q", got, want)
	}
	if got := verbs("no verbs, 50%%"); len(got) != 0 {
		t.Fatalf("verbs = %q, want none", got)
	}
}

// oasdiffEnglish reads the English messages.yaml of the oasdiff module in use.
func oasdiffEnglish(t *testing.T) map[string]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/oasdiff/oasdiff").Output()
	if err != nil {
		t.Fatalf("locating the oasdiff module: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	data, err := os.ReadFile(filepath.Join(dir, "checker", "localizations_src", "en", "messages.yaml"))
	if err != nil {
		t.Fatalf("reading oasdiff's English messages: %v", err)
	}
	m := map[string]string{}
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatalf("parsing oasdiff's English messages: %v", err)
	}
	if len(m) < 100 {
		t.Fatalf("oasdiff's English messages has only %d keys", len(m))
	}
	return m
}

func frenchOasdiff(t *testing.T) map[string]string {
	t.Helper()
	fr, err := oasdiffFr()
	if err != nil {
		t.Fatalf("loading oasdiff_fr.yaml: %v", err)
	}
	return fr
}

func TestOasdiffFrenchCoversEnglish(t *testing.T) {
	en := oasdiffEnglish(t)
	fr := frenchOasdiff(t)
	for key, enText := range en {
		frText, ok := fr[key]
		if !ok {
			t.Errorf("%s: no French entry", key)
			continue
		}
		if strings.TrimSpace(frText) == "" {
			t.Errorf("%s: empty French entry", key)
		}
		if ev, fv := verbs(enText), verbs(frText); !slices.Equal(ev, fv) {
			t.Errorf("%s: verbs %q in English, %q in French", key, ev, fv)
		}
		if strings.Count(enText, "`") != strings.Count(frText, "`") {
			t.Errorf("%s: backticks differ: %q / %q", key, enText, frText)
		}
	}
	for key := range fr {
		if _, ok := en[key]; !ok {
			t.Errorf("%s: French entry for a key oasdiff does not have", key)
		}
	}
}

// The compiled English catalogue is what oasdiff really looks keys up in.
func TestOasdiffFrenchCoversCompiledEnglish(t *testing.T) {
	fr := frenchOasdiff(t)
	const prefix = "en.messages."
	n := 0
	for key, enText := range localizations.New("en", "en").Localizations {
		id, ok := strings.CutPrefix(key, prefix)
		if !ok {
			continue
		}
		n++
		frText, ok := fr[id]
		if !ok {
			t.Errorf("%s: no French entry", id)
			continue
		}
		if ev, fv := verbs(enText), verbs(frText); !slices.Equal(ev, fv) {
			t.Errorf("%s: verbs %q in English, %q in French", id, ev, fv)
		}
	}
	if n == 0 {
		t.Fatal("no English keys in oasdiff's compiled catalogue")
	}
}

// dummyArgs returns one argument per verb of the English template, shaped as
// oasdiff passes them.
func dummyArgs(template string) []any {
	var args []any
	for _, v := range verbs(template) {
		switch v[len(v)-1] {
		case 'd', 'x', 'X', 'o', 'b', 'c':
			args = append(args, 7)
		case 'f', 'g', 'e':
			args = append(args, 1.5)
		default:
			args = append(args, "`x`")
		}
	}
	return args
}

func TestEveryRuleRendersInFrench(t *testing.T) {
	compiled := localizations.New("en", "en").Localizations
	fr := Oasdiff(Fr)
	french := frenchOasdiff(t)
	all := checker.GetAllRules()
	if len(all) == 0 {
		t.Fatal("no rules")
	}
	for _, rule := range all {
		for _, key := range []string{rule.Id, rule.Description} {
			if key == "" {
				continue
			}
			if _, ok := french[key]; !ok {
				t.Errorf("%s: no French entry", key)
				continue
			}
			// The English template tells how many arguments oasdiff passes.
			enTemplate, ok := compiled["en.messages."+key]
			if !ok {
				t.Errorf("%s: not in oasdiff's English catalogue", key)
				continue
			}
			args := dummyArgs(enTemplate)
			got := fr(key, args...)
			if strings.Contains(got, "%!") {
				t.Errorf("%s: bad French rendering %q", key, got)
			}
			if got == key || strings.TrimSpace(got) == "" {
				t.Errorf("%s: not translated: %q", key, got)
			}
		}
	}
}

func TestOasdiffLocalizers(t *testing.T) {
	enRef := checker.NewLocalizer("en")
	en, fr := Oasdiff(En), Oasdiff(Fr)

	if got, want := en("request-parameter-removed", "`query`", "`id`"), enRef("request-parameter-removed", "`query`", "`id`"); got != want {
		t.Errorf("Oasdiff(En) = %q, want oasdiff's %q", got, want)
	}

	change := checker.ApiChange{Id: "request-parameter-removed", Args: []any{"query", "id"}, Level: checker.WARN}
	if got, want := change.GetUncolorizedText(fr), "suppression du paramètre de requête `query` `id`"; got != want {
		t.Errorf("French change text = %q, want %q", got, want)
	}

	// Same trailing newline as oasdiff's compiled English.
	if got, want := fr("total-errors", 3, 2, "e", 1, "w"), "3 changements cassants : 2 e, 1 w\n"; got != want {
		t.Errorf("total-errors = %q, want %q", got, want)
	}

	// A key French lacks is written in English; one English lacks too is the key.
	partial := fallbackLocalizer(map[string]string{}, enRef)
	if got, want := partial("request-parameter-removed", "`a`", "`b`"), enRef("request-parameter-removed", "`a`", "`b`"); got != want {
		t.Errorf("fallback = %q, want %q", got, want)
	}
	if got := fr("no-such-key"); got != "no-such-key" {
		t.Errorf("unknown key = %q, want the key", got)
	}
}

func loadFile(t *testing.T, name string) map[string]string {
	t.Helper()
	m, err := load(name)
	if err != nil {
		t.Fatal(err)
	}
	if len(m) == 0 {
		t.Fatalf("%s is empty", name)
	}
	return m
}

func TestApibumpCatalogues(t *testing.T) {
	if _, err := apibump(); err != nil {
		t.Fatal(err)
	}
	en := loadFile(t, "apibump_en.yaml")
	fr := loadFile(t, "apibump_fr.yaml")
	for key, enText := range en {
		frText, ok := fr[key]
		if !ok {
			t.Errorf("%s: missing in apibump_fr.yaml", key)
			continue
		}
		if ev, fv := verbs(enText), verbs(frText); !slices.Equal(ev, fv) {
			t.Errorf("%s: verbs %q in English, %q in French", key, ev, fv)
		}
	}
	for key := range fr {
		if _, ok := en[key]; !ok {
			t.Errorf("%s: missing in apibump_en.yaml", key)
		}
	}
}

func TestKeys(t *testing.T) {
	keys := Keys()
	if !slices.IsSorted(keys) {
		t.Errorf("Keys not sorted: %q", keys)
	}
	for _, k := range []string{"section.breaking", "summary", "spec.format", "kind.renamed"} {
		if !slices.Contains(keys, k) {
			t.Errorf("Keys lacks %q", k)
		}
	}
	for _, k := range keys {
		if got := T(En, k); got == k || got == "" {
			t.Errorf("T(En, %q) = %q", k, got)
		}
	}
}

func TestLangSetting(t *testing.T) {
	for in, want := range map[string]Lang{"en": En, "fr": Fr, " FR ": Fr} {
		var got Lang
		if err := got.Set(in); err != nil || got != want {
			t.Errorf("Set(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	got := Fr
	err := got.Set("de")
	if err == nil || got != Fr {
		t.Fatalf(`Set("de") accepted, or changed the value: %q`, got)
	}
	if err.Error() != "want en or fr" {
		t.Errorf("error %q, want %q", err, "want en or fr")
	}
}

func TestT(t *testing.T) {
	if got, want := T(Fr, "section.breaking"), "Changements cassants"; got != want {
		t.Errorf("T(Fr, section.breaking) = %q, want %q", got, want)
	}
	if T(Fr, "section.breaking") == T(En, "section.breaking") {
		t.Error("French and English section titles are the same")
	}
	if got, want := T(En, "summary", 1, 2, 3), "1 breaking, 2 additive, 3 non-contract"; got != want {
		t.Errorf("T(En, summary) = %q, want %q", got, want)
	}
	if got, want := T(Fr, "summary", 1, 2, 3), "cassants : 1, additifs : 2, hors contrat : 3"; got != want {
		t.Errorf("T(Fr, summary) = %q, want %q", got, want)
	}
	if got := T(Fr, "nope"); got != "nope" {
		t.Errorf(`T(Fr, "nope") = %q`, got)
	}
	if got, want := T("xx", "no-changes"), "No changes."; got != want {
		t.Errorf("unknown language = %q, want English %q", got, want)
	}

	// A key French lacks is written in English.
	c := map[Lang]map[string]string{
		En: {"only.en": "only %s"},
		Fr: {},
	}
	if got, want := translate(c, Fr, "only.en", "English"), "only English"; got != want {
		t.Errorf("fallback = %q, want %q", got, want)
	}
	if got := translate(c, Fr, "none"); got != "none" {
		t.Errorf("missing everywhere = %q, want the key", got)
	}
}

// TestN: a count takes the singular where the language does (English 1,
// French 0 and 1) and the plural elsewhere.
func TestN(t *testing.T) {
	for _, tc := range []struct {
		lang Lang
		n    int
		want string
	}{
		{En, 0, "0 changes"}, {En, 1, "1 change"}, {En, 2, "2 changes"},
		{Fr, 0, "0 changement"}, {Fr, 1, "1 changement"}, {Fr, 2, "2 changements"},
	} {
		if got := N(tc.lang, "count.changes", tc.n); got != tc.want {
			t.Errorf("N(%s, count.changes, %d) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
	for _, k := range Keys() {
		base, form, ok := strings.Cut(k, ".one")
		if ok && form == "" && T(En, base+".other") == base+".other" {
			t.Errorf("%s has no .other form", k)
		}
	}
}
