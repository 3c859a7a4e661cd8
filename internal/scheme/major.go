package scheme

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Major lines are named by labels: "v" and the major number (v2), "v0." and
// the minor below 1.0.0 under semver (v0.3), or a date (2024-01-15).

var (
	majorValueRe = regexp.MustCompile(`^[vV]?(\d+)(?:\.\d+){0,2}$`)
	majorDateRe  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// ParseMajor reads a version written where an API offers its majors (a
// path segment, a header, query or media type parameter value) as the
// label of its major: v2 for 2, 2.1 or v2, the date itself for a date.
func ParseMajor(val string) (string, bool) {
	val = strings.TrimSpace(val)
	if m := majorValueRe.FindStringSubmatch(val); m != nil {
		return "v" + trimZeros(m[1]), true
	}
	if majorDateRe.MatchString(val) {
		return val, true
	}
	return "", false
}

// trimZeros drops leading zeros from a number, keeping one digit.
func trimZeros(s string) string {
	t := strings.TrimLeft(s, "0")
	if t == "" {
		return "0"
	}
	return t
}

// Major is the label of the major line a version of the scheme belongs to:
// v2 for 2.4.1, v2.4.1 (semver) or 2.4 (major-minor), v3 for 3 (integer);
// below 1.0.0 under semver, where the minor is the breaking number (the
// Cargo convention Next follows), v0.3 for 0.3.1; the version itself under
// the date scheme. A version that starts with no number keeps its first
// part as it is.
func (scheme Scheme) Major(version string) string {
	if scheme == Date {
		return version
	}
	v := strings.TrimSpace(version)
	prefix := ""
	if strings.HasPrefix(v, "v") || strings.HasPrefix(v, "V") {
		prefix, v = v[:1], v[1:]
	}
	parts := strings.SplitN(strings.SplitN(v, "-", 2)[0], ".", 3)
	if len(parts) == 0 || parts[0] == "" {
		return version
	}
	if !digits(parts[0]) {
		return prefix + parts[0]
	}
	if scheme == Semver && parts[0] == "0" && len(parts) > 1 && digits(parts[1]) {
		return "v0." + parts[1]
	}
	return "v" + parts[0]
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// MajorLabel is the label of a major as a changelog record written by an
// earlier apibump, or by hand, may name it: 2 and V2 are v2, 0.9 is v0.9;
// any other text is kept.
func MajorLabel(m string) string {
	n, ok := majorNumbers(m)
	if !ok {
		return m
	}
	parts := make([]string, len(n))
	for i, x := range n {
		parts[i] = strconv.Itoa(x)
	}
	return "v" + strings.Join(parts, ".")
}

// majorNumbers reads a numbered label: [2] for v2 or 2, [0 3] for v0.3.
func majorNumbers(m string) ([]int, bool) {
	if strings.Contains(m, "-") {
		return nil, false
	}
	s := strings.TrimLeft(m, "vV")
	if n, err := strconv.Atoi(s); err == nil {
		return []int{n}, true
	}
	a, b, ok := strings.Cut(s, ".")
	if !ok {
		return nil, false
	}
	na, errA := strconv.Atoi(a)
	nb, errB := strconv.Atoi(b)
	if errA != nil || errB != nil {
		return nil, false
	}
	return []int{na, nb}, true
}

// CompareMajors orders major labels: numbered ones by their numbers (v0.3
// before v1, v2 before v10), before the others (dates), which are ordered
// as text.
func CompareMajors(a, b string) int {
	na, okA := majorNumbers(a)
	nb, okB := majorNumbers(b)
	switch {
	case okA && okB:
		return slices.Compare(na, nb)
	case okA:
		return -1
	case okB:
		return 1
	}
	return strings.Compare(a, b)
}

// MajorNumber returns N for a "vN" or "N" major label.
func MajorNumber(m string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimLeft(m, "vV"))
	return n, err == nil && !strings.Contains(m, "-")
}

// FirstOf returns the first version of major m in the scheme, with the
// leading v of the version like: 2.0.0 (semver), 2.0 (major-minor) or 2
// (integer) for v2; the release date under the date scheme; m itself for
// a major without a number.
func (scheme Scheme) FirstOf(m, like string, date time.Time) string {
	n, ok := MajorNumber(m)
	if !ok || scheme == Date {
		if scheme == Date {
			return date.Format(dateLayout)
		}
		return m
	}
	prefix := ""
	if strings.HasPrefix(like, "v") || strings.HasPrefix(like, "V") {
		prefix = like[:1]
	}
	switch scheme {
	case Semver:
		return fmt.Sprintf("%s%d.0.0", prefix, n)
	case MajorMinor:
		return fmt.Sprintf("%s%d.0", prefix, n)
	}
	return fmt.Sprintf("%s%d", prefix, n)
}

// NextMajor is the label of the major after m: v3 after v2; "" for dates.
func NextMajor(m string) string {
	if n, ok := MajorNumber(m); ok {
		return "v" + strconv.Itoa(n+1)
	}
	return ""
}
