package specgen

import (
	"fmt"
	"strconv"
	"strings"
)

// Small documents shaped to cost a careless walk quadratic time: a schema
// nested n levels deep, and a chain of n component schemas each a $ref to
// the next. They are written as compact JSON (a deep YAML block would grow
// with the square of its depth through indentation alone), and the same
// arguments always give the same bytes.

// Nesting is how each level of Deep holds the next.
type Nesting string

const (
	// NestProperties: {"type":"object","properties":{"p":<next>}}.
	NestProperties Nesting = "properties"
	// NestItems: {"type":"array","items":<next>}.
	NestItems Nesting = "items"
	// NestAllOf: {"allOf":[<next>]}.
	NestAllOf Nesting = "allOf"
	// NestMixed cycles through the three above.
	NestMixed Nesting = "mixed"
)

// Nestings lists every Nesting, in a stable order.
var Nestings = []Nesting{NestProperties, NestItems, NestAllOf, NestMixed}

// Deep returns an OpenAPI 3.0 document whose one operation returns a schema
// nested depth levels deep. With changed, the leaf is an integer instead of
// a string (a breaking change to the response), and info.version is 1.1.0
// instead of 1.0.0.
func Deep(depth int, how Nesting, changed bool) []byte {
	var b strings.Builder
	b.Grow(depth * 48)
	head(&b, changed)
	b.WriteString(`"paths":{"/deep":{"get":{"operationId":"getDeep","responses":{"200":{"description":"ok","content":{"application/json":{"schema":`)
	nested(&b, depth, how, changed)
	b.WriteString(`}}}}}}}}`)
	return []byte(b.String())
}

// nested writes the schema of Deep.
func nested(b *strings.Builder, depth int, how Nesting, changed bool) {
	closers := make([]string, 0, depth)
	for i := range depth {
		kind := how
		if how == NestMixed {
			kind = Nestings[i%3]
		}
		switch kind {
		case NestItems:
			b.WriteString(`{"type":"array","items":`)
			closers = append(closers, `}`)
		case NestAllOf:
			b.WriteString(`{"allOf":[`)
			closers = append(closers, `]}`)
		default:
			b.WriteString(`{"type":"object","properties":{"p`)
			b.WriteString(strconv.Itoa(i))
			b.WriteString(`":`)
			closers = append(closers, `}}`)
		}
	}
	leaf := "string"
	if changed {
		leaf = "integer"
	}
	fmt.Fprintf(b, `{"type":%q}`, leaf)
	for i := len(closers) - 1; i >= 0; i-- {
		b.WriteString(closers[i])
	}
}

// Chain returns an OpenAPI 3.0 document whose one operation returns
// #/components/schemas/S0, where each Si is a $ref to S(i+1) and S(n) is an
// object with one property. With changed, that property is an integer
// instead of a string, and info.version is 1.1.0.
func Chain(n int, changed bool) []byte {
	return components("chain", "getChain", n, changed, `{"$ref":"#/components/schemas/S%d"}`)
}

// components writes a document whose one operation, GET /path (opID), returns
// #/components/schemas/S0, where each Si is link (a format taking i+1) and
// S(n) is an object with one property, a string, or an integer when changed.
func components(path, opID string, n int, changed bool, link string) []byte {
	var b strings.Builder
	b.Grow(n * (len(link) + 16))
	head(&b, changed)
	fmt.Fprintf(&b, `"paths":{"/%s":{"get":{"operationId":%q,"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/S0"}}}}}}}},`, path, opID)
	b.WriteString(`"components":{"schemas":{`)
	for i := range n {
		fmt.Fprintf(&b, `"S%d":`+link+`,`, i, i+1)
	}
	leaf := "string"
	if changed {
		leaf = "integer"
	}
	fmt.Fprintf(&b, `"S%d":{"type":"object","properties":{"id":{"type":%q}}}}}}`, n, leaf)
	return []byte(b.String())
}

func head(b *strings.Builder, changed bool) {
	version := "1.0.0"
	if changed {
		version = "1.1.0"
	}
	fmt.Fprintf(b, `{"openapi":"3.0.3","info":{"title":"hostile","version":%q},`, version)
}

// RefNest returns an OpenAPI 3.0 document like Chain, where each Si is an
// object whose one property is a $ref to S(i+1): nested n levels deep
// through references, each file level shallow.
func RefNest(n int, changed bool) []byte {
	return components("nest", "getNest", n, changed, `{"type":"object","properties":{"next":{"$ref":"#/components/schemas/S%d"}}}`)
}

// Ring returns an OpenAPI 3.0 document whose one operation returns
// #/components/schemas/S0, where S0 … S(n-1) are objects each with one
// property a $ref to the next, the last one's back to S0 (a ring of n
// components through properties), and S(n-1) has a second property, a
// string, or an integer when changed (and info.version is 1.1.0).
func Ring(n int, changed bool) []byte {
	n = max(n, 1)
	var b strings.Builder
	b.Grow(n * 80)
	head(&b, changed)
	b.WriteString(`"paths":{"/ring":{"get":{"operationId":"getRing","responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"$ref":"#/components/schemas/S0"}}}}}}}},`)
	b.WriteString(`"components":{"schemas":{`)
	for i := range n - 1 {
		fmt.Fprintf(&b, `"S%d":{"type":"object","properties":{"next":{"$ref":"#/components/schemas/S%d"}}},`, i, i+1)
	}
	leaf := "string"
	if changed {
		leaf = "integer"
	}
	fmt.Fprintf(&b, `"S%d":{"type":"object","properties":{"next":{"$ref":"#/components/schemas/S0"},"id":{"type":%q}}}}}}`, n-1, leaf)
	return []byte(b.String())
}

// Fork returns an OpenAPI 3.0 document like RefNest, where each Si is an
// object whose two properties are both a $ref to S(i+1): 2^n paths from
// the operation to the leaf, through n+1 schemas.
func Fork(n int, changed bool) []byte {
	return components("fork", "getFork", n, changed, `{"type":"object","properties":{"a":{"$ref":"#/components/schemas/S%[2]d"},"b":{"$ref":"#/components/schemas/S%[2]d"}}}`)
}
