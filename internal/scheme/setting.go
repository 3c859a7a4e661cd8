package scheme

import (
	"encoding/json"
	"errors"
)

// Scheme is also a setting (--scheme, and scheme: in .apibump.yaml), where
// "auto" is the empty Scheme: detect it from the base's info.version. Set is
// its one validation: the flag calls it (pflag.Value), and so does the
// configuration file (encoding.TextUnmarshaler, which go-yaml honours). Its
// error names what is wanted; the caller says where and quotes the value.
func (scheme *Scheme) Set(s string) error {
	switch v := Scheme(s); v {
	case Semver, MajorMinor, Integer, Date:
		*scheme = v
		return nil
	case "auto":
		*scheme = ""
		return nil
	}
	return errors.New("want auto, semver, major-minor, integer or date")
}

// String returns the setting's name: "auto" for the empty Scheme.
func (scheme *Scheme) String() string {
	if scheme == nil || *scheme == "" {
		return "auto"
	}
	return string(*scheme)
}

// Type is the kind of value a flag's usage shows.
func (scheme *Scheme) Type() string { return "string" }

// UnmarshalText reads a setting's name.
func (scheme *Scheme) UnmarshalText(b []byte) error { return scheme.Set(string(b)) }

// UnmarshalJSON reads a scheme as a report writes it: a scheme's name, or
// "" when there was none to detect (a base without info.version). A report
// read back is not a setting: its empty scheme is no mistake.
func (scheme *Scheme) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == "" {
		*scheme = ""
		return nil
	}
	return scheme.Set(s)
}
