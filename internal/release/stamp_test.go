package release

import (
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/spec"
)

func stamp(t *testing.T, src, version string) string {
	t.Helper()
	f, err := spec.ParseFile("spec", "/spec", []byte(src), true)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Stamp(f, version)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestStampKeepsEveryOtherByte(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain yaml with comment",
			"openapi: 3.0.3\n# the API\ninfo:\n  title: Books  # title\n  version: 1.4.2   # bumped by apibump\npaths: {}\n",
			"openapi: 3.0.3\n# the API\ninfo:\n  title: Books  # title\n  version: 2.0.0   # bumped by apibump\npaths: {}\n"},
		{"double-quoted yaml",
			"openapi: 3.0.3\ninfo: {title: Books, version: \"1.4.2\"}\npaths: {}\n",
			"openapi: 3.0.3\ninfo: {title: Books, version: \"2.0.0\"}\npaths: {}\n"},
		{"single-quoted yaml",
			"openapi: 3.0.3\ninfo:\n  version: '1.4'\n  title: Books\npaths: {}\n",
			"openapi: 3.0.3\ninfo:\n  version: '2.0'\n  title: Books\npaths: {}\n"},
		{"flow plain yaml",
			"openapi: 3.0.3\ninfo: {version: v3, title: Books}\npaths: {}\n",
			"openapi: 3.0.3\ninfo: {version: v4, title: Books}\npaths: {}\n"},
		{"json with unicode before",
			"{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"Bücher – API\", \"version\": \"1.4.2\"},\n  \"paths\": {}\n}\n",
			"{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"Bücher – API\", \"version\": \"2.0.0\"},\n  \"paths\": {}\n}\n"},
		{"crlf yaml",
			"openapi: 3.0.3\r\ninfo:\r\n  title: Books\r\n  version: 1.4.2\r\npaths: {}\r\n",
			"openapi: 3.0.3\r\ninfo:\r\n  title: Books\r\n  version: 2.0.0\r\npaths: {}\r\n"},
	}
	for _, tt := range tests {
		want := tt.want
		version := "2.0.0"
		switch {
		case strings.Contains(tt.want, "'2.0'"):
			version = "2.0"
		case strings.Contains(tt.want, "v4"):
			version = "v4"
		}
		if got := stamp(t, tt.src, version); got != want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, want)
		}
	}
}

func TestStampRefusesWhatItCannotWrite(t *testing.T) {
	for _, src := range []string{
		"openapi: 3.0.3\ninfo: {title: Books}\npaths: {}\n",
		"openapi: 3.0.3\ninfo:\n  version: |\n    1.4.2\npaths: {}\n",
	} {
		f, err := spec.ParseFile("spec", "/spec", []byte(src), true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Stamp(f, "2.0.0"); err == nil {
			t.Errorf("want an error for %q", src)
		}
	}
}
