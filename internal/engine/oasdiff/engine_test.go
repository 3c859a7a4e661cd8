package oasdiff

import (
	"testing"

	"cloud.google.com/go/civil"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// TestOnRun: the program's hook frames the comparison, once per Run, and
// its end is called once even when the comparison fails.
func TestOnRun(t *testing.T) {
	files := spectest.Files(t, 0)
	base, err1 := kinmodel.Load(source.ParseInput(files[0]), source.LoadOptions{})
	rev, err2 := kinmodel.Load(source.ParseInput(files[1]), source.LoadOptions{})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	defer func(h func() func()) { OnRun = h }(OnRun)
	started, ended := 0, 0
	OnRun = func() func() {
		started++
		return func() { ended++ }
	}
	if _, err := Run(base, rev, civil.Date{}); err != nil {
		t.Fatal(err)
	}
	if started != 1 || ended != 1 {
		t.Errorf("OnRun started %d and ended %d times, want once each", started, ended)
	}
}
