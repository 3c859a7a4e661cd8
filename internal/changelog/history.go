package changelog

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"cloud.google.com/go/civil"

	"github.com/apibump/apibump/internal/safefile"
	"github.com/apibump/apibump/internal/scheme"
)

// File is a CHANGELOG.md split into its parts: the title and introduction,
// an optional [Unreleased] section, and the released entries, newest first.
type File struct {
	Header     []string
	Unreleased []string
	Entries    []FileEntry
	// EOL is the file's own line ending ("\n" or "\r\n", from its first
	// line); Bytes writes every line with it.
	EOL string
}

// FileEntry is one released entry of a changelog file.
type FileEntry struct {
	Version string
	Lines   []string
	// Supported is the supported-versions record the entry carries (nil
	// when it has none: a hand-written entry).
	Supported []Major
	// Date is the release date the record gives ("" without a record).
	Date      string
	hasRecord bool
}

// DefaultHeader starts a changelog apibump creates.
const DefaultHeader = `# Changelog

All notable changes to this API are documented in this file.
The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/);
versions follow the API's own scheme and are computed by [apibump](https://github.com/apibump/apibump).
`

var entryHeadingRe = regexp.MustCompile(`^##\s+\[([^\]]+)\]`)

// ParseFile reads a changelog; empty data gives the default header. name
// is the file as the user knows it, for messages. Every supported-versions
// record of the file is read and checked: one that is malformed or invalid
// is an error naming the file and the line, never skipped nor carried
// forward.
func ParseFile(name string, data []byte) (*File, error) {
	f := &File{EOL: "\n"}
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte(DefaultHeader)
	}
	if i := bytes.IndexByte(data, '\n'); i > 0 && data[i-1] == '\r' {
		f.EOL = "\r\n"
	}
	text := strings.TrimRight(string(data), "\n")
	if f.EOL == "\r\n" {
		text = strings.TrimRight(text, "\r\n")
	}
	lines := strings.Split(text, "\n")
	cur := &f.Header
	var entry *FileEntry
	for i, line := range lines {
		if f.EOL == "\r\n" {
			line = strings.TrimSuffix(line, "\r")
		}
		if m := entryHeadingRe.FindStringSubmatch(line); m != nil {
			entry = nil
			if strings.EqualFold(m[1], "unreleased") {
				cur = &f.Unreleased
			} else {
				f.Entries = append(f.Entries, FileEntry{Version: m[1]})
				entry = &f.Entries[len(f.Entries)-1]
				cur = &entry.Lines
			}
		}
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), stateMarker); ok {
			where := fmt.Sprintf("%s:%d: supported-versions record", name, i+1)
			if entry == nil {
				return nil, fmt.Errorf("%s outside a release entry; apibump reads it only under a \"## [version]\" heading", where)
			}
			if entry.hasRecord {
				return nil, fmt.Errorf("%s: a second one in the entry of %s; keep one", where, safefile.Quote(entry.Version))
			}
			st, err := readRecord(rest)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", where, err)
			}
			if st.Version != entry.Version {
				return nil, fmt.Errorf("%s: it is for version %s but sits in the entry of %s", where, safefile.Quote(st.Version), safefile.Quote(entry.Version))
			}
			entry.hasRecord, entry.Supported, entry.Date = true, st.Supported, st.Date
			if entry.Supported == nil {
				entry.Supported = []Major{}
			}
		}
		*cur = append(*cur, line)
	}
	return f, nil
}

// Upsert puts an entry for version at the top of the released entries, or
// in place of the entry that already has that version.
func (f *File) Upsert(version string, markdown []byte) {
	lines := strings.Split(strings.TrimRight(string(markdown), "\n"), "\n")
	e := FileEntry{Version: version, Lines: lines}
	for i := range f.Entries {
		if f.Entries[i].Version == version {
			f.Entries[i] = e
			return
		}
	}
	f.Entries = append([]FileEntry{e}, f.Entries...)
}

// History returns the supported-versions state a release of version
// starts from: the record of the newest entry other than version (nil when
// that entry was not written by apibump), with what an entry of version
// itself recorded laid over it. Releasing a version again, on any day,
// thereby keeps every major and sunset its first release recorded.
func (f *File) History(version string) []Major {
	var same, older []Major
	seenOlder := false
	for _, e := range f.Entries {
		if e.Version == version {
			if same == nil {
				same = e.Supported
			}
			continue
		}
		if !seenOlder {
			older, seenOlder = e.Supported, true
		}
	}
	if same == nil {
		return older
	}
	out := slices.Clone(same)
	for _, m := range older {
		if !slices.ContainsFunc(out, func(o Major) bool { return scheme.MajorLabel(o.Major) == scheme.MajorLabel(m.Major) }) {
			out = append(out, m)
		}
	}
	return out
}

// ReleasedOn is the release date the record of version's entry gives: a
// release of that version again (a rerun) keeps it, so that its entry, its
// window and its record come out the same.
func (f *File) ReleasedOn(version string) (civil.Date, bool) {
	for _, e := range f.Entries {
		if e.Version == version && e.Date != "" {
			d, err := civil.ParseDate(e.Date)
			return d, err == nil
		}
	}
	return civil.Date{}, false
}

// Bytes renders the changelog, each part separated by one blank line.
func (f *File) Bytes() []byte {
	var b bytes.Buffer
	write := func(lines []string) {
		if len(lines) == 0 {
			return
		}
		text := strings.Trim(strings.Join(lines, "\n"), "\n")
		if b.Len() > 0 {
			b.WriteString(f.EOL)
		}
		b.WriteString(strings.ReplaceAll(text, "\n", f.EOL))
		b.WriteString(f.EOL)
	}
	write(f.Header)
	write(f.Unreleased)
	for _, e := range f.Entries {
		write(e.Lines)
	}
	return b.Bytes()
}
