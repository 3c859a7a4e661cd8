package spec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v4"
)

// File is one parsed source file of a document (the root spec or a file it references).
type File struct {
	Name   string // the path shown to users (as given, or relative to the working directory)
	Key    string // the absolute location used to resolve references
	Format string // "json" or "yaml"
	Root   *Node
	Data   []byte // the bytes as read; never modified (the strings of a JSON file's tree share them)
	// Warnings say what the file holds that was read anyway: keys repeated
	// in a JSON object (the last one wins, as JSON parsers read it).
	Warnings []Warning
	// token names the file in the origins given to oasdiff: a plain word,
	// since oasdiff rewrites names that look like "-" or "REF:path".
	token string
}

// Token names the file in the origins given to oasdiff: a plain word, unique
// to the file, since oasdiff rewrites names that look like "-" or "REF:path".
func (f *File) Token() string { return f.token }

var fileSeq atomic.Int64

// maxAliasExpansion bounds how many nodes YAML aliases may add by expansion
// before the document is refused as an alias bomb.
const maxAliasExpansion = 2_000_000

// ParseError is a syntax or structure error in a source file, with the line when known.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// goYAMLPosRe reads go-yaml v4's "... at L8.C1: message" positions, and
// its ranges ("at L3.C9-C20002", "at L3.C9-L4.C1", "at L2").
var goYAMLPosRe = regexp.MustCompile(`^(.*?)\s*at L(\d+)(?:\.C(\d+))?(?:-(?:L\d+(?:\.C\d+)?|C\d+))?(?::)?(.*)$`)

var whileRe = regexp.MustCompile(`go-yaml load error in \w+ |\(while [^)]*\)`)

var yamlLineRe = regexp.MustCompile(`^(?:yaml: )?(?:line (\d+): )?(.*)$`)

// newParseError turns a YAML parser error into a one-line ParseError.
func newParseError(name string, err error) *ParseError {
	msg := strings.TrimSpace(err.Error())
	msg = strings.ReplaceAll(msg, "\n", "; ")
	pe := &ParseError{File: name, Msg: msg}
	if m := goYAMLPosRe.FindStringSubmatch(msg); m != nil {
		pe.Line, _ = strconv.Atoi(m[2])
		pe.Msg = strings.TrimSpace(m[1] + m[4])
		if i := strings.Index(pe.Msg, "): "); i >= 0 && strings.Contains(pe.Msg[:i], "(while") {
			pe.Msg = pe.Msg[i+3:]
		}
		pe.Msg = strings.TrimSpace(whileRe.ReplaceAllString(pe.Msg, ""))
		return pe
	}
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil && m[1] != "" {
		pe.Line, _ = strconv.Atoi(m[1])
		pe.Msg = m[2]
	} else if i := strings.Index(msg, "line "); i >= 0 {
		var n int
		if _, err := fmt.Sscanf(msg[i:], "line %d", &n); err == nil {
			pe.Line = n
		}
	}
	return pe
}

// formatOf tells JSON from YAML by content, as parsers do.
func formatOf(data []byte) string {
	t := bytes.TrimSpace(data)
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return "json"
	}
	return "yaml"
}

// ParseFile parses YAML or JSON bytes into a Node tree with positions. A
// root document must be Swagger 2.0 or OpenAPI 3.0 or 3.1 (checkDialect);
// a referenced file may hold any YAML or JSON value.
func ParseFile(name, key string, data []byte, root bool) (*File, error) {
	f := &File{Name: name, Key: key, Data: data, Format: formatOf(data),
		token: "apibump-file-" + strconv.FormatInt(fileSeq.Add(1), 10)}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &ParseError{File: name, Msg: "the file is empty"}
	}
	if !utf8.Valid(data) {
		return nil, &ParseError{File: name, Msg: "the file is not UTF-8 text"}
	}
	if f.Format == "json" {
		if n := scanJSON(f, data); n != nil {
			f.Root = n
		}
	}
	if f.Root == nil {
		f.Warnings = nil // the YAML path says them again
		if _, err := parseYAMLTree(f, data); err != nil {
			return nil, err
		}
	}
	if root {
		if err := checkDialect(f); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// parseYAMLTree parses a file through go-yaml (the parser kin-openapi
// uses) and converts the YAML nodes into the position tree. JSON is checked
// as JSON first, and the escapes YAML refuses are rewritten
// (normalizeJSONEscapes).
func parseYAMLTree(f *File, data []byte) (*File, error) {
	name := f.Name
	src := data
	if f.Format == "json" {
		if err := checkJSON(name, data); err != nil {
			return nil, err
		}
		src = normalizeJSONEscapes(data)
	}
	var top yaml.Node
	if err := yaml.Unmarshal(src, &top); err != nil {
		return nil, newParseError(name, err)
	}
	c := &converter{file: f, memo: map[*yaml.Node]*converted{}}
	n := &top
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil, &ParseError{File: name, Msg: "the file is empty"}
		}
		n = n.Content[0]
	}
	r, err := c.convert(n, Pos{})
	if err != nil {
		return nil, err
	}
	f.Root = r
	return f, nil
}

// normalizeJSONEscapes rewrites the JSON escapes YAML parsers refuse though
// they are valid JSON: "\/" becomes "/", a UTF-16 surrogate pair
// ("\ud83d\ude00") the character it stands for. The columns after one on
// its line shift by the bytes it saves; the JSON scanner reads the same
// rewritten bytes, so both paths agree.
func normalizeJSONEscapes(data []byte) []byte {
	if bytes.IndexByte(data, '\\') < 0 {
		return data
	}
	var out []byte
	last, scan := 0, 0
	for scan < len(data) {
		rel := bytes.IndexByte(data[scan:], '\\')
		if rel < 0 {
			break
		}
		esc := scan + rel
		repl, used := jsonEscape(data, esc)
		if used == 0 {
			scan = esc + 2
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(data))
		}
		out = append(out, data[last:esc]...)
		out = append(out, repl...)
		scan = esc + used
		last = scan
	}
	if out == nil {
		return data
	}
	return append(out, data[last:]...)
}

// jsonEscape reads the escape at data[esc] and returns what it is rewritten
// to, with the bytes it takes; none when it is kept.
func jsonEscape(data []byte, esc int) ([]byte, int) {
	if esc+1 >= len(data) {
		return nil, 0
	}
	switch data[esc+1] {
	case '/':
		return []byte{'/'}, 2
	case 'u':
		if esc+12 > len(data) {
			return nil, 0
		}
		hi, ok := hex4(data[esc+2 : esc+6])
		if !ok || hi < 0xD800 || hi > 0xDBFF || data[esc+6] != '\\' || data[esc+7] != 'u' {
			return nil, 0
		}
		lo, ok := hex4(data[esc+8 : esc+12])
		if !ok || lo < 0xDC00 || lo > 0xDFFF {
			return nil, 0
		}
		return utf8.AppendRune(nil, utf16.DecodeRune(hi, lo)), 12
	}
	return nil, 0
}

type converted struct {
	node *Node
	size int
}

type converter struct {
	file     *File
	memo     map[*yaml.Node]*converted
	distinct int
	expanded int
}

func (c *converter) errorf(y *yaml.Node, format string, args ...any) error {
	return &ParseError{File: c.file.Name, Line: y.Line, Msg: fmt.Sprintf(format, args...)}
}

func (c *converter) convert(y *yaml.Node, keyPos Pos) (*Node, error) {
	r, err := c.conv(y, keyPos)
	if err != nil {
		return nil, err
	}
	return r.node, nil
}

func (c *converter) conv(y *yaml.Node, keyPos Pos) (*converted, error) {
	if y.Kind == yaml.AliasNode {
		if y.Alias == nil {
			return nil, c.errorf(y, "unknown YAML alias %q", y.Value)
		}
		r, ok := c.memo[y.Alias]
		if !ok {
			return nil, c.errorf(y, "YAML alias %q refers to an anchor that is not defined before it", y.Value)
		}
		c.expanded += r.size
		if c.expanded > maxAliasExpansion && c.expanded > 10*c.distinct {
			return nil, c.errorf(y, "YAML aliases expand to more than %d nodes (an alias bomb?); refusing the document", maxAliasExpansion)
		}
		return r, nil
	}
	c.distinct++
	pos := Pos{int32(y.Line), int32(y.Column)}
	if keyPos.Line == 0 {
		keyPos = pos
	}
	n := &Node{Pos: pos, KeyPos: keyPos, End: pos, File: c.file}
	size := 1
	switch y.Kind {
	case yaml.MappingNode:
		n.Kind = Object
		seen := map[string]bool{}
		dup := false
		var merges []*yaml.Node
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, v := y.Content[i], y.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
				merges = append(merges, v)
				continue
			}
			if k.Kind != yaml.ScalarNode {
				return nil, c.errorf(k, "a mapping key must be a plain value")
			}
			if seen[k.Value] {
				// YAML forbids a repeated key; JSON parsers read the last one
				// (keepLastKeys, below).
				if c.file.Format != "json" {
					return nil, c.errorf(k, "duplicate key %q", k.Value)
				}
				dup = true
			}
			seen[k.Value] = true
			child, err := c.conv(v, Pos{int32(k.Line), int32(k.Column)})
			if err != nil {
				return nil, err
			}
			n.Keys = append(n.Keys, k.Value)
			n.Children = append(n.Children, child.node)
			size += child.size
		}
		// YAML merge keys (<<: *base) add the members the mapping does not set.
		for _, m := range merges {
			srcs := []*yaml.Node{m}
			if m.Kind == yaml.SequenceNode {
				srcs = m.Content
			}
			for _, s := range srcs {
				r, err := c.conv(s, Pos{})
				if err != nil {
					return nil, err
				}
				if r.node.Kind != Object {
					return nil, c.errorf(s, "a YAML merge key must refer to a mapping")
				}
				for i, k := range r.node.Keys {
					if !seen[k] {
						seen[k] = true
						n.Keys = append(n.Keys, k)
						n.Children = append(n.Children, r.node.Children[i])
					}
				}
				size += r.size
			}
		}
		if dup {
			c.file.keepLastKeys(n)
		} else {
			n.buildIndex()
		}
	case yaml.SequenceNode:
		n.Kind = Array
		for _, it := range y.Content {
			child, err := c.conv(it, Pos{})
			if err != nil {
				return nil, err
			}
			n.Children = append(n.Children, child.node)
			size += child.size
		}
	case yaml.ScalarNode:
		n.Value = y.Value
		switch y.ShortTag() {
		case "!!null":
			n.Kind = Null
			n.Value = "null"
		case "!!bool":
			n.Kind = Bool
			b, err := strconv.ParseBool(strings.ToLower(y.Value))
			if err != nil {
				return nil, c.errorf(y, "invalid boolean %q", y.Value)
			}
			n.Value = strconv.FormatBool(b)
		case "!!int", "!!float":
			n.Kind = Number
			v, ok := jsonNumber(y.Value)
			if !ok {
				n.Kind = String // .nan, .inf: JSON has no such numbers
			} else {
				n.Value = v
			}
		default:
			n.Kind = String
		}
		lines := int32(strings.Count(y.Value, "\n"))
		if y.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			n.End = Pos{pos.Line + lines + 1, math.MaxInt16}
		} else if lines > 0 {
			n.End = Pos{pos.Line + lines, math.MaxInt16}
		} else {
			w := int32(utf8.RuneCountInString(y.Value))
			if y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
				w += 2
			}
			n.End = Pos{pos.Line, pos.Col + max(w-1, 0)}
		}
	default:
		return nil, c.errorf(y, "unsupported YAML node")
	}
	for _, ch := range n.Children {
		if n.End.Before(ch.End) {
			n.End = ch.End
		}
	}
	r := &converted{node: n, size: size}
	if y.Anchor != "" {
		c.memo[y] = r
	}
	return r, nil
}

// jsonNumber turns a YAML number literal into a JSON number literal.
func jsonNumber(s string) (string, bool) {
	t := strings.ReplaceAll(s, "_", "")
	if isJSONNumber(t) {
		return t, true
	}
	if i, err := strconv.ParseInt(t, 0, 64); err == nil {
		return strconv.FormatInt(i, 10), true
	}
	if strings.HasPrefix(t, "0o") {
		if i, err := strconv.ParseInt(t[2:], 8, 64); err == nil {
			return strconv.FormatInt(i, 10), true
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return "", false
	}
	return strconv.FormatFloat(f, 'g', -1, 64), true
}

var jsonNumberRe = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

func isJSONNumber(s string) bool { return jsonNumberRe.MatchString(s) }

// AppendJSON writes the node as JSON.
func (n *Node) AppendJSON(b []byte) []byte {
	switch n.Kind {
	case Null:
		return append(b, "null"...)
	case Bool, Number:
		return append(b, n.Value...)
	case String:
		return AppendJSONString(b, n.Value)
	case Array:
		b = append(b, '[')
		for i, c := range n.Children {
			if i > 0 {
				b = append(b, ',')
			}
			b = c.AppendJSON(b)
		}
		return append(b, ']')
	default:
		b = append(b, '{')
		for i, c := range n.Children {
			if i > 0 {
				b = append(b, ',')
			}
			b = AppendJSONString(b, n.Keys[i])
			b = append(b, ':')
			b = c.AppendJSON(b)
		}
		return append(b, '}')
	}
}

const hexDigits = "0123456789abcdef"

// AppendJSONString appends s as a JSON string.
func AppendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// errNotOpenAPI is returned for a root document with neither `openapi` nor `swagger`.
var errNotOpenAPI = errors.New("not an OpenAPI document: it has neither an `openapi` nor a `swagger` field")

// checkJSON reports a JSON syntax error with its line, since the YAML parser
// accepts some documents that are not JSON (trailing commas, comments).
func checkJSON(name string, data []byte) error {
	if json.Valid(data) {
		return nil
	}
	var v json.RawMessage
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := int(se.Offset)
		if off > len(data) {
			off = len(data)
		}
		line := bytes.Count(data[:off], []byte{'\n'}) + 1
		return &ParseError{File: name, Line: line, Msg: "invalid JSON: " + se.Error()}
	}
	if err == nil {
		err = errors.New("invalid JSON")
	}
	return &ParseError{File: name, Msg: err.Error()}
}
