// Command depthgen writes the small hostile documents of bench/depth.sh: a
// schema nested N levels deep (refused: with a title that is a number at
// the bottom), a schema nested N levels deep with a $ref to one component
// at each level (owners: one operation reaching it in N ways), a $ref
// chain of N component schemas, N schemas nested through $refs (one
// property or two each), or a ring of N.
//
//	go run ./bench/depthgen deep N [properties|items|allOf|mixed] [changed|refused] > spec.json
//	go run ./bench/depthgen chain N [changed] > spec.json
//	go run ./bench/depthgen refnest N [changed] > spec.json
//	go run ./bench/depthgen ring N [changed] > spec.json
//	go run ./bench/depthgen fork N [changed] > spec.json
//	go run ./bench/depthgen owners N [changed] > spec.json
package main

import (
	"bytes"
	"fmt"
	"os"
	"strconv"

	"github.com/apibump/apibump/bench/specgen"
)

func main() {
	args := os.Args[1:]
	if len(args) < 2 {
		usage()
	}
	n, err := strconv.Atoi(args[1])
	if err != nil || n < 0 {
		usage()
	}
	changed, refused := false, false
	switch args[len(args)-1] {
	case "changed":
		changed = true
		args = args[:len(args)-1]
	case "refused":
		refused = args[0] == "deep" || usage()
		args = args[:len(args)-1]
	}
	var out []byte
	switch args[0] {
	case "deep":
		how := specgen.NestProperties
		if len(args) > 2 {
			how = specgen.Nesting(args[2])
		}
		out = specgen.Deep(n, how, changed)
		if refused {
			out = bytes.Replace(out, []byte(`{"type":"string"}`), []byte(`{"type":"string","title":5}`), 1)
		}
	case "chain":
		out = specgen.Chain(n, changed)
	case "refnest":
		out = specgen.RefNest(n, changed)
	case "ring":
		out = specgen.Ring(n, changed)
	case "fork":
		out = specgen.Fork(n, changed)
	case "owners":
		out = owners(n, changed)
	default:
		usage()
	}
	os.Stdout.Write(out)
}

// owners is a response schema nested n levels deep (the property child),
// with at each level the property owner, a $ref to the component User:
// one operation reaching User in n ways. changed adds a property to User.
func owners(n int, changed bool) []byte {
	var b bytes.Buffer
	b.WriteString(`{"openapi":"3.0.3","info":{"title":"hostile","version":"1.0.0"},"paths":{"/owners":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":`)
	for range n {
		b.WriteString(`{"type":"object","properties":{"owner":{"$ref":"#/components/schemas/User"},"child":`)
	}
	b.WriteString(`{"type":"string"}`)
	for range n {
		b.WriteString(`}}`)
	}
	b.WriteString(`}}}}}}},"components":{"schemas":{"User":{"type":"object","properties":{"login":{"type":"string"}`)
	if changed {
		b.WriteString(`,"name":{"type":"string"}`)
	}
	b.WriteString(`}}}}}`)
	return b.Bytes()
}

func usage() bool {
	fmt.Fprintln(os.Stderr, "usage: depthgen deep N [properties|items|allOf|mixed] [changed|refused] | depthgen chain N [changed] | depthgen refnest|ring|fork|owners N [changed]")
	os.Exit(2)
	return false
}
