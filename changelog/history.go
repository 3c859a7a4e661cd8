package changelog

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
)

// File is a CHANGELOG.md split into its parts: the title and introduction,
// an optional [Unreleased] section, and the released entries, newest first.
type File struct {
	Header     []string
	Unreleased []string
	Entries    []FileEntry
}

// FileEntry is one released entry of a changelog file.
type FileEntry struct {
	Version string
	Lines   []string
}

// DefaultHeader starts a changelog apibump creates.
const DefaultHeader = `# Changelog

All notable changes to this API are documented in this file.
The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/);
versions follow the API's own scheme and are computed by [apibump](https://github.com/apibump/apibump).
`

var entryHeadingRe = regexp.MustCompile(`^##\s+\[([^\]]+)\]`)

// ParseFile reads a changelog; empty data gives the default header.
func ParseFile(data []byte) *File {
	f := &File{}
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte(DefaultHeader)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	cur := &f.Header
	for _, line := range lines {
		if m := entryHeadingRe.FindStringSubmatch(line); m != nil {
			if strings.EqualFold(m[1], "unreleased") {
				cur = &f.Unreleased
			} else {
				f.Entries = append(f.Entries, FileEntry{Version: m[1]})
				cur = &f.Entries[len(f.Entries)-1].Lines
			}
		}
		*cur = append(*cur, line)
	}
	return f
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

// History returns the supported-versions state recorded by the newest entry
// other than version, or nil.
func (f *File) History(version string) []Major {
	for _, e := range f.Entries {
		if e.Version == version {
			continue
		}
		for _, line := range e.Lines {
			if rest, ok := strings.CutPrefix(strings.TrimSpace(line), stateMarker); ok {
				var st state
				if json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimSpace(rest), "-->")), &st) == nil {
					return st.Supported
				}
			}
		}
		return nil // the newest earlier entry was not written by apibump
	}
	return nil
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
			b.WriteString("\n")
		}
		b.WriteString(text)
		b.WriteString("\n")
	}
	write(f.Header)
	write(f.Unreleased)
	for _, e := range f.Entries {
		write(e.Lines)
	}
	return b.Bytes()
}
