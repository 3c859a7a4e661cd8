package rules

import "testing"

func TestPolicySetting(t *testing.T) {
	for _, s := range []string{"contract", "compatible"} {
		var p Policy
		if err := p.Set(s); err != nil || string(p) != s || p.String() != s {
			t.Errorf("Set(%q) = %q, %v", s, p, err)
		}
	}
	for _, s := range []string{"", "Contract", "strict", " contract"} {
		p := Compatible
		if err := p.Set(s); err == nil || err.Error() != "want contract or compatible" || p != Compatible {
			t.Errorf("Set(%q) = %q, %v; want the value kept and what is wanted", s, p, err)
		}
	}
	var p Policy
	if err := p.UnmarshalText([]byte("compatible")); err != nil || p != Compatible {
		t.Errorf("UnmarshalText = %q, %v", p, err)
	}
}
