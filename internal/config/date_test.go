package config

import (
	"testing"
	"time"

	"cloud.google.com/go/civil"
)

// TestWindowAfter: a window ends on the day time.AddDate gives, for every
// start day of 2023 and 2024 (a leap year), month ends included.
func TestWindowAfter(t *testing.T) {
	windows := []Window{{180, 'd'}, {26, 'w'}, {1, 'm'}, {6, 'm'}, {1, 'y'}, {4, 'y'}}
	for d := (civil.Date{Year: 2023, Month: 1, Day: 1}); d.Year < 2025; d = d.AddDays(1) {
		start := d.In(time.UTC)
		for _, w := range windows {
			var want time.Time
			switch w.Unit {
			case 'd':
				want = start.AddDate(0, 0, w.N)
			case 'w':
				want = start.AddDate(0, 0, 7*w.N)
			case 'm':
				want = start.AddDate(0, w.N, 0)
			case 'y':
				want = start.AddDate(w.N, 0, 0)
			}
			if got := w.After(d); got != civil.DateOf(want) {
				t.Fatalf("%s after %s = %s, want %s", w, d, got, civil.DateOf(want))
			}
		}
	}
	for _, tt := range []struct {
		w          Window
		start, end string
	}{
		{Window{1, 'm'}, "2026-01-31", "2026-03-03"},
		{Window{1, 'm'}, "2024-01-31", "2024-03-02"},
		{Window{1, 'y'}, "2024-02-29", "2025-03-01"},
		{Window{180, 'd'}, "2026-11-22", "2027-05-21"},
	} {
		start, _ := civil.ParseDate(tt.start)
		if got := tt.w.After(start).String(); got != tt.end {
			t.Errorf("%s after %s = %s, want %s", tt.w, tt.start, got, tt.end)
		}
	}
}

func TestDateSetting(t *testing.T) {
	for _, s := range []string{"2026-11-22", "2024-02-29"} {
		var d Date
		if err := d.Set(s); err != nil || d.String() != s {
			t.Errorf("Set(%q) = %s, %v", s, d.String(), err)
		}
	}
	for _, s := range []string{"", "2026-02-29", "2026-13-01", "22/11/2026", "2026-11-22T00:00:00Z", " 2026-11-22", "2026-1-2", "tomorrow"} {
		var d Date
		if err := d.Set(s); err == nil || err.Error() != "want YYYY-MM-DD" || !d.IsZero() {
			t.Errorf("Set(%q) = %s, %v; want it refused", s, d.String(), err)
		}
	}
	if (&Date{}).String() != "" {
		t.Error("no date must print as nothing")
	}
	if got := Today(time.Date(2026, 11, 22, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*3600))); got.String() != "2026-11-23" {
		t.Errorf("Today is the UTC day: %s", got)
	}
	if !Midnight(civil.Date{}).IsZero() || Midnight(civil.Date{Year: 2026, Month: 11, Day: 22}) != time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC) {
		t.Error("Midnight")
	}
}

func TestSunset(t *testing.T) {
	for s, want := range map[string]string{
		"2027-01-31":                "2027-01-31",
		"2027-01-31T23:00:00Z":      "2027-01-31",
		"2027-01-31T23:00:00-05:00": "2027-01-31", // the day where it is written
	} {
		if d, ok := Sunset(s); !ok || d.String() != want {
			t.Errorf("Sunset(%q) = %s, %v; want %s", s, d, ok, want)
		}
	}
	for _, s := range []string{"", "soon", "2027-02-30", "31/01/2027"} {
		if _, ok := Sunset(s); ok {
			t.Errorf("Sunset(%q) read a day", s)
		}
	}
	for _, tt := range []struct {
		a, b  string
		later bool
	}{
		{"2027-03-01", "2027-01-31", true},
		{"2027-01-31", "2027-03-01", false},
		{"2027-01-31", "2027-01-31", false},
		{"2027-01-31T10:00:00Z", "2027-01-31", false}, // the same day
		{"2027-02-01T00:00:00Z", "2027-01-31", true},
		{"2027-01-31", "", true},
		{"2027-01-31", "soon", true},
		{"soon", "2027-01-31", false},
		{"soon", "", true},
		{"later", "soon", false},
	} {
		if got := LaterSunset(tt.a, tt.b); got != tt.later {
			t.Errorf("LaterSunset(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}
