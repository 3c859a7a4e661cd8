package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/apibump/apibump/internal/safefile"
)

// GitPrefix starts the key of a file read through git (REF:path): the path
// from the repository's top follows.
const GitPrefix = "/@git/"

// LoadOptions say how a document may be read.
type LoadOptions struct {
	// Stdin is read for the input "-".
	Stdin io.Reader
	// RefRoot is the directory no $ref may leave; empty means the git
	// repository holding the spec, else the spec's directory.
	RefRoot string
	// AllowExternalRefs lets $ref reach outside RefRoot and fetch URLs.
	AllowExternalRefs bool
	// HTTPClient fetches URL references when they are allowed.
	HTTPClient *http.Client
	// PublicAPI builds and compares the model with the dependencies'
	// public API only (see package upstream): slower, for checking the
	// fast path.
	PublicAPI bool
}

// Reader reads the files of one document and enforces the $ref policy. It
// holds no state that changes: documents derived from one share it.
type Reader struct {
	opts    LoadOptions
	cwd     string
	refRoot string
	repo    *gitRepo
}

// Open reads the root file the input names. It returns the reader of the
// files the document references, the root file's key (the absolute
// location references are resolved against) and its bytes.
func Open(in Input, opts LoadOptions) (*Reader, string, []byte, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, "", nil, err
	}
	r := &Reader{opts: opts, cwd: cwd}
	var rootKey string
	var data []byte
	switch in.Kind {
	case InputStdin:
		if opts.Stdin == nil {
			return nil, "", nil, fmt.Errorf("-: no standard input")
		}
		data, err = safefile.ReadAll(opts.Stdin, safefile.Spec)
		if err != nil {
			return nil, "", nil, fmt.Errorf("-: standard input %w", err)
		}
		rootKey = filepath.Join(cwd, "<stdin>")
		r.refRoot = pick(opts.RefRoot, safefile.RepoRoot(cwd), cwd)
	case InputGit:
		repo, err := openGitRepo(in.Ref)
		if err != nil {
			return nil, "", nil, fmt.Errorf("%s: %w", in.Arg, err)
		}
		r.repo = repo
		p, err := repo.repoPath(in.Path)
		if err != nil {
			return nil, "", nil, fmt.Errorf("%s: %w", in.Arg, err)
		}
		rootKey = GitPrefix + p
		data, err = repo.read(p)
		if err != nil {
			return nil, "", nil, fmt.Errorf("%s: %w", in.Arg, err)
		}
	default:
		abs, err := filepath.Abs(in.Path)
		if err != nil {
			return nil, "", nil, fmt.Errorf("%s: %w", in.Arg, err)
		}
		rootKey = abs
		dir := filepath.Dir(abs)
		r.refRoot = pick(r.absRefRoot(), safefile.RepoRoot(dir), dir)
		data, err = safefile.ReadFile(abs, r.root(), safefile.Spec)
		if err != nil {
			return nil, "", nil, fmt.Errorf("%s: %s", in.Arg, r.refused(err))
		}
	}
	if r.repo == nil {
		r.refRoot = pick(r.absRefRoot(), r.refRoot)
	}
	return r, rootKey, data, nil
}

func pick(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// absRefRoot is --ref-root made absolute, or "".
func (r *Reader) absRefRoot() string {
	if r.opts.RefRoot == "" {
		return ""
	}
	if a, err := filepath.Abs(r.opts.RefRoot); err == nil {
		return a
	}
	return r.opts.RefRoot
}

// root is the directory no file of the document may leave, symbolic links
// resolved; none with --allow-external-refs.
func (r *Reader) root() safefile.Root {
	if r.opts.AllowExternalRefs {
		return safefile.Root{}
	}
	name := "the ref root " + r.DisplayName(r.refRoot)
	if r.opts.RefRoot == "" && safefile.RepoRoot(r.refRoot) == r.refRoot {
		name = "the repository"
	}
	return safefile.Root{Dir: r.refRoot, Name: name}
}

// refused words a refusal of safefile: leaving the root names the flags
// that allow it.
func (r *Reader) refused(err error) string {
	if errors.Is(err, safefile.ErrOutside) && !strings.Contains(err.Error(), ".git") {
		return err.Error() + " (use --ref-root or --allow-external-refs)"
	}
	return err.Error()
}

// DisplayName is how a file is shown to users. Messages, changelogs and
// comments are published, so a file is named relative to the working
// directory when it is under it, else relative to the repository holding
// it; a file outside both keeps a short relative name (three ".." at most)
// or its absolute path.
func (r *Reader) DisplayName(key string) string {
	if strings.HasPrefix(key, GitPrefix) {
		return r.repo.ref + ":" + strings.TrimPrefix(key, GitPrefix)
	}
	if u, err := url.Parse(key); err == nil && u.Scheme != "" && u.Host != "" {
		return key
	}
	if name, ok := relativeName(r.cwd, key); ok {
		return name
	}
	if rel, err := filepath.Rel(r.cwd, key); err == nil && strings.Count(rel, "..") <= 3 {
		return rel
	}
	return key
}

// relativeName names the file at the absolute path key relative to the
// directory cwd when it is under it, else relative to the repository
// holding it; false when it is in neither.
func relativeName(cwd, key string) (string, bool) {
	if rel, err := filepath.Rel(cwd, key); err == nil && !isParent(rel) {
		return rel, true
	}
	if top := safefile.RepoRoot(filepath.Dir(key)); top != "" {
		if rel, err := filepath.Rel(top, key); err == nil && !isParent(rel) {
			return rel, true
		}
	}
	return "", false
}

func isParent(rel string) bool {
	return rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// RootName is how the root file of a document read from in (at key) is
// shown: as given, unless that is an absolute path under the working
// directory or in a repository (see DisplayName).
func (r *Reader) RootName(in Input, key string) string {
	if in.Kind == InputFile && filepath.IsAbs(in.Path) {
		if name, ok := relativeName(r.cwd, key); ok {
			return name
		}
	}
	return in.Arg
}

// Read returns the bytes of the file at key (an absolute path, a git key or
// a URL), refusing what the $ref policy forbids; where names the file
// holding the $ref, for the messages.
func (r *Reader) Read(key, where string) ([]byte, error) {
	var data []byte
	var err error
	switch {
	case strings.HasPrefix(key, "http://") || strings.HasPrefix(key, "https://"):
		if !r.opts.AllowExternalRefs {
			return nil, fmt.Errorf("%s: $ref to %s refused: external references are off (use --allow-external-refs)", where, key)
		}
		data, err = r.fetchURL(key)
	case strings.HasPrefix(key, GitPrefix):
		p := strings.TrimPrefix(key, GitPrefix)
		if p == ".." || strings.HasPrefix(p, "../") {
			return nil, fmt.Errorf("%s: $ref to %s refused: it is outside the repository", where, p)
		}
		data, err = r.repo.read(p)
	default:
		if strings.Contains(key, "://") {
			return nil, fmt.Errorf("%s: $ref to %s refused: only files and http(s) URLs can be referenced", where, key)
		}
		data, err = safefile.ReadFile(key, r.root(), safefile.Spec)
		if errors.Is(err, safefile.ErrOutside) {
			return nil, fmt.Errorf("%s: $ref to %s refused: it %s", where, r.DisplayName(key), r.refused(err))
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: $ref to %s: %w", where, r.DisplayName(key), err)
	}
	return data, nil
}

func (r *Reader) fetchURL(u string) ([]byte, error) {
	c := r.opts.HTTPClient
	if c == nil {
		c = &http.Client{Timeout: 30 * time.Second}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	return safefile.ReadAll(resp.Body, safefile.Spec)
}

// KeyFor resolves a $ref's file part against the key of the file that holds it.
func (r *Reader) KeyFor(fromKey, fileRef string) string {
	if strings.HasPrefix(fileRef, "http://") || strings.HasPrefix(fileRef, "https://") {
		return fileRef
	}
	if strings.HasPrefix(fromKey, "http://") || strings.HasPrefix(fromKey, "https://") {
		if base, err := url.Parse(fromKey); err == nil {
			if r, err := base.Parse(fileRef); err == nil {
				return r.String()
			}
		}
	}
	if strings.HasPrefix(fromKey, GitPrefix) {
		return GitPrefix + path.Clean(path.Join(path.Dir(strings.TrimPrefix(fromKey, GitPrefix)), fileRef))
	}
	if u, err := url.PathUnescape(fileRef); err == nil {
		fileRef = u
	}
	if filepath.IsAbs(fileRef) {
		return filepath.Clean(fileRef)
	}
	return filepath.Join(filepath.Dir(fromKey), filepath.FromSlash(fileRef))
}
