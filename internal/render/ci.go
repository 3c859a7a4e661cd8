package render

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/spec"
)

// anchorOf is the place in the revision where a change is shown: its anchor,
// else its source.
func anchorOf(c report.Change) *spec.Position {
	if c.Anchor != nil {
		return c.Anchor
	}
	return c.Source
}

// ciLevel is how loudly a CI system is told about a change.
type ciLevel int

const (
	levelNone    ciLevel = iota // non-contract: nothing to say
	levelNote                   // additive
	levelWarning                // unclassified: no rule explains it
	levelError                  // breaking
)

// levelOf is the level of a change, whether or not it is accepted. An
// unclassified change is a warning unless configuration made it non-contract.
// A class the package does not know counts as non-contract, as in the
// report's summary.
func levelOf(c report.Change) ciLevel {
	switch {
	case c.Class == rules.NonContract:
		return levelNone
	case c.ID == rules.UnclassifiedChange && (c.Class == rules.Breaking || c.Class == rules.Additive):
		return levelWarning
	case c.Class == rules.Breaking:
		return levelError
	case c.Class == rules.Additive:
		return levelNote
	}
	return levelNone
}

// ciMessage is the change's message with the operations it reaches and its
// stability and acceptance labels, as plain text (escape.Text).
func ciMessage(c report.Change) string {
	s := c.Message
	switch {
	case len(c.Reach) > 0:
		ways := make([]string, len(c.Reach))
		for i, r := range c.Reach {
			ways[i] = ReachPhrase(r, locale.En).String()
		}
		s += " (" + strings.Join(ways, "; ") + ")"
	case len(c.Operations) > 0:
		s += " (" + strings.Join(c.Operations, ", ") + ")"
	}
	return escape.Text(s + labels(c))
}

// ciPath is a position's file as CI systems want it: forward slashes, and
// relative to root (the repository's top; empty: the working directory) when
// the file lies inside it, so that a run in a subdirectory still names
// api/openapi.yaml. A name that is no file here (REF:path) is left as it is.
func ciPath(file, root string) string {
	if rel, ok := RelPath(file, root); ok {
		file = rel
	}
	return filepath.ToSlash(file)
}

// RelPath is file relative to root (empty: the working directory) when it
// lies inside root; ok is false otherwise, and for a relative name that is no
// file here (REF:path, standard input's name).
func RelPath(file, root string) (string, bool) {
	if file == "" {
		return "", false
	}
	if _, err := os.Lstat(file); err != nil && !filepath.IsAbs(file) {
		return "", false
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", false
	}
	if root == "" {
		if root, err = os.Getwd(); err != nil {
			return "", false
		}
	}
	if root, err = filepath.Abs(root); err != nil {
		return "", false
	}
	// Symbolic links (macOS's /tmp) must not make the same place look foreign.
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(d, filepath.Base(abs))
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// fullSHA is a REF:path whose REF is a full commit id.
var fullSHA = regexp.MustCompile(`^([0-9a-f]{12})[0-9a-f]{28}:(?:\./)?`)

// ShortName is a spec's name for people: a REF:path read at a full commit
// id is named by its first 12 hex digits, as git shortens them
// ("c8d00e3a8624:api/openapi.yaml"); any other name is as it is.
func ShortName(file string) string {
	if m := fullSHA.FindStringSubmatchIndex(file); m != nil {
		return file[m[2]:m[3]] + ":" + file[m[1]:]
	}
	return file
}
