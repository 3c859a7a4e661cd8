package ghcomment

import (
	"net/url"
	"testing"
)

func TestSameOrigin(t *testing.T) {
	api, _ := url.Parse("https://api.github.com")
	for raw, want := range map[string]bool{
		"https://api.github.com/repos/x":     true,
		"https://API.github.com:443/repos/x": true,
		"http://api.github.com/repos/x":      false,
		"https://api.github.com:8443/x":      false,
		"https://evil.api.github.com/x":      false,
		"https://github.com/x":               false,
	} {
		u, _ := url.Parse(raw)
		if got := sameOrigin(u, api); got != want {
			t.Errorf("sameOrigin(%s, %s) = %v", raw, api, got)
		}
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"bad Authorization header \"Bearer s3cr3t\"":       "bad Authorization header \"Bearer [redacted]\"",
		"token ghp_0123456789abcdefghijABCDEFGHIJ012345 x": "token [redacted] x",
		"github_pat_11ABCDEFG0123456789_abcdefghijklmnop":  "[redacted]",
		"the token cannot write comments":                  "the token cannot write comments",
		"mine is s3cr3t, yours isn't":                      "mine is [redacted], yours isn't",
	} {
		if got := Redact(in, "s3cr3t"); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}
