// Package release is the release-pipeline step: it decides the version a
// release ships (Decide), writes it into the revision's info.version,
// touching no other byte of the file (Stamp), and writes the changelog and
// the revision together or not at all (Write).
package release

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/apibump/apibump/internal/spec"
)

// Stamp returns the file's bytes with the value of info.version replaced by
// version. Quotes, comments, key order and layout stay as they were.
func Stamp(f *spec.File, version string) ([]byte, error) {
	node := f.Root.Get("info").Get("version")
	if node == nil {
		return nil, fmt.Errorf("%s: no info.version to write the version into", f.Name)
	}
	if node.Kind == spec.Object || node.Kind == spec.Array {
		return nil, fmt.Errorf("%s:%d: info.version is not a plain value", f.Name, node.Pos.Line)
	}
	start, err := offset(f.Data, int(node.Pos.Line), int(node.Pos.Col))
	if err != nil {
		return nil, fmt.Errorf("%s:%d: %w", f.Name, node.Pos.Line, err)
	}
	end, quote, err := tokenEnd(f.Data, start)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: %w", f.Name, node.Pos.Line, err)
	}
	var repl string
	switch quote {
	case '"':
		b, _ := json.Marshal(version)
		repl = string(b)
	case '\'':
		repl = "'" + strings.ReplaceAll(version, "'", "''") + "'"
	default:
		repl = version
	}
	out := make([]byte, 0, len(f.Data)+len(repl))
	out = append(out, f.Data[:start]...)
	out = append(out, repl...)
	out = append(out, f.Data[end:]...)
	// Read it back: the version must now be what was asked, and nothing else may move.
	check, err := spec.ParseFile(f.Name, f.Key, out, true)
	if err != nil {
		return nil, fmt.Errorf("%s: writing the version would break the file: %w", f.Name, err)
	}
	if got := check.Root.Get("info").Get("version"); got == nil || got.Value != version {
		return nil, fmt.Errorf("%s: could not write version %q into info.version", f.Name, version)
	}
	return out, nil
}

// offset turns a 1-based line and column (in characters) into a byte offset.
func offset(data []byte, line, col int) (int, error) {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return 0, errors.New("position past the end of the file")
		}
		off += i + 1
	}
	for c := 1; c < col; c++ {
		if off >= len(data) || data[off] == '\n' {
			return 0, errors.New("position past the end of the line")
		}
		_, n := utf8.DecodeRune(data[off:])
		off += n
	}
	return off, nil
}

// tokenEnd finds where the scalar starting at off ends, and its quote.
func tokenEnd(data []byte, off int) (int, byte, error) {
	if off >= len(data) {
		return 0, 0, errors.New("no value")
	}
	switch q := data[off]; q {
	case '"':
		for i := off + 1; i < len(data); i++ {
			switch data[i] {
			case '\\':
				i++
			case '"':
				return i + 1, q, nil
			case '\n':
				return 0, 0, errors.New("a multi-line version is not supported")
			}
		}
	case '\'':
		for i := off + 1; i < len(data); i++ {
			if data[i] == '\'' {
				if i+1 < len(data) && data[i+1] == '\'' {
					i++
					continue
				}
				return i + 1, q, nil
			}
			if data[i] == '\n' {
				return 0, 0, errors.New("a multi-line version is not supported")
			}
		}
	case '|', '>':
		return 0, 0, errors.New("a block scalar version is not supported")
	default:
		end := off
		for end < len(data) {
			c := data[end]
			if c == '\n' || c == '\r' || c == ',' || c == '}' || c == ']' || c == '#' && end > off && (data[end-1] == ' ' || data[end-1] == '\t') {
				break
			}
			end++
		}
		for end > off && (data[end-1] == ' ' || data[end-1] == '\t') {
			end--
		}
		return end, 0, nil
	}
	return 0, 0, errors.New("unterminated quoted version")
}
