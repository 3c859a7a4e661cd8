package kindecode

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
)

// Decoding kin-openapi's model a piece at a time.
//
// kinmodel writes deep schemas as marks (a $ref no document can spell,
// CutRef) and each marked schema on its own (see kinmodel/kincut.go), so
// that no byte is read by kin-openapi's Schema.UnmarshalJSON more than a
// few times. Splice puts each piece, decoded on its own, in its mark's
// place. It assumes that decoding JSON into kin-openapi's types depends on
// nothing but the bytes decoded (no state kept from one value to the next),
// that a mark decodes into the Ref field of the *XRef wrapper at its place,
// and it finds those wrappers by reflection (a struct with a Ref string
// field; a Map() method for the map-like types). kinmodel's
// TestCutDecodingIsTheSameModel holds it: cut everywhere, the model is the
// one the whole JSON decodes to.

// cutMark starts the $ref of a mark; the number of the piece follows.
const cutMark = "#/\x00apibump/cut/"

// CutRef is the $ref of the mark of piece id.
func CutRef(id int) string { return cutMark + strconv.Itoa(id) }

// Splice puts in the place of each mark under model (a pointer to a decoded
// kin-openapi model) the piece it names, and then the marks under that
// piece. piece is given the type of the place (a pointer to a kin-openapi
// type, *openapi3.SchemaRef say) and returns the piece built, a pointer of
// that type, or else the JSON it is decoded from (false: the piece cannot
// be written as it would be within the whole). Splice returns how many
// pieces it put in, and false when a mark could not be read or a piece not
// be written or decoded.
func Splice(model any, piece func(id int, place reflect.Type) (any, []byte, bool)) (int, bool) {
	s := &splicer{piece: piece, seen: map[uintptr]bool{}, types: map[reflect.Type]*spliceType{}}
	s.walk(reflect.ValueOf(model))
	return s.done, !s.failed
}

type splicer struct {
	piece  func(id int, place reflect.Type) (any, []byte, bool)
	seen   map[uintptr]bool
	types  map[reflect.Type]*spliceType
	done   int
	failed bool
}

// spliceType is what the walk reads of a struct type.
type spliceType struct {
	ref    int   // index of a Ref string field, or -1
	fields []int // exported fields that may hold a model value
	hasMap bool  // *T has a Map() method returning a map (Paths, Responses, Callback)
}

func (s *splicer) info(t reflect.Type) *spliceType {
	if st, ok := s.types[t]; ok {
		return st
	}
	st := &spliceType{ref: -1}
	if f, ok := t.FieldByName("Ref"); ok && f.Type.Kind() == reflect.String && len(f.Index) == 1 {
		st.ref = f.Index[0]
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		switch f.Type.Kind() {
		case reflect.Pointer, reflect.Struct, reflect.Map, reflect.Slice:
			// Extensions and other map[string]any hold plain JSON values.
			if f.Type.Kind() == reflect.Map && f.Type.Elem().Kind() == reflect.Interface {
				continue
			}
			st.fields = append(st.fields, i)
		}
	}
	if m, ok := reflect.PointerTo(t).MethodByName("Map"); ok && m.Type.NumIn() == 1 && m.Type.NumOut() == 1 && m.Type.Out(0).Kind() == reflect.Map {
		st.hasMap = true
	}
	s.types[t] = st
	return st
}

func (s *splicer) walk(v reflect.Value) {
	if s.failed {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || s.seen[v.Pointer()] {
			return
		}
		s.seen[v.Pointer()] = true
		e := v.Elem()
		if e.Kind() != reflect.Struct {
			s.walk(e)
			return
		}
		if st := s.info(e.Type()); st.ref >= 0 {
			if ref := e.Field(st.ref).String(); strings.HasPrefix(ref, cutMark) {
				s.splice(v, ref)
			}
		}
		s.walkStruct(e, v)
	case reflect.Struct:
		var addr reflect.Value
		if v.CanAddr() {
			addr = v.Addr()
		}
		s.walkStruct(v, addr)
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			s.walk(iter.Value())
		}
	case reflect.Slice:
		for i := range v.Len() {
			s.walk(v.Index(i))
		}
	}
}

func (s *splicer) walkStruct(v, addr reflect.Value) {
	st := s.info(v.Type())
	for _, i := range st.fields {
		s.walk(v.Field(i))
	}
	if st.hasMap && addr.IsValid() {
		s.walk(addr.MethodByName("Map").Call(nil)[0])
	}
}

// splice puts the piece ref names into the value p points to.
func (s *splicer) splice(p reflect.Value, ref string) {
	id, err := strconv.Atoi(strings.TrimPrefix(ref, cutMark))
	if err != nil || id < 0 {
		s.failed = true
		return
	}
	built, data, ok := s.piece(id, p.Type())
	switch {
	case !ok:
		s.failed = true
		return
	case built != nil:
		b := reflect.ValueOf(built)
		if b.Type() != p.Type() || b.IsNil() {
			s.failed = true
			return
		}
		p.Elem().Set(b.Elem())
	default:
		fresh := reflect.New(p.Type().Elem())
		if json.Unmarshal(data, fresh.Interface()) != nil {
			s.failed = true
			return
		}
		p.Elem().Set(fresh.Elem())
	}
	s.done++
}
