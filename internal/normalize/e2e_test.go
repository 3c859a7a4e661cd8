package normalize_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/spec"
)

// normCompare compares both documents, normalised, and checks that every
// finding points at a line of the documents as read.
func normCompare(t *testing.T, base, rev *spec.Document) []finding.Change {
	t.Helper()
	cs := compareDocs(t, base, rev)
	checkSources(t, cs, base, rev)
	return cs
}

// checkSources checks that every finding points at a line of one of the
// documents' files, as read.
func checkSources(t *testing.T, cs []finding.Change, docs ...*spec.Document) {
	t.Helper()
	lines := map[string]int{}
	for _, d := range docs {
		for _, f := range d.Files() {
			lines[f.Name] = strings.Count(string(f.Data), "\n") + 1
		}
	}
	for _, c := range cs {
		if c.Source == nil {
			continue
		}
		n, ok := lines[c.Source.File]
		if !ok || c.Source.Line < 1 || c.Source.Line > n {
			t.Errorf("%s points at %s, outside the documents' files", c.ID, c.Source)
		}
	}
}

// The pairs of the survey whose documents accept and return the same
// messages: the comparison of the documents as written finds a breaking
// change, that of the normalised documents none, in either direction.
func TestEquivalentPairs(t *testing.T) {
	for _, pair := range [][2]string{
		{"oasdiff/header-case/base.yaml", "oasdiff/header-case/revision.yaml"},                                                                               // 3.4 header names by case
		{"oasdiff/common-params/params_in_path.yaml", "oasdiff/common-params/params_in_op.yaml"},                                                             // 2.5 path-level parameters moved
		{"oasdiff/upgrade/simple-30.yaml", "oasdiff/upgrade/equivalent-31.yaml"},                                                                             // 3.3 nullable and exclusiveMinimum, 3.0 → 3.1
		{"oasdiff/checker/media_type_schema_degenerate_none.yaml", "oasdiff/checker/media_type_schema_degenerate_true.yaml"},                                 // 2.8
		{"oasdiff/checker/allof_unchanged_sibling_base.yaml", "oasdiff/checker/allof_unchanged_sibling_revision.yaml"},                                       // 3.5 maxLength on an object
		{"oasdiff/checker/common_request_parameter_max_items_updated_base.yaml", "oasdiff/checker/common_request_parameter_max_items_updated_revision.yaml"}, // 2.7 maxItems on a string
		{"oasdiff/checker/prefix_items_added_base.yaml", "oasdiff/checker/prefix_items_same_as_items_revision.yaml"},                                         // 2.7 prefixItems = items
		{"oasdiff/checker/unevaluated_bool_base.yaml", "oasdiff/checker/unevaluated_bool_revision.yaml"},                                                     // 2.7 unevaluatedProperties under additionalProperties
		{"oasdiff/checker/response_property_all_of_removed_base.yaml", "oasdiff/checker/response_property_all_of_removed_revision.yaml"},                     // 3.5 an allOf member repeating another
		{"survey/ref-base.yaml", "survey/ref-rev.yaml"},                                                                                                      // 3.1 $ref → allOf of the $ref with a description
		{"survey/ta-base.yaml", "survey/ta-rev.yaml"},                                                                                                        // 3.3 type list ↔ oneOf of bare types
	} {
		for _, dir := range [][2]string{{pair[0], pair[1]}, {pair[1], pair[0]}} {
			t.Run(dir[0]+"→"+filepath.Base(dir[1]), func(t *testing.T) {
				base := load(t, filepath.Join("testdata", dir[0]))
				rev := load(t, filepath.Join("testdata", dir[1]))
				raw := compareAsWritten(t, base, rev)
				norm := normCompare(t, base, rev)
				if b := breaking(norm, false); len(b) > 0 {
					t.Errorf("breaking once normalised:%s", describe(b))
				}
				// As written the documents differ (the field table may find
				// the difference harmless already: maxItems on a string).
				if len(raw) == 0 {
					t.Errorf("the documents as written compare equal: the pair no longer shows the problem")
				}
			})
		}
	}
}

// A real change beside an equivalent rewriting is still found, named.
func TestRealChangesBesideEquivalences(t *testing.T) {
	// Path-level parameters removed: named per operation (not an
	// unclassified change at /paths/.../parameters).
	t.Run("path-level parameters removed", func(t *testing.T) {
		cs := normCompare(t, load(t, "testdata/oasdiff/common-params/params_in_path.yaml"), load(t, "testdata/oasdiff/common-params/no_params.yaml"))
		wantIDs(t, cs, "request-parameter-removed", "request-parameter-removed")
	})
	// Separate cookie parameters become one query object: moved, named.
	t.Run("cookie parameter moved to an exploded query object", func(t *testing.T) {
		cs := normCompare(t, load(t, "testdata/oasdiff/explode-params/cross-location-base.yaml"), load(t, "testdata/oasdiff/explode-params/cross-location-exploded.yaml"))
		wantIDs(t, cs, "request-parameter-removed", "new-optional-request-parameter")
	})
	// A body made nullable by a oneOf wrapper: only that.
	t.Run("request body made nullable", func(t *testing.T) {
		cs := normCompare(t, load(t, "testdata/oasdiff/checker/nullable_wrap_body_base.yaml"), load(t, "testdata/oasdiff/checker/nullable_wrap_body_revision.yaml"))
		wantIDs(t, cs, "request-body-became-nullable")
	})

	const base = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /repos/{id}:
    parameters:
      - {in: header, name: X-Trace-Id, schema: {type: string}}
      - {in: header, name: X-Tenant, required: true, schema: {type: string}}
      - {in: path, name: id, required: true, schema: {type: string}}
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  repository: {$ref: "#/components/schemas/Repository"}
                  note: {type: string, nullable: true, maxItems: 3}
components:
  schemas:
    Repository:
      type: object
      required: [id, name, url]
      properties:
        id: {type: integer}
        name: {type: string}
        url: {type: string}
`
	dir := t.TempDir()
	b := load(t, write(t, dir, "base.yaml", base))
	for _, c := range []struct {
		name  string
		edits [][2]string
		want  []string // breaking findings once normalised, under compatible
	}{
		{"equivalent", [][2]string{
			{`repository: {$ref: "#/components/schemas/Repository"}`, `repository: {allOf: [{$ref: "#/components/schemas/Repository"}, {type: object, properties: {topics: {type: array, items: {type: string}}}}]}`},
			{"X-Trace-Id", "x-trace-id"},
			{"maxItems: 3", "maxItems: 9"},
		}, nil},
		{"allOf merge and a required property removed", [][2]string{
			{`repository: {$ref: "#/components/schemas/Repository"}`, `repository: {allOf: [{$ref: "#/components/schemas/Repository"}, {type: object, properties: {topics: {type: array, items: {type: string}}}}]}`},
			{"required: [id, name, url]", "required: [id, name]"},
		}, []string{"response-property-became-optional"}},
		{"allOf merge and a property's type changed", [][2]string{
			{`repository: {$ref: "#/components/schemas/Repository"}`, `repository: {allOf: [{$ref: "#/components/schemas/Repository"}, {type: object, properties: {topics: {type: array}}}]}`},
			{"id: {type: integer}", "id: {type: string}"},
		}, []string{"response-property-type-changed"}},
		{"header case and a header made required", [][2]string{
			{"X-Tenant, required: true", "x-tenant, required: true"},
			{"name: X-Trace-Id, schema", "name: x-trace-id, required: true, schema"},
		}, []string{"request-parameter-became-required"}},
		{"parameters moved to the operation, one dropped", [][2]string{
			{"    parameters:\n      - {in: header, name: X-Trace-Id, schema: {type: string}}\n      - {in: header, name: X-Tenant, required: true, schema: {type: string}}\n      - {in: path, name: id, required: true, schema: {type: string}}\n    get:\n",
				"    get:\n      parameters:\n        - {in: header, name: x-trace-id, schema: {type: string}}\n        - {in: path, name: id, required: true, schema: {type: string}}\n"},
		}, []string{"request-parameter-removed"}},
		{"made nullable, written in 3.1", [][2]string{
			{"openapi: 3.0.3", "openapi: 3.1.0"},
			{"name: {type: string}", `name: {oneOf: [{type: string}, {type: "null"}]}`},
		}, []string{"response-property-became-nullable"}},
		{"a type added to a list written as oneOf", [][2]string{
			{"openapi: 3.0.3", "openapi: 3.1.0"},
			{"note: {type: string, nullable: true, maxItems: 3}", `note: {anyOf: [{type: boolean}, {type: string}, {type: "null"}]}`},
		}, []string{"response-property-type-generalized"}},
		{"nullable written in 3.1 and a type changed", [][2]string{
			{"openapi: 3.0.3", "openapi: 3.1.0"},
			{"note: {type: string, nullable: true, maxItems: 3}", `note: {type: [integer, "null"]}`},
		}, []string{"response-property-type-changed"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := base
			for _, e := range c.edits {
				if strings.Count(text, e[0]) != 1 {
					t.Fatalf("%q is not in the base once", e[0])
				}
				text = strings.Replace(text, e[0], e[1], 1)
			}
			r := load(t, write(t, t.TempDir(), "revision.yaml", text))
			if c.want == nil && len(breaking(compareAsWritten(t, b, r), false)) == 0 {
				t.Errorf("the documents as written compare with no breaking change")
			}
			var got []string
			for _, ch := range breaking(normCompare(t, b, r), false) {
				got = append(got, ch.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("breaking %v, want %v:%s", got, c.want, describe(breaking(normCompare(t, b, r), false)))
			}
		})
	}
}

// wantIDs checks the ids of all the changes.
func wantIDs(t *testing.T, cs []finding.Change, want ...string) {
	t.Helper()
	var got []string
	for _, c := range cs {
		got = append(got, c.ID)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("changes %v, want %v:%s", got, want, describe(cs))
	}
}

// oasdiff positions its nullability findings at the nullable keyword: the
// canonical form puts one where "null" was written, so a finding on a 3.1
// type list points at the user's line.
func TestNullabilityFindingPosition(t *testing.T) {
	const spec = `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  name:
                    type: %s
`
	dir := t.TempDir()
	b := load(t, write(t, dir, "base.yaml", strings.Replace(spec, "%s", "string", 1)))
	r := load(t, write(t, dir, "revision.yaml", strings.Replace(spec, "%s", "\n                      - string\n                      - \"null\"", 1)))
	cs := normCompare(t, b, r)
	wantIDs(t, cs, "response-property-became-nullable")
	if len(cs) == 1 && (cs[0].Source == nil || cs[0].Source.File != r.Name() || cs[0].Source.Line != 17) {
		t.Errorf("finding at %v, want %s:17 (where \"null\" is written)", cs[0].Source, r.Name())
	}
}
