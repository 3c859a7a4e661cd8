package config

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"cloud.google.com/go/civil"
	"go.yaml.in/yaml/v4"

	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/safefile"
)

// The values of the settings kept here; the others live with what they
// name (rules.Policy, scheme.Scheme, locale.Lang). Each validates in one
// place: Set for what a flag or a scalar of the file gives, UnmarshalYAML
// for what only the file can hold. Their errors say what is wanted; the
// flag or the file says where, and quotes the value.

// Window is a deprecation window: a number of days, weeks, months or years.
type Window struct {
	N    int
	Unit byte // 'd', 'w', 'm' or 'y'
}

// DefaultWindow is the window used when none is given: 180 days.
var DefaultWindow = Window{N: 180, Unit: 'd'}

var windowRe = regexp.MustCompile(`^(\d{1,4})([dwmy])$`)

// Set reads "180d", "26w", "6m" or "1y".
func (w *Window) Set(s string) error {
	m := windowRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return errors.New("want a number followed by d, w, m or y (180d, 26w, 6m, 1y)")
	}
	n, _ := strconv.Atoi(m[1])
	if n == 0 {
		return errors.New("want a window longer than nothing (180d, 26w, 6m, 1y)")
	}
	*w = Window{N: n, Unit: m[2][0]}
	return nil
}

func (w Window) String() string { return strconv.Itoa(w.N) + string(w.Unit) }

// Type is the kind of value a flag's usage shows.
func (w *Window) Type() string { return "string" }

// After returns the day the window ends when it starts on d. A month or a
// year from a day the target month lacks overflows into the next, as
// time.AddDate does (January 31 + 1m is March 3, or 2 in a leap year).
func (w Window) After(d civil.Date) civil.Date {
	switch w.Unit {
	case 'w':
		return d.AddDays(7 * w.N)
	case 'm':
		return d.AddMonths(w.N)
	case 'y':
		return d.AddYears(w.N)
	}
	return d.AddDays(w.N)
}

// FailOn says which changes fail the gate on their own, besides an
// insufficient version.
type FailOn string

// The FailOn levels.
const (
	FailOnNone     FailOn = "none"     // nothing: neither the version nor any class
	FailOnVersion  FailOn = "version"  // only a declared version lower than required
	FailOnBreaking FailOn = "breaking" // also any breaking change
	FailOnAdditive FailOn = "additive" // also any breaking or additive change
	FailOnAny      FailOn = "any"      // also any change at all
)

// Set reads a level.
func (f *FailOn) Set(s string) error {
	switch v := FailOn(s); v {
	case FailOnNone, FailOnVersion, FailOnBreaking, FailOnAdditive, FailOnAny:
		*f = v
		return nil
	}
	return errors.New("want none, version, breaking, additive or any")
}

func (f *FailOn) String() string { return string(*f) }

// Type is the kind of value a flag's usage shows.
func (f *FailOn) Type() string { return "string" }

// Flow says who sets the version of a release.
type Flow string

// The flows.
const (
	// FlowDeclared: the pull request carries the new info.version and the
	// check judges it; release writes the entry (and stamps nothing more).
	FlowDeclared Flow = "declared"
	// FlowComputed: pull requests leave info.version alone; the check gates
	// on fail-on only (breaking by default) and release computes and stamps
	// the version.
	FlowComputed Flow = "computed"
)

// Set reads a flow.
func (f *Flow) Set(s string) error {
	switch v := Flow(s); v {
	case FlowDeclared, FlowComputed:
		*f = v
		return nil
	}
	return errors.New("want declared or computed")
}

func (f *Flow) String() string { return string(*f) }

// Type is the kind of value a flag's usage shows.
func (f *Flow) Type() string { return "string" }

// Gate is what fails the check: the declared version judged against the
// required one (JudgeVersion), and the changes of FailOn's classes. The
// computed flow does not judge the version, and there the default fail-on
// (version, which would then gate on nothing) gates on breaking changes;
// fail-on: none turns the version judgement off in either flow.
func (c *Config) Gate() (judgeVersion bool, failOn FailOn) {
	failOn = c.FailOn
	if c.Version == FlowComputed {
		if failOn == FailOnVersion {
			failOn = FailOnBreaking
		}
		return false, failOn
	}
	return failOn != FailOnNone, failOn
}

// Positive is a whole number, 1 or more (max-live-majors; also --jobs and
// --pr, where 0 stands for "not given").
type Positive int

// Set reads a whole number, 1 or more.
func (p *Positive) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 {
		return errors.New("want a whole number, 1 or more")
	}
	*p = Positive(n)
	return nil
}

func (p *Positive) String() string { return strconv.Itoa(int(*p)) }

// Type is the kind of value a flag's usage shows.
func (p *Positive) Type() string { return "int" }

// UnmarshalYAML reads a number written as one (not "3").
func (p *Positive) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		return &valueError{line: n.Line, shown: kindName(n), msg: "want a whole number, 1 or more"}
	}
	return setScalar(p, n)
}

// MarshalYAML writes the number.
func (p Positive) MarshalYAML() (any, error) { return int(p), nil }

// Bool is a yes or no setting.
type Bool bool

// Set reads true or false (a flag also takes 1, 0, t, f).
func (b *Bool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("want true or false")
	}
	*b = Bool(v)
	return nil
}

func (b *Bool) String() string { return strconv.FormatBool(bool(*b)) }

// Type is the kind of value a flag's usage shows.
func (b *Bool) Type() string { return "bool" }

// IsBoolFlag lets the flag stand alone for true.
func (b *Bool) IsBoolFlag() bool { return true }

// UnmarshalYAML reads a YAML boolean (true or false, not "yes").
func (b *Bool) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		return &valueError{line: n.Line, shown: kindName(n), msg: "want true or false"}
	}
	return setScalar(b, n)
}

// MarshalYAML writes the boolean.
func (b Bool) MarshalYAML() (any, error) { return bool(b), nil }

// Names is a list of distinct, non-empty names (query parameters).
type Names []string

// UnmarshalYAML reads the list.
func (ns *Names) UnmarshalYAML(n *yaml.Node) error {
	list, err := names(n, nil)
	if err != nil {
		return err
	}
	*ns = list
	return nil
}

// MarshalYAML writes the list.
func (ns Names) MarshalYAML() (any, error) { return []string(ns), nil }

func (ns Names) clone() Names { return slices.Clone(ns) }

// HeaderNames is a list of distinct HTTP header names.
type HeaderNames []string

var headerNameRE = regexp.MustCompile("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")

// UnmarshalYAML reads the list.
func (hs *HeaderNames) UnmarshalYAML(n *yaml.Node) error {
	list, err := names(n, func(s string) bool { return headerNameRE.MatchString(s) })
	if err != nil {
		return err
	}
	*hs = HeaderNames(list)
	return nil
}

// MarshalYAML writes the list.
func (hs HeaderNames) MarshalYAML() (any, error) { return []string(hs), nil }

func (hs HeaderNames) clone() HeaderNames { return slices.Clone(hs) }

// WebhookKeys are extension keys (x-...) at the root of a spec that hold
// webhooks, as OpenAPI 3.1's webhooks does.
type WebhookKeys []string

// UnmarshalYAML reads the list.
func (ws *WebhookKeys) UnmarshalYAML(n *yaml.Node) error {
	list, err := extensionNames(n, "is not an extension key (x-...); OpenAPI 3.1's webhooks are read as webhooks already")
	if err != nil {
		return err
	}
	*ws = list
	return nil
}

// MarshalYAML writes the list.
func (ws WebhookKeys) MarshalYAML() (any, error) { return []string(ws), nil }

func (ws WebhookKeys) clone() WebhookKeys { return slices.Clone(ws) }

// ExtensionNames are names of specification extensions (x-...).
type ExtensionNames []string

// UnmarshalYAML reads the list.
func (es *ExtensionNames) UnmarshalYAML(n *yaml.Node) error {
	list, err := extensionNames(n, "is not an extension name (x-...)")
	if err != nil {
		return err
	}
	*es = list
	return nil
}

// extensionNames reads a list of names (see names) that each start with
// x-; a name that does not is refused with why.
func extensionNames(n *yaml.Node, why string) ([]string, error) {
	list, err := names(n, nil)
	if err != nil {
		return nil, err
	}
	for i, k := range list {
		if !strings.HasPrefix(k, "x-") {
			return nil, &valueError{line: n.Content[i].Line, msg: safefile.Quote(k) + " " + why}
		}
	}
	return list, nil
}

// MarshalYAML writes the list.
func (es ExtensionNames) MarshalYAML() (any, error) { return []string(es), nil }

func (es ExtensionNames) clone() ExtensionNames { return slices.Clone(es) }

// names reads a list of non-empty, distinct names, each accepted by ok
// (nil: any); a refused one "is not a header name".
func names(n *yaml.Node, ok func(string) bool) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, &valueError{line: n.Line, msg: "want a list of names, got " + kindName(n)}
	}
	list := []string{}
	for _, item := range n.Content {
		item = resolve(item)
		s, err := scalar(item)
		if err != nil {
			return nil, err
		}
		s = strings.TrimSpace(s)
		switch {
		case s == "":
			return nil, &valueError{line: item.Line, msg: "empty name"}
		case slices.Contains(list, s):
			return nil, &valueError{line: item.Line, msg: safefile.Quote(s) + " is listed twice"}
		case ok != nil && !ok(s):
			return nil, &valueError{line: item.Line, msg: safefile.Quote(s) + " is not a header name"}
		}
		list = append(list, s)
	}
	return list, nil
}

// RuleClasses are a team's classes for some rules.
type RuleClasses map[string]RuleClass

// RuleClass is the class a team gives a rule, and the line that says so.
type RuleClass struct {
	Class rules.Class
	Line  int
}

// Classes returns each overridden rule's class.
func (rc RuleClasses) Classes() map[string]rules.Class {
	out := make(map[string]rules.Class, len(rc))
	for id, r := range rc {
		out[id] = r.Class
	}
	return out
}

// UnmarshalYAML reads a mapping of rule id to class.
func (rc *RuleClasses) UnmarshalYAML(n *yaml.Node) error {
	out := RuleClasses{}
	*rc = out
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return &valueError{line: n.Line, msg: "want a mapping of rule id to class, got " + kindName(n)}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || isNull(k) {
			return &valueError{line: k.Line, msg: "want a rule id, got " + kindName(k)}
		}
		id := k.Value
		if _, ok := rules.Lookup(id); !ok {
			return &valueError{line: k.Line, msg: "unknown rule " + safefile.Quote(id) + " (apibump rules lists them)"}
		}
		if first, dup := out[id]; dup {
			return &valueError{line: k.Line, msg: fmt.Sprintf("duplicate rule %s (first at line %d)", safefile.Quote(id), first.Line)}
		}
		s, err := scalar(v)
		if err != nil {
			err.msg = id + ": " + err.msg
			return err
		}
		class, perr := rules.ParseClass(s)
		if perr != nil {
			return &valueError{line: v.Line, msg: fmt.Sprintf("unknown class %s for %s (want breaking, additive or non-contract)", safefile.Quote(s), id)}
		}
		out[id] = RuleClass{Class: class, Line: v.Line}
	}
	return nil
}

// MarshalYAML writes the mapping, each class by its name.
func (rc RuleClasses) MarshalYAML() (any, error) {
	out := map[string]string{}
	for id, r := range rc {
		out[id] = string(r.Class)
	}
	return out, nil
}

// parts are the lines of the overrides, by rule id.
func (rc RuleClasses) parts() map[string]int {
	out := map[string]int{}
	for id, r := range rc {
		out[id] = r.Line
	}
	return out
}

func (rc RuleClasses) clone() RuleClasses { return maps.Clone(rc) }

// A valueError is a mistake at a line in the value of a key: Load names the
// file and the key, then sub (an item: "[1]"), then shown (the value
// itself, quoted, when it is what is wrong), then msg.
type valueError struct {
	line  int
	sub   string
	shown string
	msg   string
}

func (e *valueError) Error() string {
	s := strings.TrimSpace(e.sub + " " + e.shown)
	if s == "" {
		return e.msg
	}
	return s + ": " + e.msg
}

// scalar returns the text of a scalar node.
func scalar(n *yaml.Node) (string, *valueError) {
	if n.Kind != yaml.ScalarNode {
		return "", &valueError{line: n.Line, msg: "want a string, got " + kindName(n)}
	}
	if isNull(n) {
		return "", &valueError{line: n.Line, msg: "no value"}
	}
	return n.Value, nil
}

// setScalar reads a scalar node into a value that reads itself from text
// (its Set, the one validation of its flag too).
func setScalar(v interface{ Set(string) error }, n *yaml.Node) error {
	s, err := scalar(n)
	if err != nil {
		return err
	}
	if err := v.Set(s); err != nil {
		return &valueError{line: n.Line, shown: safefile.Quote(s), msg: err.Error()}
	}
	return nil
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

// kindName says what a node is in a message: a mapping, a list, nothing,
// or its text quoted short.
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
// once, and returns its entries.
func mapping(n *yaml.Node, known []string) ([]entry, *valueError) {
	if n.Kind != yaml.MappingNode {
		return nil, &valueError{line: n.Line, msg: fmt.Sprintf("want a mapping of %s, got %s", strings.Join(known, ", "), kindName(n))}
	}
	var out []entry
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		switch {
		case k.Kind != yaml.ScalarNode:
			return nil, &valueError{line: k.Line, msg: "want a key, got " + kindName(k)}
		case !slices.Contains(known, k.Value):
			return nil, &valueError{line: k.Line, msg: fmt.Sprintf("unknown key %s (known: %s)", safefile.Quote(k.Value), strings.Join(known, ", "))}
		}
		if line, dup := seen[k.Value]; dup {
			return nil, &valueError{line: k.Line, msg: fmt.Sprintf("duplicate key %s (first at line %d)", safefile.Quote(k.Value), line)}
		}
		seen[k.Value] = k.Line
		out = append(out, entry{k, v})
	}
	return out, nil
}
