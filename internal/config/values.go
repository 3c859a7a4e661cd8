package config

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Setting values other packages read: the deprecation window (changelog)
// and what fails the gate (report).

// Window is a deprecation window: a number of days, weeks, months or years.
type Window struct {
	N    int
	Unit byte // 'd', 'w', 'm' or 'y'
}

// DefaultWindow is the window used when none is given: 180 days.
var DefaultWindow = Window{N: 180, Unit: 'd'}

var windowRe = regexp.MustCompile(`^(\d{1,4})([dwmy])$`)

// ParseWindow reads "180d", "26w", "6m" or "1y".
func ParseWindow(s string) (Window, error) {
	m := windowRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Window{}, fmt.Errorf("window %q: want a number followed by d, w, m or y (180d, 6m, 1y)", s)
	}
	n, _ := strconv.Atoi(m[1])
	if n == 0 {
		return Window{}, fmt.Errorf("window %q must not be empty", s)
	}
	return Window{N: n, Unit: m[2][0]}, nil
}

func (w Window) String() string { return strconv.Itoa(w.N) + string(w.Unit) }

// After returns the day the window ends when it starts on t.
func (w Window) After(t time.Time) time.Time {
	switch w.Unit {
	case 'w':
		return t.AddDate(0, 0, 7*w.N)
	case 'm':
		return t.AddDate(0, w.N, 0)
	case 'y':
		return t.AddDate(w.N, 0, 0)
	}
	return t.AddDate(0, 0, w.N)
}

// FailOn says which changes fail the gate on their own, besides an
// insufficient version.
type FailOn string

// The FailOn levels.
const (
	FailOnVersion  FailOn = "version"  // only a declared version lower than required
	FailOnBreaking FailOn = "breaking" // also any breaking change
	FailOnAdditive FailOn = "additive" // also any breaking or additive change
	FailOnAny      FailOn = "any"      // also any change at all
)

// ParseFailOn reads a --fail-on value.
func ParseFailOn(s string) (FailOn, error) {
	switch FailOn(s) {
	case FailOnVersion, FailOnBreaking, FailOnAdditive, FailOnAny:
		return FailOn(s), nil
	}
	return "", fmt.Errorf("unknown --fail-on %q (want version, breaking, additive or any)", s)
}
