// Package term is what apibump does only on a terminal: the progress line
// of a long run (Progress) and the decision to draw it (ProgressWanted).
package term

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// ProgressWanted says whether a progress line may be drawn on standard
// error: only when it is a terminal, and never in CI (CI, GITHUB_ACTIONS),
// with NO_COLOR or with TERM=dumb, where a line redrawn with carriage
// returns would only litter the log.
func ProgressWanted(stderrTerminal bool, getenv func(string) string) bool {
	if !stderrTerminal {
		return false
	}
	for _, k := range []string{"CI", "GITHUB_ACTIONS", "NO_COLOR"} {
		if getenv(k) != "" {
			return false
		}
	}
	return getenv("TERM") != "dumb"
}

// ProgressDelay is how long a run goes before its progress line shows:
// quick runs never draw one.
const ProgressDelay = time.Second

// Progress draws one line on a terminal saying what a long run is doing
// (loading, comparing, classifying), redrawn in place and cleared before
// anything else is written. A nil *Progress does nothing.
type Progress struct {
	w     io.Writer
	start time.Time

	mu     sync.Mutex
	stage  string
	shown  bool
	closed bool
	stop   chan struct{}
	done   chan struct{}
}

// NewProgress starts the line's clock; it draws after delay.
func NewProgress(w io.Writer, delay time.Duration) *Progress {
	p := &Progress{w: w, start: time.Now(), stop: make(chan struct{}), done: make(chan struct{})}
	go p.loop(delay)
	return p
}

func (p *Progress) loop(delay time.Duration) {
	defer close(p.done)
	timer := time.NewTimer(delay)
	defer timer.Stop()
	select {
	case <-p.stop:
		return
	case <-timer.C:
	}
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		p.draw()
		select {
		case <-p.stop:
			return
		case <-tick.C:
		}
	}
}

func (p *Progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || p.stage == "" {
		return
	}
	fmt.Fprintf(p.w, "\r\x1b[Kapibump: %s… %.1fs", p.stage, time.Since(p.start).Seconds())
	p.shown = true
}

// Stage names what the run does now.
func (p *Progress) Stage(s string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.stage = s
	p.mu.Unlock()
}

// Done stops the line and clears it if it was drawn; later calls do nothing.
func (p *Progress) Done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	close(p.stop)
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
	p.mu.Unlock()
	<-p.done
}
