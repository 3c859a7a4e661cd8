package cli

import (
	"path/filepath"
	"runtime"
	"testing"
)

// TestSameBytesEveryRun runs apibump 20 times on each pair whose output
// used to change from run to run (oasdiff's list-of-types messages join
// types it read from a map) and wants the same bytes every time, with the
// checks spread over at least two CPUs.
func TestSameBytesEveryRun(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	}
	dir, err := filepath.Abs("../engine/oasdiff/testdata/oasdiff")
	if err != nil {
		t.Fatal(err)
	}
	pairs := [][2]string{
		{"list-of-types/list-to-single-revision.yaml", "list-of-types/list-to-single-base.yaml"},
		{"list-of-types/body-test-base.yaml", "list-of-types/body-test-revision.yaml"},
		{"list-of-types/param-property-base.yaml", "list-of-types/param-property-revision.yaml"},
		{"list-of-types/param-property-revision.yaml", "list-of-types/param-property-base.yaml"},
		{"list-of-types/body-narrowing-base.yaml", "list-of-types/body-narrowing-revision.yaml"},
		{"list-of-types/body-test-revision.yaml", "list-of-types/body-test-base.yaml"},
		{"list-of-types/list-to-list-base.yaml", "list-of-types/list-to-list-revision.yaml"},
		{"list-of-types/param-test-revision.yaml", "list-of-types/param-test-base.yaml"},
		{"x-of-titles/spec1.yaml", "x-of-titles/spec3.yaml"},
	}
	t.Chdir(dir)
	for _, p := range pairs {
		for _, format := range []string{"json", "text"} {
			args := []string{"diff", "--policy", "compatible", "--format", format, p[0], p[1]}
			first, errOut, code := run(t, args...)
			if code != 0 || first == "" {
				t.Fatalf("%v: exit %d: %s", args, code, errOut)
			}
			for i := 1; i < 20; i++ {
				if out, _, _ := run(t, args...); out != first {
					t.Fatalf("%v: run %d differs from the first:\n%s\n--- first\n%s", args, i+1, out, first)
				}
			}
		}
	}
}
