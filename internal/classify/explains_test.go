package classify

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// coversAsWritten is looseFinding.covers as it was written before its
// patterns were worked out once in newLooseFinding: the reference the test
// below holds it to.
func coversAsWritten(rule [][]string, toks []string) bool {
	patterns := append([][]string(nil), rule...)
	for _, p := range rule {
		if len(p) > 1 && p[len(p)-1] == "*" {
			patterns = append(patterns, p[:len(p)-1])
		}
	}
	for _, p := range patterns {
		for n := len(toks); n >= 0; n-- {
			if matchPattern(p, toks[:n]) {
				return true
			}
		}
		for i := len(p) - 1; i >= 0; i-- {
			if p[i] == "schema" {
				suffix := append([]string{"**"}, p[i+1:]...)
				for n := len(toks); n >= 0; n-- {
					if matchPattern(suffix, toks[:n]) {
						return true
					}
				}
				break
			}
		}
	}
	return false
}

// TestLooseFindingCoversAsWritten: for every oasdiff rule, on places made
// from every rule's patterns (wildcards filled in, cut short, moved under
// components), covers says what coversAsWritten says.
func TestLooseFindingCoversAsWritten(t *testing.T) {
	rules := rulePatterns()
	var places [][]string
	for _, ps := range rules {
		for _, p := range ps {
			var toks []string
			for _, tok := range p {
				switch tok {
				case "*":
					toks = append(toks, "name")
				case "**":
					toks = append(toks, "properties", "a")
				case "x-*":
					toks = append(toks, "x-a")
				default:
					toks = append(toks, tok)
				}
			}
			places = append(places, toks, toks[:len(toks)/2])
			if i := slices.Index(toks, "schema"); i >= 0 {
				places = append(places, append([]string{"components", "schemas", "S"}, toks[i+1:]...))
			}
		}
	}
	covered, checked := 0, 0
	ids := slices.Sorted(maps.Keys(rules))
	for _, id := range ids {
		ps := rules[id]
		l := newLooseFinding(ps)
		for _, toks := range places {
			want := coversAsWritten(ps, toks)
			if got := l.covers(toks); got != want {
				t.Fatalf("%s covers %s: %v, want %v", id, strings.Join(toks, "/"), got, want)
			}
			if want {
				covered++
			}
			checked++
		}
		if checked > 400000 {
			break // plenty, and the test stays quick
		}
	}
	if covered == 0 || covered == checked {
		t.Fatalf("%d of %d places covered: the places tell nothing", covered, checked)
	}
}
