package comparison_test

import (
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/comparison"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// A pair in which GET /b differs and GET /a is the same on both sides, so
// the reduced comparison drops /a and the component only /a reaches: the
// bad value is planted there (BAD is replaced by the case's lines, at the
// operation's indentation), in both documents.
const pair30 = `openapi: 3.0.3
info: {title: t, version: "1.0.0"}
paths:
  /a:
    get:
      BAD
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/OnlyA"}
  /b:
    get:
      parameters:
        - {name: q, in: query, schema: {type: string}}
      responses:
        "200": {description: CHANGE}
components:
  schemas:
    OnlyA:
      type: object
      COMP
`

const pair20 = `swagger: "2.0"
info: {title: t, version: "1.0.0"}
paths:
  /a:
    post:
      BAD
      responses:
        "200": {description: ok}
  /b:
    get:
      responses:
        "200": {description: CHANGE}
securityDefinitions:
  COMP
`

// badCases are the kinds of value kin-openapi's decoding refuses.
var badCases = []struct {
	name, pair, bad, comp string
}{
	{"a boolean written as a string", pair30, `parameters: [{name: p, in: query, required: "yes", schema: {type: string}}]`, ""},
	{"a boolean written as a string, another case", pair30, `parameters: [{name: p, in: query, Required: "yes", schema: {type: string}}]`, ""},
	{"a string written as a number", pair30, `description: 5`, ""},
	{"a negative count", pair30, "", "minProperties: -1"},
	{"a fractional count", pair30, "", "maxProperties: 1.5"},
	{"a count written as a string", pair30, "", `minProperties: "1"`},
	{"a number written as a string", pair30, "", `properties: {n: {type: number, maximum: "9"}}`},
	{"a list written as a boolean", pair30, "", "required: true"},
	{"a list of strings holding a number", pair30, "", "required: [a, 1]"},
	{"a map written as a list", pair30, "", "properties: []"},
	{"a list written as a map", pair30, "parameters: {p: {name: p, in: query}}", ""},
	{"a type that is a number", pair30, "", "properties: {n: {type: 5}}"},
	{"a bound that is a string", pair30, "", `properties: {n: {type: number, exclusiveMinimum: "x"}}`},
	{"additionalProperties that is a number", pair30, "", "additionalProperties: 5"},
	{"a schema that is a number", pair30, "", "properties: {n: 5}"},
	{"a null parameter", pair30, "parameters: [null]", ""},
	{"a $ref to something of another kind", pair30, `parameters: [{$ref: "#/components/schemas/OnlyA"}]`, ""},
	{"a $ref to a file that is not there", pair30, "", `properties: {$ref: "missing.yaml#/x"}`},
	{"a 3.1 schema's $ref beside a field of the wrong type", strings.Replace(pair30, "3.0.3", "3.1.0", 1), "", `properties: {n: {$ref: "#/components/schemas/OnlyA", minLength: "x"}}`},
	{"two body parameters", pair20, `parameters: [{name: a, in: body, schema: {type: string}}, {name: b, in: body, schema: {type: string}}]`, "k: {type: apiKey, name: k, in: header}"},
	{"an OAuth2 flow kin-openapi does not convert", pair20, "", "o: {type: oauth2, flow: sideways, scopes: {}}"},
}

// fill returns the pair's text with the case planted, and the revision's
// change when rev.
func fill(pair, bad, comp string, rev bool) string {
	s := strings.Replace(pair, "BAD", bad, 1)
	s = strings.Replace(s, "COMP", comp, 1)
	if rev {
		s = strings.Replace(s, "CHANGE", "changed", 1)
	}
	return s
}

// compare runs the comparison the commands run; full: with --no-prune.
func compare(base, rev string, full bool) (string, bool) {
	var docs [2]*spec.Document
	for i, p := range []string{base, rev} {
		d, err := comparison.Load(source.ParseInput(p), source.LoadOptions{})
		if err != nil {
			return err.Error(), false
		}
		docs[i] = d
	}
	_, st, err := comparison.Compare(docs[0], docs[1], comparison.Options{Full: full})
	if err != nil {
		return err.Error(), st.Pruned
	}
	return "", st.Pruned
}

// compareWhole runs the comparison as the commands did before the
// reduction: kinmodel.Load, classify.Compare.
func compareWhole(base, rev string) string {
	var docs [2]*spec.Document
	for i, p := range []string{base, rev} {
		d, err := kinmodel.Load(source.ParseInput(p), source.LoadOptions{})
		if err != nil {
			return err.Error()
		}
		docs[i] = d
	}
	if _, err := classify.Compare(docs[0], docs[1], classify.Options{}); err != nil {
		return err.Error()
	}
	return ""
}

// TestBadInputInDroppedParts: for each kind of value kin-openapi's decoding
// refuses, planted in a part the reduced comparison drops, the reduced
// comparison, the one with --no-prune and the whole one before the
// reduction fail with the same message.
func TestBadInputInDroppedParts(t *testing.T) {
	for _, c := range badCases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			base := spectest.Write(t, dir, "base.yaml", fill(c.pair, c.bad, c.comp, false))
			rev := spectest.Write(t, dir, "revision.yaml", fill(c.pair, c.bad, c.comp, true))
			whole := compareWhole(base, rev)
			if whole == "" {
				t.Fatalf("the whole comparison accepts it: the case tests nothing")
			}
			reduced, _ := compare(base, rev, false)
			if reduced != whole {
				t.Errorf("reduced: %q\nwhole:   %q", reduced, whole)
			}
			if full, _ := compare(base, rev, true); full != whole {
				t.Errorf("--no-prune: %q\nwhole:     %q", full, whole)
			}
			// The same pair without the bad value is compared reduced,
			// /a dropped: the case is in a part the reduction drops.
			okBase := spectest.Write(t, dir, "ok-base.yaml", fill(c.pair, "", "", false))
			okRev := spectest.Write(t, dir, "ok-revision.yaml", fill(c.pair, "", "", true))
			if msg, pruned := compare(okBase, okRev, false); msg != "" || !pruned {
				t.Errorf("the pair without the bad value: %q, reduced %v", msg, pruned)
			}
			t.Log(whole)
		})
	}
}

// TestBadInputInKeptParts: a bad value in a part the reduction keeps is
// reported as the whole comparison reports it, line included, although
// kinmodel finds the line in the trees it is given: here the whole
// document has an earlier `required` holding a string (in an example, in
// the part dropped), which is the line the whole comparison names.
func TestBadInputInKeptParts(t *testing.T) {
	dir := t.TempDir()
	bad := `parameters: [{name: p, in: query, required: "yes", schema: {type: string}}]`
	example := `parameters: [{name: e, in: query, schema: {type: object}, example: {required: "no"}}]`
	b := strings.Replace(fill(pair30, example, "", false), "      parameters:\n        - {name: q", "      "+bad+"\n      x-parameters:\n        - {name: q", 1)
	r := strings.Replace(b, "CHANGE", "changed", 1)
	base := spectest.Write(t, dir, "base.yaml", b)
	rev := spectest.Write(t, dir, "revision.yaml", r)
	whole := compareWhole(base, rev)
	if !strings.Contains(whole, "base.yaml:6: `required`") {
		t.Fatalf("the whole comparison: %q, want the example's line 6", whole)
	}
	if reduced, pruned := compare(base, rev, false); reduced != whole {
		t.Errorf("reduced (%v): %q\nwhole:   %q", pruned, reduced, whole)
	}
}
