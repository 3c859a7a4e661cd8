package config

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"cloud.google.com/go/civil"
	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v4"

	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/safefile"
)

// Exemption is one reviewed exception: findings of Rule on the operations
// and paths it matches are not held against the change until the day Until
// (the last day it holds). Load only validates it; classification matches
// it, with MatchGlob. Methods are upper case or "*".
type Exemption struct {
	Rule      string     // rule id or "*"
	Operation string     // glob on "METHOD /path", e.g. "GET /books/*" or "* /internal/**"; optional
	Path      string     // glob on the API path; optional
	Reason    string     // required
	Until     civil.Date // required: the last day it holds
	Line      int        // where it is in the file
}

// Exemptions are the reviewed exemptions of a configuration (ignore:).
type Exemptions []Exemption

var exemptionKeys = []string{"rule", "operation", "path", "reason", "until"}

// UnmarshalYAML reads the list of exemptions.
func (xs *Exemptions) UnmarshalYAML(n *yaml.Node) error {
	*xs = nil
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return &valueError{line: n.Line, msg: "want a list of exemptions, got " + kindName(n)}
	}
	for i, item := range n.Content {
		x, err := exemption(resolve(item))
		if err != nil {
			err.sub = fmt.Sprintf("[%d]", i)
			return err
		}
		*xs = append(*xs, x)
	}
	return nil
}

func exemption(item *yaml.Node) (Exemption, *valueError) {
	entries, err := mapping(item, exemptionKeys)
	if err != nil {
		return Exemption{}, err
	}
	x := Exemption{Line: item.Line}
	for _, e := range entries {
		name := e.key.Value
		s, err := scalar(e.value)
		if err != nil {
			err.msg = name + ": " + err.msg
			return x, err
		}
		s = strings.TrimSpace(s)
		bad := func(msg string) *valueError {
			return &valueError{line: e.value.Line, msg: name + " " + safefile.Quote(s) + ": " + msg}
		}
		switch name {
		case "rule":
			if s != "*" {
				if _, ok := rules.Lookup(s); !ok {
					return x, &valueError{line: e.value.Line, msg: "unknown rule " + safefile.Quote(s) + ` (apibump rules lists them; "*" is every rule)`}
				}
			}
			x.Rule = s
		case "operation":
			if err := checkOperation(s); err != nil {
				return x, bad(err.Error())
			}
			x.Operation = s
		case "path":
			if err := checkPathGlob(s); err != nil {
				return x, bad(err.Error())
			}
			x.Path = s
		case "reason":
			x.Reason = s
		case "until":
			var d Date
			if err := d.Set(s); err != nil {
				return x, bad(err.Error())
			}
			x.Until = d.Date
		}
	}
	missing := func(msg string) (Exemption, *valueError) { return x, &valueError{line: item.Line, msg: msg} }
	switch {
	case x.Rule == "":
		return missing(`rule is required (a rule id, or "*" for every rule)`)
	case x.Reason == "":
		return missing("reason is required")
	case x.Until.IsZero():
		return missing("until is required (YYYY-MM-DD, the last day the exemption holds)")
	case x.Rule == "*" && x.Operation == "" && x.Path == "":
		return missing(`rule "*" needs an operation or a path; an exemption cannot cover everything`)
	}
	return x, nil
}

// exemptionYAML is how Print writes an exemption.
type exemptionYAML struct {
	Rule      string `yaml:"rule"`
	Operation string `yaml:"operation,omitempty"`
	Path      string `yaml:"path,omitempty"`
	Reason    string `yaml:"reason"`
	Until     string `yaml:"until"`
}

// MarshalYAML writes the list.
func (xs Exemptions) MarshalYAML() (any, error) {
	out := []exemptionYAML{}
	for _, x := range xs {
		out = append(out, exemptionYAML{Rule: x.Rule, Operation: x.Operation, Path: x.Path, Reason: x.Reason, Until: x.Until.String()})
	}
	return out, nil
}

// parts are the lines of the exemptions, by index.
func (xs Exemptions) parts() map[string]int {
	out := map[string]int{}
	for i, x := range xs {
		out[strconv.Itoa(i)] = x.Line
	}
	return out
}

func (xs Exemptions) clone() Exemptions { return slices.Clone(xs) }

// MatchGlob tells whether name, an operation ("GET /books/{id}") or an API
// path, matches glob, an exemption's operation or path. The dialect is
// doublestar's, as for the spec globs of check --base-ref: * is any text
// within a path segment, ** as a whole segment any number of segments (so
// "/internal/**" covers /internal and everything below it), ? one
// character. Braces and brackets are the path's own (a path parameter
// "{id}"), never glob syntax.
func MatchGlob(glob, name string) bool {
	ok, _ := doublestar.Match(globLiterals.Replace(glob), name)
	return ok
}

// globLiterals escapes what doublestar would read as syntax and an API path
// holds as text.
var globLiterals = strings.NewReplacer(`\`, `\\`, "{", `\{`, "}", `\}`, "[", `\[`, "]", `\]`)

var methods = []string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"}

// checkOperation validates "METHOD /path-glob". The method is written as
// operations are named in reports (upper case), or "*" for any.
func checkOperation(s string) error {
	method, p, ok := strings.Cut(s, " ")
	if !ok {
		return errors.New(`want "METHOD /path" (for example "GET /books/*" or "* /internal/**")`)
	}
	if method != "*" && !slices.Contains(methods, method) {
		return fmt.Errorf("unknown method %s (want %s or *, in upper case)", safefile.Quote(method), strings.Join(methods, ", "))
	}
	return checkPathGlob(p)
}

// checkPathGlob validates a glob on an API path (see MatchGlob).
func checkPathGlob(s string) error {
	if !strings.HasPrefix(s, "/") {
		return errors.New(`want a path starting with "/" (for example "/books/*" or "/internal/**")`)
	}
	if strings.ContainsAny(s, " \t") {
		return errors.New("a path has no spaces")
	}
	return nil
}
