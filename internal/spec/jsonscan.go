package spec

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// A direct reader for JSON files. The YAML path builds a yaml.Node for every
// value and then a Node from it; on GitHub's 12 MB description
// that takes four to six times as long, and three times the memory, as
// reading the JSON once. scanJSON reads the
// bytes straight into the position tree, giving every node exactly the
// position, value and kind the YAML path gives (see parseYAMLTree): lines and
// 1-based columns counted in characters, on the bytes the YAML path parses.
//
// It handles the JSON that the YAML path reads the same way as a JSON parser
// does (a key repeated in an object: the last one wins, with a warning), and
// declines (returns nil) everything else: invalid JSON, characters YAML
// treats as line breaks or refuses in strings (NEL, U+2028, U+2029, BOM, DEL
// and C1 controls, U+FFFE, U+FFFF), escapes YAML refuses (lone surrogates),
// tabs outside the top-level value, and nesting beyond YAML's depth limit.
// The caller then takes the YAML path, which gives the same result or error.

// maxScanDepth stays below go-yaml's nesting limit of 10,000.
const maxScanDepth = 9000

// scanJSON parses a JSON file into the position tree, or returns nil to let
// the YAML path decide.
func scanJSON(f *File, data []byte) *Node {
	t := bytes.TrimSpace(data)
	if len(t) == 0 || t[0] != '{' && t[0] != '[' {
		return nil
	}
	// The YAML path reads the same rewritten bytes.
	src := normalizeJSONEscapes(data)
	if len(src) != len(data) && !json.Valid(data) {
		return nil // the rewrite must not turn invalid JSON into valid JSON
	}
	s := &jsonScanner{data: src, file: f, line: 1}
	if len(src) > 0 {
		// The tree's strings share the bytes read, which are never modified.
		s.src = unsafe.String(&src[0], len(src))
	}
	return s.document()
}

type jsonScanner struct {
	data      []byte
	src       string // data as a string: unescaped values are substrings of it
	pos       int
	line      int32
	lineStart int // offset of the current line's first byte
	cont      int // UTF-8 continuation bytes between lineStart and pos
	depth     int
	file      *File
	fail      bool

	nodes []Node   // slab the nodes are cut from
	ptrs  []*Node  // slab the children lists are cut from
	strs  []string // slab the key lists are cut from
	stack []*Node  // children of the open containers
	keys  []string // keys of the open objects
}

func (s *jsonScanner) col() int32 { return int32(s.pos-s.lineStart-s.cont) + 1 }

func (s *jsonScanner) here() Pos { return Pos{s.line, s.col()} }

// space skips JSON whitespace; inside is false before and after the
// top-level value, where YAML refuses tabs.
func (s *jsonScanner) space(inside bool) {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ':
		case '\t':
			if !inside {
				s.fail = true
				return
			}
		case '\n':
			s.line++
			s.lineStart, s.cont = s.pos+1, 0
		case '\r': // a line break, alone or before \n
			if s.pos+1 < len(s.data) && s.data[s.pos+1] == '\n' {
				s.pos++
			}
			s.line++
			s.lineStart, s.cont = s.pos+1, 0
		default:
			return
		}
		s.pos++
	}
}

func (s *jsonScanner) document() *Node {
	s.space(false)
	n := s.value(Pos{})
	if s.fail || n == nil {
		return nil
	}
	s.space(false)
	if s.fail || s.pos != len(s.data) {
		return nil
	}
	return n
}

func (s *jsonScanner) newNode() *Node {
	if len(s.nodes) == 0 {
		s.nodes = make([]Node, 1024)
	}
	n := &s.nodes[0]
	s.nodes = s.nodes[1:]
	n.File = s.file
	return n
}

// children copies the top k entries of the stack into a list of their own.
func (s *jsonScanner) children(k int) []*Node {
	if k == 0 {
		return nil
	}
	if len(s.ptrs) < k {
		s.ptrs = make([]*Node, max(4096, k))
	}
	out := s.ptrs[:k:k]
	s.ptrs = s.ptrs[k:]
	copy(out, s.stack[len(s.stack)-k:])
	s.stack = s.stack[:len(s.stack)-k]
	return out
}

func (s *jsonScanner) keyList(k int) []string {
	if k == 0 {
		return nil
	}
	if len(s.strs) < k {
		s.strs = make([]string, max(4096, k))
	}
	out := s.strs[:k:k]
	s.strs = s.strs[k:]
	copy(out, s.keys[len(s.keys)-k:])
	s.keys = s.keys[:len(s.keys)-k]
	return out
}

// value reads one value; keyPos is where its key starts (zero for array items and the root).
func (s *jsonScanner) value(keyPos Pos) *Node {
	if s.pos >= len(s.data) {
		s.fail = true
		return nil
	}
	pos := s.here()
	if keyPos.Line == 0 {
		keyPos = pos
	}
	switch c := s.data[s.pos]; {
	case c == '{':
		return s.object(pos, keyPos)
	case c == '[':
		return s.array(pos, keyPos)
	case c == '"':
		v, ok := s.str()
		if !ok {
			return nil
		}
		n := s.newNode()
		n.Kind, n.Value, n.Pos, n.KeyPos = String, v, pos, keyPos
		n.End = scalarEnd(pos, v, true)
		return n
	case c == '-' || c >= '0' && c <= '9':
		lit, ok := s.number()
		if !ok {
			return nil
		}
		n := s.newNode()
		n.Kind, n.Value, n.Pos, n.KeyPos = Number, lit, pos, keyPos
		if !yamlNumber(lit) {
			n.Kind = String // YAML reads a number beyond float64 as a string
		}
		n.End = scalarEnd(pos, lit, false)
		return n
	default:
		var kind Kind
		var lit string
		switch {
		case s.literal("true"):
			kind, lit = Bool, "true"
		case s.literal("false"):
			kind, lit = Bool, "false"
		case s.literal("null"):
			kind, lit = Null, "null"
		default:
			s.fail = true
			return nil
		}
		n := s.newNode()
		n.Kind, n.Value, n.Pos, n.KeyPos = kind, lit, pos, keyPos
		n.End = scalarEnd(pos, lit, false)
		return n
	}
}

// scalarEnd is where a one-line scalar ends, as the YAML path computes it
// from the decoded value (see converter.conv).
func scalarEnd(pos Pos, v string, quoted bool) Pos {
	if lines := int32(strings.Count(v, "\n")); lines > 0 {
		return Pos{pos.Line + lines, math.MaxInt16}
	}
	w := int32(utf8.RuneCountInString(v))
	if quoted {
		w += 2
	}
	return Pos{pos.Line, pos.Col + max(w-1, 0)}
}

func (s *jsonScanner) literal(word string) bool {
	if !strings.HasPrefix(s.src[s.pos:], word) {
		return false
	}
	s.pos += len(word)
	return true
}

func (s *jsonScanner) object(pos, keyPos Pos) *Node {
	if s.depth++; s.depth > maxScanDepth {
		s.fail = true
		return nil
	}
	s.pos++ // {
	n := s.newNode()
	n.Kind, n.Pos, n.KeyPos, n.End = Object, pos, keyPos, pos
	base := len(s.stack)
	s.space(true)
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
		s.depth--
		return n
	}
	for {
		if s.fail || s.pos >= len(s.data) || s.data[s.pos] != '"' {
			s.fail = true
			return nil
		}
		kp := s.here()
		k, ok := s.str()
		if !ok {
			return nil
		}
		s.space(true)
		// YAML takes a key only when the ':' is on the key's line.
		if s.fail || s.pos >= len(s.data) || s.data[s.pos] != ':' || s.line != kp.Line {
			s.fail = true
			return nil
		}
		s.pos++
		s.space(true)
		child := s.value(kp)
		if child == nil || s.fail {
			s.fail = true
			return nil
		}
		s.stack = append(s.stack, child)
		s.keys = append(s.keys, k)
		s.space(true)
		if s.fail || s.pos >= len(s.data) {
			s.fail = true
			return nil
		}
		if s.data[s.pos] == ',' {
			s.pos++
			s.space(true)
			continue
		}
		if s.data[s.pos] != '}' {
			s.fail = true
			return nil
		}
		s.pos++
		break
	}
	k := len(s.stack) - base
	n.Keys = s.keyList(k)
	n.Children = s.children(k)
	if !uniqueKeys(n) {
		s.file.keepLastKeys(n) // the last one wins, as JSON parsers read it
	}
	for _, ch := range n.Children {
		if n.End.Before(ch.End) {
			n.End = ch.End
		}
	}
	s.depth--
	return n
}

// uniqueKeys tells whether an object's keys are distinct, and builds its index.
func uniqueKeys(n *Node) bool {
	if len(n.Keys) <= 8 {
		for i := 1; i < len(n.Keys); i++ {
			for j := 0; j < i; j++ {
				if n.Keys[i] == n.Keys[j] {
					return false
				}
			}
		}
		return true
	}
	n.index = make(map[string]int, len(n.Keys))
	for i, k := range n.Keys {
		if _, dup := n.index[k]; dup {
			return false
		}
		n.index[k] = i
	}
	return true
}

func (s *jsonScanner) array(pos, keyPos Pos) *Node {
	if s.depth++; s.depth > maxScanDepth {
		s.fail = true
		return nil
	}
	s.pos++ // [
	n := s.newNode()
	n.Kind, n.Pos, n.KeyPos, n.End = Array, pos, keyPos, pos
	base := len(s.stack)
	s.space(true)
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
		s.depth--
		return n
	}
	for {
		s.space(true)
		child := s.value(Pos{})
		if child == nil || s.fail {
			s.fail = true
			return nil
		}
		s.stack = append(s.stack, child)
		s.space(true)
		if s.fail || s.pos >= len(s.data) {
			s.fail = true
			return nil
		}
		if s.data[s.pos] == ',' {
			s.pos++
			continue
		}
		if s.data[s.pos] != ']' {
			s.fail = true
			return nil
		}
		s.pos++
		break
	}
	n.Children = s.children(len(s.stack) - base)
	for _, ch := range n.Children {
		if n.End.Before(ch.End) {
			n.End = ch.End
		}
	}
	s.depth--
	return n
}

// str reads a string starting at its opening quote.
func (s *jsonScanner) str() (string, bool) {
	s.pos++ // "
	start := s.pos
	data := s.data
	for i := start; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '"':
			s.pos = i + 1
			return s.src[start:i], true
		case c == '\\':
			s.pos = i
			return s.escaped(start)
		case c < 0x20 || c == 0x7f:
			s.fail = true
			return "", false
		case c >= 0x80:
			if !s.plainRune(i) {
				return "", false
			}
		}
	}
	s.fail = true
	return "", false
}

// plainRune checks a non-ASCII byte of a string and counts it for columns.
func (s *jsonScanner) plainRune(i int) bool {
	c := s.data[i]
	if c&0xC0 == 0x80 {
		s.cont++
		return true
	}
	var b1, b2 byte
	if i+1 < len(s.data) {
		b1 = s.data[i+1]
	}
	if i+2 < len(s.data) {
		b2 = s.data[i+2]
	}
	switch {
	case c == 0xC2 && b1 < 0xA0: // C1 controls, NEL
		s.fail = true
	case c == 0xE2 && b1 == 0x80 && (b2 == 0xA8 || b2 == 0xA9): // LS, PS
		s.fail = true
	case c == 0xEF && b1 == 0xBB && b2 == 0xBF: // BOM
		s.fail = true
	case c == 0xEF && b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF): // U+FFFE, U+FFFF
		s.fail = true
	}
	return !s.fail
}

// escaped reads the rest of a string that holds escapes; s.pos is at the first backslash.
func (s *jsonScanner) escaped(start int) (string, bool) {
	data := s.data
	buf := make([]byte, 0, s.pos-start+16)
	buf = append(buf, data[start:s.pos]...)
	for i := s.pos; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '"':
			s.pos = i + 1
			return string(buf), true
		case c == '\\':
			if i+1 >= len(data) {
				s.fail = true
				return "", false
			}
			i++
			switch data[i] {
			case '"', '\\':
				buf = append(buf, data[i])
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				if i+4 >= len(data) {
					s.fail = true
					return "", false
				}
				r, ok := hex4(data[i+1 : i+5])
				if !ok || utf16.IsSurrogate(r) {
					s.fail = true // YAML refuses surrogate escapes
					return "", false
				}
				buf = utf8.AppendRune(buf, r)
				i += 4
			default: // "\/" is rewritten before; anything else is not JSON
				s.fail = true
				return "", false
			}
		case c < 0x20 || c == 0x7f:
			s.fail = true
			return "", false
		default:
			if c >= 0x80 && !s.plainRune(i) {
				return "", false
			}
			buf = append(buf, c)
		}
	}
	s.fail = true
	return "", false
}

func hex4(b []byte) (rune, bool) {
	var r rune
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// number reads a JSON number literal.
func (s *jsonScanner) number() (string, bool) {
	data, i := s.data, s.pos
	start := i
	if data[i] == '-' {
		i++
	}
	digits := func() bool {
		j := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		return i > j
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case !digits():
		s.fail = true
		return "", false
	}
	if i < len(data) && data[i] == '.' {
		i++
		if !digits() {
			s.fail = true
			return "", false
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if !digits() {
			s.fail = true
			return "", false
		}
	}
	s.pos = i
	return s.src[start:i], true
}

// yamlNumber tells whether go-yaml resolves a JSON number literal as a
// number: it does when it parses as an integer or a float64.
func yamlNumber(lit string) bool {
	if _, err := strconv.ParseInt(lit, 0, 64); err == nil {
		return true
	}
	if _, err := strconv.ParseUint(lit, 0, 64); err == nil {
		return true
	}
	_, err := strconv.ParseFloat(lit, 64)
	return err == nil
}
