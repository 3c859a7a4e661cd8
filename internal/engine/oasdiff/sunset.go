package oasdiff

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"
	"unsafe"

	"cloud.google.com/go/civil"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	odiff "github.com/oasdiff/oasdiff/diff"

	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/upstream"
)

// oasdiff's checks judge an x-sunset against the clock (time.Now in
// checker/internal/deprecation), with no option to give them another day:
// a deprecated element removed "before the sunset" one day passes silently
// the next, and a comparison run for a release date (--date) is judged for
// today. So that oasdiff judges the day of the comparison, every x-sunset
// oasdiff reads is moved by the days between that day and today (both
// sides alike: which of two dates comes first, and how far a date is from
// "now", stay as they are), and the dates its findings name are moved back.

// sunsetShift moves the x-sunset dates of two kin-openapi models.
type sunsetShift struct {
	days  int
	moved map[string]string // a moved date as oasdiff prints it → the date as written
	undo  []func()
	seen  map[*openapi3.Schema]bool
	done  map[unsafe.Pointer]bool // the extension maps moved: a map shared by copies of an element moves once
}

// shiftSunsets moves every readable x-sunset of the path items,
// operations, parameters, headers and schemas of both models so that oasdiff, reading today's
// clock, judges them as on day; nil when there is nothing to move (day is
// today, or not given). restore puts the models back.
func shiftSunsets(day civil.Date, models ...*openapi3.T) *sunsetShift {
	if !day.IsValid() {
		return nil
	}
	days := civil.DateOf(time.Now()).DaysSince(day)
	if days == 0 {
		return nil
	}
	s := &sunsetShift{days: days, moved: map[string]string{}, seen: map[*openapi3.Schema]bool{}, done: map[unsafe.Pointer]bool{}}
	for _, m := range models {
		if m != nil {
			upstream.WalkModel(m, upstream.ModelVisitor{Extensions: s.extensions, Schema: s.schema})
		}
	}
	return s
}

func (s *sunsetShift) restore() {
	if s == nil {
		return
	}
	for _, f := range s.undo {
		f()
	}
}

// extensions moves the x-sunset of one element, when it is a date.
func (s *sunsetShift) extensions(ext map[string]any) {
	v, ok := ext[odiff.SunsetExtension]
	if !ok || s.done[reflect.ValueOf(ext).UnsafePointer()] {
		return
	}
	s.done[reflect.ValueOf(ext).UnsafePointer()] = true
	text, raw := v.(string)
	if r, isRaw := v.(json.RawMessage); isRaw {
		if json.Unmarshal(r, &text) != nil {
			return
		}
	} else if !raw {
		return
	}
	d, ok := config.Sunset(text)
	if !ok {
		return
	}
	moved := d.AddDays(s.days)
	s.moved[moved.String()] = d.String()
	ext[odiff.SunsetExtension] = moved.String()
	s.undo = append(s.undo, func() { ext[odiff.SunsetExtension] = v })
}

// findings moves back the dates oasdiff's findings name: a date argument
// by the shift, a date in a finding's details by the dates moved.
func (s *sunsetShift) findings(changes checker.Changes) {
	if s == nil {
		return
	}
	// One pass over each text: a date put back is never moved again (a
	// date as written may be another's moved one), whatever the map's order.
	pairs := make([]string, 0, 2*len(s.moved))
	for moved, written := range s.moved {
		pairs = append(pairs, moved, written)
	}
	back := strings.NewReplacer(pairs...)
	for i, ch := range changes {
		for j, a := range ch.GetArgs() {
			if d, ok := a.(civil.Date); ok {
				ch.GetArgs()[j] = d.AddDays(-s.days)
			}
		}
		if ac, ok := ch.(checker.ApiChange); ok && ac.Details != "" {
			ac.Details = back.Replace(ac.Details)
			changes[i] = ac
		}
	}
}

// schema moves the sunsets of a schema and the schemas below it, each
// schema once however many places reach it.
func (s *sunsetShift) schema(sr *openapi3.SchemaRef) {
	if sr == nil || sr.Value == nil || s.seen[sr.Value] {
		return
	}
	s.seen[sr.Value] = true
	s.extensions(sr.Value.Extensions)
	upstream.EachSubschema(sr.Value, func(_ string, c *openapi3.SchemaRef) { s.schema(c) })
}
