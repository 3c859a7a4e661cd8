package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v4"

	"github.com/apibump/apibump/internal/report"
)

// TestPublicAPIGivesTheSameFindings runs every case under testdata/ twice,
// the fast way and with APIBUMP_PUBLIC_API=1 (the dependencies' public API
// only, see package upstream), and wants the same output: the same
// findings, each with its id, message, operations and source, the same
// error for bad input. The differences the public API cannot avoid are
// named below (publicAPIDifferences, swaggerHasNoOrigins); each must still
// be there, so that the list stays as short as it can be.
func TestPublicAPIGivesTheSameFindings(t *testing.T) {
	swaggerCases := 0
	n := eachCase(t, func(t *testing.T, name string, spec *caseSpec, base, rev string) {
		args := append([]string{"diff", "--format", "json", base, rev}, spec.Args...)
		fast := runOutcome(t, nil, args...)
		public := runOutcome(t, map[string]string{"APIBUMP_PUBLIC_API": "1"}, args...)
		if d, ok := publicAPIDifferences[name]; ok {
			if fast == public {
				t.Fatalf("the public API now gives the same result: remove the exception (%s)", d.why)
			}
			if !d.expected(fast, public) {
				t.Errorf("the public API gives another result than the exception says (%s):\n%s", d.why, outcomeDiff(fast, public))
			}
			return
		}
		if swagger := swaggerFiles(base, rev); len(swagger) > 0 {
			if swaggerHasNoOrigins(&fast, &public, swagger) {
				swaggerCases++
			}
		}
		if fast != public {
			public.out = sortedSets(public.out)
		}
		if fast != public {
			t.Errorf("the public API gives another result:\n%s", outcomeDiff(fast, public))
		}
	})
	if n < 50 {
		t.Errorf("only %d cases", n)
	}
	if swaggerCases == 0 {
		t.Errorf("no Swagger 2.0 finding lost its source: remove swaggerHasNoOrigins")
	}
}

// setRe is a set oasdiff joins into a message: `a and b`, `a, b and c`.
var setRe = regexp.MustCompile("`([^`]+?(?:, [^`]+?)* and [^`]+?)`")

// sortedSets sorts the members of every set in the messages of out. The
// fast path sorts what oasdiff's difference report holds as sets before its
// checks join them (upstream.SortSets, by reflection); the public API
// cannot, so oasdiff joins them in the order of a Go map
// (type-widened-to-one-of-types: `integer and boolean` or `boolean and
// integer`). Everything else in the message must be the same.
func sortedSets(out string) string {
	return setRe.ReplaceAllStringFunc(out, func(m string) string {
		inner := m[1 : len(m)-1]
		head, last, _ := strings.Cut(inner, " and ")
		if strings.Contains(last, " and ") {
			return m // not a plain list
		}
		items := append(strings.Split(head, ", "), last)
		slices.Sort(items)
		return "`" + strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1] + "`"
	})
}

// publicAPIDifference is a case where the public API cannot give what the
// fast path gives: why, and what the public API gives instead.
type publicAPIDifference struct {
	why      string
	expected func(fast, public outcome) bool
}

var publicAPIDifferences = map[string]publicAPIDifference{
	// kin-openapi's Loader reads JSON through its YAML decoder, which takes
	// the string "yes" for a boolean (YAML 1.1); apibump decodes the model
	// with kin-openapi's UnmarshalJSON methods (encoding/json), which
	// refuse it, and refuses the document as bad input, as OpenAPI's
	// schema (a boolean) and the case want.
	"bad-field-type": {
		why: "kin-openapi's YAML decoder reads \"yes\" as true",
		expected: func(fast, public outcome) bool {
			return fast.code == 2 && strings.Contains(fast.errOut, "`required` must be true or false, not a string") && public.code == 0
		},
	},
	// The public API passes kin-openapi's decoding error on as it is; the
	// fast way names the line and the field. Both refuse the base, with
	// or without the reduction (the bad field is in a part it drops).
	"bad-field-type-unchanged": {
		why: "kin-openapi's own error for a field of the wrong type",
		expected: func(fast, public outcome) bool {
			return fast.code == 2 && strings.Contains(fast.errOut, "base.yaml:37: `minProperties` must be a whole number") &&
				public.code == 2 && strings.Contains(public.errOut, "base.yaml: failed to unmarshal data") && strings.Contains(public.errOut, "Schema.minProperties")
		},
	},
	// apibump prunes oasdiff's schema differences below 100 levels
	// (upstream.PruneSchemaDiffs: its checks cost the square of the depth)
	// and leaves what differs deeper to the tree comparison, by design; the
	// public API runs every check at every depth, and oasdiff finds the
	// change itself.
	"deep-nested-schema-beyond-oasdiff": {why: "no pruning: oasdiff reads the change at depth 300", expected: foundBelowThePruning},
	"ref-nested-beyond-oasdiff":         {why: "no pruning: oasdiff reads the change 150 $refs down", expected: foundBelowThePruning},
	"ref-fork-beyond-oasdiff":           {why: "no pruning: oasdiff reads the change 150 $refs down", expected: foundBelowThePruning},
	// apibump cuts a ring of more than 100 $ref targets before oasdiff
	// reads it (upstream.CutRings); the public API reads it whole.
	"ref-ring-beyond-oasdiff": {why: "no cut: oasdiff reads the ring of 120 $refs whole", expected: foundBelowThePruning},
}

// foundBelowThePruning: the fast path's one finding is apibump's
// tree rule for the field (schema-type-changed), the public API's is oasdiff's, at the same place, in
// the same operations, of the same class.
func foundBelowThePruning(fast, public outcome) bool {
	var a, b report.Report
	if fast.code != 0 || public.code != 0 || json.Unmarshal([]byte(fast.out), &a) != nil || json.Unmarshal([]byte(public.out), &b) != nil {
		return false
	}
	if len(a.Changes) != 1 || len(b.Changes) != 1 {
		return false
	}
	f, p := a.Changes[0], b.Changes[0]
	return f.ID == "schema-type-changed" && p.ID != f.ID && strings.HasPrefix(p.ID, "response-property-") &&
		f.Class == p.Class && fmt.Sprint(f.Operations) == fmt.Sprint(p.Operations) &&
		f.Source != nil && p.Source != nil && *f.Source == *p.Source
}

// swaggerFiles returns the case's specs that are Swagger 2.0.
func swaggerFiles(specs ...string) []string {
	var out []string
	for _, p := range specs {
		data, err := os.ReadFile(p)
		if err != nil {
			continue // a case of a missing file
		}
		var top struct {
			Swagger string `yaml:"swagger"`
		}
		if yaml.Unmarshal(data, &top) == nil && top.Swagger != "" {
			out = append(out, p)
		}
	}
	return out
}

// swaggerHasNoOrigins takes out of the fast path's output the sources of
// oasdiff's findings in Swagger 2.0 files, where the public API gives none:
// kin-openapi's openapi2 model records no origins, and openapi2conv's
// conversion has none to carry over, so oasdiff places no finding there.
// (The fast path places them: upstream.ApplyOrigins reshapes the Swagger
// tree as the conversion does. apibump's own findings are placed both
// ways.) On larger Swagger pairs the missing sources do more: a change to a
// shared definition, reached from many operations, is one finding per
// operation instead of one (findings are grouped by place), and the tree
// comparison, which matches oasdiff's findings by place, reports some
// differences oasdiff found again (Harbor's v2.12 to v2.15 pair in the
// shared corpus: 84 changes instead of 59). A fast change loses its source when the public output has the same
// change without one; the changes are then compared in an order of their
// own (a change's place decides its order). Everything else must be the
// same. It returns false when no change lost its source. The anchor (where
// the change is shown in the revision, found from its source) goes with it.
func swaggerHasNoOrigins(fast, public *outcome, swagger []string) bool {
	var a, b map[string]any
	if json.Unmarshal([]byte(fast.out), &a) != nil || json.Unmarshal([]byte(public.out), &b) != nil {
		return true // an error: compared as it is
	}
	changes := func(r map[string]any) []map[string]any {
		var out []map[string]any
		cs, _ := r["changes"].([]any)
		for _, c := range cs {
			if m, _ := c.(map[string]any); m != nil {
				out = append(out, m)
			}
		}
		return out
	}
	key := func(m map[string]any) string {
		k, _ := json.Marshal(m)
		return string(k)
	}
	unplaced := map[string]int{}
	for _, p := range changes(b) {
		if p["source"] == nil && p["anchor"] == nil {
			unplaced[key(p)]++
		}
	}
	lost := 0
	for _, f := range changes(a) {
		src, _ := f["source"].(map[string]any)
		file, _ := src["file"].(string)
		if !slices.Contains(swagger, file) {
			continue
		}
		without := map[string]any{}
		for k, v := range f {
			if k != "source" && k != "anchor" {
				without[k] = v
			}
		}
		if unplaced[key(without)] > 0 {
			unplaced[key(without)]--
			delete(f, "source")
			delete(f, "anchor")
			lost++
		}
	}
	for _, r := range []map[string]any{a, b} {
		var keys []string
		for _, c := range changes(r) {
			keys = append(keys, key(c))
		}
		slices.Sort(keys)
		r["changes"] = keys
	}
	fo, _ := json.MarshalIndent(a, "", "  ")
	po, _ := json.MarshalIndent(b, "", "  ")
	fast.out, public.out = string(fo), string(po)
	return lost > 0
}

// outcome is what one run gives.
type outcome struct {
	out, errOut string
	code        int
}

func runOutcome(t *testing.T, env map[string]string, args ...string) outcome {
	t.Helper()
	out, errOut, code := runEnv(t, env, false, args...)
	return outcome{out, errOut, code}
}

// outcomeDiff says how two outcomes differ, change by change.
func outcomeDiff(fast, public outcome) string {
	if fast.code != public.code || fast.errOut != public.errOut {
		return fmt.Sprintf("  fast:   exit %d %s\n  public: exit %d %s", fast.code, fast.errOut, public.code, public.errOut)
	}
	var a, b report.Report
	if json.Unmarshal([]byte(fast.out), &a) != nil || json.Unmarshal([]byte(public.out), &b) != nil {
		return "  fast:\n" + fast.out + "\n  public:\n" + public.out
	}
	line := func(c report.Change) string {
		src, _ := json.Marshal(c.Source)
		return fmt.Sprintf("%s %s %v %s: %s", c.Class, c.ID, c.Operations, src, c.Message)
	}
	var fl, pl []string
	for _, c := range a.Changes {
		fl = append(fl, line(c))
	}
	for _, c := range b.Changes {
		pl = append(pl, line(c))
	}
	var out []string
	for _, l := range fl {
		if !slices.Contains(pl, l) {
			out = append(out, "  - fast only:   "+l)
		}
	}
	for _, l := range pl {
		if !slices.Contains(fl, l) {
			out = append(out, "  + public only: "+l)
		}
	}
	if len(out) == 0 {
		return "  the same changes; elsewhere:\n" + fast.out + "\n" + public.out
	}
	return strings.Join(out, "\n")
}
