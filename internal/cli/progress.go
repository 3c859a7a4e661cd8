package cli

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

// progressDelay is how long a run goes before its progress line shows:
// quick runs never draw one.
const progressDelay = time.Second

// progress draws one line on a terminal saying what a long run is doing
// (loading, comparing, classifying), redrawn in place and cleared before
// anything else is written. A nil *progress does nothing.
type progress struct {
	w     io.Writer
	start time.Time

	mu     sync.Mutex
	stage  string
	shown  bool
	closed bool
	stop   chan struct{}
	done   chan struct{}
}

// newProgress starts the line's clock; it draws after delay.
func newProgress(w io.Writer, delay time.Duration) *progress {
	p := &progress{w: w, start: time.Now(), stop: make(chan struct{}), done: make(chan struct{})}
	go p.loop(delay)
	return p
}

func (p *progress) loop(delay time.Duration) {
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

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || p.stage == "" {
		return
	}
	fmt.Fprintf(p.w, "\r\x1b[Kapibump: %s… %.1fs", p.stage, time.Since(p.start).Seconds())
	p.shown = true
}

// Stage names what the run does now.
func (p *progress) Stage(s string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.stage = s
	p.mu.Unlock()
}

// Done stops the line and clears it if it was drawn; later calls do nothing.
func (p *progress) Done() {
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
