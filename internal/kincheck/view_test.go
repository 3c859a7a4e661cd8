package kincheck

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	kin2 "github.com/getkin/kin-openapi/openapi2"
	kin3 "github.com/getkin/kin-openapi/openapi3"
)

// goTypes are kin-openapi's types of the objects of each view.
var goTypes = map[*view]map[string]reflect.Type{
	openapi3: {
		"OpenAPI": reflect.TypeFor[kin3.T](), "Info": reflect.TypeFor[kin3.Info](), "Contact": reflect.TypeFor[kin3.Contact](),
		"License": reflect.TypeFor[kin3.License](), "Server": reflect.TypeFor[kin3.Server](),
		"ServerVariable": reflect.TypeFor[kin3.ServerVariable](), "Components": reflect.TypeFor[kin3.Components](),
		"PathItem": reflect.TypeFor[kin3.PathItem](), "Operation": reflect.TypeFor[kin3.Operation](),
		"ExternalDocumentation": reflect.TypeFor[kin3.ExternalDocs](), "Parameter": reflect.TypeFor[kin3.Parameter](),
		"RequestBody": reflect.TypeFor[kin3.RequestBody](), "MediaType": reflect.TypeFor[kin3.MediaType](),
		"Encoding": reflect.TypeFor[kin3.Encoding](), "Response": reflect.TypeFor[kin3.Response](),
		"Example": reflect.TypeFor[kin3.Example](), "Link": reflect.TypeFor[kin3.Link](), "Header": reflect.TypeFor[kin3.Header](),
		"Tag": reflect.TypeFor[kin3.Tag](), "Schema": reflect.TypeFor[kin3.Schema](),
		"Discriminator": reflect.TypeFor[kin3.Discriminator](), "XML": reflect.TypeFor[kin3.XML](),
		"SecurityScheme": reflect.TypeFor[kin3.SecurityScheme](), "OAuthFlows": reflect.TypeFor[kin3.OAuthFlows](),
		"OAuthFlow": reflect.TypeFor[kin3.OAuthFlow](), "Paths": reflect.TypeFor[kin3.Paths](),
		"Responses": reflect.TypeFor[kin3.Responses](), "Callback": reflect.TypeFor[kin3.Callback](),
	},
	openapi2: {
		"Swagger": reflect.TypeFor[kin2.T](), "Info": reflect.TypeFor[kin3.Info](), "Contact": reflect.TypeFor[kin3.Contact](),
		"License": reflect.TypeFor[kin3.License](), "PathItem": reflect.TypeFor[kin2.PathItem](),
		"Operation": reflect.TypeFor[kin2.Operation](), "ExternalDocumentation": reflect.TypeFor[kin3.ExternalDocs](),
		"Parameter": reflect.TypeFor[kin2.Parameter](), "Response": reflect.TypeFor[kin2.Response](),
		"Header": reflect.TypeFor[kin2.Header](), "Tag": reflect.TypeFor[kin3.Tag](), "Schema": reflect.TypeFor[kin2.Schema](),
		"XML": reflect.TypeFor[kin3.XML](), "SecurityScheme": reflect.TypeFor[kin2.SecurityScheme](),
		"Responses": reflect.TypeFor[kin2.Responses](),
	},
}

// typeName names a Go type of kin-openapi as the descriptions do.
func typeName(t reflect.Type) string {
	return t.PkgPath()[strings.LastIndexByte(t.PkgPath(), '/')+1:] + "." + t.Name()
}

// goDesc says how encoding/json decodes into Go type t.
func goDesc(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[kin3.Types](), reflect.TypeFor[*kin3.Types]():
		return "types"
	case reflect.TypeFor[kin3.ExclusiveBound]():
		return "bound"
	case reflect.TypeFor[kin3.BoolSchema]():
		return "boolschema(ref openapi3.Schema)"
	case reflect.TypeFor[kin3.MappingRef]():
		return "string" // UnmarshalText
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Bool:
		return "boolean"
	case reflect.String:
		return "string"
	case reflect.Float64:
		return "number"
	case reflect.Uint64:
		return "count"
	case reflect.Interface:
		return "json"
	case reflect.Slice:
		return "list of " + goDesc(t.Elem())
	case reflect.Map:
		return "map of " + goDesc(t.Elem())
	case reflect.Struct:
		if v, ok := t.FieldByName("Value"); ok && strings.HasSuffix(t.Name(), "Ref") {
			return "ref " + typeName(v.Type.Elem())
		}
		return "object " + typeName(t)
	}
	return "unknown " + t.String()
}

// wantDesc says the same of a want of view v.
func wantDesc(v *view, w *want) string {
	switch w.kind {
	case kJSON:
		return "json"
	case kScalar:
		return w.value.String()
	case kTypes:
		return "types"
	case kBound:
		return "bound"
	case kBoolSchema:
		return "boolschema(" + wantDesc(openapi3, w.elem) + ")"
	case kList:
		return "list of " + wantDesc(v, w.elem)
	case kMap:
		return "map of " + wantDesc(v, w.elem)
	}
	if w.obj.plainMap {
		return "map of " + wantDesc(v, w.obj.members)
	}
	gt := goTypes[v][w.obj.name]
	if gt == nil {
		return "object " + w.obj.name + " (no Go type)"
	}
	if w.ref {
		return "ref " + typeName(gt)
	}
	return "object " + typeName(gt)
}

// goFields lists the JSON fields of struct t, embedded structs flattened.
func goFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			for k, v := range goFields(f.Type) {
				out[k] = v
			}
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" || name == "" {
			continue
		}
		out[name] = f.Type
	}
	return out
}

// TestViewsAreKins checks each view against kin-openapi's Go types: every
// object reachable from the document has the JSON fields of its Go type,
// each decoded as the Go type decodes it; maps, lists, references and
// kin-openapi's own types (Types, ExclusiveBound, BoolSchema) where the
// Go types have them.
func TestViewsAreKins(t *testing.T) {
	custom := map[string]string{ // the types that decode their members themselves
		"openapi3.Paths": "object openapi3.PathItem", "openapi3.Responses": "ref openapi3.Response",
		"openapi3.Callback": "object openapi3.PathItem", "openapi2.Responses": "object openapi2.Response",
	}
	for _, v := range []*view{openapi3, openapi2} {
		seen := map[*object]bool{}
		var queue []*want
		var visit func(w *want)
		visit = func(w *want) {
			switch {
			case w.kind == kObject && w.obj.plainMap:
				visit(w.obj.members)
			case w.kind == kObject && !seen[w.obj]:
				seen[w.obj] = true
				queue = append(queue, w)
			case w.elem != nil && w.kind != kBoolSchema:
				visit(w.elem)
			}
		}
		visit(v.root)
		checked := 0
		for len(queue) > 0 {
			w := queue[0]
			queue = queue[1:]
			o := w.obj
			gt := goTypes[v][o.name]
			if gt == nil {
				t.Errorf("%s: no Go type for the object %s", typeName(goTypes[v][v.root.obj.name]), o.name)
				continue
			}
			if want, ok := custom[typeName(gt)]; ok {
				if got := wantDesc(v, o.members); got != want {
					t.Errorf("%s members: %s, kin-openapi decodes %s", typeName(gt), got, want)
				}
				for k, f := range o.fields {
					if wantDesc(v, f) != want {
						t.Errorf("%s.%s: %s, kin-openapi decodes %s", typeName(gt), k, wantDesc(v, f), want)
					}
				}
				visit(o.members)
				continue
			}
			if o.members != nil {
				t.Errorf("%s: members %s, but kin-openapi keeps other keys as extensions", typeName(gt), wantDesc(v, o.members))
			}
			fields := goFields(gt)
			for _, k := range slices.Sorted(func(yield func(string) bool) {
				for k := range fields {
					if !yield(k) {
						return
					}
				}
			}) {
				f := o.fields[k]
				if f == nil {
					t.Errorf("%s.%s: not in the view, kin-openapi decodes %s", typeName(gt), k, goDesc(fields[k]))
					continue
				}
				checked++
				if got, want := wantDesc(v, f), goDesc(fields[k]); got != want {
					t.Errorf("%s.%s: %s, kin-openapi decodes %s", typeName(gt), k, got, want)
				}
				visit(f)
			}
			for k := range o.fields {
				if fields[k] == nil {
					t.Errorf("%s.%s: in the view, but kin-openapi keeps it as an extension", typeName(gt), k)
				}
			}
			if o.boolSchema != (gt == reflect.TypeFor[kin3.Schema]()) {
				t.Errorf("%s: boolean schemas %v", typeName(gt), o.boolSchema)
			}
			if _, hasRef := fields["$ref"]; o.refField != hasRef {
				t.Errorf("%s: refField %v, a $ref field %v", typeName(gt), o.refField, hasRef)
			}
		}
		t.Logf("%d fields checked", checked)
		if checked < 100 {
			t.Errorf("only %d fields checked", checked)
		}
	}
}
