package upstream

import (
	"reflect"

	odiff "github.com/oasdiff/oasdiff/diff"
)

// Keeping oasdiff's checks linear in the depth of a schema.
//
// oasdiff's checker walks the schema differences of every operation once
// per check, and names each schema it passes by its whole path from the
// operation ("a/b/c/…"): a change at the bottom of a schema nested n levels
// deep (written so, or through n $refs) costs n² per check, and 4000
// levels allocate gigabytes. So the difference report handed to the checker
// stops at MaxSchemaDiffDepth levels below where a schema starts (the schema
// of a media type, a parameter, a header, a component): what differs deeper
// is left to apibump's own comparison of the trees, which reports it
// (unclassified-change, breaking, when no rule of its own explains it) in
// time linear in the documents. No real API nests schemas that deep.
//
// The depth of a schema difference is the least at which any operation
// reaches it: the checks walk each operation on its own, so many operations
// reaching one deep chain (each at a different link) still cost the product
// of the two (see bench/RESULTS.md).

// MaxSchemaDiffDepth is how many levels of schema differences oasdiff's
// checks read.
const MaxSchemaDiffDepth = 100

var (
	schemaDiffType = reflect.TypeFor[odiff.SchemaDiff]()
	oasdiffDiffPkg = schemaDiffType.PkgPath()
)

// PruneSchemaDiffs cuts the schema differences of report deeper than max
// levels, and returns how many schema differences it cut below.
func PruneSchemaDiffs(report *odiff.Diff, max int) int {
	if report == nil {
		return 0
	}
	p := &pruner{reach: map[reflect.Type][]int{}, depth: map[*odiff.SchemaDiff]int{}, visiting: map[reflect.Type]bool{}}
	var roots []*odiff.SchemaDiff
	seen := map[uintptr]bool{}
	// The schema differences reached from the report without passing
	// through another are each at the top (level 1). Those of components
	// are not: no check walks them (it reads only which were removed), and a
	// component reached from an operation through others is as deep as the
	// operation's walk through them.
	top := *report
	top.ComponentsDiff = nil
	p.each(reflect.ValueOf(&top), seen, func(sd *odiff.SchemaDiff) {
		if _, ok := p.depth[sd]; !ok {
			p.depth[sd] = 1
			roots = append(roots, sd)
		}
	})
	// Breadth first, so each is reached at the least depth it has.
	queue, cut := roots, 0
	for len(queue) > 0 {
		sd := queue[0]
		queue = queue[1:]
		d := p.depth[sd]
		v := reflect.ValueOf(sd).Elem()
		if d >= max {
			for _, i := range p.fields(schemaDiffType) {
				if f := v.Field(i); !f.IsZero() {
					f.SetZero()
					cut++
				}
			}
			continue
		}
		for _, i := range p.fields(schemaDiffType) {
			p.each(v.Field(i), map[uintptr]bool{}, func(c *odiff.SchemaDiff) {
				if _, ok := p.depth[c]; !ok {
					p.depth[c] = d + 1
					queue = append(queue, c)
				}
			})
		}
	}
	return cut
}

type pruner struct {
	reach    map[reflect.Type][]int // the fields of a struct type that can lead to a SchemaDiff
	visiting map[reflect.Type]bool
	depth    map[*odiff.SchemaDiff]int
}

// leads tells whether a value of type t can hold a *SchemaDiff, looking only
// through oasdiff's difference types (not into the documents they point at).
func (p *pruner) leads(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		if t == reflect.PointerTo(schemaDiffType) {
			return true
		}
		return p.leads(t.Elem())
	case reflect.Map:
		return p.leads(t.Elem())
	case reflect.Struct:
		return t.PkgPath() == oasdiffDiffPkg && len(p.fields(t)) > 0
	}
	return false
}

// fields lists the exported fields of struct type t that can hold a
// *SchemaDiff.
func (p *pruner) fields(t reflect.Type) []int {
	if f, ok := p.reach[t]; ok {
		return f
	}
	if p.visiting[t] {
		return []int{0} // a recursive type: assume it leads on; each says for certain
	}
	p.visiting[t] = true
	var out []int
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() && p.leads(f.Type) {
			out = append(out, i)
		}
	}
	delete(p.visiting, t)
	p.reach[t] = out
	return out
}

// each calls f with each *SchemaDiff under v, not looking past one.
func (p *pruner) each(v reflect.Value, seen map[uintptr]bool, f func(*odiff.SchemaDiff)) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if sd, ok := v.Interface().(*odiff.SchemaDiff); ok {
			f(sd)
			return
		}
		if seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		p.each(v.Elem(), seen, f)
	case reflect.Struct:
		if v.Type().PkgPath() != oasdiffDiffPkg {
			return
		}
		for _, i := range p.fields(v.Type()) {
			p.each(v.Field(i), seen, f)
		}
	case reflect.Map:
		if !p.leads(v.Type()) {
			return
		}
		iter := v.MapRange()
		for iter.Next() {
			p.each(iter.Value(), seen, f)
		}
	case reflect.Slice, reflect.Array:
		if !p.leads(v.Type()) {
			return
		}
		for i := range v.Len() {
			p.each(v.Index(i), seen, f)
		}
	}
}
