// Command prunecmp loads and compares two specs the way the CLI does
// (diff.Load, diff.Compare), whole or reduced by package prune, and prints
// each phase's time and what was kept, for bench/prune.sh:
//
//	go run ./bench/prunecmp [-full] [-cpu FILE] [-out FILE] [-repeat N] BASE REV
//
// -full runs today's pipeline (each document's kin-openapi model built as
// it loads, the documents compared whole); otherwise the documents are
// loaded without models, reduced, and only the reduced ones are modelled
// and compared. It sets the CLI's GC policy (cmd/apibump's tuneGC).
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"github.com/apibump/apibump/diff"
	"github.com/apibump/apibump/prune"
)

func main() {
	full := flag.Bool("full", false, "compare the documents whole (today's pipeline)")
	cpu := flag.String("cpu", "", "write a CPU profile to this file")
	out := flag.String("out", "", "write the findings to this file, one a line (to compare the two ways)")
	repeat := flag.Int("repeat", 1, "run the pipeline this many times (for a profile with more samples)")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: prunecmp [-full] [-cpu FILE] [-out FILE] [-repeat N] BASE REV")
		os.Exit(2)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(30)
		diff.OasdiffGCPercent = 100
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		check(err)
		check(pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	for range *repeat - 1 {
		pipeline(*full, "")
	}
	pipeline(*full, *out)
}

// pipeline loads, reduces (unless full), models and compares the two specs
// once, and prints what each phase took.
func pipeline(full bool, out string) {
	t0 := time.Now()
	var docs [2]*diff.Document
	each(func(i int) error {
		var err error
		docs[i], err = diff.Load(diff.ParseInput(flag.Arg(i)), diff.LoadOptions{SkipModel: !full})
		return err
	})
	t1 := time.Now()
	b, r := docs[0], docs[1]
	var st prune.Stats
	if !full {
		var err error
		b, r, st, err = prune.Documents(b, r, prune.Options{})
		check(err)
	}
	t2 := time.Now()
	red := [2]*diff.Document{b, r}
	each(func(i int) error { return red[i].Build() })
	t3 := time.Now()
	changes, err := diff.Compare(b, r, diff.Options{})
	check(err)
	t4 := time.Now()
	if out != "" {
		var b strings.Builder
		for _, c := range changes {
			fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.Level, strings.Join(c.Operations, ","), c.Pointer, c.Source, c.Side, c.Message)
		}
		check(os.WriteFile(out, []byte(b.String()), 0o644))
	}
	ms := func(d time.Duration) string { return d.Round(time.Millisecond).String() }
	fmt.Printf("load %s, reduce %s, model %s, compare %s, total %s; %d findings\n",
		ms(t1.Sub(t0)), ms(t2.Sub(t1)), ms(t3.Sub(t2)), ms(t4.Sub(t3)), ms(t4.Sub(t0)), len(changes))
	if !full {
		fmt.Printf("pruned %v %s; operations kept %d/%d (base) %d/%d (revision); components kept %d/%d\n",
			st.Pruned, st.Reason, st.Kept[0], st.Operations[0], st.Kept[1], st.Operations[1], st.KeptComponents, st.Components)
	}
}

// each runs f(0) and f(1) concurrently and stops on an error.
func each(f func(int) error) {
	var errs [2]error
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f(i)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		check(err)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "prunecmp:", err)
		os.Exit(1)
	}
}
