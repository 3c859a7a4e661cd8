// Package crash keeps what a bug report needs of a recovered panic: the
// user gets one line (package cli writes it), the stack of the goroutine
// that panicked goes to a file the line names (Save), or to standard error
// with APIBUMP_DEBUG=1.
package crash

import (
	"fmt"
	"os"
	"runtime/debug"
	"sync"
)

// Error is a recovered panic: what was being done, the value, and the stack
// of the goroutine that panicked.
type Error struct {
	What  string // "while loading base.yaml"; may be empty
	Value any
	Stack []byte

	once sync.Once
	path string
	err  error
}

// New returns the panic p as an error, with the stack of the goroutine that
// panicked: call it in the deferred function that recovered p. A p that is
// already an *Error (a panic re-raised from another goroutine) keeps its
// own stack, and its What when it has one.
func New(what string, p any) *Error {
	if e, ok := p.(*Error); ok {
		if e.What == "" {
			e.What = what
		}
		return e
	}
	return &Error{What: what, Value: p, Stack: debug.Stack()}
}

func (e *Error) Error() string {
	if e.What == "" {
		return fmt.Sprintf("internal error: %v", e.Value)
	}
	return fmt.Sprintf("internal error %s: %v", e.What, e.Value)
}

// Report is the text of a bug report: the error and the stack.
func (e *Error) Report() string {
	return fmt.Sprintf("apibump: %s\n\n%s", e.Error(), e.Stack)
}

// Save writes the report to a new file in dir (os.TempDir() when empty),
// once, and returns the file's path.
func (e *Error) Save(dir string) (string, error) {
	e.once.Do(func() {
		if dir == "" {
			dir = os.TempDir()
		}
		f, err := os.CreateTemp(dir, "apibump-internal-error-*.txt")
		if err != nil {
			e.err = err
			return
		}
		_, err = f.WriteString(e.Report())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		e.path, e.err = f.Name(), err
	})
	return e.path, e.err
}
