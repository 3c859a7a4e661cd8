//go:build unix

package source_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/safefile"
	"github.com/apibump/apibump/internal/safefile/safefiletest"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/spec/spectest"
)

// The hostile inputs of issue #11 that reach the loader: nothing outside
// the ref root is read (links included), nothing but a regular file is
// opened, nothing endless is consumed.

const hostileSecret = "TOPSECRET-5f4dcc3b"

const refSpec = `openapi: 3.0.3
info: {title: t, version: 1.0.0}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "%s"}
`

// hostileRepo makes a repository (a directory with .git) and, beside it, a
// directory with a secret, standing for the rest of the runner.
func hostileRepo(t *testing.T) (repo, outside string) {
	t.Helper()
	dir := t.TempDir()
	repo, outside = filepath.Join(dir, "repo"), filepath.Join(dir, "outside")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	spectest.Write(t, outside, "x.yaml", "type: object\ndescription: "+hostileSecret+"\n")
	return repo, outside
}

// loadWithin loads the spec, failing the test if that takes more than 5 s
// (a FIFO must be refused, not waited on).
func loadWithin(t *testing.T, in source.Input, opts source.LoadOptions) (err error) {
	t.Helper()
	safefiletest.Within(t, 5*time.Second, func() { _, err = kinmodel.Load(in, opts) })
	return err
}

// wantRefused checks a one-line error that contains each part and never a
// byte of the secret.
func wantRefused(t *testing.T, what string, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: loaded, want an error", what)
		return
	}
	msg := err.Error()
	if strings.Contains(msg, hostileSecret) || strings.Contains(msg, "\n") {
		t.Errorf("%s: the error quotes the file or spans lines: %q", what, msg)
	}
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			t.Errorf("%s: error %q, want it to say %q", what, msg, p)
		}
	}
}

func TestRefThroughALinkLeavingTheRepository(t *testing.T) {
	repo, outside := hostileRepo(t)
	spec := spectest.Write(t, repo, "api/openapi.yaml", strings.Replace(refSpec, "%s", "link/x.yaml", 1))
	safefiletest.Symlink(t, outside, filepath.Join(repo, "api", "link"))
	err := loadWithin(t, source.ParseInput(spec), source.LoadOptions{})
	wantRefused(t, "a link to a directory outside", err, "$ref to", "link/x.yaml", "refused", "symbolic link to a file outside the repository")

	// The same link to a file.
	os.Remove(filepath.Join(repo, "api", "link"))
	safefiletest.Symlink(t, filepath.Join(outside, "x.yaml"), filepath.Join(repo, "api", "link", "x.yaml"))
	wantRefused(t, "a link to a file outside", loadWithin(t, source.ParseInput(spec), source.LoadOptions{}), "symbolic link to a file outside the repository")

	// --allow-external-refs lets it through: the user asked for it.
	if err := loadWithin(t, source.ParseInput(spec), source.LoadOptions{AllowExternalRefs: true}); err != nil {
		t.Errorf("--allow-external-refs: %v", err)
	}
}

func TestRefToDevZero(t *testing.T) {
	repo, _ := hostileRepo(t)
	spec := spectest.Write(t, repo, "api/openapi.yaml", strings.Replace(refSpec, "%s", "link/x.yaml", 1))
	safefiletest.Symlink(t, "/dev/zero", filepath.Join(repo, "api", "link", "x.yaml"))
	wantRefused(t, "a link to /dev/zero", loadWithin(t, source.ParseInput(spec), source.LoadOptions{}), "link/x.yaml", "outside the repository")
	// Allowed outside, it is still not a file: refused before a byte is read.
	wantRefused(t, "/dev/zero with --allow-external-refs", loadWithin(t, source.ParseInput(spec), source.LoadOptions{AllowExternalRefs: true}),
		"link/x.yaml", "is a device, not a regular file")
}

func TestSpecLinkedOutside(t *testing.T) {
	repo, outside := hostileRepo(t)
	spec := filepath.Join(repo, "openapi.yaml")
	safefiletest.Symlink(t, filepath.Join(outside, "x.yaml"), spec)
	wantRefused(t, "spec linked outside", loadWithin(t, source.ParseInput(spec), source.LoadOptions{}), "openapi.yaml: is a symbolic link to a file outside the repository")
}

func TestFIFOsAreRefused(t *testing.T) {
	repo, _ := hostileRepo(t)
	fifoSpec := filepath.Join(repo, "fifo.yaml")
	safefiletest.FIFO(t, fifoSpec)
	wantRefused(t, "spec FIFO", loadWithin(t, source.ParseInput(fifoSpec), source.LoadOptions{}), "fifo.yaml: is a named pipe (FIFO), not a regular file")

	safefiletest.FIFO(t, filepath.Join(repo, "x.yaml"))
	spec := spectest.Write(t, repo, "openapi.yaml", strings.Replace(refSpec, "%s", "x.yaml", 1))
	wantRefused(t, "$ref FIFO", loadWithin(t, source.ParseInput(spec), source.LoadOptions{}), "$ref to", "x.yaml: is a named pipe (FIFO), not a regular file")
}

func TestEndlessStdinIsRefusedAtTheLimit(t *testing.T) {
	in := &safefiletest.Endless{}
	err := loadWithin(t, source.ParseInput("-"), source.LoadOptions{Stdin: in})
	wantRefused(t, "endless stdin", err, "-: standard input is more than the 128 MiB apibump reads for a spec")
	if in.N > safefile.Spec.Bytes+1 {
		t.Errorf("read %d bytes, more than the limit", in.N)
	}
}

// TestGitLinks commits symbolic links (mode 120000): a REF:path input or a
// $ref read through git follows a link only while it stays in the
// repository.
func TestGitLinks(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	repo, outside := hostileRepo(t)
	os.RemoveAll(filepath.Join(repo, ".git"))
	for k, v := range map[string]string{
		"GIT_AUTHOR_NAME": "apibump test", "GIT_AUTHOR_EMAIL": "test@example.com",
		"GIT_COMMITTER_NAME": "apibump test", "GIT_COMMITTER_EMAIL": "test@example.com",
		"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1",
	} {
		t.Setenv(k, v)
	}
	t.Chdir(repo)
	spectest.Write(t, repo, "api/x.yaml", "type: object\n")
	spectest.Write(t, repo, "api/via-dir.yaml", strings.Replace(refSpec, "%s", "out/x.yaml", 1))
	spectest.Write(t, repo, "api/via-file.yaml", strings.Replace(refSpec, "%s", "secret.yaml", 1))
	spectest.Write(t, repo, "api/inside.yaml", strings.Replace(refSpec, "%s", "shared/x.yaml", 1))
	safefiletest.Symlink(t, outside, filepath.Join(repo, "api", "out"))
	safefiletest.Symlink(t, filepath.Join(outside, "x.yaml"), filepath.Join(repo, "api", "secret.yaml"))
	safefiletest.Symlink(t, "../../outside/x.yaml", filepath.Join(repo, "api", "climb.yaml"))
	safefiletest.Symlink(t, ".", filepath.Join(repo, "api", "shared"))
	safefiletest.Symlink(t, "inside.yaml", filepath.Join(repo, "api", "alias.yaml"))
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"commit", "-q", "--no-verify", "-m", "links"}} {
		if out, err := exec.Command("git", args...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	// The work tree no longer matters: everything below is read at HEAD.
	os.RemoveAll(filepath.Join(repo, "api"))

	for p, want := range map[string]string{
		"HEAD:api/secret.yaml":   "api/secret.yaml at git revision HEAD is a symbolic link to a file outside the repository",
		"HEAD:api/climb.yaml":    "api/climb.yaml at git revision HEAD is a symbolic link to a file outside the repository",
		"HEAD:api/out/x.yaml":    "api/out/x.yaml at git revision HEAD goes through api/out, a symbolic link to a file outside the repository",
		"HEAD:api/via-dir.yaml":  "$ref to HEAD:api/out/x.yaml: api/out/x.yaml at git revision HEAD goes through api/out",
		"HEAD:api/via-file.yaml": "$ref to HEAD:api/secret.yaml: api/secret.yaml at git revision HEAD is a symbolic link to a file outside",
	} {
		wantRefused(t, p, loadWithin(t, source.ParseInput(p), source.LoadOptions{}), want)
	}
	// Links that stay inside are followed, as in the work tree.
	for _, p := range []string{"HEAD:api/inside.yaml", "HEAD:api/alias.yaml"} {
		if err := loadWithin(t, source.ParseInput(p), source.LoadOptions{}); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}
