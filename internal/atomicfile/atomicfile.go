// Package atomicfile writes files so that a reader sees either the old or the
// new content, never a half-written file, even when several files change
// together.
//
// One file is replaced by a rename, which is atomic. Several files are one
// transaction with a small journal: every new content is first written and
// synced to a temporary file beside its target; then a journal naming the
// targets and their temporary files is put beside each target; only then
// are the temporary files renamed into place, and the journals removed. A
// run killed before a journal exists leaves every target as it was; killed
// after, it leaves the journal, and the next write of any of those targets
// (or Recover, which `apibump release` calls before it reads anything)
// finishes the renames, so every target is new. Temporary files of a killed
// run that no journal names are removed by the next run.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apibump/apibump/internal/safefile"
)

// rename is os.Rename; tests replace it to inject failures.
var rename = os.Rename

// BetweenRenames, when set, runs after each rename of a transaction but the
// last. Tests set it to kill the process there, as a crash would.
var BetweenRenames func()

// journalLimit bounds what Recover reads of a journal: a few paths.
var journalLimit = safefile.Limit{Bytes: 64 << 10, What: "a journal"}

const (
	tempInfix    = ".tmp-"
	journalInfix = ".apibump-journal"
)

// tempPrefix starts the name of every temporary file written for target.
func tempPrefix(target string) string { return "." + filepath.Base(target) + tempInfix }

// journalPath is where the journal of a transaction writing target lies.
func journalPath(target string) string {
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+journalInfix)
}

// File is one file of a transaction.
type File struct {
	Path string
	Data []byte
}

// journal is what a transaction records before its renames.
type journal struct {
	Apibump string        `json:"apibump"` // "journal"
	Files   []journalFile `json:"files"`
}

type journalFile struct {
	Target string `json:"target"`
	Temp   string `json:"temp"`
}

// WriteFile replaces path with data through a temporary file in the same
// directory and a rename. On error the file is untouched.
func WriteFile(path string, data []byte) error {
	return WriteAll([]File{{Path: path, Data: data}})
}

// staged is a file of a transaction on its way.
type staged struct {
	path, tmp string
	existed   bool
	mode      os.FileMode
	backup    string // a hard link to the old content, to put it back on error
	old       []byte // the old content, when no link could be made
}

// WriteAll replaces every file or none (see the package documentation for
// what a crash leaves). It first finishes or clears what a killed earlier
// run left beside the files. If a rename fails, the files already replaced
// get their old content back.
func WriteAll(files []File) error {
	paths := make([]string, len(files))
	for i, f := range files {
		p, err := canonical(f.Path)
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("write %s: no directory %s", f.Path, filepath.Dir(f.Path))
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", f.Path, err)
		}
		paths[i] = p
	}
	if _, err := Recover(paths...); err != nil {
		return err
	}
	var done []staged
	var journals []string
	cleanup := func() {
		for _, j := range journals {
			os.Remove(j)
		}
		for _, s := range done {
			os.Remove(s.tmp)
			if s.backup != "" {
				os.Remove(s.backup)
			}
		}
	}
	for i, f := range files {
		s := staged{path: paths[i], mode: 0o644}
		if st, err := os.Stat(s.path); err == nil {
			if !st.Mode().IsRegular() {
				cleanup()
				return fmt.Errorf("write %s: not a regular file", f.Path)
			}
			s.existed, s.mode = true, st.Mode().Perm()
		} else if !errors.Is(err, os.ErrNotExist) {
			cleanup()
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		tmp, err := writeTemp(s.path, tempPrefix(s.path)+"*", f.Data, s.mode)
		if err != nil {
			cleanup()
			return fmt.Errorf("write %s: %w", f.Path, err)
		}
		s.tmp = tmp
		done = append(done, s)
	}
	if len(done) > 1 {
		j := journal{Apibump: "journal"}
		for _, s := range done {
			j.Files = append(j.Files, journalFile{Target: s.path, Temp: s.tmp})
		}
		data, _ := json.Marshal(j)
		for _, s := range done {
			jp := journalPath(s.path)
			tmp, err := writeTemp(jp, filepath.Base(jp)+tempInfix+"*", data, 0o644)
			if err == nil {
				journals = append(journals, jp)
				err = os.Rename(tmp, jp)
				if err != nil {
					os.Remove(tmp)
				}
			}
			if err != nil {
				cleanup()
				return fmt.Errorf("write %s: journal: %w", s.path, err)
			}
		}
		syncDirs(done)
		for i := range done {
			if err := keepOld(&done[i]); err != nil {
				cleanup()
				return fmt.Errorf("write %s: %w", files[i].Path, err)
			}
		}
	}
	for i, s := range done {
		if err := rename(s.tmp, s.path); err != nil {
			// Undo the transaction: first the journals, so that no later
			// run finishes it, then the files already replaced.
			for _, j := range journals {
				os.Remove(j)
			}
			journals = nil
			for _, r := range done[:i] {
				restore(r)
			}
			cleanup()
			return fmt.Errorf("write %s: %w", files[i].Path, err)
		}
		if i < len(done)-1 && BetweenRenames != nil {
			BetweenRenames()
		}
	}
	syncDirs(done)
	for _, j := range journals {
		os.Remove(j)
	}
	for _, s := range done {
		if s.backup != "" {
			os.Remove(s.backup)
		}
	}
	return nil
}

// writeTemp writes data to a new temporary file named by pattern beside
// target, synced, with the mode, and returns its path.
func writeTemp(target, pattern string, data []byte, mode os.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(target), pattern)
	if err != nil {
		return "", err
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr, os.Chmod(f.Name(), mode)); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// keepOld keeps the old content of a file about to be replaced: a hard link
// beside it where the file system allows one, else a copy in memory.
func keepOld(s *staged) error {
	if !s.existed {
		return nil
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	link := filepath.Join(filepath.Dir(s.path), tempPrefix(s.path)+"old-"+hex.EncodeToString(b[:]))
	if os.Link(s.path, link) == nil {
		s.backup = link
		return nil
	}
	old, err := os.ReadFile(s.path)
	if err != nil {
		return err
	}
	s.old = old
	return nil
}

// restore puts back the old content of a replaced file, or removes a file
// that did not exist.
func restore(s staged) {
	switch {
	case !s.existed:
		_ = os.Remove(s.path)
	case s.backup != "":
		if os.Rename(s.backup, s.path) == nil {
			s.backup = ""
		}
	default:
		_ = os.WriteFile(s.path, s.old, s.mode)
	}
}

// Recover finishes or clears what a killed run left beside the files at
// paths: a journal found beside one of them is carried out (every
// temporary file it names still there is renamed onto its target, in any
// directory it names), then the journals and every other temporary file of
// those targets are removed. It reports whether it finished a transaction.
// A journal apibump did not write is an error naming it, and nothing is
// renamed.
func Recover(paths ...string) (bool, error) {
	recovered := false
	var targets []string
	for _, p := range paths {
		abs, err := canonical(p)
		if err != nil {
			continue // no directory: nothing was left there
		}
		targets = append(targets, abs)
		jp := journalPath(abs)
		if _, err := os.Lstat(jp); err != nil {
			continue
		}
		j, err := readJournal(jp)
		if err != nil {
			return recovered, fmt.Errorf("%s: %w", jp, err)
		}
		if !slices.ContainsFunc(j.Files, func(f journalFile) bool { return journalPath(f.Target) == jp }) {
			return recovered, fmt.Errorf("%s: not a journal apibump wrote (it is not about %s); remove it if no release is under way", jp, filepath.Base(abs))
		}
		for _, f := range j.Files {
			if st, err := os.Lstat(f.Temp); err == nil && st.Mode().IsRegular() {
				if err := os.Rename(f.Temp, f.Target); err != nil {
					return recovered, fmt.Errorf("%s: finishing the interrupted write of %s: %w", jp, f.Target, err)
				}
				recovered = true
			}
		}
		for _, f := range j.Files {
			targets = append(targets, f.Target)
		}
		for _, f := range j.Files {
			os.Remove(journalPath(f.Target))
		}
	}
	for _, t := range targets {
		removeStrays(t)
	}
	return recovered, nil
}

// canonical is path made absolute with its directory's symbolic links
// resolved (the file itself is not: a rename replaces a link, and callers
// that mean the file a link points to resolve it themselves).
func canonical(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, filepath.Base(abs)), nil
}

// readJournal reads and checks a journal: every file it names must be a
// temporary file of its target, in the target's directory, and the target
// must lie in the same repository as the journal. A journal is in the work
// tree, so it is treated as hostile as any file there.
func readJournal(path string) (*journal, error) {
	root := safefile.RootOf(filepath.Dir(path))
	data, err := safefile.ReadFile(path, root, journalLimit)
	if err != nil {
		return nil, err
	}
	bad := func(why string) error {
		return fmt.Errorf("not a journal apibump wrote (%s); remove it if no release is under way", why)
	}
	var j journal
	if json.Unmarshal(data, &j) != nil || j.Apibump != "journal" || len(j.Files) == 0 {
		return nil, bad("not its format")
	}
	for _, f := range j.Files {
		switch {
		case !filepath.IsAbs(f.Target) || filepath.Clean(f.Target) != f.Target:
			return nil, bad("a target is not a clean absolute path")
		case filepath.Dir(f.Temp) != filepath.Dir(f.Target) || !strings.HasPrefix(filepath.Base(f.Temp), tempPrefix(f.Target)):
			return nil, bad("a temporary file is not one of its target")
		}
		if t, err := safefile.WriteTarget(f.Target, root); err != nil || t != f.Target {
			return nil, bad("a target is not a file of " + root.Name)
		}
	}
	return &j, nil
}

// removeStrays removes the temporary files a killed run left for target:
// new contents, old contents kept for an undo, journals being written.
func removeStrays(target string) {
	dir := filepath.Dir(target)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefixes := []string{tempPrefix(target), "." + filepath.Base(target) + journalInfix + tempInfix}
	for _, e := range entries {
		if e.Type()&fs.ModeDir != 0 {
			continue
		}
		for _, p := range prefixes {
			if strings.HasPrefix(e.Name(), p) {
				os.Remove(filepath.Join(dir, e.Name()))
				break
			}
		}
	}
}

// syncDirs flushes the directories of the files, so that the renames and
// journals survive a power cut, where the system allows it.
func syncDirs(files []staged) {
	seen := map[string]bool{}
	for _, s := range files {
		dir := filepath.Dir(s.path)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		if d, err := os.Open(dir); err == nil {
			_ = d.Sync()
			d.Close()
		}
	}
}
