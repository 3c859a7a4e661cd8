package term

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestProgressWanted(t *testing.T) {
	for _, tt := range []struct {
		tty  bool
		env  map[string]string
		want bool
	}{
		{true, map[string]string{"TERM": "xterm-256color"}, true},
		{true, map[string]string{}, true},
		{false, map[string]string{"TERM": "xterm"}, false}, // a pipe or a file
		{true, map[string]string{"TERM": "dumb"}, false},
		{true, map[string]string{"TERM": "xterm", "NO_COLOR": "1"}, false},
		{true, map[string]string{"TERM": "xterm", "CI": "true"}, false},
		{true, map[string]string{"TERM": "xterm", "GITHUB_ACTIONS": "true"}, false},
	} {
		if got := ProgressWanted(tt.tty, func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("ProgressWanted(%v, %v) = %v, want %v", tt.tty, tt.env, got, tt.want)
		}
	}
}

// lockedBuffer is a bytes.Buffer safe for the progress goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestProgressLine: a quick run draws nothing; a long one draws its stage
// and clears the line when done; a nil line (no terminal) does nothing.
func TestProgressLine(t *testing.T) {
	var quick lockedBuffer
	p := NewProgress(&quick, time.Hour)
	p.Stage("loading the specs")
	p.Done()
	if quick.String() != "" {
		t.Errorf("a quick run drew %q", quick.String())
	}

	var long lockedBuffer
	p = NewProgress(&long, time.Millisecond)
	p.Stage("comparing")
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(long.String(), "apibump: comparing…") {
		if time.Now().After(deadline) {
			t.Fatal("no progress line after 10 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.Done()
	p.Done()
	if got := long.String(); !strings.HasPrefix(got, "\r\x1b[Kapibump: comparing… ") || !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("progress line %q", got)
	}

	var none *Progress
	none.Stage("x")
	none.Done()
}
