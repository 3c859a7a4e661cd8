// Package config reads .apibump.yaml: the team's choices written down once, and its reviewed exemptions.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
	yamlv4 "go.yaml.in/yaml/v4"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/safefile"
	"github.com/apibump/apibump/internal/scheme"
)

// FileNames are the names Find looks for, in order of preference.
var FileNames = []string{".apibump.yaml", ".apibump.yml"}

// The keys of Sources: the top-level scalar keys, the nested keys written
// with a dot, and one key per rule override ("rules.<rule id>").
const (
	KeyPolicy         = "policy"
	KeyScheme         = "scheme"
	KeyWindow         = "window"
	KeyMaxLiveMajors  = "max-live-majors"
	KeyFailOn         = "fail-on"
	KeyLang           = "lang"
	KeyVersionHeaders = "version-location.headers"
	KeyVersionQuery   = "version-location.query"
	KeyRules          = "rules"
	KeyIgnore         = "ignore"
	KeyStrictBeta     = "stability.strict-beta"
	KeyWebhooks       = "webhooks"
)

// topKeys are the keys a file may hold at its top level, in the order Print writes them.
var topKeys = []string{"policy", "scheme", "window", "max-live-majors", "fail-on", "lang", "version-location", "rules", "ignore", "stability", "webhooks"}

// Config is the effective configuration: the defaults, overlaid with a file,
// overlaid with the flags the caller applies (and records with SetFlag).
// Every value in it has been validated.
type Config struct {
	File            string            // the file read, "" when none
	Policy          string            // contract|compatible
	Scheme          string            // auto|semver|major-minor|integer|date
	Window          string            // 180d, 6m, 1y
	MaxLiveMajors   int               // at least 1
	FailOn          string            // version|breaking|additive|any
	Lang            string            // en|fr
	VersionLocation VersionLocation   // headers and query parameters that carry the version
	Rules           map[string]string // rule id -> class override (breaking|additive|non-contract)
	Ignore          []Exemption
	Stability       Stability
	// Webhooks are root keys of the spec that hold webhooks (path items
	// the API calls), besides OpenAPI 3.1's `webhooks`: GitHub's
	// `x-webhooks`. Without it such a key is an extension (non-contract).
	Webhooks []string
	// Sources says where each value comes from: "default", "<file>:<line>"
	// (set by Load), "flag --x" (set by the caller via SetFlag). Its keys are
	// the Key constants, plus "rules.<rule id>" for each rule override.
	Sources map[string]string
}

// VersionLocation names the request headers and query parameters that carry
// the API version.
type VersionLocation struct {
	Headers []string `yaml:"headers"`
	Query   []string `yaml:"query"`
}

// Exemption is one reviewed exception: findings of Rule on the operations
// and paths it matches are not held against the change until the day Until
// (the last day it holds). Load only validates it; matching is the report's
// business. In the globs * stands for any text within a path segment and **
// for any text; methods are upper case or "*".
type Exemption struct {
	Rule      string // rule id or "*"
	Operation string // glob on "METHOD /path", e.g. "GET /books/*" or "* /internal/**"; optional
	Path      string // glob on the API path; optional
	Reason    string // required
	Until     string // required, YYYY-MM-DD
	Line      int    // where it is in the file
}

// Stability holds the settings about stability markers.
type Stability struct {
	StrictBeta bool `yaml:"strict-beta"`
}

// DefaultVersionHeaders and DefaultVersionQuery are where the version is
// looked for when the file says nothing.
var (
	DefaultVersionHeaders = []string{"X-Schemas-Version", "Api-Version", "X-API-Version", "Accept-Version"}
	DefaultVersionQuery   = []string{"api-version", "version", "v"}
)

const sourceDefault = "default"

// Default returns the configuration used when there is no file.
func Default() *Config {
	return &Config{
		Policy:        string(rules.Contract),
		Scheme:        "auto",
		Window:        "180d",
		MaxLiveMajors: 2,
		FailOn:        string(FailOnVersion),
		Lang:          string(locale.En),
		VersionLocation: VersionLocation{
			Headers: slices.Clone(DefaultVersionHeaders),
			Query:   slices.Clone(DefaultVersionQuery),
		},
		Rules:    map[string]string{},
		Webhooks: []string{},
		Sources: map[string]string{
			KeyPolicy:         sourceDefault,
			KeyScheme:         sourceDefault,
			KeyWindow:         sourceDefault,
			KeyMaxLiveMajors:  sourceDefault,
			KeyFailOn:         sourceDefault,
			KeyLang:           sourceDefault,
			KeyVersionHeaders: sourceDefault,
			KeyVersionQuery:   sourceDefault,
			KeyRules:          sourceDefault,
			KeyIgnore:         sourceDefault,
			KeyStrictBeta:     sourceDefault,
			KeyWebhooks:       sourceDefault,
		},
	}
}

// Find looks for the configuration of the spec at specPath: in the spec's
// directory (specPath itself when it is a directory), then in each parent up
// to and including stopAt (the git repository root; "" searches up to the
// filesystem root; the search also ends at the filesystem root when stopAt
// is not above the spec). In each directory .apibump.yaml is looked for, then
// .apibump.yml; both in one directory is an error. It returns "" and nil when
// there is none. The path returned is relative to the working directory when
// specPath is relative.
func Find(specPath, stopAt string) (string, error) {
	start := specPath
	if st, err := os.Stat(specPath); err != nil || !st.IsDir() {
		start = filepath.Dir(specPath)
	}
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	stop := ""
	if stopAt != "" {
		if stop, err = filepath.Abs(stopAt); err != nil {
			return "", err
		}
		stop = canonical(stop)
	}
	for {
		var found []string
		for _, name := range FileNames {
			p := filepath.Join(dir, name)
			// Lstat: a link is found as it is, even dangling or pointing
			// outside, so that Load refuses it instead of it being skipped.
			st, err := os.Lstat(p)
			switch {
			case err == nil && st.IsDir():
				return "", fmt.Errorf("%s is a directory, not a configuration file", p)
			case err == nil:
				found = append(found, p)
			case !errors.Is(err, os.ErrNotExist):
				return "", err
			}
		}
		if len(found) > 1 {
			return "", fmt.Errorf("%s: both %s and %s; keep one", dir, FileNames[0], FileNames[1])
		}
		if len(found) == 1 {
			return relative(specPath, found[0]), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir || (stop != "" && canonical(dir) == stop) {
			return "", nil
		}
		dir = parent
	}
}

// canonical resolves symbolic links where it can, so two spellings of a
// directory compare equal.
func canonical(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return filepath.Clean(p)
}

// relative returns found relative to the working directory when the user
// wrote a relative spec path.
func relative(specPath, found string) string {
	if filepath.IsAbs(specPath) {
		return found
	}
	wd, err := os.Getwd()
	if err != nil {
		return found
	}
	if r, err := filepath.Rel(wd, found); err == nil {
		return r
	}
	return found
}

// RepoRoot returns the nearest directory at or above dir that holds a .git
// entry (the git repository root), or "" when there is none.
func RepoRoot(dir string) string { return safefile.RepoRoot(dir) }

// Error is a problem in a configuration file, at a line.
type Error struct {
	File string
	Line int // 0 when unknown
	Msg  string
	Err  error // the cause, when the file could not be read
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Load returns Default() overlaid with the file at path. It is strict: an
// unknown key (at any level), a duplicate key, a value of the wrong type or
// out of range, an unknown rule id or class, an exemption without reason or
// until: each is an *Error naming the file and line. An empty file is a valid
// empty configuration.
//
// The file is read through safefile: it must resolve, symbolic links
// followed, to a regular file of at most safefile.Config bytes inside the
// git repository holding it (else inside its own directory), so a
// configuration linked to a secret elsewhere is refused before a byte of
// it is read. Such errors are *Error too and wrap the safefile reason
// (errors.Is(err, os.ErrNotExist) for a missing file).
func Load(path string) (*Config, error) {
	data, err := safefile.ReadFile(path, safefile.RootOf(filepath.Dir(path)), safefile.Config)
	if err != nil {
		return nil, &Error{File: path, Msg: err.Error(), Err: err}
	}
	return parse(path, data)
}

func parse(file string, data []byte) (*Config, error) {
	c := Default()
	c.File = file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return c, nil
		}
		return nil, yamlError(file, data, err)
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil {
		return nil, &Error{File: file, Line: second.Line, Msg: "more than one YAML document; a configuration is one mapping"}
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(file, data, err)
	}
	p := &parser{file: file, c: c}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return c, nil
		}
		root = root.Content[0]
	}
	if err := p.top(root); err != nil {
		return nil, err
	}
	return c, nil
}

// yamlError turns a YAML syntax error into an *Error. yaml.v3 leaves the line
// out of some messages and is off by one in others; go-yaml v4 gives every
// syntax error a position, so the line is taken from it when it has one: the
// start of the construct the error is in (an unclosed flow sequence), else
// where the parser stopped.
func yamlError(file string, data []byte, err error) error {
	e := &Error{File: file, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		e.Msg = m[2]
	}
	// The parser quotes pieces of the file (an anchor's name): escaped, short.
	e.Msg = escape.Excerpt(e.Msg, 160)
	var n yamlv4.Node
	var le *yamlv4.LoadError
	if err4 := yamlv4.Unmarshal(data, &n); errors.As(err4, &le) {
		if at := le.ContextMark; le.ContextMsg != "" && at.Line > 0 {
			e.Line = at.Line
		} else if le.Mark.Line > 0 {
			e.Line = le.Mark.Line
		}
	}
	return e
}

type parser struct {
	file string
	c    *Config
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) error {
	return &Error{File: p.file, Line: n.Line, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) source(n *yaml.Node) string {
	return fmt.Sprintf("%s:%d", p.file, n.Line)
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	if isNull(n) {
		return "nothing"
	}
	return safefile.Quote(n.Value)
}

// entry is a key and its value in a mapping.
type entry struct {
	key, value *yaml.Node
}

// mapping checks that n is a mapping whose keys are all in known and appear
// once, and returns its entries. where prefixes the messages ("" at the top).
func (p *parser) mapping(n *yaml.Node, where string, known []string) ([]entry, error) {
	if n.Kind != yaml.MappingNode {
		return nil, p.errorf(n, "%swant a mapping of %s, got %s", prefix(where), strings.Join(known, ", "), kindName(n))
	}
	var out []entry
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			return nil, p.errorf(k, "%swant a key, got %s", prefix(where), kindName(k))
		}
		if !slices.Contains(known, k.Value) {
			return nil, p.errorf(k, "%sunknown key %s (known: %s)", prefix(where), safefile.Quote(k.Value), strings.Join(known, ", "))
		}
		if line, dup := seen[k.Value]; dup {
			return nil, p.errorf(k, "%sduplicate key %s (first at line %d)", prefix(where), safefile.Quote(k.Value), line)
		}
		seen[k.Value] = k.Line
		out = append(out, entry{k, v})
	}
	return out, nil
}

func prefix(where string) string {
	if where == "" {
		return ""
	}
	return where + ": "
}

// str returns the text of a scalar value; name is used in messages.
func (p *parser) str(v *yaml.Node, name string) (string, error) {
	if v.Kind != yaml.ScalarNode {
		return "", p.errorf(v, "%s: want a string, got %s", name, kindName(v))
	}
	if isNull(v) {
		return "", p.errorf(v, "%s: no value", name)
	}
	return v.Value, nil
}

func (p *parser) top(root *yaml.Node) error {
	root = resolve(root)
	if isNull(root) {
		return nil
	}
	entries, err := p.mapping(root, "", topKeys)
	if err != nil {
		return err
	}
	c := p.c
	for _, e := range entries {
		k, v := e.key, e.value
		switch k.Value {
		case "policy":
			s, err := p.str(v, k.Value)
			if err != nil {
				return err
			}
			if _, err := rules.ParsePolicy(s); err != nil {
				return p.errorf(v, "policy %s: want contract or compatible", safefile.Quote(s))
			}
			c.Policy = s
			c.Sources[KeyPolicy] = p.source(v)
		case "scheme":
			s, err := p.str(v, k.Value)
			if err != nil {
				return err
			}
			if _, err := scheme.Parse(s); err != nil || s == "" {
				return p.errorf(v, "scheme %s: want auto, semver, major-minor, integer or date", safefile.Quote(s))
			}
			c.Scheme = s
			c.Sources[KeyScheme] = p.source(v)
		case "window":
			s, err := p.str(v, k.Value)
			if err != nil {
				return err
			}
			w, err := ParseWindow(s)
			if err != nil {
				return p.errorf(v, "window %s: want a number followed by d, w, m or y (180d, 26w, 6m, 1y)", safefile.Quote(s))
			}
			c.Window = w.String()
			c.Sources[KeyWindow] = p.source(v)
		case "max-live-majors":
			n, err := strconv.Atoi(v.Value)
			if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || err != nil || n < 1 {
				return p.errorf(v, "max-live-majors %s: want a whole number, at least 1", kindName(v))
			}
			c.MaxLiveMajors = n
			c.Sources[KeyMaxLiveMajors] = p.source(v)
		case "fail-on":
			s, err := p.str(v, k.Value)
			if err != nil {
				return err
			}
			if _, err := ParseFailOn(s); err != nil {
				return p.errorf(v, "fail-on %s: want version, breaking, additive or any", safefile.Quote(s))
			}
			c.FailOn = s
			c.Sources[KeyFailOn] = p.source(v)
		case "lang":
			s, err := p.str(v, k.Value)
			if err != nil {
				return err
			}
			l, err := locale.ParseLang(s)
			if err != nil {
				return p.errorf(v, "lang %s: want en or fr", safefile.Quote(s))
			}
			c.Lang = string(l)
			c.Sources[KeyLang] = p.source(v)
		case "version-location":
			if err := p.versionLocation(v); err != nil {
				return err
			}
		case "rules":
			if err := p.rules(k, v); err != nil {
				return err
			}
		case "ignore":
			if err := p.ignore(k, v); err != nil {
				return err
			}
		case "stability":
			if err := p.stability(v); err != nil {
				return err
			}
		case "webhooks":
			list, err := p.names(v, "webhooks")
			if err != nil {
				return err
			}
			for i, k := range list {
				if !strings.HasPrefix(k, "x-") {
					return p.errorf(v.Content[i], "webhooks: %s is not an extension key (x-...); OpenAPI 3.1's webhooks are read as webhooks already", safefile.Quote(k))
				}
			}
			c.Webhooks = list
			c.Sources[KeyWebhooks] = p.source(v)
		}
	}
	return nil
}

var headerNameRE = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")

func (p *parser) versionLocation(n *yaml.Node) error {
	if isNull(n) {
		return nil
	}
	entries, err := p.mapping(n, "version-location", []string{"headers", "query"})
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := "version-location." + e.key.Value
		list, err := p.names(e.value, name)
		if err != nil {
			return err
		}
		if e.key.Value == "headers" {
			for i, h := range list {
				if !headerNameRE.MatchString(h) {
					return p.errorf(e.value.Content[i], "%s: %s is not a header name", name, safefile.Quote(h))
				}
			}
			p.c.VersionLocation.Headers = list
			p.c.Sources[KeyVersionHeaders] = p.source(e.value)
		} else {
			p.c.VersionLocation.Query = list
			p.c.Sources[KeyVersionQuery] = p.source(e.value)
		}
	}
	return nil
}

// names reads a list of non-empty, distinct names.
func (p *parser) names(n *yaml.Node, name string) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, p.errorf(n, "%s: want a list of names, got %s", name, kindName(n))
	}
	list := []string{}
	for _, item := range n.Content {
		item = resolve(item)
		s, err := p.str(item, name)
		if err != nil {
			return nil, err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return nil, p.errorf(item, "%s: empty name", name)
		}
		if slices.Contains(list, s) {
			return nil, p.errorf(item, "%s: %s is listed twice", name, safefile.Quote(s))
		}
		list = append(list, s)
	}
	return list, nil
}

func (p *parser) rules(k, n *yaml.Node) error {
	p.c.Sources[KeyRules] = p.source(k)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return p.errorf(n, "rules: want a mapping of rule id to class, got %s", kindName(n))
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		rk, rv := resolve(n.Content[i]), resolve(n.Content[i+1])
		if rk.Kind != yaml.ScalarNode || isNull(rk) {
			return p.errorf(rk, "rules: want a rule id, got %s", kindName(rk))
		}
		id := rk.Value
		if _, ok := rules.Lookup(id); !ok {
			return p.errorf(rk, "rules: unknown rule %s (apibump rules lists them)", safefile.Quote(id))
		}
		if line, dup := seen[id]; dup {
			return p.errorf(rk, "rules: duplicate rule %s (first at line %d)", safefile.Quote(id), line)
		}
		seen[id] = rk.Line
		s, err := p.str(rv, "rules: "+id)
		if err != nil {
			return err
		}
		class, err := rules.ParseClass(s)
		if err != nil {
			return p.errorf(rv, "rules: unknown class %s for %s (want breaking, additive or non-contract)", safefile.Quote(s), id)
		}
		p.c.Rules[id] = string(class)
		p.c.Sources["rules."+id] = p.source(rv)
	}
	return nil
}

var ignoreKeys = []string{"rule", "operation", "path", "reason", "until"}

func (p *parser) ignore(k, n *yaml.Node) error {
	p.c.Sources[KeyIgnore] = p.source(k)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return p.errorf(n, "ignore: want a list of exemptions, got %s", kindName(n))
	}
	for i, item := range n.Content {
		item = resolve(item)
		where := fmt.Sprintf("ignore[%d]", i)
		entries, err := p.mapping(item, where, ignoreKeys)
		if err != nil {
			return err
		}
		x := Exemption{Line: item.Line}
		for _, e := range entries {
			s, err := p.str(e.value, where+": "+e.key.Value)
			if err != nil {
				return err
			}
			s = strings.TrimSpace(s)
			switch e.key.Value {
			case "rule":
				if s != "*" {
					if _, ok := rules.Lookup(s); !ok {
						return p.errorf(e.value, "%s: unknown rule %s (apibump rules lists them; \"*\" is every rule)", where, safefile.Quote(s))
					}
				}
				x.Rule = s
			case "operation":
				if err := checkOperation(s); err != nil {
					return p.errorf(e.value, "%s: operation %s: %v", where, safefile.Quote(s), err)
				}
				x.Operation = s
			case "path":
				if err := checkPathGlob(s); err != nil {
					return p.errorf(e.value, "%s: path %s: %v", where, safefile.Quote(s), err)
				}
				x.Path = s
			case "reason":
				x.Reason = s
			case "until":
				if _, err := time.Parse(time.DateOnly, s); err != nil {
					return p.errorf(e.value, "%s: until %s: want YYYY-MM-DD", where, safefile.Quote(s))
				}
				x.Until = s
			}
		}
		switch {
		case x.Rule == "":
			return p.errorf(item, "%s: rule is required (a rule id, or \"*\" for every rule)", where)
		case x.Reason == "":
			return p.errorf(item, "%s: reason is required", where)
		case x.Until == "":
			return p.errorf(item, "%s: until is required (YYYY-MM-DD, the last day the exemption holds)", where)
		case x.Rule == "*" && x.Operation == "" && x.Path == "":
			return p.errorf(item, "%s: rule \"*\" needs an operation or a path; an exemption cannot cover everything", where)
		}
		p.c.Ignore = append(p.c.Ignore, x)
	}
	return nil
}

func (p *parser) stability(n *yaml.Node) error {
	if isNull(n) {
		return nil
	}
	entries, err := p.mapping(n, "stability", []string{"strict-beta"})
	if err != nil {
		return err
	}
	for _, e := range entries {
		v := e.value
		var b bool
		if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" || v.Decode(&b) != nil {
			return p.errorf(v, "stability.strict-beta %s: want true or false", kindName(v))
		}
		p.c.Stability.StrictBeta = b
		p.c.Sources[KeyStrictBeta] = p.source(v)
	}
	return nil
}

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

// checkPathGlob validates a glob on an API path: "*" stands for any text
// within a path segment, "**" for any text, "?" for one character.
func checkPathGlob(s string) error {
	if !strings.HasPrefix(s, "/") {
		return errors.New(`want a path starting with "/" (for example "/books/*" or "/internal/**")`)
	}
	if strings.ContainsAny(s, " \t") {
		return errors.New("a path has no spaces")
	}
	return nil
}

// SetFlag records that the flag (with or without its dashes) overrode key.
func (c *Config) SetFlag(key, flag string) {
	if c.Sources == nil {
		c.Sources = map[string]string{}
	}
	c.Sources[key] = "flag --" + strings.TrimLeft(flag, "-")
}

// Print writes the effective configuration as YAML that Load reads back,
// each value followed by a comment saying where it comes from: "# default",
// "# .apibump.yaml:3" or "# flag --policy".
func (c *Config) Print(w io.Writer) error {
	from := func(key string) string {
		s := c.Sources[key]
		if s == "" {
			s = sourceDefault
		}
		return "# " + escape.Text(s)
	}
	str := func(v, comment string) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, LineComment: comment}
	}
	key := func(k string) *yaml.Node { return str(k, "") }
	list := func(items []string, comment string) *yaml.Node {
		n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, LineComment: comment}
		for _, s := range items {
			n.Content = append(n.Content, str(s, ""))
		}
		return n
	}
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k string, v *yaml.Node) { root.Content = append(root.Content, key(k), v) }

	add("policy", str(c.Policy, from(KeyPolicy)))
	add("scheme", str(c.Scheme, from(KeyScheme)))
	add("window", str(c.Window, from(KeyWindow)))
	add("max-live-majors", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(c.MaxLiveMajors), LineComment: from(KeyMaxLiveMajors)})
	add("fail-on", str(c.FailOn, from(KeyFailOn)))
	add("lang", str(c.Lang, from(KeyLang)))
	add("version-location", &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		key("headers"), list(c.VersionLocation.Headers, from(KeyVersionHeaders)),
		key("query"), list(c.VersionLocation.Query, from(KeyVersionQuery)),
	}})

	ids := make([]string, 0, len(c.Rules))
	for id := range c.Rules {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if len(ids) == 0 {
		add("rules", &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, LineComment: from(KeyRules)})
	} else {
		rules := &yaml.Node{Kind: yaml.MappingNode}
		for _, id := range ids {
			rules.Content = append(rules.Content, key(id), str(c.Rules[id], from("rules."+id)))
		}
		root.Content = append(root.Content, str("rules", from(KeyRules)), rules)
	}

	if len(c.Ignore) == 0 {
		add("ignore", &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, LineComment: from(KeyIgnore)})
	} else {
		ignore := &yaml.Node{Kind: yaml.SequenceNode}
		for _, x := range c.Ignore {
			comment := ""
			if c.File != "" && x.Line > 0 {
				comment = fmt.Sprintf("# %s:%d", escape.Text(c.File), x.Line)
			}
			m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{key("rule"), str(x.Rule, comment)}}
			if x.Operation != "" {
				m.Content = append(m.Content, key("operation"), str(x.Operation, ""))
			}
			if x.Path != "" {
				m.Content = append(m.Content, key("path"), str(x.Path, ""))
			}
			m.Content = append(m.Content, key("reason"), str(x.Reason, ""), key("until"), str(x.Until, ""))
			ignore.Content = append(ignore.Content, m)
		}
		root.Content = append(root.Content, str("ignore", from(KeyIgnore)), ignore)
	}

	add("stability", &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		key("strict-beta"), {Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(c.Stability.StrictBeta), LineComment: from(KeyStrictBeta)},
	}})

	add("webhooks", list(c.Webhooks, from(KeyWebhooks)))

	head := "# The effective apibump configuration: the defaults"
	if c.File != "" {
		head += ", overlaid with " + escape.Text(c.File)
	} else {
		head += " (no .apibump.yaml found)"
	}
	head += ",\n# overlaid with the flags. Each value says where it comes from."
	doc := &yaml.Node{Kind: yaml.DocumentNode, HeadComment: head, Content: []*yaml.Node{root}}
	// The values came from the pull request: no line of theirs may start a
	// line of the output, nor hold a raw control character.
	escape.QuoteYAML(doc)

	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := w.Write(escape.YAML(b.Bytes()))
	return err
}
