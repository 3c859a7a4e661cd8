// Package repo is what apibump knows of the repository it runs in: its top
// (Top, FromTop) and the OpenAPI files below a directory (FindSpecs), for
// init.
package repo

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/apibump/apibump/internal/safefile"
)

// Top is the top of the git repository holding dir (the first
// directory upwards with a .git), else dir itself.
func Top(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			if rel, err := filepath.Rel(mustAbs(dir), d); err == nil && !filepath.IsAbs(dir) {
				return filepath.Join(dir, rel)
			}
			return d
		}
		up := filepath.Dir(d)
		if up == d {
			return dir
		}
		d = up
	}
}

func mustAbs(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return abs
}

// FromTop is a file's path from the repository's top, with
// forward slashes, as the workflow's spec input wants it.
func FromTop(top, file string) string {
	if rel, err := filepath.Rel(mustAbs(top), mustAbs(file)); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

// specNames are the usual names of a spec, in order of preference.
var specNames = []string{"openapi.yaml", "openapi.yml", "openapi.json"}

// topLevelSpecKey finds a top-level openapi or swagger key in YAML.
var topLevelSpecKey = regexp.MustCompile(`^["']?(?:openapi|swagger)["']?\s*:`)

// searchDepth and searchLimit bound the search for specs: how
// deep below the directory, and how many directory entries in all.
const (
	searchDepth = 4
	searchLimit = 20000
)

// skipDirs are the directories the search never enters (besides hidden ones).
var skipDirs = map[string]bool{"node_modules": true, "vendor": true, "testdata": true}

// FindSpecs returns the OpenAPI files in dir and below, best first: the
// shallowest, a usual name (specNames, in order) before any other file
// with a top-level openapi or swagger key, then by path. The paths are dir
// joined with the file's path below it.
func FindSpecs(dir string) ([]string, error) {
	type candidate struct {
		path        string
		depth, rank int
	}
	var found []candidate
	seen := 0
	var walk func(d string, depth int) error
	walk = func(d string, depth int) error {
		entries, err := os.ReadDir(d)
		if err != nil {
			if depth == 0 {
				return err
			}
			return nil // an unreadable subdirectory is no spec
		}
		var subdirs []string
		for _, e := range entries {
			if seen++; seen > searchLimit {
				return nil
			}
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				continue
			}
			full := filepath.Join(d, name)
			if e.IsDir() {
				if !skipDirs[name] && depth < searchDepth {
					subdirs = append(subdirs, full)
				}
				continue
			}
			if !e.Type().IsRegular() {
				continue
			}
			if rank := slices.Index(specNames, name); rank >= 0 {
				found = append(found, candidate{full, depth, rank})
				continue
			}
			ext := strings.ToLower(filepath.Ext(name))
			if (ext == ".yaml" || ext == ".yml" || ext == ".json") && HasSpecKey(full) {
				found = append(found, candidate{full, depth, len(specNames)})
			}
		}
		for _, sub := range subdirs {
			if err := walk(sub, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(dir, 0); err != nil {
		return nil, err
	}
	slices.SortStableFunc(found, func(a, b candidate) int {
		if a.depth != b.depth {
			return a.depth - b.depth
		}
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		return strings.Compare(a.path, b.path)
	})
	out := make([]string, len(found))
	for i, c := range found {
		out[i] = c.path
	}
	return out, nil
}

// HasSpecKey says whether the file has a top-level openapi or swagger key.
func HasSpecKey(path string) bool {
	f, _, err := safefile.Open(path, safefile.RootOf(filepath.Dir(path)))
	if err != nil {
		return false
	}
	defer f.Close()
	if strings.EqualFold(filepath.Ext(path), ".json") {
		var top map[string]json.RawMessage
		if json.NewDecoder(io.LimitReader(f, 64<<20)).Decode(&top) != nil {
			return false
		}
		_, openapi := top["openapi"]
		_, swagger := top["swagger"]
		return openapi || swagger
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if topLevelSpecKey.MatchString(strings.TrimPrefix(sc.Text(), "\ufeff")) {
			return true
		}
	}
	return false
}
