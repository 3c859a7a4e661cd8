// Command prunecmp loads and compares two specs the way the CLI does
// (package comparison), whole or reduced by package prune, and prints each
// phase's time and what was kept, for bench/prune.sh:
//
//	go run ./bench/prunecmp [-full] [-cpu FILE] [-out FILE] [-repeat N] BASE REV
//
// -full compares the documents whole (--no-prune); otherwise only the
// reduced documents are modelled and compared. Like the CLI it leaves Go's
// GC as it comes.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/comparison"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
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

// pipeline loads, reduces (unless full) and compares the two specs
// once, and prints what each phase took.
func pipeline(full bool, out string) {
	t0 := time.Now()
	var docs [2]*spec.Document
	each(func(i int) error {
		var err error
		docs[i], err = comparison.Load(source.ParseInput(flag.Arg(i)), source.LoadOptions{})
		return err
	})
	t1 := time.Now()
	b, r, st, err := comparison.Reduce(docs[0], docs[1], comparison.Options{Full: full})
	check(err)
	t2 := time.Now()
	// The steps of comparison.Compare, timed one by one: classify.Compare
	// normalises and builds the models.
	var co classify.Options
	if b != docs[0] || r != docs[1] {
		co.Whole = docs
	}
	changes, err := classify.Compare(b, r, co)
	check(err)
	t3 := time.Now()
	if out != "" {
		var b strings.Builder
		for _, c := range changes {
			fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.Level, strings.Join(c.Operations, ","), c.Pointer, c.Source, c.Side, c.Message)
		}
		check(os.WriteFile(out, []byte(b.String()), 0o644))
	}
	ms := func(d time.Duration) string { return d.Round(time.Millisecond).String() }
	fmt.Printf("load %s, reduce %s, compare %s, total %s; %d findings\n",
		ms(t1.Sub(t0)), ms(t2.Sub(t1)), ms(t3.Sub(t2)), ms(t3.Sub(t0)), len(changes))
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
