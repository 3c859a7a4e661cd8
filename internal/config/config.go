// Package config holds apibump's settings: their typed values, each parsed
// once and validated in one place (Set, shared by its flag and by
// .apibump.yaml); the table of the settings (keys.go: each key, its flag and
// its default); .apibump.yaml, found (Find), read strictly (Load) and
// printed with where each value comes from (Print); and the one precedence
// of defaults, file and flags (Resolve).
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/safefile"
	"github.com/apibump/apibump/internal/scheme"
)

// FileNames are the names Find looks for, in order of preference.
var FileNames = []string{".apibump.yaml", ".apibump.yml"}

// The keys of the settings, as Sources names them: the top-level keys of
// .apibump.yaml, the nested ones written with a dot. Sources also has one
// key per rule override ("rules.<rule id>") and per exemption ("ignore.<i>").
const (
	KeyPolicy             = "policy"
	KeyScheme             = "scheme"
	KeyWindow             = "window"
	KeyMaxLiveMajors      = "max-live-majors"
	KeyFailOn             = "fail-on"
	KeyVersion            = "version"
	KeyLang               = "lang"
	KeyVersionHeaders     = "version-location.headers"
	KeyVersionQuery       = "version-location.query"
	KeyRules              = "rules"
	KeyIgnore             = "ignore"
	KeyStrictBeta         = "stability.strict-beta"
	KeyWebhooks           = "webhooks"
	KeyContractExtensions = "contract-extensions"
)

// Config is the effective configuration: the defaults, overlaid with a file,
// overlaid with the flags the user gave (Resolve). Every value in it has
// been validated once, when it was read, and is kept in its type.
type Config struct {
	File            string        // the file read, "" when none
	Policy          rules.Policy  // contract|compatible
	Scheme          scheme.Scheme // "" (auto)|semver|major-minor|integer|date
	Window          Window        // 180d, 6m, 1y
	MaxLiveMajors   Positive      // at least 1
	FailOn          FailOn        // none|version|breaking|additive|any
	Version         Flow          // declared|computed: who sets a release's version
	Lang            locale.Lang   // en|fr
	VersionLocation VersionLocation
	Rules           RuleClasses // rule id -> this team's class for it
	Ignore          Exemptions
	Stability       Stability
	// Webhooks are root keys of the spec that hold webhooks (path items
	// the API calls), besides OpenAPI 3.1's `webhooks`: GitHub's
	// `x-webhooks`. Without it such a key is an extension (non-contract).
	Webhooks WebhookKeys
	// ContractExtensions are specification extensions (x-...) this team
	// counts as part of the contract (a gateway's
	// x-amazon-apigateway-integration): a change at or inside one is judged
	// like a published field. Any other extension is non-contract.
	ContractExtensions ExtensionNames
	// Sources says where each value comes from: "default", "<file>:<line>"
	// (set by Load), "flag --x" (set by Flags.Apply, or SetFlag).
	Sources map[string]string
}

// VersionLocation names the request headers and query parameters that carry
// the API version.
type VersionLocation struct {
	Headers HeaderNames
	Query   Names
}

// Stability holds the settings about stability markers.
type Stability struct {
	StrictBeta Bool
}

// DefaultVersionHeaders and DefaultVersionQuery are where the version is
// looked for when the file says nothing.
var (
	DefaultVersionHeaders = HeaderNames{"X-Schemas-Version", "Api-Version", "X-API-Version", "Accept-Version"}
	DefaultVersionQuery   = Names{"api-version", "version", "v"}
)

const sourceDefault = "default"

// Default returns the configuration used when there is no file: each
// setting's default (keys.go), from "default".
func Default() *Config {
	c := &Config{Sources: map[string]string{}}
	for _, k := range keys {
		k.reset(c)
		c.Sources[k.name] = sourceDefault
	}
	return c
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
		return nil, yamlError(file, err)
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil {
		return nil, &Error{File: file, Line: second.Line, Msg: "more than one YAML document; a configuration is one mapping"}
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(file, err)
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

// yamlError turns a YAML syntax error into an *Error. Its message is
// go-yaml's (in v3's words); the line is taken from the error's position:
// the start of the construct the error is in (an unclosed flow sequence),
// else where the parser stopped.
func yamlError(file string, err error) error {
	e := &Error{File: file, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		e.Msg = m[2]
	}
	// The parser quotes pieces of the file (an anchor's name): escaped, short.
	e.Msg = escape.Excerpt(e.Msg, 160)
	var le *yaml.LoadError
	if errors.As(err, &le) {
		if at := le.ContextMark; le.ContextMsg != "" && at.Line > 0 {
			e.Line = at.Line
		} else if le.Mark.Line > 0 {
			e.Line = le.Mark.Line
		}
	}
	return e
}

// parser reads the top of a file: which keys it holds, each at most once,
// and the groups of nested keys (version-location, stability); each value
// reads itself (its UnmarshalYAML, or its Set for a scalar).
type parser struct {
	file string
	c    *Config
}

func (p *parser) source(n *yaml.Node) string {
	return fmt.Sprintf("%s:%d", p.file, n.Line)
}

// at turns the error of the value of the key name into an *Error naming
// the file, the line and the key.
func (p *parser) at(name string, n *yaml.Node, err error) error {
	var ve *valueError
	if !errors.As(err, &ve) {
		return &Error{File: p.file, Line: n.Line, Msg: name + ": " + err.Error()}
	}
	msg := name + ve.sub
	if ve.shown != "" {
		msg += " " + ve.shown
	}
	line := ve.line
	if line == 0 {
		line = n.Line
	}
	return &Error{File: p.file, Line: line, Msg: msg + ": " + ve.msg}
}

func (p *parser) top(root *yaml.Node) error {
	root = resolve(root)
	if isNull(root) {
		return nil
	}
	top := topKeys()
	entries, err := mapping(root, top)
	if err != nil {
		return &Error{File: p.file, Line: err.line, Msg: err.msg}
	}
	for _, e := range entries {
		name := e.key.Value
		if k := keyNamed(name); k != nil {
			if err := p.value(k, e.key, e.value); err != nil {
				return err
			}
			continue
		}
		// A group of nested keys.
		if isNull(e.value) {
			continue
		}
		sub := subKeys(name)
		inner, err := mapping(e.value, sub)
		if err != nil {
			return p.at(name, e.value, err)
		}
		for _, ie := range inner {
			if err := p.value(keyNamed(name+"."+ie.key.Value), ie.key, ie.value); err != nil {
				return err
			}
		}
	}
	return nil
}

// value reads the value of one key and records where it comes from: the
// line of the key, and of each of its parts (a rule override, an exemption).
func (p *parser) value(k *key, kn, vn *yaml.Node) error {
	if err := unmarshal(k.field(p.c), vn); err != nil {
		return p.at(k.name, vn, err)
	}
	p.c.Sources[k.name] = p.source(kn)
	if parts, ok := k.field(p.c).(interface{ parts() map[string]int }); ok {
		for part, line := range parts.parts() {
			p.c.Sources[k.name+"."+part] = fmt.Sprintf("%s:%d", p.file, line)
		}
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
