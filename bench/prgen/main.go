// Command prgen writes the pull-request-sized revision of a JSON OpenAPI
// document: the same bytes with one optional query parameter added at the
// head of an operation's parameters (bench/prpair.sh).
//
//	go run ./bench/prgen [-path P] [-method M] IN OUT
//
// By default the parameter goes to GET /repos/{owner}/{repo}/issues, the
// change issue #14 measures on GitHub's REST API description.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apibump/apibump/internal/spec"
)

const param = `
          {
            "name": "closed_by",
            "description": "Only issues closed by this user.",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            }
          },`

func main() {
	path := flag.String("path", "/repos/{owner}/{repo}/issues", "the operation's path")
	method := flag.String("method", "get", "the operation's method")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: prgen [-path P] [-method M] IN OUT")
		os.Exit(2)
	}
	in, out := flag.Arg(0), flag.Arg(1)
	data, err := os.ReadFile(in)
	check(err)
	abs, err := filepath.Abs(in)
	check(err)
	f, err := spec.ParseFile(in, abs, data, true)
	check(err)
	params := f.Root.Get("paths").Get(*path).Get(*method).Get("parameters")
	if params == nil || params.Kind != spec.Array {
		check(fmt.Errorf("%s: %s %s has no parameters list", in, *method, *path))
	}
	// The list's "[" is the first on its line at or after its column.
	off := 0
	for line := int32(1); line < params.Pos.Line; line++ {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			check(fmt.Errorf("%s: line %d is past the end", in, line))
		}
		off += i + 1
	}
	i := bytes.IndexByte(data[off:], '[')
	if i < 0 {
		check(fmt.Errorf("%s: no [ on line %d", in, params.Pos.Line))
	}
	at := off + i + 1
	rev := append(append(append([]byte(nil), data[:at]...), param...), data[at:]...)
	check(os.WriteFile(out, rev, 0o644))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "prgen:", err)
		os.Exit(1)
	}
}
