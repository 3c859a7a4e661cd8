package changelog

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/safefile"
)

// labelRe is what a version or a major label may be, so that it can be
// written into a heading, a table cell and the hidden record as it is:
// letters, digits, '.', '-', '+' and '_' (1.4.2, v3, 0.9, 2024-01-15-preview,
// 1.0.0+build.7), starting with a letter or a digit. Nothing in it can end
// the HTML comment, split a table cell or close the heading's brackets.
var labelRe = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.+_-]{0,127}$`)

// ValidLabel reports whether s can be written as a version or major label
// into a changelog.
func ValidLabel(s string) bool { return labelRe.MatchString(s) }

// labelRule says what ValidLabel accepts, for messages.
const labelRule = "a version is letters, digits, '.', '-', '+' and '_', starting with a letter or digit, at most 128 characters"

// Check refuses an entry whose version or majors cannot be written into a
// changelog as they are (a major named "-->" would end the hidden record
// and break the table).
func (e *Entry) Check() error {
	if !ValidLabel(e.Version) {
		return fmt.Errorf("version %s cannot be written into a changelog: %s", safefile.Quote(e.Version), labelRule)
	}
	if d := e.Deprecation; d != nil && !ValidLabel(d.PreviousMajor) {
		return fmt.Errorf("major %s cannot be written into a changelog: %s", safefile.Quote(d.PreviousMajor), labelRule)
	}
	for _, m := range e.Supported {
		if !ValidLabel(m.Major) {
			return fmt.Errorf("major %s cannot be written into a changelog: %s", safefile.Quote(m.Major), labelRule)
		}
	}
	return nil
}

// readRecord reads the part of a supported-versions record line after the
// marker: a JSON object, then "-->". It checks what apibump relies on: the
// version and each major are labels, the date and each sunset are real
// dates, each status is known, a major appears once and one at most is
// current. The error says what is wrong, never quoting more than an excerpt.
func readRecord(rest string) (*state, error) {
	body, ok := strings.CutSuffix(strings.TrimSpace(rest), "-->")
	if !ok {
		return nil, errors.New(`it does not end with "-->" on the same line`)
	}
	dec := json.NewDecoder(strings.NewReader(body))
	var st state
	if err := dec.Decode(&st); err != nil {
		return nil, jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("text after the JSON object")
	}
	if strings.Contains(body, "-->") || strings.Contains(body, "--!>") {
		return nil, errors.New(`"-->" inside the record ends the comment early`)
	}
	if !ValidLabel(st.Version) {
		return nil, fmt.Errorf("version %s: %s", safefile.Quote(st.Version), labelRule)
	}
	if !isDate(st.Date) {
		return nil, fmt.Errorf("date %s: want YYYY-MM-DD", safefile.Quote(st.Date))
	}
	seen := map[string]bool{}
	current := ""
	for _, m := range st.Supported {
		if !ValidLabel(m.Major) {
			return nil, fmt.Errorf("major %s: %s", safefile.Quote(m.Major), labelRule)
		}
		if seen[m.Major] {
			return nil, fmt.Errorf("major %s is listed twice", safefile.Quote(m.Major))
		}
		seen[m.Major] = true
		switch m.Status {
		case StatusCurrent:
			if current != "" {
				return nil, fmt.Errorf("majors %s and %s are both current", safefile.Quote(current), safefile.Quote(m.Major))
			}
			current = m.Major
		case StatusDeprecated, StatusRetired:
		default:
			return nil, fmt.Errorf("major %s: status %s: want current, deprecated or retired", safefile.Quote(m.Major), safefile.Quote(m.Status))
		}
		if m.Sunset != "" && !isDate(m.Sunset) {
			return nil, fmt.Errorf("major %s: sunset %s: want YYYY-MM-DD", safefile.Quote(m.Major), safefile.Quote(m.Sunset))
		}
	}
	return &st, nil
}

// isDate reports whether s is a real date written YYYY-MM-DD.
func isDate(s string) bool {
	var d config.Date
	return d.Set(s) == nil && d.String() == s
}

// jsonError words a decoding error without Go type names.
func jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("not valid JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return fmt.Errorf("want a JSON object, got %s", article(typ.Value))
		}
		return fmt.Errorf("%s: want %s, got %s", field, jsonKind(typ.Type.Kind().String()), article(typ.Value))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the JSON object is cut short")
	}
	return errors.New("not valid JSON")
}

// article puts "a" or "an" before a JSON kind.
func article(kind string) string {
	if strings.IndexByte("aeiou", kind[0]) >= 0 {
		return "an " + kind
	}
	return "a " + kind
}

// jsonKind names a Go kind as JSON does.
func jsonKind(k string) string {
	switch k {
	case "string":
		return "a string"
	case "slice", "array":
		return "a list"
	case "struct", "map":
		return "an object"
	}
	return k
}
