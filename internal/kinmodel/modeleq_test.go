package kinmodel

import (
	"fmt"
	"reflect"
)

// modelDiff compares two kin-openapi models as reflect.DeepEqual does, but
// skips the refPath fields (where kin-openapi remembers the file a $ref
// came from, for its own bundling; set in an order that depends on which
// $ref it met first, and read by nothing apibump or oasdiff calls). It
// returns where the first difference is, or "" when there is none.
func modelDiff(a, b any) string {
	type pair struct{ a, b uintptr }
	seen := map[pair]bool{}
	var walk func(x, y reflect.Value, at string) string
	walk = func(x, y reflect.Value, at string) string {
		if x.IsValid() != y.IsValid() {
			return at + ": one is missing"
		}
		if !x.IsValid() {
			return ""
		}
		if x.Type() != y.Type() {
			return fmt.Sprintf("%s: %s against %s", at, x.Type(), y.Type())
		}
		switch x.Kind() {
		case reflect.Pointer, reflect.Map, reflect.Slice:
			if x.IsNil() != y.IsNil() {
				return at + ": one is nil"
			}
			if x.IsNil() {
				return ""
			}
			if x.Kind() != reflect.Slice || x.Len() > 0 {
				p := pair{x.Pointer(), y.Pointer()}
				if seen[p] {
					return ""
				}
				seen[p] = true
			}
		}
		switch x.Kind() {
		case reflect.Pointer, reflect.Interface:
			if x.Kind() == reflect.Interface && x.IsNil() != y.IsNil() {
				return at + ": one is nil"
			}
			return walk(x.Elem(), y.Elem(), at)
		case reflect.Struct:
			for i := range x.NumField() {
				if x.Type().Field(i).Name == "refPath" {
					continue
				}
				if d := walk(x.Field(i), y.Field(i), at+"."+x.Type().Field(i).Name); d != "" {
					return d
				}
			}
			return ""
		case reflect.Map:
			if x.Len() != y.Len() {
				return fmt.Sprintf("%s: %d entries against %d", at, x.Len(), y.Len())
			}
			for _, k := range x.MapKeys() {
				if d := walk(x.MapIndex(k), y.MapIndex(k), fmt.Sprintf("%s[%v]", at, k)); d != "" {
					return d
				}
			}
			return ""
		case reflect.Slice, reflect.Array:
			if x.Len() != y.Len() {
				return fmt.Sprintf("%s: %d items against %d", at, x.Len(), y.Len())
			}
			for i := range x.Len() {
				if d := walk(x.Index(i), y.Index(i), fmt.Sprintf("%s[%d]", at, i)); d != "" {
					return d
				}
			}
			return ""
		case reflect.Func, reflect.Chan, reflect.UnsafePointer:
			if x.Pointer() != y.Pointer() {
				return at + ": differ"
			}
			return ""
		default:
			if fmt.Sprint(x) != fmt.Sprint(y) && !(x.CanInterface() && y.CanInterface() && reflect.DeepEqual(x.Interface(), y.Interface())) {
				return fmt.Sprintf("%s: %v against %v", at, x, y)
			}
			return ""
		}
	}
	return walk(reflect.ValueOf(a), reflect.ValueOf(b), "")
}
