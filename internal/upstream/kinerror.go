package upstream

import (
	"regexp"
	"strings"

	"github.com/apibump/apibump/internal/spec"
)

// KinError says in a person's words what kin-openapi refused, with the file
// and line when they can be found: kin-openapi's messages name Go types and
// fields ("cannot unmarshal string into Go struct field ParameterBis.required
// of type bool"), and no line.
func KinError(d *spec.Document, err error) error {
	msg := strings.ReplaceAll(err.Error(), "\n", "; ")
	if m := typeErrorRe.FindStringSubmatch(msg); m != nil {
		got, field, goType := m[1], m[2], m[3]
		key := field[strings.LastIndexByte(field, '.')+1:]
		gotKind, gotWord := jsonKind(got)
		text := "`" + key + "` must be " + goTypeWord(goType) + ", not " + gotWord
		if goTypeWord(goType) == "" {
			text = "`" + key + "` cannot be " + gotWord
		}
		for _, f := range d.Files() {
			if n := findMember(f.Root, key, gotKind); n != nil {
				return &spec.ParseError{File: f.Name, Line: int(n.Pos.Line), Msg: text}
			}
		}
		return &spec.ParseError{File: d.Root.Name, Msg: text}
	}
	for _, r := range goWords {
		msg = r.re.ReplaceAllString(msg, r.with)
	}
	if len(msg) > 400 {
		msg = msg[:400] + "…"
	}
	return &spec.ParseError{File: d.Root.Name, Msg: msg}
}

// typeErrorRe reads encoding/json's type errors, as kin-openapi passes them on.
var typeErrorRe = regexp.MustCompile(`cannot unmarshal (.+?) into (?:Go struct )?field ([^ ]+) of type ([^ ;]+)`)

// goWords rewrite what is left of Go in other messages.
var goWords = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\bjson: `), ""},
	{regexp.MustCompile(`\b(?:openapi[23]\.)?([A-Z][A-Za-z]*)Bis\b`), "$1"},
	{regexp.MustCompile(`\bopenapi[23]\.`), ""},
	{regexp.MustCompile(`\bGo (?:struct )?(?:field|value) `), ""},
}

// jsonKind reads encoding/json's name of the value it met ("string",
// "number -1", "bool", "array", "object").
func jsonKind(got string) (spec.Kind, string) {
	word, lit, _ := strings.Cut(got, " ")
	switch word {
	case "string":
		return spec.String, "a string"
	case "number":
		if lit != "" && len(lit) <= 24 {
			return spec.Number, lit
		}
		return spec.Number, "a number"
	case "bool":
		return spec.Bool, "true or false"
	case "array":
		return spec.Array, "a list"
	case "object":
		return spec.Object, "a mapping"
	}
	return spec.Null, "null"
}

// goTypeWord says what a Go type holds, or "" when it has no plain word.
func goTypeWord(t string) string {
	t = strings.TrimLeft(t, "*")
	switch {
	case t == "bool":
		return "true or false"
	case t == "string":
		return "a string"
	case strings.HasPrefix(t, "uint"):
		return "a whole number, 0 or more"
	case strings.HasPrefix(t, "int"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["):
		return "a mapping"
	}
	return ""
}

// findMember returns the first value, in document order, of a member named
// key holding a value of kind k.
func findMember(n *spec.Node, key string, k spec.Kind) *spec.Node {
	if n == nil {
		return nil
	}
	for i, c := range n.Children {
		if n.Kind == spec.Object && n.Keys[i] == key && c.Kind == k {
			return c
		}
		if r := findMember(c, key, k); r != nil {
			return r
		}
	}
	return nil
}
