package kincheck

import (
	"maps"
	"slices"
)

// FieldsOf lists the fields of an object type of a view (openapi2 when
// swagger), for the tests of package kincheck_test.
func FieldsOf(swagger bool, name string) []string {
	v := openapi3
	if swagger {
		v = openapi2
	}
	return slices.Sorted(maps.Keys(v.objects[name].fields))
}
