// Package source reads the inputs of a comparison: a spec argument (a file,
// "-" for standard input, or REF:path read through git), and every file its
// $refs name, under the reference policy (the ref root, external
// references, URL fetches), through safefile's bounded, root-confined reads.
// It hands back bytes; package spec parses them.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"strconv"
	"strings"

	"github.com/apibump/apibump/internal/safefile"
)

// InputKind says where a spec is read from.
type InputKind int

// The kinds of input.
const (
	InputFile InputKind = iota
	InputStdin
	InputGit
)

// Input is a spec argument as the user wrote it: a path, "-" for standard
// input, or REF:path read through git from the current repository.
type Input struct {
	Arg  string
	Kind InputKind
	Path string // file path (InputFile), or path inside the repository (InputGit)
	Ref  string // git revision (InputGit)
}

// ParseInput tells what a spec argument names. An existing file wins over
// the REF:path reading, so a file named "a:b.yaml" still loads.
func ParseInput(arg string) Input {
	if arg == "-" {
		return Input{Arg: arg, Kind: InputStdin, Path: "-"}
	}
	if i := strings.Index(arg, ":"); i > 0 && !looksLikeDrive(arg, i) && !strings.Contains(arg[:i], "://") {
		if _, err := os.Stat(arg); err != nil {
			return Input{Arg: arg, Kind: InputGit, Ref: arg[:i], Path: arg[i+1:]}
		}
	}
	return Input{Arg: arg, Kind: InputFile, Path: arg}
}

func looksLikeDrive(arg string, colon int) bool {
	return colon == 1 && len(arg) > 2 && (arg[2] == '\\' || arg[2] == '/')
}

// gitRepo reads files at a revision of the repository holding dir.
type gitRepo struct {
	dir    string // repository top level
	ref    string // as the user wrote it, for messages
	commit string // the commit ref names, read from
	root   string // prefix of the working directory inside the repository
}

func openGitRepo(ref string) (*gitRepo, error) {
	top, err := gitOutput("", "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("not inside a git repository: %w", err)
	}
	prefix, err := gitOutput("", "rev-parse", "--show-prefix")
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(ref, "-") {
		return nil, fmt.Errorf("unknown git revision %q", ref)
	}
	commit, err := gitOutput(top, "rev-parse", "--verify", "--quiet", ref+"^{commit}")
	if err != nil || commit == "" {
		return nil, fmt.Errorf("unknown git revision %q", ref)
	}
	return &gitRepo{dir: top, ref: ref, commit: commit, root: prefix}, nil
}

// repoPath turns a path as written after REF: into a path from the repository top.
// Like git, a path starting with ./ or ../ is relative to the working directory.
func (g *gitRepo) repoPath(p string) (string, error) {
	if strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") {
		p = path.Join(g.root, p)
	}
	p = path.Clean(strings.TrimPrefix(p, "/"))
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", fmt.Errorf("%s is outside the repository", p)
	}
	return p, nil
}

// read returns the content of a file at the revision. Only a regular file
// is read, its size checked before its content is read. A symbolic link
// (which git stores as the path it points to) is followed only while it
// stays in the repository, like a link in the work tree; a link that leaves
// it, a submodule or a directory is refused.
func (g *gitRepo) read(repoPath string) ([]byte, error) {
	return g.readLimited(repoPath, safefile.Spec)
}

// readLimited is read with the size limit of what the file is.
func (g *gitRepo) readLimited(repoPath string, limit safefile.Limit) ([]byte, error) {
	p := repoPath
	for hops := 0; ; hops++ {
		if hops > 40 {
			return nil, fmt.Errorf("%s at git revision %s: too many levels of symbolic links", repoPath, g.ref)
		}
		mode, size, oid, err := g.entry(p)
		if err != nil {
			return nil, err
		}
		switch {
		case mode == "":
			link, linkOID, linkSize := g.linkOnPath(p)
			if link == "" {
				return nil, fmt.Errorf("no file %s at git revision %s", repoPath, g.ref)
			}
			if p, err = g.follow(link, linkOID, linkSize, strings.TrimPrefix(p, link+"/")); err != nil {
				return nil, fmt.Errorf("%s at git revision %s goes through %s, %w", repoPath, g.ref, link, err)
			}
			continue
		case mode == "120000":
			if p, err = g.follow(p, oid, size, ""); err != nil {
				return nil, fmt.Errorf("%s at git revision %s is %w", repoPath, g.ref, err)
			}
			continue
		case mode == "040000":
			return nil, fmt.Errorf("%s at git revision %s is a directory, not a file", repoPath, g.ref)
		case mode != "100644" && mode != "100755":
			return nil, fmt.Errorf("%s at git revision %s is not a regular file", repoPath, g.ref)
		case size > limit.Bytes:
			return nil, fmt.Errorf("%s at git revision %s is larger than the %d MiB apibump reads for %s", repoPath, g.ref, limit.Bytes>>20, limit.What)
		}
		data, err := g.blob(oid, size)
		if err != nil {
			return nil, fmt.Errorf("%s at git revision %s: %w", repoPath, g.ref, err)
		}
		return data, nil
	}
}

// follow returns the path a symbolic link at the revision points to, with
// rest (what followed the link in the path asked for) appended; a link
// leaving the repository is an error.
func (g *gitRepo) follow(link, oid string, size int64, rest string) (string, error) {
	if size > 4096 {
		return "", errors.New("a symbolic link longer than any path")
	}
	data, err := g.blob(oid, size)
	if err != nil {
		return "", fmt.Errorf("a symbolic link: %w", err)
	}
	target := string(data)
	if path.IsAbs(target) || strings.HasPrefix(target, "\\") {
		return "", errors.New("a symbolic link to a file outside the repository")
	}
	p := path.Clean(path.Join(path.Dir(link), target, rest))
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", errors.New("a symbolic link to a file outside the repository")
	}
	return p, nil
}

// blob reads an object of the size ls-tree gave, into a buffer of that size.
func (g *gitRepo) blob(oid string, size int64) ([]byte, error) {
	cmd := exec.Command("git", "cat-file", "blob", oid)
	cmd.Dir = g.dir
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	data := make([]byte, size)
	_, rerr := io.ReadFull(out, data)
	if n, _ := io.Copy(io.Discard, out); n > 0 && rerr == nil {
		rerr = errors.New("the object is larger than git said")
	}
	werr := cmd.Wait()
	if err := errors.Join(rerr, werr); err != nil {
		return nil, err
	}
	return data, nil
}

// entry returns the mode, size and object id of a path at the revision; the
// mode is "" when git has no entry there.
func (g *gitRepo) entry(repoPath string) (mode string, size int64, oid string, err error) {
	if repoPath == "." || repoPath == "" {
		return "040000", 0, "", nil
	}
	out, err := gitBytes(g.dir, "--literal-pathspecs", "ls-tree", "-l", "-z", "--full-tree", g.commit, "--", repoPath)
	if err != nil {
		return "", 0, "", fmt.Errorf("git revision %s: %w", g.ref, err)
	}
	line, _, _ := bytes.Cut(out, []byte{0})
	meta, name, ok := bytes.Cut(line, []byte{'\t'})
	if !ok || string(name) != repoPath {
		return "", 0, "", nil
	}
	f := strings.Fields(string(meta)) // mode type oid size
	if len(f) != 4 {
		return "", 0, "", fmt.Errorf("git revision %s: unexpected ls-tree output for %s", g.ref, repoPath)
	}
	if f[3] != "-" {
		if size, err = strconv.ParseInt(f[3], 10, 64); err != nil {
			return "", 0, "", fmt.Errorf("git revision %s: unexpected ls-tree size for %s", g.ref, repoPath)
		}
	}
	return f[0], size, f[2], nil
}

// linkOnPath returns the first directory of repoPath that is a symbolic
// link at the revision, with its object id and size, or "".
func (g *gitRepo) linkOnPath(repoPath string) (string, string, int64) {
	parts := strings.Split(repoPath, "/")
	for i := 1; i < len(parts); i++ {
		dir := strings.Join(parts[:i], "/")
		mode, size, oid, err := g.entry(dir)
		if err != nil || mode == "" {
			return "", "", 0
		}
		if mode == "120000" {
			return dir, oid, size
		}
	}
	return "", "", 0
}

func gitOutput(dir string, args ...string) (string, error) {
	b, err := gitBytes(dir, args...)
	return strings.TrimSpace(string(b)), err
}

func gitBytes(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	if dir != "" {
		cmd.Dir = dir
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(msg)
	}
	return out, nil
}
