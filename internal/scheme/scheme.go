// Package scheme is the one place that knows version schemes: the Scheme
// of an API's info.version (semver, major-minor, integer, date), detected
// or given; the next version after a bump and the comparison of two
// versions; the Bump a set of classes requires; and the labels of major
// lines (v2, a date) with their order, whatever says them (info.version,
// a path segment, a header value, a changelog record).
package scheme

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/Masterminds/semver/v3"
)

// Scheme is the shape of an API's info.version and the way it moves.
type Scheme string

const (
	// Semver is MAJOR.MINOR.PATCH with an optional prerelease and build
	// ("1.4.2", "v1.4.2", "1.4.2-beta.1").
	Semver Scheme = "semver"
	// MajorMinor is MAJOR.MINOR ("1.4", "v1.4").
	MajorMinor Scheme = "major-minor"
	// Integer is a single number ("3", "v3"); it moves on breaking changes only.
	Integer Scheme = "integer"
	// Date is a release date YYYY-MM-DD with an optional suffix
	// ("2024-01-15", "2024-01-15-preview"); it moves on breaking changes only.
	Date Scheme = "date"
)

// dateLayout is the layout of the date scheme.
const dateLayout = "2006-01-02"

var (
	majorMinorRE = regexp.MustCompile(`^(v?)(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$`)
	integerRE    = regexp.MustCompile(`^(v?)(0|[1-9][0-9]*)$`)
	dateRE       = regexp.MustCompile(`^([0-9]{4}-[0-9]{2}-[0-9]{2})(-[0-9A-Za-z][0-9A-Za-z.-]*)?$`)
)

// Detect tells the scheme from the base document's info.version:
// "1.4.2", "v1.4.2" or "1.4.2-beta.1" is semver; "1.4" or "v1.4" major-minor;
// "3" or "v3" integer; "2024-01-15" or "2024-01-15-preview" date.
func Detect(version string) (Scheme, error) {
	if _, _, err := parseSemver(version); err == nil {
		return Semver, nil
	}
	if majorMinorRE.MatchString(version) {
		return MajorMinor, nil
	}
	if integerRE.MatchString(version) {
		return Integer, nil
	}
	if _, _, err := parseDate(version); err == nil {
		return Date, nil
	}
	return "", fmt.Errorf("cannot tell the version scheme of %s: it is not semver (1.4.2), major-minor (1.4), integer (3) or date (2024-01-15); set it with --scheme", quoteVersion(version))
}

// Next returns the version that follows base after a bump, keeping base's
// shape (a leading "v", a date suffix). BumpNone returns base unchanged. An
// empty scheme is detected from base.
//
//   - semver: major → 2.0.0, minor → 1.5.0, patch → 1.4.3. Below 1.0.0 every
//     step moves one place down, as Cargo does: major → 0.4.0 (from 0.3.1),
//     minor and patch → 0.3.2. A prerelease moves as Masterminds semver's
//     Inc* do: the prerelease and build are dropped and patch takes the
//     release itself (1.2.3-beta.1: patch → 1.2.3, minor → 1.3.0, major → 2.0.0).
//   - major-minor: major → 2.0, minor → 1.5, patch leaves it.
//   - integer: major → 4 (from 3); anything else leaves it.
//   - date: major → releaseDate as YYYY-MM-DD plus base's suffix, which must
//     be after base's date; anything else leaves it.
func (scheme Scheme) Next(base string, bump Bump, releaseDate time.Time) (string, error) {
	if bump.Rank() < 0 {
		return "", fmt.Errorf("unknown bump %q (want major, minor, patch or none)", bump)
	}
	if scheme == "" {
		s, err := Detect(base)
		if err != nil {
			return "", err
		}
		scheme = s
	}
	switch scheme {
	case Semver:
		return nextSemver(base, bump)
	case MajorMinor:
		prefix, major, minor, err := parseMajorMinor(base)
		if err != nil {
			return "", err
		}
		switch bump {
		case BumpMajor:
			if major == math.MaxUint64 {
				return "", fmt.Errorf("version %q: the major version cannot grow", base)
			}
			return fmt.Sprintf("%s%d.0", prefix, major+1), nil
		case BumpMinor:
			if minor == math.MaxUint64 {
				return "", fmt.Errorf("version %q: the minor version cannot grow", base)
			}
			return fmt.Sprintf("%s%d.%d", prefix, major, minor+1), nil
		}
		return base, nil
	case Integer:
		prefix, n, err := parseInteger(base)
		if err != nil {
			return "", err
		}
		if bump != BumpMajor {
			return base, nil
		}
		if n == math.MaxUint64 {
			return "", fmt.Errorf("version %q cannot grow", base)
		}
		return fmt.Sprintf("%s%d", prefix, n+1), nil
	case Date:
		date, suffix, err := parseDate(base)
		if err != nil {
			return "", err
		}
		if bump != BumpMajor {
			return base, nil
		}
		if releaseDate.IsZero() {
			return "", fmt.Errorf("version %q uses the date scheme: a breaking change needs a release date", base)
		}
		y, m, d := releaseDate.Date()
		release := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if !release.After(date) {
			return "", fmt.Errorf("release date %s is not after the date of version %q", release.Format(dateLayout), base)
		}
		return release.Format(dateLayout) + suffix, nil
	}
	return "", fmt.Errorf("unknown scheme %q (want semver, major-minor, integer or date)", scheme)
}

func nextSemver(base string, bump Bump) (string, error) {
	prefix, v, err := parseSemver(base)
	if err != nil {
		return "", err
	}
	if bump == BumpNone {
		return base, nil
	}
	if v.Major() == 0 {
		// Below 1.0.0 the minor number is the breaking one (the Cargo convention).
		switch bump {
		case BumpMajor:
			bump = BumpMinor
		case BumpMinor:
			bump = BumpPatch
		}
	}
	var next semver.Version
	switch bump {
	case BumpMajor:
		if v.Major() == math.MaxUint64 {
			return "", fmt.Errorf("version %q: the major version cannot grow", base)
		}
		next = v.IncMajor()
	case BumpMinor:
		if v.Minor() == math.MaxUint64 {
			return "", fmt.Errorf("version %q: the minor version cannot grow", base)
		}
		next = v.IncMinor()
	default:
		if v.Patch() == math.MaxUint64 && v.Prerelease() == "" {
			return "", fmt.Errorf("version %q: the patch version cannot grow", base)
		}
		next = v.IncPatch()
	}
	return prefix + next.String(), nil
}

// Compare compares two versions of the scheme: -1 when a is lower than b, 0
// when they are equal, 1 when a is higher. Semver follows semver precedence
// (Masterminds; a leading "v" is allowed); major-minor and integer compare
// their numbers; date compares the dates, and versions of the same date are
// equal only when their suffixes are (otherwise they are not comparable). An
// empty scheme is detected from a.
func (scheme Scheme) Compare(a, b string) (int, error) {
	if scheme == "" {
		s, err := Detect(a)
		if err != nil {
			return 0, err
		}
		scheme = s
	}
	switch scheme {
	case Semver:
		_, va, err := parseSemver(a)
		if err != nil {
			return 0, err
		}
		_, vb, err := parseSemver(b)
		if err != nil {
			return 0, err
		}
		return va.Compare(vb), nil
	case MajorMinor:
		_, ma, na, err := parseMajorMinor(a)
		if err != nil {
			return 0, err
		}
		_, mb, nb, err := parseMajorMinor(b)
		if err != nil {
			return 0, err
		}
		return cmp.Or(cmp.Compare(ma, mb), cmp.Compare(na, nb)), nil
	case Integer:
		_, na, err := parseInteger(a)
		if err != nil {
			return 0, err
		}
		_, nb, err := parseInteger(b)
		if err != nil {
			return 0, err
		}
		return cmp.Compare(na, nb), nil
	case Date:
		da, sa, err := parseDate(a)
		if err != nil {
			return 0, err
		}
		db, sb, err := parseDate(b)
		if err != nil {
			return 0, err
		}
		if c := da.Compare(db); c != 0 {
			return c, nil
		}
		if sa != sb {
			return 0, fmt.Errorf("versions %q and %q have the same date and different suffixes; they cannot be compared", a, b)
		}
		return 0, nil
	}
	return 0, fmt.Errorf("unknown scheme %q (want semver, major-minor, integer or date)", scheme)
}

// parseSemver parses a strict semantic version with an optional leading "v",
// which it returns as prefix.
func parseSemver(s string) (prefix string, v *semver.Version, err error) {
	if strings.HasPrefix(s, "v") {
		prefix = "v"
	}
	v, err = semver.StrictNewVersion(strings.TrimPrefix(s, prefix))
	if err != nil {
		return "", nil, fmt.Errorf("version %s is not semver (like 1.4.2 or v1.4.2)", quoteVersion(s))
	}
	return prefix, v, nil
}

func parseMajorMinor(s string) (prefix string, major, minor uint64, err error) {
	m := majorMinorRE.FindStringSubmatch(s)
	if m == nil {
		return "", 0, 0, fmt.Errorf("version %s is not major.minor (like 1.4 or v1.4)", quoteVersion(s))
	}
	if major, err = strconv.ParseUint(m[2], 10, 64); err != nil {
		return "", 0, 0, fmt.Errorf("version %s is not major.minor: %s is too large a number", quoteVersion(s), m[2])
	}
	if minor, err = strconv.ParseUint(m[3], 10, 64); err != nil {
		return "", 0, 0, fmt.Errorf("version %s is not major.minor: %s is too large a number", quoteVersion(s), m[3])
	}
	return m[1], major, minor, nil
}

func parseInteger(s string) (prefix string, n uint64, err error) {
	m := integerRE.FindStringSubmatch(s)
	if m == nil {
		return "", 0, fmt.Errorf("version %s is not an integer (like 3 or v3)", quoteVersion(s))
	}
	if n, err = strconv.ParseUint(m[2], 10, 64); err != nil {
		return "", 0, fmt.Errorf("version %s is not an integer: %s is too large a number", quoteVersion(s), m[2])
	}
	return m[1], n, nil
}

// parseDate parses YYYY-MM-DD with an optional suffix such as "-preview",
// which it returns with its hyphen.
func parseDate(s string) (date time.Time, suffix string, err error) {
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, "", fmt.Errorf("version %s is not a date (like 2024-01-15 or 2024-01-15-preview)", quoteVersion(s))
	}
	date, err = time.Parse(dateLayout, m[1])
	if err != nil {
		return time.Time{}, "", fmt.Errorf("version %s is not a date: %s is not a day of the calendar", quoteVersion(s), m[1])
	}
	return date, m[2], nil
}

// quoteVersion quotes a version for a message: escaped, cut short (it
// comes from the document).
func quoteVersion(s string) string {
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return strconv.QuoteToGraphic(s)
}
