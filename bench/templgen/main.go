// Command templgen writes issue #14's many-paths pair: base.json and
// revision.json of N templated paths /r{i}/{id} (default 25,200, about
// 60 MB each) in which CHANGED operations differ (default 80).
//
//	go run ./bench/templgen [-n N] [-changed CHANGED] DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apibump/apibump/bench/specgen"
)

func main() {
	n := flag.Int("n", 25200, "paths")
	changed := flag.Int("changed", 80, "operations that differ")
	flag.Parse()
	if flag.NArg() != 1 || *n < 1 || *changed < 0 || *changed > *n {
		fmt.Fprintln(os.Stderr, "usage: templgen [-n N] [-changed CHANGED] DIR")
		os.Exit(2)
	}
	dir := flag.Arg(0)
	for name, revised := range map[string]bool{"base.json": false, "revision.json": true} {
		if err := os.WriteFile(filepath.Join(dir, name), specgen.Templated(*n, *changed, revised), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "templgen:", err)
			os.Exit(1)
		}
	}
}
