package config

import "testing"

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		glob, name string
		want       bool
	}{
		{"GET /books", "GET /books", true},
		{"GET /books", "GET /books/1", false},
		{"GET /books/*", "GET /books/{id}", true},
		{"GET /books/*", "GET /books/{id}/pages", false}, // * stays within a segment
		{"* /books", "DELETE /books", true},
		{"* /books", "GET /book", false},
		{"* /internal/**", "GET /internal/a/b/c", true}, // ** crosses segments
		{"* /internal/**", "GET /internal", true},       // and covers the directory itself
		{"* /internal/**", "GET /internals", false},
		{"/internal/**", "/internal/x", true},
		{"/**/admin", "/a/b/admin", true},
		{"/**/admin", "/admin", true},
		{"/b?oks", "/books", true},
		{"/b?oks", "/b/oks", false},
		// A path's own braces and brackets are text, not syntax.
		{"GET /books/{id}", "GET /books/{id}", true},
		{"GET /books/{id}", "GET /books/id", false},
		{"/a/{x,y}", "/a/x", false},
		{"/a/[bc]", "/a/b", false},
		{"/a/[bc]", "/a/[bc]", true},
		{`/a\b`, `/a\b`, true},
	}
	for _, tt := range tests {
		if got := MatchGlob(tt.glob, tt.name); got != tt.want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", tt.glob, tt.name, got, tt.want)
		}
	}
}
