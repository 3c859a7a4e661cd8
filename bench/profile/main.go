// Command profile runs apibump's changelog pipeline (load both specs
// concurrently, compare, classify, render markdown) on two specs and writes
// CPU and heap profiles, for finding where time and memory go:
//
//	go run ./bench/profile -cpu cpu.out -mem mem.out BASE REV
//	go tool pprof -top cpu.out
//
// With -cli it runs instead an apibump command as cmd/apibump runs it
// (package comparison's reduction and all), -repeat times, its output
// discarded:
//
//	go run ./bench/profile -cli -repeat 4 -cpu cpu.out -- changelog --date 2026-11-22 BASE REV
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"

	"cloud.google.com/go/civil"

	"github.com/apibump/apibump/internal/changelog"
	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/cli"
	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec"
)

func main() {
	cpu := flag.String("cpu", "", "write a CPU profile to this file")
	mem := flag.String("mem", "", "write a heap (allocation) profile to this file")
	memAt := flag.String("mem-at", "end", "when to write the heap profile: loaded (after loading), peak (at the peak RSS, with -rss) or end")
	rss := flag.Bool("rss", false, "sample the resident set every 5 ms and print the runtime's memory classes at its peak")
	cliCmd := flag.Bool("cli", false, "run the arguments as an apibump command (cli.Main) instead")
	repeat := flag.Int("repeat", 1, "with -cli, run the command this many times")
	flag.Parse()
	if !*cliCmd && flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: profile [-cpu FILE] [-mem FILE] BASE REVISION")
		os.Exit(2)
	}
	if *mem != "" {
		runtime.MemProfileRate = 64 << 10
	}
	if *cpu != "" {
		f, err := os.Create(*cpu)
		check(err)
		check(pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	writeHeap := func() {
		if *mem == "" {
			return
		}
		f, err := os.Create(*mem)
		check(err)
		runtime.GC()
		check(pprof.Lookup("heap").WriteTo(f, 0))
		f.Close()
	}
	if *rss {
		var onPeak func()
		if *memAt == "peak" && *mem != "" {
			onPeak = func() {
				f, err := os.Create(*mem)
				check(err)
				check(pprof.Lookup("heap").WriteTo(f, 0))
				f.Close()
			}
		}
		stop := sampleRSS(onPeak)
		defer stop()
	}
	if *cliCmd {
		var errOut strings.Builder
		code := 0
		for range *repeat {
			code = cli.Main(flag.Args(), cli.IO{In: os.Stdin, Out: io.Discard, ErrOut: &errOut})
		}
		writeHeap()
		if code > 1 {
			// A refused document is profiled too: the profile is written
			// before the exit, which skips the deferred calls.
			fmt.Fprint(os.Stderr, errOut.String())
			pprof.StopCPUProfile()
			os.Exit(code)
		}
		return
	}
	t0 := time.Now()
	var docs [2]*spec.Document
	var errs [2]error
	var wg sync.WaitGroup
	for i, arg := range flag.Args() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			docs[i], errs[i] = kinmodel.Load(source.ParseInput(arg), source.LoadOptions{})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		check(err)
	}
	t1 := time.Now()
	if *memAt == "loaded" {
		writeHeap()
	}
	changes, err := classify.Compare(docs[0], docs[1], classify.Options{})
	check(err)
	t2 := time.Now()
	date := civil.Date{Year: 2026, Month: 11, Day: 22}
	copts := classify.Options{Policy: rules.Contract, Date: date}
	res, err := classify.Classify(docs[0], docs[1], changes, copts)
	check(err)
	r, err := report.Build(docs[0], docs[1], res, report.Options{Options: copts})
	check(err)
	t3 := time.Now()
	e := changelog.NewEntry(r, changelog.EntryOptions{Date: date, Window: config.DefaultWindow, MaxLiveMajors: 2})
	check(changelog.RenderEntry(io.Discard, e, changelog.EntryMarkdown))
	t4 := time.Now()
	if *memAt == "end" {
		writeHeap()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(os.Stderr, "load %v, compare %v, report %v, render %v; %d changes; total alloc %d MB, %d GCs\n",
		t1.Sub(t0).Round(time.Millisecond), t2.Sub(t1).Round(time.Millisecond), t3.Sub(t2).Round(time.Millisecond),
		t4.Sub(t3).Round(time.Millisecond), len(changes), ms.TotalAlloc>>20, ms.NumGC)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
		os.Exit(1)
	}
}

// sampleRSS watches the resident set size and, when stopped, prints the
// runtime's memory classes at the moment it peaked.
func sampleRSS(onPeak func()) (stop func()) {
	names := []string{
		"/memory/classes/heap/objects:bytes",
		"/memory/classes/heap/unused:bytes",
		"/memory/classes/heap/free:bytes",
		"/memory/classes/heap/released:bytes",
		"/memory/classes/heap/stacks:bytes",
		"/memory/classes/metadata/other:bytes",
		"/memory/classes/total:bytes",
		"/gc/heap/goal:bytes",
	}
	samples := make([]metrics.Sample, len(names))
	for i, n := range names {
		samples[i].Name = n
	}
	var peak uint64
	var atPeak []uint64
	start := time.Now()
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			r := residentBytes()
			if os.Getenv("RSS_TRACE") != "" {
				fmt.Fprintf(os.Stderr, "rss %d MB at %v\n", r>>20, time.Since(start).Round(10*time.Millisecond))
			}
			if r <= peak {
				continue
			}
			peak = r
			metrics.Read(samples)
			atPeak = atPeak[:0]
			for _, s := range samples {
				atPeak = append(atPeak, s.Value.Uint64())
			}
			if onPeak != nil && r > 300<<20 {
				onPeak()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		fmt.Fprintf(os.Stderr, "peak RSS %d MB;", peak>>20)
		for i, n := range names {
			if i < len(atPeak) {
				fmt.Fprintf(os.Stderr, " %s %d MB", strings.TrimSuffix(strings.TrimPrefix(n, "/memory/classes/"), ":bytes"), atPeak[i]>>20)
			}
		}
		fmt.Fprintln(os.Stderr)
	}
}

// residentBytes reads VmRSS from /proc/self/status (0 where there is none).
func residentBytes() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
