package render

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/apibump/apibump/internal/escape"
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
	if len(c.Operations) > 0 {
		s += " (" + strings.Join(c.Operations, ", ") + ")"
	}
	return escape.Text(s + labels(c))
}

// ciPath is a position's file as CI systems want it: forward slashes, and
// relative to the working directory when an absolute path lies inside it.
func ciPath(file string) string {
	if filepath.IsAbs(file) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				file = rel
			}
		}
	}
	return filepath.ToSlash(file)
}
