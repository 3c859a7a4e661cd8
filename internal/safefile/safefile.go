// Package safefile is the one way apibump reads a file it was given: a spec,
// a $ref target, .apibump.yaml, CHANGELOG.md. Everything in a pull request is
// hostile, so a file is read only when its path, every symbolic link
// resolved, is a regular file inside a root directory (the repository), and
// only up to a stated size. A named pipe, a device or a directory is refused
// before it is read, so nothing blocks and nothing endless is consumed; a file
// outside the root is refused before a byte of it is read, so no message can
// quote it.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limit is the most apibump reads of one kind of file.
type Limit struct {
	Bytes int64
	What  string // the kind of file, for messages: "a spec"
}

// The limits, in one place (the README lists them). A spec is generous: the
// largest public descriptions (GitHub's REST API, dereferenced) are about 70
// MB. A configuration is a few hundred lines. A changelog that apibump keeps
// grows by one entry per release; a big release writes a few hundred KB.
var (
	Spec      = Limit{Bytes: 128 << 20, What: "a spec"}
	Config    = Limit{Bytes: 1 << 20, What: "a configuration file"}
	Changelog = Limit{Bytes: 16 << 20, What: "a changelog"}
	Event     = Limit{Bytes: 32 << 20, What: "an event payload"}
)

// The reasons a file is refused; errors.Is tells them apart. A missing file
// is os.ErrNotExist.
var (
	ErrOutside    = errors.New("outside the root")
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("too large")
	ErrChanged    = errors.New("changed while read")
)

// Error is why a file could not be read. Its message never holds a byte of
// the file, and does not name the file: the caller does, as the user wrote it.
type Error struct {
	Kind error
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// Unwrap lets errors.Is match Kind.
func (e *Error) Unwrap() error { return e.Kind }

func refuse(kind error, format string, args ...any) error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// Root is the directory a file must stay in once its links are resolved.
type Root struct {
	Dir  string // "" lets the file be anywhere (still a regular file, still bounded)
	Name string // how messages call it: "the repository", "the ref root api"
}

// RepoRoot returns the nearest directory at or above dir that holds a .git
// entry (the git repository's top), or "" when there is none. When dir is
// written inside the repository of the working directory, a repository
// reached through a link that leaves it (a directory of the pull request
// linked to another checkout on the runner) is not taken: the working
// directory's repository is the root, and what the link leads to is
// outside it.
func RepoRoot(dir string) string {
	d, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	top := nearestRepo(d)
	if top == "" {
		return ""
	}
	if wd, err := os.Getwd(); err == nil {
		if home := nearestRepo(wd); home != "" && home != top {
			if _, under := within(home, d); under {
				realHome, err1 := filepath.EvalSymlinks(home)
				realTop, err2 := filepath.EvalSymlinks(top)
				if _, ok := within(realHome, realTop); err1 != nil || err2 != nil || !ok {
					return home
				}
			}
		}
	}
	return top
}

// nearestRepo returns the nearest directory at or above the absolute path d
// that holds a .git entry, or "".
func nearestRepo(d string) string {
	for {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// RootOf is the root of a file found in dir: the git repository holding dir,
// else dir itself.
func RootOf(dir string) Root {
	if top := RepoRoot(dir); top != "" {
		return Root{Dir: top, Name: "the repository"}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	return Root{Dir: abs, Name: "its directory"}
}

// Resolve checks that path, every symbolic link resolved, is a regular file
// inside root and not inside a .git directory, and returns the resolved path
// and its information. It reads nothing.
func Resolve(path string, root Root) (string, fs.FileInfo, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", nil, err
	}
	if root.Dir == "" {
		resolved, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return "", nil, linkError(abs, err)
		}
		return check(resolved)
	}
	rootAbs, err := filepath.Abs(root.Dir)
	if err != nil {
		return "", nil, err
	}
	rootResolved, err := filepath.EvalSymlinks(rootAbs)
	if err != nil {
		return "", nil, fmt.Errorf("%s %s: %w", root.Name, rootAbs, fsError(err))
	}
	_, inAbs := within(rootAbs, abs)
	_, inResolved := within(rootResolved, abs)
	written := inAbs || inResolved // the path as written lies in the root
	resolved, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if !written {
			return "", nil, refuse(ErrOutside, "is outside %s", root.Name)
		}
		return "", nil, linkError(abs, err)
	}
	rel, ok := within(rootResolved, resolved)
	switch {
	case !ok && written:
		return "", nil, refuse(ErrOutside, "is a symbolic link to a file outside %s", root.Name)
	case !ok:
		return "", nil, refuse(ErrOutside, "is outside %s", root.Name)
	}
	if err := notInGit(rel); err != nil {
		return "", nil, err
	}
	return check(resolved)
}

// notInGit refuses a path (relative to the root) inside a .git directory:
// git's own files (.git/config holds the checkout's token) are no input.
func notInGit(rel string) error {
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if part == ".git" {
			return refuse(ErrOutside, "is inside the repository's .git directory")
		}
	}
	return nil
}

// linkError words a failure to resolve abs: a dangling link says so.
func linkError(abs string, err error) error {
	if st, lerr := os.Lstat(abs); lerr == nil && st.Mode()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist) {
		return refuse(fs.ErrNotExist, "is a symbolic link to a file that does not exist")
	}
	return fsError(err)
}

// check stats a resolved path and refuses anything but a regular file.
func check(resolved string) (string, fs.FileInfo, error) {
	st, err := os.Lstat(resolved)
	if err != nil {
		return "", nil, fsError(err)
	}
	if err := regular(st); err != nil {
		return "", nil, err
	}
	return resolved, st, nil
}

// WriteTarget returns where a write to path must land so that it stays in
// root: the file a link at path points to when path exists (it must be a
// regular file inside root, as for Resolve), else path in its directory
// with that directory's links resolved (the directory must be inside root).
// Writing there keeps a link inside the repository a link, and never
// writes through a link to outside.
func WriteTarget(path string, root Root) (string, error) {
	_, err := os.Lstat(path)
	switch {
	case err == nil:
		resolved, _, err := Resolve(path, root)
		return resolved, err
	case !errors.Is(err, fs.ErrNotExist):
		return "", fsError(err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", refuse(fs.ErrNotExist, "no directory %s", filepath.Dir(path))
		}
		return "", fsError(err)
	}
	target := filepath.Join(dir, filepath.Base(abs))
	if root.Dir == "" {
		return target, nil
	}
	rootResolved, err := filepath.EvalSymlinks(root.Dir)
	if err != nil {
		return "", fsError(err)
	}
	rel, ok := within(rootResolved, target)
	if !ok {
		return "", refuse(ErrOutside, "is in a directory outside %s", root.Name)
	}
	if err := notInGit(rel); err != nil {
		return "", err
	}
	return target, nil
}

// within returns p relative to dir and whether p lies inside dir.
func within(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return rel, true
}

// regular refuses anything but a regular file, saying what it is.
func regular(st fs.FileInfo) error {
	m := st.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return refuse(ErrNotRegular, "is a directory, not a file")
	case m&fs.ModeNamedPipe != 0:
		return refuse(ErrNotRegular, "is a named pipe (FIFO), not a regular file")
	case m&fs.ModeSocket != 0:
		return refuse(ErrNotRegular, "is a socket, not a regular file")
	case m&fs.ModeDevice != 0:
		return refuse(ErrNotRegular, "is a device, not a regular file")
	case m&fs.ModeSymlink != 0:
		return refuse(ErrNotRegular, "is a symbolic link that changed while it was read")
	}
	return refuse(ErrNotRegular, "is not a regular file")
}

// fsError drops the path and the operation from an error of the os package:
// the caller names the file.
func fsError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Error{Kind: fs.ErrNotExist, Msg: "no such file"}
	case errors.Is(err, fs.ErrPermission):
		return &Error{Kind: fs.ErrPermission, Msg: "permission denied"}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Open opens the file at path for reading after the checks of Resolve. It
// opens it so that it cannot block (a FIFO swapped in after the check is
// refused, not waited on) and without following a link swapped in, then
// checks again that what it opened is a regular file. Every file apibump
// reads from the work tree is opened here.
func Open(path string, root Root) (*os.File, fs.FileInfo, error) {
	resolved, _, err := Resolve(path, root)
	if err != nil {
		return nil, nil, err
	}
	f, err := openNoFollow(resolved)
	if err != nil {
		return nil, nil, fsError(err)
	}
	st, err := f.Stat()
	if err == nil {
		err = regular(st)
	}
	if err != nil {
		f.Close()
		return nil, nil, fsError(err)
	}
	return f, st, nil
}

// ReadFile returns the content of the file at path, opened by Open,
// refusing a file larger than limit before reading a byte of it.
func ReadFile(path string, root Root, limit Limit) ([]byte, error) {
	f, st, err := Open(path, root)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := st.Size()
	if size > limit.Bytes {
		return nil, refuse(ErrTooLarge, "is %s, more than the %s apibump reads for %s", mib(size), mib(limit.Bytes), limit.What)
	}
	data := make([]byte, size)
	if _, err := io.ReadFull(f, data); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, refuse(ErrChanged, "changed while it was read")
		}
		return nil, fsError(err)
	}
	var probe [1]byte
	if n, _ := f.Read(probe[:]); n > 0 {
		return nil, refuse(ErrChanged, "changed while it was read")
	}
	return data, nil
}

// ReadAll reads r (standard input, a pipe, an HTTP body) to its end,
// refusing it as soon as it passes limit. It reads in chunks, so a refused
// input costs the limit and one chunk, not twice what was read.
func ReadAll(r io.Reader, limit Limit) ([]byte, error) {
	if f, ok := r.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > limit.Bytes {
			return nil, refuse(ErrTooLarge, "is %s, more than the %s apibump reads for %s", mib(st.Size()), mib(limit.Bytes), limit.What)
		}
	}
	var chunks [][]byte
	var total int64
	size := int64(64 << 10)
	for {
		n := min(size, limit.Bytes+1-total)
		buf := make([]byte, n)
		got, err := io.ReadFull(r, buf)
		total += int64(got)
		if total > limit.Bytes {
			return nil, refuse(ErrTooLarge, "is more than the %s apibump reads for %s", mib(limit.Bytes), limit.What)
		}
		if got > 0 {
			chunks = append(chunks, buf[:got])
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if size < 8<<20 {
			size *= 2
		}
	}
	switch len(chunks) {
	case 0:
		return []byte{}, nil
	case 1:
		return chunks[0], nil
	}
	out := make([]byte, 0, total)
	for i, c := range chunks {
		out = append(out, c...)
		chunks[i] = nil
	}
	return out, nil
}

// mib writes a size in MiB (rounded up to a tenth, so that a size over a
// limit never reads as the limit), or in bytes below one MiB.
func mib(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt(n, 10) + " bytes"
	}
	if n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MiB"
	}
	return strconv.FormatFloat(math.Ceil(float64(n)*10/(1<<20))/10, 'f', 1, 64) + " MiB"
}

// excerptRunes is the longest piece of file content a message quotes.
const excerptRunes = 40

// Quote returns s as a short excerpt for a message: quoted, control and
// invisible characters escaped, at most 40 characters, an ellipsis after the
// closing quote when it was cut.
func Quote(s string) string {
	if utf8.RuneCountInString(s) <= excerptRunes {
		return strconv.Quote(s)
	}
	n := 0
	for i := range s {
		if n == excerptRunes {
			return strconv.Quote(s[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(s)
}
