// Package atomicfile writes files so that a reader sees either the old or the
// new content, never a half-written file, even when several files change together.
package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// rename is os.Rename; tests replace it to inject failures.
var rename = os.Rename

// WriteFile replaces path with data through a temporary file in the same
// directory and a rename. On error the file is untouched.
func WriteFile(path string, data []byte) error {
	return WriteAll([]File{{Path: path, Data: data}})
}

// File is one file of a transaction.
type File struct {
	Path string
	Data []byte
}

// WriteAll replaces every file or none: each new content goes to a temporary
// file beside its target; only when all are written are they renamed into
// place, and if a rename fails the files already replaced get their old
// content back.
func WriteAll(files []File) error {
	type staged struct {
		path, tmp string
		old       []byte
		existed   bool
		mode      os.FileMode
	}
	var done []staged
	cleanup := func() {
		for _, s := range done {
			os.Remove(s.tmp)
		}
	}
	for _, f := range files {
		s := staged{path: f.Path, mode: 0o644}
		if st, err := os.Stat(f.Path); err == nil {
			s.existed, s.mode = true, st.Mode().Perm()
			if s.old, err = os.ReadFile(f.Path); err != nil {
				cleanup()
				return fmt.Errorf("read %s: %w", f.Path, err)
			}
		} else if !errors.Is(err, os.ErrNotExist) {
			cleanup()
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		tmp, err := os.CreateTemp(filepath.Dir(f.Path), "."+filepath.Base(f.Path)+".tmp-*")
		if err != nil {
			cleanup()
			return fmt.Errorf("write %s: %w", f.Path, err)
		}
		s.tmp = tmp.Name()
		done = append(done, s)
		_, werr := tmp.Write(f.Data)
		serr := tmp.Sync()
		cerr := tmp.Close()
		if err := errors.Join(werr, serr, cerr, os.Chmod(s.tmp, s.mode)); err != nil {
			cleanup()
			return fmt.Errorf("write %s: %w", f.Path, err)
		}
	}
	for i, s := range done {
		if err := rename(s.tmp, s.path); err != nil {
			// Put back what was already replaced, then drop the rest.
			for _, r := range done[:i] {
				if r.existed {
					_ = os.WriteFile(r.path, r.old, r.mode)
				} else {
					_ = os.Remove(r.path)
				}
			}
			cleanup()
			return fmt.Errorf("write %s: %w", s.path, err)
		}
	}
	return nil
}
