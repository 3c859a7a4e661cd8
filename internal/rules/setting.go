package rules

import "errors"

// Policy is a setting (--policy, and policy: in .apibump.yaml). Set is its
// one validation: the flag calls it (pflag.Value), and so does the
// configuration file (encoding.TextUnmarshaler, which go-yaml honours). Its
// error names what is wanted; the caller says where and quotes the value.
func (p *Policy) Set(s string) error {
	switch v := Policy(s); v {
	case Contract, Compatible:
		*p = v
		return nil
	}
	return errors.New("want contract or compatible")
}

// String returns the policy's name.
func (p *Policy) String() string {
	if p == nil {
		return ""
	}
	return string(*p)
}

// Type is the kind of value a flag's usage shows.
func (p *Policy) Type() string { return "string" }

// UnmarshalText reads a policy name.
func (p *Policy) UnmarshalText(b []byte) error { return p.Set(string(b)) }
