//go:build unix

package config

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apibump/apibump/internal/safefile"
	"github.com/apibump/apibump/internal/safefile/safefiletest"
)

// The hostile configurations of issue #11: a .apibump.yaml that is a link to
// a secret elsewhere on the runner, a FIFO, a value meant to flood or
// spoof the log.

const configSecret = "root:x:0:0:TOPSECRET-e99a18c4"

// hostileTree makes a repository (a directory with .git) and, beside it, a
// secret file standing for /etc/passwd or a token file.
func hostileTree(t *testing.T) (repo, secretFile string) {
	t.Helper()
	dir := t.TempDir()
	repo = filepath.Join(dir, "repo")
	write(t, filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
	secretFile = filepath.Join(dir, "etc", "passwd")
	write(t, secretFile, configSecret+"\nsecond line\n")
	return repo, secretFile
}

func loadWithin(t *testing.T, path string) (err error) {
	t.Helper()
	safefiletest.Within(t, 5*time.Second, func() { _, err = Load(path) })
	return err
}

func TestConfigLinkedOutsideIsNeverRead(t *testing.T) {
	repo, secretFile := hostileTree(t)
	t.Chdir(repo)
	safefiletest.Symlink(t, secretFile, ".apibump.yaml")
	found, err := Find("openapi.yaml", RepoRoot("."))
	if err != nil || found != ".apibump.yaml" {
		t.Fatalf("Find: %q, %v", found, err)
	}
	err = loadWithin(t, found)
	if err == nil || err.Error() != ".apibump.yaml: is a symbolic link to a file outside the repository" {
		t.Errorf("got %v", err)
	}
	if !errors.Is(err, safefile.ErrOutside) {
		t.Errorf("%v is not safefile.ErrOutside", err)
	}
}

func TestConfigLinkedOutsideItsDirectory(t *testing.T) {
	_, secretFile := hostileTree(t)
	dir := filepath.Join(t.TempDir(), "no-repo")
	link := filepath.Join(dir, ".apibump.yaml")
	safefiletest.Symlink(t, secretFile, link)
	if err := loadWithin(t, link); err == nil || !strings.HasSuffix(err.Error(), ": is a symbolic link to a file outside its directory") {
		t.Errorf("got %v", err)
	}
}

func TestConfigDanglingLinkIsFound(t *testing.T) {
	repo, _ := hostileTree(t)
	t.Chdir(repo)
	safefiletest.Symlink(t, "/nonexistent/apibump.yaml", ".apibump.yaml")
	found, err := Find("openapi.yaml", RepoRoot("."))
	if err != nil || found != ".apibump.yaml" {
		t.Fatalf("a dangling link must be found, not skipped: %q, %v", found, err)
	}
	if err := loadWithin(t, found); err == nil || err.Error() != ".apibump.yaml: is a symbolic link to a file that does not exist" {
		t.Errorf("got %v", err)
	}
}

func TestConfigFIFO(t *testing.T) {
	repo, _ := hostileTree(t)
	t.Chdir(repo)
	safefiletest.FIFO(t, ".apibump.yaml")
	found, err := Find("openapi.yaml", RepoRoot("."))
	if err != nil || found != ".apibump.yaml" {
		t.Fatalf("Find: %q, %v", found, err)
	}
	if err := loadWithin(t, found); err == nil || err.Error() != ".apibump.yaml: is a named pipe (FIFO), not a regular file" {
		t.Errorf("got %v", err)
	}
}

// TestConfigMessagesQuoteAnExcerpt: a value is quoted short and escaped,
// whatever it holds.
func TestConfigMessagesQuoteAnExcerpt(t *testing.T) {
	long := strings.Repeat("A", 5000)
	for name, tt := range map[string]struct{ content, want string }{
		"long value":     {"policy: " + long + "\n", `.apibump.yaml:1: policy "` + strings.Repeat("A", 40) + `"…: want contract or compatible`},
		"long key":       {long[:500] + ": x\n", `.apibump.yaml:1: unknown key "` + strings.Repeat("A", 40) + `"…`},
		"escape":         {"policy: \"\\e]0;pwned\\a\"\n", `.apibump.yaml:1: policy "\x1b]0;pwned\a": want`},
		"not a mapping":  {"\"" + configSecret + strings.Repeat("x", 100) + "\"\n", `.apibump.yaml:1: want a mapping of policy, scheme, window, max-live-majors, version, fail-on, lang, version-location, rules, ignore, stability, webhooks, contract-extensions, got "` + (configSecret + strings.Repeat("x", 100))[:40] + `"…`},
		"anchor":         {"policy: *" + long + "\n", `.apibump.yaml:1: unknown anchor '` + strings.Repeat("A", 140)},
		"bidi in a rule": {"rules:\n  \"a\u202eb\": breaking\n", `.apibump.yaml:2: rules: unknown rule "a\u202eb"`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := load(t, tt.content)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got  %v\nwant %s...", err, tt.want)
			}
			if err != nil && len(err.Error()) > 400 {
				t.Errorf("a message of %d bytes", len(err.Error()))
			}
		})
	}
}
