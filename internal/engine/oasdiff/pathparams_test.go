package oasdiff

import (
	"slices"
	"strings"
	"testing"

	"cloud.google.com/go/civil"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec/spectest"
)

const renamedBase = `openapi: 3.0.3
info: {title: T, version: 1.0.0}
paths:
  /tests/{id}:
    get:
      parameters:
        - {name: testId, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: OK}
`

// TestRenamedPathParameters: on a path renamed in its parameter names, a
// path parameter oasdiff reports removed and added is left out when the two
// are the same but for their names, and kept when they differ otherwise.
func TestRenamedPathParameters(t *testing.T) {
	for _, tc := range []struct {
		name, schema string
		want         []string
	}{
		{"same parameter", "{type: string}", nil},
		{"another type", "{type: integer}", []string{"new-request-path-parameter", "request-parameter-removed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rev := strings.Replace(strings.Replace(renamedBase, "/tests/{id}:", "/tests/{testId}:", 1), "{type: string}", tc.schema, 1)
			dir := t.TempDir()
			bp, rp := spectest.Write(t, dir, "base.yaml", renamedBase), spectest.Write(t, dir, "revision.yaml", rev)
			base, err1 := kinmodel.Load(source.ParseInput(bp), source.LoadOptions{})
			revision, err2 := kinmodel.Load(source.ParseInput(rp), source.LoadOptions{})
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			cs, err := Run(base, revision, civil.Date{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				if strings.Contains(c.ID, "parameter") {
					got = append(got, c.ID)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("parameter findings %v, want %v", got, tc.want)
			}
		})
	}
}
