package config

import (
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v4"

	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/scheme"
)

// keys are the settings, in the order .apibump.yaml and Print list them:
// each key, the flag that overrides it ("" when none), the flag's usage,
// its default and where its value lives in a Config. Adding a setting is a
// row here and its field in Config: Load reads it, Print prints it, a
// command that defines its flag (Flags.Define) lets the flag win over the
// file (Resolve), and the tests of keys_test.go cover it through the file,
// the flag and both. A new kind of value is a type whose pointer has Set,
// String and Type (pflag.Value: the flag, and a scalar in the file) or, for
// what is not a scalar, UnmarshalYAML and MarshalYAML.
var keys = []*key{
	setting(KeyPolicy, "policy", "how outputs are judged: contract (every removal or modification is breaking) or compatible (only what breaks a tolerant client)",
		rules.Contract, func(c *Config) *rules.Policy { return &c.Policy }),
	setting(KeyScheme, "scheme", "version scheme: auto (from the base info.version), semver, major-minor, integer or date",
		"", func(c *Config) *scheme.Scheme { return &c.Scheme }),
	setting(KeyWindow, "window", "how long the previous major stays supported after a new major: 180d, 26w, 6m, 1y",
		DefaultWindow, func(c *Config) *Window { return &c.Window }),
	setting(KeyMaxLiveMajors, "max-live-majors", "warn when more majors than this would be live on the release date",
		2, func(c *Config) *Positive { return &c.MaxLiveMajors }),
	setting(KeyVersion, "version-flow", "who sets a release's version: declared (the pull request carries it and check judges it) or computed (check gates on fail-on only; release stamps it)",
		FlowDeclared, func(c *Config) *Flow { return &c.Version }),
	setting(KeyFailOn, "fail-on", "what fails the check besides a version lower than required: version (nothing more), breaking, additive or any; none judges not even the version (under version: computed, version means breaking)",
		FailOnVersion, func(c *Config) *FailOn { return &c.FailOn }),
	setting(KeyLang, "lang", "language of the changelog: en or fr",
		locale.En, func(c *Config) *locale.Lang { return &c.Lang }),
	setting(KeyVersionHeaders, "", "",
		DefaultVersionHeaders, func(c *Config) *HeaderNames { return &c.VersionLocation.Headers }),
	setting(KeyVersionQuery, "", "",
		DefaultVersionQuery, func(c *Config) *Names { return &c.VersionLocation.Query }),
	setting(KeyRules, "", "",
		RuleClasses{}, func(c *Config) *RuleClasses { return &c.Rules }),
	setting(KeyIgnore, "", "",
		nil, func(c *Config) *Exemptions { return &c.Ignore }),
	setting(KeyStrictBeta, "strict-beta", "count breaking changes to x-stability: beta elements as breaking",
		false, func(c *Config) *Bool { return &c.Stability.StrictBeta }),
	setting(KeyWebhooks, "", "",
		WebhookKeys{}, func(c *Config) *WebhookKeys { return &c.Webhooks }),
	setting(KeyContractExtensions, "", "",
		ExtensionNames{}, func(c *Config) *ExtensionNames { return &c.ContractExtensions }),
}

// key is one setting.
type key struct {
	name  string // as Sources names it: "policy", "stability.strict-beta"
	flag  string // the flag that overrides it, "" for none
	usage string
	// field is a pointer to the setting's value in c: a pflag.Value, or a
	// yaml.Unmarshaler and yaml.Marshaler.
	field func(c *Config) any
	reset func(c *Config)        // sets the default
	copy  func(dst, src *Config) // copies the value
}

// setting makes the row of a setting of type T kept at field.
func setting[T any](name, flag, usage string, def T, field func(*Config) *T) *key {
	return &key{
		name: name, flag: flag, usage: usage,
		field: func(c *Config) any { return field(c) },
		reset: func(c *Config) { *field(c) = cloned(def) },
		copy:  func(dst, src *Config) { *field(dst) = cloned(*field(src)) },
	}
}

// cloned copies a list or a map, so that no two configurations share one.
func cloned[T any](v T) T {
	if c, ok := any(v).(interface{ clone() T }); ok {
		return c.clone()
	}
	return v
}

// keyNamed returns the setting named name, nil when there is none.
func keyNamed(name string) *key {
	for _, k := range keys {
		if k.name == name {
			return k
		}
	}
	return nil
}

// topKeys are the keys a file may hold at its top level, in order.
func topKeys() []string {
	var out []string
	for _, k := range keys {
		top, _, _ := strings.Cut(k.name, ".")
		if !slices.Contains(out, top) {
			out = append(out, top)
		}
	}
	return out
}

// subKeys are the keys of the group top ("version-location": headers, query).
func subKeys(top string) []string {
	var out []string
	for _, k := range keys {
		if sub, ok := strings.CutPrefix(k.name, top+"."); ok {
			out = append(out, sub)
		}
	}
	return out
}

// unmarshal reads the value at n into v (a key's field).
func unmarshal(v any, n *yaml.Node) error {
	switch v := v.(type) {
	case yaml.Unmarshaler:
		return v.UnmarshalYAML(n)
	case pflag.Value:
		return setScalar(v, n)
	}
	panic("config: a setting whose value cannot be read")
}

// marshal returns the value of v (a key's field) as Print writes it.
func marshal(v any) any {
	switch v := v.(type) {
	case yaml.Marshaler:
		out, _ := v.MarshalYAML()
		return out
	case pflag.Value:
		return v.String()
	}
	panic("config: a setting whose value cannot be written")
}

// Flags are the flags a command defines for settings. What the user gives
// is parsed once, by the value's Set, into the Flags' own configuration;
// Apply lays the flags given over a configuration.
type Flags struct {
	fs   *pflag.FlagSet
	set  *Config
	keys []*key
}

// NewFlags returns the settings flags of a command's flag set; it defines
// none yet (Define).
func NewFlags(fs *pflag.FlagSet) *Flags {
	return &Flags{fs: fs, set: Default()}
}

// Define defines the flags of the settings named (their Key constants);
// none names every setting that has a flag. A name without a flag is a
// mistake of the program: Define panics.
func (f *Flags) Define(names ...string) {
	if len(names) == 0 {
		for _, k := range keys {
			if k.flag != "" {
				names = append(names, k.name)
			}
		}
	}
	for _, name := range names {
		k := keyNamed(name)
		if k == nil || k.flag == "" {
			panic("config: no flag for the setting " + name)
		}
		v := k.field(f.set).(pflag.Value)
		fl := f.fs.VarPF(v, k.flag, "", k.usage)
		if b, ok := v.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			fl.NoOptDefVal = "true"
		}
		f.keys = append(f.keys, k)
	}
}

// Apply replaces, in c, the value of each setting whose flag the user gave,
// and records the flag as its source. Nil Flags apply nothing.
func (f *Flags) Apply(c *Config) {
	if f == nil {
		return
	}
	for _, k := range f.keys {
		if fl := f.fs.Lookup(k.flag); fl != nil && fl.Changed {
			k.copy(c, f.set)
			c.SetFlag(k.name, k.flag)
		}
	}
}

// Resolve is the one precedence of the settings, which every command and
// `config print` use: the defaults, overlaid with the file at path (none
// when path is ""), overlaid with each flag the user gave. Load's errors
// are returned as they are.
func Resolve(path string, flags *Flags) (*Config, error) {
	c := Default()
	if path != "" {
		var err error
		if c, err = Load(path); err != nil {
			return nil, err
		}
	}
	flags.Apply(c)
	return c, nil
}
