package diff

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
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
	dir  string // repository top level
	ref  string
	root string // prefix of the working directory inside the repository
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
	if _, err := gitOutput(top, "rev-parse", "--verify", "--quiet", ref+"^{commit}"); err != nil {
		return nil, fmt.Errorf("unknown git revision %q", ref)
	}
	return &gitRepo{dir: top, ref: ref, root: prefix}, nil
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

func (g *gitRepo) read(repoPath string) ([]byte, error) {
	out, err := gitBytes(g.dir, "cat-file", "blob", g.ref+":"+repoPath)
	if err != nil {
		return nil, fmt.Errorf("no file %s at git revision %s", repoPath, g.ref)
	}
	return out, nil
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

// findRepoRoot returns the nearest directory at or above dir holding .git, or "".
func findRepoRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// readLimited reads all of r, refusing more than max bytes.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("larger than %d MB", max>>20)
	}
	return b, nil
}
