package crash

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

func panicHere() { panic("boom") }

func recovered(what string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = New(what, p)
		}
	}()
	panicHere()
	return nil
}

func TestErrorKeepsTheStack(t *testing.T) {
	err := recovered("while testing")
	var e *Error
	if !errors.As(fmt.Errorf("wrapped: %w", err), &e) {
		t.Fatalf("%v is not a *crash.Error", err)
	}
	if got := e.Error(); got != "internal error while testing: boom" {
		t.Errorf("Error() = %q", got)
	}
	if !strings.Contains(string(e.Stack), "crash.panicHere") {
		t.Errorf("the stack does not show where it panicked:\n%s", e.Stack)
	}
	dir := t.TempDir()
	path, err := e.Save(dir)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := e.Save(dir)
	if again != path || !strings.HasPrefix(path, dir) {
		t.Errorf("saved to %s, then %s; want one file in %s", path, again, dir)
	}
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), "internal error while testing: boom") || !strings.Contains(string(data), "crash.panicHere") {
		t.Errorf("report %q, %v", data, err)
	}
}

func TestARepanicKeepsItsStack(t *testing.T) {
	first := New("", "boom")
	if got := New("in a check", first); got != first || got.What != "in a check" {
		t.Errorf("re-raised: %+v", got)
	}
}
