//go:build unix

package safefile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apibump/apibump/internal/safefile/safefiletest"
)

const secret = "TOPSECRET-d41d8cd9"

// tree makes a repository (a directory with .git) and, beside it, a
// directory standing for the rest of the machine with a secret file in it.
func tree(t *testing.T) (repo, outside string) {
	t.Helper()
	dir := t.TempDir()
	repo, outside = filepath.Join(dir, "repo"), filepath.Join(dir, "outside")
	for _, d := range []string{filepath.Join(repo, ".git"), filepath.Join(repo, "api"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(outside, "secret.yaml"), "token: "+secret+"\n")
	write(t, filepath.Join(repo, "api", "spec.yaml"), "openapi: 3.0.3\n")
	return repo, outside
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func repoRoot(repo string) Root { return Root{Dir: repo, Name: "the repository"} }

func TestReadFileInsideFollowsLinksInside(t *testing.T) {
	repo, _ := tree(t)
	safefiletest.Symlink(t, "api", filepath.Join(repo, "docs"))
	safefiletest.Symlink(t, "spec.yaml", filepath.Join(repo, "api", "link.yaml"))
	for _, p := range []string{"api/spec.yaml", "docs/spec.yaml", "api/link.yaml", "docs/link.yaml"} {
		data, err := ReadFile(filepath.Join(repo, p), repoRoot(repo), Spec)
		if err != nil || string(data) != "openapi: 3.0.3\n" {
			t.Errorf("%s: %q, %v", p, data, err)
		}
	}
}

func TestOutsideIsRefusedBeforeReading(t *testing.T) {
	repo, outside := tree(t)
	safefiletest.Symlink(t, filepath.Join(outside, "secret.yaml"), filepath.Join(repo, "config.yaml"))
	safefiletest.Symlink(t, outside, filepath.Join(repo, "api", "shared"))
	safefiletest.Symlink(t, "../outside/secret.yaml", filepath.Join(repo, "relative.yaml"))
	safefiletest.Symlink(t, "/dev/zero", filepath.Join(repo, "zero.yaml"))
	cases := map[string]string{
		filepath.Join(repo, "config.yaml"):                  "is a symbolic link to a file outside the repository",
		filepath.Join(repo, "api", "shared", "secret.yaml"): "is a symbolic link to a file outside the repository",
		filepath.Join(repo, "relative.yaml"):                "is a symbolic link to a file outside the repository",
		filepath.Join(repo, "zero.yaml"):                    "is a symbolic link to a file outside the repository",
		filepath.Join(repo, "..", "outside", "secret.yaml"): "is outside the repository",
		filepath.Join(outside, "secret.yaml"):               "is outside the repository",
		filepath.Join(outside, "missing.yaml"):              "is outside the repository",
	}
	for p, want := range cases {
		data, err := ReadFile(p, repoRoot(repo), Spec)
		if !errors.Is(err, ErrOutside) || err.Error() != want || data != nil {
			t.Errorf("%s: got %v, want %q", p, err, want)
		}
		if err != nil && strings.Contains(err.Error(), secret) {
			t.Errorf("%s: the message quotes the file", p)
		}
	}
}

func TestDotGitIsRefused(t *testing.T) {
	repo, _ := tree(t)
	write(t, filepath.Join(repo, ".git", "config"), "[http]\n\textraheader = AUTHORIZATION: basic "+secret+"\n")
	safefiletest.Symlink(t, ".git/config", filepath.Join(repo, "cfg.yaml"))
	for _, p := range []string{filepath.Join(repo, ".git", "config"), filepath.Join(repo, "cfg.yaml")} {
		if _, err := ReadFile(p, repoRoot(repo), Spec); !errors.Is(err, ErrOutside) || !strings.Contains(err.Error(), ".git") {
			t.Errorf("%s: %v", p, err)
		}
	}
}

func TestOnlyRegularFiles(t *testing.T) {
	repo, _ := tree(t)
	fifo := filepath.Join(repo, "api", "fifo.yaml")
	safefiletest.FIFO(t, fifo)
	cases := map[string]string{
		fifo:                       "is a named pipe (FIFO), not a regular file",
		filepath.Join(repo, "api"): "is a directory, not a file",
	}
	for p, want := range cases {
		safefiletest.Within(t, 5*time.Second, func() {
			if _, err := ReadFile(p, repoRoot(repo), Config); !errors.Is(err, ErrNotRegular) || err.Error() != want {
				t.Errorf("%s: got %v, want %q", p, err, want)
			}
		})
	}
	// A device, where no root is asked for (--allow-external-refs).
	safefiletest.Symlink(t, "/dev/zero", filepath.Join(repo, "zero.yaml"))
	safefiletest.Within(t, 5*time.Second, func() {
		if _, err := ReadFile(filepath.Join(repo, "zero.yaml"), Root{}, Spec); !errors.Is(err, ErrNotRegular) || err.Error() != "is a device, not a regular file" {
			t.Errorf("/dev/zero: %v", err)
		}
	})
}

// TestOpenNeverBlocks opens a FIFO the way Open does after its checks, as
// if a FIFO had been put in the place of the checked file: the open returns
// at once and the file is refused.
func TestOpenNeverBlocks(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	safefiletest.FIFO(t, fifo)
	safefiletest.Within(t, 5*time.Second, func() {
		f, err := openNoFollow(fifo)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil || regular(st) == nil {
			t.Errorf("a FIFO passed the check: %v", err)
		}
	})
}

func TestTooLargeIsRefusedBeforeReading(t *testing.T) {
	repo, _ := tree(t)
	p := filepath.Join(repo, "big.yaml")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: its size is what counts, nothing is written.
	if err := f.Truncate(Config.Bytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadFile(p, repoRoot(repo), Config)
	if !errors.Is(err, ErrTooLarge) || err.Error() != "is 1.1 MiB, more than the 1 MiB apibump reads for a configuration file" {
		t.Errorf("got %v", err)
	}
	write(t, p, strings.Repeat("x", int(Config.Bytes)))
	if data, err := ReadFile(p, repoRoot(repo), Config); err != nil || int64(len(data)) != Config.Bytes {
		t.Errorf("a file of exactly the limit: %d bytes, %v", len(data), err)
	}
}

func TestMissing(t *testing.T) {
	repo, _ := tree(t)
	safefiletest.Symlink(t, "nowhere.yaml", filepath.Join(repo, "dangling.yaml"))
	for p, want := range map[string]string{
		filepath.Join(repo, "none.yaml"):     "no such file",
		filepath.Join(repo, "dangling.yaml"): "is a symbolic link to a file that does not exist",
	} {
		if _, err := ReadFile(p, repoRoot(repo), Spec); !errors.Is(err, fs.ErrNotExist) || err.Error() != want {
			t.Errorf("%s: got %v, want %q", p, err, want)
		}
	}
}

func TestReadAllStopsAtTheLimit(t *testing.T) {
	limit := Limit{Bytes: 10 << 20, What: "a spec"}
	r := &safefiletest.Endless{}
	_, err := ReadAll(r, limit)
	if !errors.Is(err, ErrTooLarge) || err.Error() != "is more than the 10 MiB apibump reads for a spec" {
		t.Errorf("got %v", err)
	}
	if r.N != limit.Bytes+1 {
		t.Errorf("read %d bytes of an endless input, want the limit and one", r.N)
	}
}

func TestReadAllKeepsEveryByte(t *testing.T) {
	for _, n := range []int{0, 1, 64 << 10, 64<<10 + 1, 3 << 20} {
		want := bytes.Repeat([]byte("0123456789"), n/10+1)[:n]
		got, err := ReadAll(io.MultiReader(bytes.NewReader(want[:n/2]), bytes.NewReader(want[n/2:])), Spec)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%d bytes: got %d, %v", n, len(got), err)
		}
	}
	// Exactly the limit passes.
	if got, err := ReadAll(bytes.NewReader(make([]byte, 100)), Limit{Bytes: 100}); err != nil || len(got) != 100 {
		t.Errorf("exactly the limit: %d, %v", len(got), err)
	}
}

func TestReadAllRegularStdin(t *testing.T) {
	p := filepath.Join(t.TempDir(), "in")
	f, _ := os.Create(p)
	f.Truncate(Config.Bytes + 1)
	f.Close()
	in, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if _, err := ReadAll(in, Config); !errors.Is(err, ErrTooLarge) || !strings.HasPrefix(err.Error(), "is 1.1 MiB") {
		t.Errorf("a file on standard input is judged by its size: %v", err)
	}
}

func TestWriteTarget(t *testing.T) {
	repo, outside := tree(t)
	safefiletest.Symlink(t, "api/spec.yaml", filepath.Join(repo, "link.yaml"))
	safefiletest.Symlink(t, outside, filepath.Join(repo, "out"))
	safefiletest.Symlink(t, filepath.Join(outside, "new.md"), filepath.Join(repo, "dangling.md"))
	root := repoRoot(repo)
	real, _ := filepath.EvalSymlinks(repo)
	if got, err := WriteTarget(filepath.Join(repo, "link.yaml"), root); err != nil || got != filepath.Join(real, "api", "spec.yaml") {
		t.Errorf("an existing link inside: %q, %v", got, err)
	}
	if got, err := WriteTarget(filepath.Join(repo, "api", "new.md"), root); err != nil || got != filepath.Join(real, "api", "new.md") {
		t.Errorf("a new file: %q, %v", got, err)
	}
	for p, want := range map[string]string{
		filepath.Join(repo, "out", "CHANGELOG.md"): "is in a directory outside the repository",
		filepath.Join(repo, "out", "secret.yaml"):  "is a symbolic link to a file outside the repository",
		filepath.Join(repo, "dangling.md"):         "is a symbolic link to a file that does not exist",
		filepath.Join(repo, "no", "dir", "x.md"):   "no directory " + filepath.Join(repo, "no", "dir"),
		filepath.Join(repo, ".git", "x.md"):        "is inside the repository's .git directory",
	} {
		if got, err := WriteTarget(p, root); err == nil || err.Error() != want {
			t.Errorf("%s: got %q, %v; want %q", p, got, err, want)
		}
	}
}

func TestRootOf(t *testing.T) {
	repo, outside := tree(t)
	if r := RootOf(filepath.Join(repo, "api")); r.Dir != repo || r.Name != "the repository" {
		t.Errorf("in a repository: %+v", r)
	}
	if r := RootOf(outside); r.Dir != outside || r.Name != "its directory" {
		t.Errorf("outside any repository: %+v", r)
	}
}

// TestRepoRootThroughALink: a directory of the repository linked to
// another checkout does not make that checkout the root.
func TestRepoRootThroughALink(t *testing.T) {
	repo, outside := tree(t)
	os.MkdirAll(filepath.Join(outside, "other", ".git"), 0o755)
	write(t, filepath.Join(outside, "other", "openapi.yaml"), "openapi: 3.0.3\n")
	os.MkdirAll(filepath.Join(repo, "sub", ".git"), 0o755)
	safefiletest.Symlink(t, filepath.Join(outside, "other"), filepath.Join(repo, "vendor"))
	t.Chdir(repo)
	if got := RepoRoot("vendor"); got != repo {
		t.Errorf("RepoRoot(vendor) = %q, want the working directory's repository %q", got, repo)
	}
	if _, err := ReadFile("vendor/openapi.yaml", RootOf("vendor"), Spec); !errors.Is(err, ErrOutside) {
		t.Errorf("a spec in the other checkout: %v", err)
	}
	// A repository nested inside (a submodule) is still its own root.
	if got := RepoRoot("sub"); got != filepath.Join(repo, "sub") {
		t.Errorf("RepoRoot(sub) = %q", got)
	}
	// Outside the working directory's repository nothing changes.
	if got := RepoRoot(filepath.Join(outside, "other")); got != filepath.Join(outside, "other") {
		t.Errorf("RepoRoot(other) = %q", got)
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"short":                       `"short"`,
		"a\x1b[31mred\x07":            `"a\x1b[31mred\a"`,
		"line\nbreak":                 `"line\nbreak"`,
		"\u202eevil":                  `"\u202eevil"`,
		strings.Repeat("é", 41):       `"` + strings.Repeat("é", 40) + `"…`,
		strings.Repeat("x", 1<<20):    `"` + strings.Repeat("x", 40) + `"…`,
		"root:x:0:0:root:/root:/bin/": `"root:x:0:0:root:/root:/bin/"`,
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%.20q) = %s, want %s", in, got, want)
		}
	}
}
