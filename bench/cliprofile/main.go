// Command cliprofile runs one apibump command, as cmd/apibump does (its GC
// policy included), under the CPU profiler, and writes a heap (allocation)
// profile at the end, for finding where the commands' time goes:
//
//	go run ./bench/cliprofile -cpu cpu.out -mem mem.out -- changelog --date 2026-11-22 BASE REV
//	go tool pprof -top cpu.out
//
// The command's output is discarded.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"

	"github.com/apibump/apibump/internal/cli"
)

func main() {
	cpu := flag.String("cpu", "", "write a CPU profile to this file")
	mem := flag.String("mem", "", "write an allocation profile to this file")
	repeat := flag.Int("repeat", 1, "run the command this many times")
	flag.Parse()
	if *mem != "" {
		runtime.MemProfileRate = 64 << 10
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		check(err)
		check(pprof.StartCPUProfile(f))
	}
	var errOut strings.Builder
	code := 0
	for range *repeat {
		code = cli.Main(flag.Args(), cli.IO{In: os.Stdin, Out: io.Discard, ErrOut: &errOut})
	}
	if *cpu != "" {
		pprof.StopCPUProfile()
	}
	if *mem != "" {
		f, err := os.Create(*mem)
		check(err)
		check(pprof.Lookup("allocs").WriteTo(f, 0))
		check(f.Close())
	}
	if code > 1 {
		fmt.Fprint(os.Stderr, errOut.String())
		os.Exit(code)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
