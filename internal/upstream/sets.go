package upstream

import (
	"reflect"
	"slices"
	"sync"
)

// Sets in a stable order.
//
// oasdiff's difference report holds many lists of names that are sets: the
// paths, media types, parameters, types or required properties added or
// deleted. Some are built by ranging over a map, some in the order a
// document declares them, and its checks join them into messages ("adding
// types `number and boolean`"). The same sets must give the same bytes on
// every run and whatever order the documents write them in, so SortSets
// sorts every such list of the report before the checks read it: each
// []string (and each []string value of a map) held by one of oasdiff's
// difference types. It does not look into the documents the report points
// at (kin-openapi's types): only the report's own lists are sets by
// construction.

var stringSliceType = reflect.TypeFor[[]string]()

// SortSets sorts every list of names in report, in place, and returns how
// many lists it reordered. A list is replaced by a sorted copy, never sorted
// where it lies, in case oasdiff shares it with a document.
func SortSets(report any) int {
	s := &setSorter{seen: map[uintptr]bool{}}
	v := reflect.ValueOf(report)
	if !v.IsValid() {
		return 0
	}
	s.walk(v)
	return s.sorted
}

type setSorter struct {
	seen   map[uintptr]bool
	sorted int
}

// holdsSets caches, per type, whether a value of it can hold a list of
// names through oasdiff's difference types.
var holdsSets sync.Map // reflect.Type -> bool

// hasSets tells whether a value of type t can hold a list of names: t is
// one, or leads to one through pointers, slices, maps and structs of
// oasdiff's diff package (not through the documents they point at).
func hasSets(t reflect.Type) bool {
	return hasSetsVisiting(t, map[reflect.Type]bool{})
}

func hasSetsVisiting(t reflect.Type, visiting map[reflect.Type]bool) bool {
	if v, ok := holdsSets.Load(t); ok {
		return v.(bool)
	}
	if isNameList(t) {
		return true
	}
	if visiting[t] {
		return false // a recursive type: whatever it leads to is found on another field
	}
	visiting[t] = true
	defer delete(visiting, t)
	out := false
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		if t.PkgPath() == "" || t.PkgPath() == oasdiffDiffPkg {
			out = hasSetsVisiting(t.Elem(), visiting)
		}
	case reflect.Struct:
		if t.PkgPath() == oasdiffDiffPkg {
			for i := range t.NumField() {
				if f := t.Field(i); f.IsExported() && hasSetsVisiting(f.Type, visiting) {
					out = true
					break
				}
			}
		}
	}
	if len(visiting) == 1 { // only the outermost answer is sure to be complete
		holdsSets.Store(t, out)
	}
	return out
}

// isNameList tells a list of names: []string, or a type of oasdiff's diff
// package built on it.
func isNameList(t reflect.Type) bool {
	return t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String &&
		(t.PkgPath() == "" || t.PkgPath() == oasdiffDiffPkg)
}

func (s *setSorter) walk(v reflect.Value) {
	t := v.Type()
	if !hasSets(t) {
		return
	}
	switch {
	case isNameList(t):
		if sorted, ok := s.sortedCopy(v); ok && v.CanSet() {
			v.Set(sorted)
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || s.seen[v.Pointer()] {
			return
		}
		s.seen[v.Pointer()] = true
		s.walk(v.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				s.walk(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			s.walk(v.Index(i))
		}
	case reflect.Map:
		iter := v.MapRange()
		var updates [][2]reflect.Value
		for iter.Next() {
			val := iter.Value()
			if isNameList(val.Type()) {
				if sorted, ok := s.sortedCopy(val); ok {
					updates = append(updates, [2]reflect.Value{iter.Key(), sorted})
				}
				continue
			}
			if val.Kind() == reflect.Pointer || val.Kind() == reflect.Map || val.Kind() == reflect.Interface {
				s.walk(val)
				continue
			}
			// A struct or list held by value: sort a copy and put it back.
			c := reflect.New(val.Type()).Elem()
			c.Set(val)
			before := s.sorted
			s.walk(c)
			if s.sorted != before {
				updates = append(updates, [2]reflect.Value{iter.Key(), c})
			}
		}
		for _, u := range updates {
			v.SetMapIndex(u[0], u[1])
		}
	}
}

// sortedCopy returns a sorted copy of a list of names, and false when the
// list is sorted already.
func (s *setSorter) sortedCopy(v reflect.Value) (reflect.Value, bool) {
	list := v.Convert(stringSliceType).Interface().([]string)
	if slices.IsSorted(list) {
		return v, false
	}
	sorted := slices.Clone(list)
	slices.Sort(sorted)
	s.sorted++
	return reflect.ValueOf(sorted).Convert(v.Type()), true
}
