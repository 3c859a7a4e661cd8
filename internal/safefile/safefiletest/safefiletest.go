//go:build unix

// Package safefiletest holds what the tests of hostile inputs share: links,
// FIFOs, an endless input and a deadline for what could block.
package safefiletest

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// Symlink makes link point to target (creating link's directory), skipping
// the test where links cannot be made.
func Symlink(t testing.TB, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// FIFO makes a named pipe at path (creating its directory), skipping the
// test where that cannot be done.
func FIFO(t testing.TB, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
}

// Within runs f and fails the test when it has not returned after d: what
// must refuse a FIFO must not wait on it.
func Within(t testing.TB, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still running after %v", d)
	}
}

// Endless is an input that never ends (standard input fed from /dev/zero);
// N counts the bytes read from it.
type Endless struct{ N int64 }

func (r *Endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	r.N += int64(len(p))
	return len(p), nil
}
