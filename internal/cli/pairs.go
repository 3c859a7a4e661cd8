package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/apibump/apibump/internal/source"
)

// The arguments of a many-spec check: BASE:REVISION pairs, or revision
// files and globs compared with the same path at --base-ref.

// specPair is one spec of a many-spec check.
type specPair struct {
	Base, Revision string
	// New is set when the revision has no base at --base-ref: nothing to compare.
	New bool
}

// isPair tells a BASE:REVISION argument: split at its last colon, the
// revision is an existing file and the base an existing file or a REF:path.
func isPair(arg string) bool {
	_, _, ok := splitPair(arg)
	return ok
}

func splitPair(arg string) (string, string, bool) {
	i := strings.LastIndex(arg, ":")
	if i <= 0 || i == len(arg)-1 {
		return "", "", false
	}
	base, rev := arg[:i], arg[i+1:]
	if st, err := os.Stat(rev); err != nil || st.IsDir() {
		return "", "", false
	}
	if _, err := os.Stat(base); err == nil {
		return base, rev, true
	}
	if in := source.ParseInput(base); in.Kind == source.InputGit {
		return base, rev, true
	}
	return "", "", false
}

// pairs turns the arguments into the specs to check.
func (o *CheckOptions) pairs(args []string) ([]specPair, error) {
	var out []specPair
	seen := map[string]bool{}
	add := func(p specPair) {
		if !seen[p.Base+"\x00"+p.Revision] {
			seen[p.Base+"\x00"+p.Revision] = true
			out = append(out, p)
		}
	}
	for _, arg := range args {
		if arg == "-" {
			return nil, inputError(fmt.Errorf("standard input cannot be one of several specs"))
		}
		if o.BaseRef == "" {
			base, rev, ok := splitPair(arg)
			if !ok {
				return nil, inputError(fmt.Errorf("%s: want BASE:REVISION with REVISION an existing file and BASE a file or REF:path (or use --base-ref REF with revision files)", arg))
			}
			add(specPair{Base: base, Revision: rev})
			continue
		}
		files, err := expandGlob(arg)
		if err != nil {
			return nil, inputError(err)
		}
		for _, f := range files {
			rel := f
			if filepath.IsAbs(f) {
				if wd, err := os.Getwd(); err == nil {
					if r, err := filepath.Rel(wd, f); err == nil {
						rel = r
					}
				}
			}
			rel = filepath.ToSlash(rel)
			if !strings.HasPrefix(rel, "../") {
				rel = "./" + rel
			}
			exists, err := source.GitFileExists(o.BaseRef, rel)
			if err != nil {
				return nil, inputError(fmt.Errorf("--base-ref %s: %w", o.BaseRef, err))
			}
			add(specPair{Base: o.BaseRef + ":" + rel, Revision: f, New: !exists})
		}
	}
	return out, nil
}

// expandGlob lists the files a pattern matches, sorted, in doublestar's
// dialect (the one of exemption globs too): ** as a whole segment matches
// any number of directories, * any text within a segment, ? one character,
// [...] a class, {a,b} either. The directories .git and node_modules are
// not searched. A plain path must exist.
func expandGlob(pattern string) ([]string, error) {
	slashed := filepath.ToSlash(pattern)
	if !strings.ContainsAny(slashed, `*?[{\`) {
		st, err := os.Stat(pattern)
		if err != nil {
			return nil, fmt.Errorf("%s: no such file", pattern)
		}
		if st.IsDir() {
			return nil, fmt.Errorf("%s is a directory: give spec files or a glob such as %s", pattern, filepath.ToSlash(filepath.Join(pattern, "**", "openapi.yaml")))
		}
		return []string{pattern}, nil
	}
	root, glob := doublestar.SplitPattern(slashed)
	if !doublestar.ValidatePattern(glob) {
		return nil, fmt.Errorf("%s: not a valid glob (an unclosed [ or {?)", pattern)
	}
	root = filepath.FromSlash(root)
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (d.Name() == ".git" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		if ok, _ := doublestar.Match(glob, filepath.ToSlash(rel)); ok {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pattern, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no file matches", pattern)
	}
	slices.Sort(out)
	return out, nil
}
