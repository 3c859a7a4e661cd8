package oasgrammar

import (
	"slices"
	"testing"

	"github.com/apibump/apibump/internal/oasgrammar/fieldlists"
)

// additionalAllowed maps the lists' `additional` to the grammar's kinds. The
// lists say "any" when the JSON Schema does not constrain other keys; the
// grammar says what the specification text makes of them.
var additionalAllowed = map[string][]Additional{
	"forbidden": {Forbidden},
	"schema":    {Names},
	// 2.0 Example: MIME types (Names); 3.1 Schema: annotations; Reference
	// siblings and the 3.0 Discriminator: ignored.
	"any": {Names, Annotations, Ignored},
}

// TestGrammarMatchesFieldLists checks the hand-written grammar against the
// lists derived from the OpenAPI Initiative's schemas: the same objects,
// the same fixed fields, extensions and patterned fields.
func TestGrammarMatchesFieldLists(t *testing.T) {
	for _, v := range Versions {
		list, err := fieldlists.Load(v.String())
		if err != nil {
			t.Fatal(err)
		}
		g := For(v)
		var listed []Type
		for _, lo := range list.Objects {
			listed = append(listed, Type(lo.Name))
			o := g.Object(Type(lo.Name))
			if o == nil {
				t.Errorf("%s: the grammar has no object %s", v, lo.Name)
				continue
			}
			var have []string
			for _, f := range o.Fields {
				have = append(have, f.Name)
			}
			for _, f := range lo.Fields {
				if !slices.Contains(have, f) {
					t.Errorf("%s %s: the grammar lacks the fixed field %s", v, lo.Name, f)
				}
			}
			for _, f := range have {
				if !slices.Contains(lo.Fields, f) {
					t.Errorf("%s %s: the grammar has a field %s that the version does not define", v, lo.Name, f)
				}
			}
			if o.Extensions != lo.Extensions {
				t.Errorf("%s %s: extensions %v, the list says %v", v, lo.Name, o.Extensions, lo.Extensions)
			}
			if !slices.Contains(additionalAllowed[lo.Additional], o.Additional) {
				t.Errorf("%s %s: additional keys %d, the list says %s", v, lo.Name, o.Additional, lo.Additional)
			}
			if (o.Additional == Names) != (o.Other != nil) || (o.Other != nil) != (o.OtherName != "") {
				t.Errorf("%s %s: additional keys %d with other %v %q", v, lo.Name, o.Additional, o.Other, o.OtherName)
			}
			var patterns []string
			for _, p := range o.Patterned {
				patterns = append(patterns, p.Re)
				if p.Name == "" {
					t.Errorf("%s %s: pattern %s has no placeholder name", v, lo.Name, p.Re)
				}
			}
			if !slices.Equal(patterns, lo.Patterned) {
				t.Errorf("%s %s: patterned %q, the list says %q", v, lo.Name, patterns, lo.Patterned)
			}
		}
		for _, o := range g.Objects() {
			if !slices.Contains(listed, o.Type) {
				t.Errorf("%s: the grammar has an object %s that the list does not", v, o.Type)
			}
		}
	}
}

// listValue is the grammar's Value for a scalar type of the field lists.
var listValue = map[string]Value{"string": StringValue, "boolean": BooleanValue, "number": NumberValue, "count": CountValue}

// TestScalarValuesMatchFieldLists checks what the grammar says a field
// holds against the JSON types the OpenAPI Initiative's schemas give it: a
// scalar where they say string, boolean, number or count (with that
// Value), a list where they say array, an object or map where they say
// object; where they allow a string or a list (`type`), a string with a
// list of strings instead. Every scalar of an object the schemas type has
// a Value.
func TestScalarValuesMatchFieldLists(t *testing.T) {
	checked := 0
	for _, v := range Versions {
		list, err := fieldlists.Load(v.String())
		if err != nil {
			t.Fatal(err)
		}
		g := For(v)
		for _, lo := range list.Objects {
			o := g.Object(Type(lo.Name))
			if o == nil {
				continue
			}
			for _, f := range o.Fields {
				h := f.Holds
				types, typed := lo.Types[f.Name]
				where := v.String() + " " + lo.Name + "." + f.Name
				if h.Shape == One && h.Type == Scalar && h.Value == AnyScalar {
					t.Errorf("%s: a scalar without a Value", where)
				}
				if !typed {
					continue
				}
				checked++
				switch {
				case listValue[types] != AnyScalar:
					if h.Shape != One || h.Type != Scalar || h.Value != listValue[types] || h.OrList != nil {
						t.Errorf("%s: the schemas say %s, the grammar %v (value %v)", where, types, h, h.Value)
					}
				case types == "array":
					if h.Shape != List {
						t.Errorf("%s: the schemas say a list, the grammar %v", where, h)
					}
				case types == "object":
					if h.Shape == List || h.Shape == One && !h.Type.IsObject() && h.Type != JSON {
						t.Errorf("%s: the schemas say an object, the grammar %v", where, h)
					}
				case types == "boolean|object":
					if h.Shape != One || h.Type != Schema {
						t.Errorf("%s: the schemas say a boolean or an object, the grammar %v", where, h)
					}
				case types == "array|object":
					if h.Shape != One || !h.Type.IsObject() || h.OrList == nil {
						t.Errorf("%s: the schemas say an object or a list, the grammar %v", where, h)
					}
				case types == "array|string":
					if h.Shape != One || h.Type != Scalar || h.Value != StringValue || h.OrList == nil || h.OrList.Value != StringValue {
						t.Errorf("%s: the schemas say a string or a list, the grammar %v", where, h)
					}
				default:
					t.Errorf("%s: the schemas say %s, which this test does not read", where, types)
				}
			}
		}
	}
	if checked < 300 {
		t.Errorf("only %d typed fields checked", checked)
	}
}

// TestEveryHeldTypeIsAnObject: every type a field holds is an object of the
// same version (or a pseudo type), so a walk never reaches a type the
// version lacks.
func TestEveryHeldTypeIsAnObject(t *testing.T) {
	for _, v := range Versions {
		g := For(v)
		check := func(where string, h Holds) {
			for hh := &h; hh != nil; hh = hh.Elem {
				for _, x := range []*Holds{hh, hh.OrList} {
					if x == nil || x.Shape != One {
						continue
					}
					if x.Type == "" || x.Type.IsObject() && g.Object(x.Type) == nil {
						t.Errorf("%s %s holds %q, which is no object of the version", v, where, x.Type)
					}
					if x.OrRef && g.Object(Reference) == nil {
						t.Errorf("%s %s: a Reference, but the version has no Reference object", v, where)
					}
				}
			}
		}
		for _, o := range g.Objects() {
			for _, f := range o.Fields {
				check(string(o.Type)+"."+f.Name, f.Holds)
			}
			for _, p := range o.Patterned {
				check(string(o.Type)+"."+p.Name, p.Holds)
			}
			if o.Other != nil {
				check(string(o.Type)+"."+o.OtherName, *o.Other)
			}
		}
	}
}

func TestParseVersion(t *testing.T) {
	for s, want := range map[string]Version{"2.0": V20, "3.0.0": V30, "3.0.4": V30, "3.0": V30, "3.1.0": V31, "3.1.2": V31} {
		if got, ok := ParseVersion(s); !ok || got != want {
			t.Errorf("ParseVersion(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "2", "3", "3.2.0", "3.10.0", "1.2", "3.0x"} {
		if v, ok := ParseVersion(s); ok {
			t.Errorf("ParseVersion(%q) = %v, want no version", s, v)
		}
	}
}
