package config

import (
	"errors"
	"time"

	"cloud.google.com/go/civil"
)

// Dates are days of the calendar (civil.Date), never strings compared
// with <: the release date, an exemption's until, a sunset, the end of a
// deprecation window.

// Date is a day given as YYYY-MM-DD, a real day of the calendar: the
// release date (--date), an exemption's until.
type Date struct{ civil.Date }

// Set reads YYYY-MM-DD.
func (d *Date) Set(s string) error {
	v, err := civil.ParseDate(s)
	if err != nil {
		return errors.New("want YYYY-MM-DD")
	}
	d.Date = v
	return nil
}

// String writes YYYY-MM-DD; "" for no date.
func (d *Date) String() string {
	if d == nil || d.IsZero() {
		return ""
	}
	return d.Date.String()
}

// Type is the kind of value a flag's usage shows.
func (d *Date) Type() string { return "string" }

// Today is the day it is at t in UTC.
func Today(t time.Time) civil.Date { return civil.DateOf(t.UTC()) }

// Sunset reads a sunset as oasdiff does (x-sunset): a day YYYY-MM-DD or an
// RFC 3339 time, whose own day it is; false for anything else.
func Sunset(s string) (civil.Date, bool) {
	if d, err := civil.ParseDate(s); err == nil {
		return d, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return civil.DateOf(t), true
	}
	return civil.Date{}, false
}

// LaterSunset tells whether the sunset a is later than b: by their days
// when both are dates; a date is later than what is not one ("" included);
// two texts that are not dates compare as text.
func LaterSunset(a, b string) bool {
	da, okA := Sunset(a)
	db, okB := Sunset(b)
	switch {
	case okA && okB:
		return da.After(db)
	case okA != okB:
		return okA
	}
	return a > b
}

// Midnight is the start of the day d in UTC; the zero time for no date.
func Midnight(d civil.Date) time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return d.In(time.UTC)
}
