//go:build unix

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/apibump/apibump/internal/atomicfile"
	"github.com/apibump/apibump/internal/safefile/safefiletest"
)

// The file-access holes of issue #11, each tried again as the issue
// describes, end to end: exit status 2 with one line naming the file, no
// byte of any file outside the repository printed or copied, every file
// apibump writes either as it was or wholly new, and nothing that waits.

const outsideSecret = "TOPSECRET-0d107d09"

// fileAccessCase is the example pair in a repository (a .git directory), with
// a directory beside it standing for the rest of the runner, holding a
// secret file and a changelog that is not the repository's. It returns
// that directory.
func fileAccessCase(t *testing.T) string {
	t.Helper()
	dir := copyCase(t, "base.yaml", "revision.yaml")
	if err := os.Mkdir(".git", 0o755); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(filepath.Dir(dir), "outside")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"passwd":       "root:x:0:0:" + outsideSecret + ":/root:/bin/bash\n",
		"x.yaml":       "type: object\ndescription: " + outsideSecret + "\n",
		"CHANGELOG.md": "# Someone else's changelog\n\n## [9.9.9] - 2020-01-01\n\n- " + outsideSecret + "\n",
	} {
		if err := os.WriteFile(filepath.Join(outside, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return outside
}

// runWithin runs apibump with stdin, failing the test if it has not
// finished in 10 s.
func runWithin(t *testing.T, stdin io.Reader, args ...string) (out, errOut string, code int) {
	t.Helper()
	safefiletest.Within(t, 10*time.Second, func() {
		var o, e bytes.Buffer
		code = Main(args, IO{In: stdin, Out: &o, ErrOut: &e})
		out, errOut = o.String(), e.String()
	})
	return out, errOut, code
}

// refused runs apibump and wants exit status 2, one line on stderr equal
// to want (or starting with it when want ends with "…"), and no byte of the
// secret anywhere.
func refused(t *testing.T, want string, args ...string) {
	t.Helper()
	refusedStdin(t, strings.NewReader(""), want, args...)
}

func refusedStdin(t *testing.T, stdin io.Reader, want string, args ...string) {
	t.Helper()
	out, errOut, code := runWithin(t, stdin, args...)
	if code != 2 {
		t.Errorf("apibump %s: exit %d, want 2 (%q)", strings.Join(args, " "), code, errOut)
	}
	line := oneErrorLine(t, out, errOut)
	if prefix, ok := strings.CutSuffix(want, "…"); ok && !strings.HasPrefix(line, prefix) || !ok && line != want {
		t.Errorf("apibump %s:\n got  %s\n want %s", strings.Join(args, " "), line, want)
	}
	if strings.Contains(out+errOut, outsideSecret) {
		t.Errorf("apibump %s printed the outside file", strings.Join(args, " "))
	}
}

// unchanged fails unless each file still has the content it had.
func unchanged(t *testing.T, files ...string) func() {
	t.Helper()
	before := map[string][]byte{}
	for _, f := range files {
		before[f], _ = os.ReadFile(f)
	}
	return func() {
		t.Helper()
		for _, f := range files {
			if after, _ := os.ReadFile(f); !bytes.Equal(after, before[f]) {
				t.Errorf("%s was written", f)
			}
		}
	}
}

// Hole 1: .apibump.yaml is a link to a secret on the runner.
func TestHostileConfigLinkedToASecret(t *testing.T) {
	outside := fileAccessCase(t)
	safefiletest.Symlink(t, filepath.Join(outside, "passwd"), ".apibump.yaml")
	want := "apibump: .apibump.yaml: is a symbolic link to a file outside the repository"
	refused(t, want, "check", "base.yaml", "revision.yaml")
	refused(t, want, "config", "print")
	refused(t, want, "config", "print", "revision.yaml")
	safefiletest.Symlink(t, filepath.Join(outside, "passwd"), "ci/apibump.yaml")
	refused(t, "apibump: ci/apibump.yaml: is a symbolic link to a file outside the repository", "config", "print", "--config", "ci/apibump.yaml")
	os.Remove(".apibump.yaml")
	safefiletest.Symlink(t, "/etc/passwd", ".apibump.yaml")
	refused(t, want, "diff", "base.yaml", "revision.yaml")
}

// specWithRef writes api/openapi.yaml, the example revision with one
// response schema replaced by a $ref to ref.
func specWithRef(t *testing.T, ref string) string {
	t.Helper()
	data, err := os.ReadFile("revision.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const schema = `$ref: "#/components/schemas/Book"`
	if !bytes.Contains(data, []byte(schema)) {
		t.Fatalf("the example revision has no %s", schema)
	}
	os.MkdirAll("api", 0o755)
	p := filepath.Join("api", "openapi.yaml")
	os.WriteFile(p, bytes.Replace(data, []byte(schema), []byte(`$ref: "`+ref+`"`), 1), 0o644)
	return p
}

// Hole 2: a $ref through a link in the repository to anywhere, and to /dev/zero.
func TestHostileRefThroughALink(t *testing.T) {
	outside := fileAccessCase(t)
	spec := specWithRef(t, "link/x.yaml")
	safefiletest.Symlink(t, outside, "api/link")
	want := "apibump: api/openapi.yaml: $ref to api/link/x.yaml refused: it is a symbolic link to a file outside the repository (use --ref-root or --allow-external-refs)"
	refused(t, want, "check", "base.yaml", spec)
	refused(t, want, "versions", spec)
	os.Remove("api/link")
	safefiletest.Symlink(t, "/dev/zero", "api/link/x.yaml")
	refused(t, want, "check", "base.yaml", spec)
	refused(t, "apibump: api/openapi.yaml: $ref to api/link/x.yaml: is a device, not a regular file", "check", "--allow-external-refs", "base.yaml", spec)
	// The spec itself linked outside.
	safefiletest.Symlink(t, filepath.Join(outside, "passwd"), "api/passwd.yaml")
	refused(t, "apibump: api/passwd.yaml: is a symbolic link to a file outside the repository (use --ref-root or --allow-external-refs)", "diff", "base.yaml", "api/passwd.yaml")
}

// Hole 3: CHANGELOG.md linked to /dev/zero, to a file outside, or a FIFO.
func TestHostileChangelog(t *testing.T) {
	outside := fileAccessCase(t)
	check := unchanged(t, "revision.yaml", filepath.Join(outside, "CHANGELOG.md"))
	for target, want := range map[string]string{
		"/dev/zero":                            "apibump: CHANGELOG.md: is a symbolic link to a file outside the repository",
		filepath.Join(outside, "CHANGELOG.md"): "apibump: CHANGELOG.md: is a symbolic link to a file outside the repository",
		filepath.Join(outside, "new.md"):       "apibump: CHANGELOG.md: is a symbolic link to a file that does not exist",
	} {
		safefiletest.Symlink(t, target, "CHANGELOG.md")
		refused(t, want, "release", "--force", "--date", "2026-11-22", "base.yaml", "revision.yaml")
		refused(t, want, "changelog", "--date", "2026-11-22", "--prepend", "CHANGELOG.md", "base.yaml", "revision.yaml")
		if st, err := os.Lstat("CHANGELOG.md"); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Errorf("CHANGELOG.md is no longer the link")
		}
		os.Remove("CHANGELOG.md")
	}
	safefiletest.Symlink(t, outside, "docs")
	refused(t, "apibump: docs/CHANGELOG.md: is a symbolic link to a file outside the repository", "release", "--force", "--changelog", "docs/CHANGELOG.md", "base.yaml", "revision.yaml")
	refused(t, "apibump: docs/NEW.md: is in a directory outside the repository", "release", "--force", "--changelog", "docs/NEW.md", "base.yaml", "revision.yaml")
	safefiletest.FIFO(t, "CHANGELOG.md")
	refused(t, "apibump: CHANGELOG.md: is a named pipe (FIFO), not a regular file", "release", "--force", "--date", "2026-11-22", "base.yaml", "revision.yaml")
	check()
	if _, err := os.Stat(filepath.Join(outside, "new.md")); err == nil {
		t.Errorf("a file was created outside the repository")
	}
}

// A changelog linked inside the repository is written where the link
// points, and stays a link.
func TestChangelogLinkedInsideIsFollowed(t *testing.T) {
	fileAccessCase(t)
	os.Mkdir("docs", 0o755)
	safefiletest.Symlink(t, "docs/CHANGELOG.md", "CHANGELOG.md")
	os.WriteFile("docs/CHANGELOG.md", []byte("# Changelog\n"), 0o644)
	if _, errOut, code := runWithin(t, strings.NewReader(""), "release", "--force", "--date", "2026-11-22", "base.yaml", "revision.yaml"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, _ := os.ReadFile("docs/CHANGELOG.md")
	if st, err := os.Lstat("CHANGELOG.md"); err != nil || st.Mode()&os.ModeSymlink == 0 || !bytes.Contains(data, []byte("## [2.0.0] - 2026-11-22")) {
		t.Errorf("the entry must go through the link: %v\n%s", err, data)
	}
}

// Hole 7: FIFOs as the spec, a $ref target, .apibump.yaml, and for versions.
func TestHostileFIFOs(t *testing.T) {
	fileAccessCase(t)
	safefiletest.FIFO(t, "fifo.yaml")
	want := "apibump: fifo.yaml: is a named pipe (FIFO), not a regular file"
	refused(t, want, "check", "base.yaml", "fifo.yaml")
	refused(t, want, "diff", "fifo.yaml", "revision.yaml")
	refused(t, want, "versions", "fifo.yaml")
	refused(t, want, "release", "base.yaml", "fifo.yaml")

	spec := specWithRef(t, "x.yaml")
	safefiletest.FIFO(t, "api/x.yaml")
	refused(t, "apibump: api/openapi.yaml: $ref to api/x.yaml: is a named pipe (FIFO), not a regular file", "check", "base.yaml", spec)

	safefiletest.FIFO(t, ".apibump.yaml")
	refused(t, "apibump: .apibump.yaml: is a named pipe (FIFO), not a regular file", "versions", "revision.yaml")
	refused(t, "apibump: .apibump.yaml: is a named pipe (FIFO), not a regular file", "config", "print")
}

// Hole 10: 512 MB on standard input, refused at the limit.
func TestHostileStdin(t *testing.T) {
	fileAccessCase(t)
	in := &safefiletest.Endless{}
	refusedStdin(t, in, "apibump: -: standard input is more than the 128 MiB apibump reads for a spec", "diff", "base.yaml", "-")
	if in.N > 128<<20+1 {
		t.Errorf("read %d bytes of standard input", in.N)
	}
}

// Hole 10: a CRLF changelog keeps CRLF on every line, the new entry's too.
func TestReleaseKeepsCRLF(t *testing.T) {
	fileAccessCase(t)
	crlf := strings.ReplaceAll(ownChangelog, "\n", "\r\n")
	os.WriteFile("CHANGELOG.md", []byte(crlf), 0o644)
	if _, errOut, code := runWithin(t, strings.NewReader(""), "release", "--force", "--date", "2026-11-22", "base.yaml", "revision.yaml"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	data, _ := os.ReadFile("CHANGELOG.md")
	if n, crlfs := bytes.Count(data, []byte("\n")), bytes.Count(data, []byte("\r\n")); n != crlfs || !bytes.Contains(data, []byte("## [2.0.0] - 2026-11-22\r\n")) {
		t.Errorf("%d line ends, %d of them CRLF", n, crlfs)
	}
	if !bytes.HasSuffix(data, []byte("- an earlier release, written by hand\r\n")) {
		t.Errorf("the older entries changed")
	}
}

// Hole 10: a broken supported-versions record, and a major that would
// close the hidden record.
func TestBrokenRecordAndArrowMajor(t *testing.T) {
	fileAccessCase(t)
	record := func(supported string) string {
		return "# Changelog\n\n## [1.4.2] - 2026-06-01\n<!-- apibump {\"version\":\"1.4.2\",\"date\":\"2026-06-01\",\"supported\":" + supported + "} -->\n\n- older\n"
	}
	for supported, want := range map[string]string{
		`[{"major":"1","status":"current"},]`:                      "apibump: CHANGELOG.md:4: supported-versions record: not valid JSON at byte 86",
		`[{"major":"--\u003e","status":"deprecated"}]`:             `apibump: CHANGELOG.md:4: supported-versions record: major "-->": a version is letters, digits, '.', '-', '+' and '_', starting with a letter or digit, at most 128 characters`,
		`[{"major":"1","status":"deprecated","sunset":"someday"}]`: `apibump: CHANGELOG.md:4: supported-versions record: major "1": sunset "someday": want YYYY-MM-DD`,
	} {
		os.WriteFile("CHANGELOG.md", []byte(record(supported)), 0o644)
		check := unchanged(t, "CHANGELOG.md", "revision.yaml")
		refused(t, want, "release", "--force", "--date", "2026-11-22", "base.yaml", "revision.yaml")
		refused(t, want, "changelog", "--date", "2026-11-22", "--prepend", "CHANGELOG.md", "base.yaml", "revision.yaml")
		check()
	}
	os.Remove("CHANGELOG.md")
	refused(t, `apibump: --version "-->": not a version (letters, digits, '.', '-', '+' and '_')`, "changelog", "--version", "-->", "--prepend", "CHANGELOG.md", "base.yaml", "revision.yaml")
	refused(t, `apibump: --version "1|2": not a version (letters, digits, '.', '-', '+' and '_')`, "changelog", "--version", "1|2", "base.yaml", "revision.yaml")
	if _, err := os.Stat("CHANGELOG.md"); err == nil {
		t.Errorf("a refused run wrote the changelog")
	}
}

// releaseCrashEnv, when set, makes TestReleaseCrashChild run apibump with
// the arguments it holds (JSON) and kill itself between the two
// writes of release.
const releaseCrashEnv = "APIBUMP_TEST_RELEASE_CRASH"

// TestReleaseCrashChild is the process TestReleaseKilledBetweenWrites
// kills; it does nothing in a normal run.
func TestReleaseCrashChild(t *testing.T) {
	args := os.Getenv(releaseCrashEnv)
	if args == "" {
		t.Skip("run by TestReleaseKilledBetweenWrites")
	}
	atomicfile.BetweenRenames = func() { syscall.Kill(os.Getpid(), syscall.SIGKILL) }
	var list []string
	if err := json.Unmarshal([]byte(args), &list); err != nil {
		t.Fatal(err)
	}
	Main(list, IO{In: strings.NewReader(""), Out: io.Discard, ErrOut: os.Stderr})
	t.Fatal("not killed")
}

// Hole 9: release killed between its two writes. The kill leaves the
// changelog new and the spec old, with a journal; the next release
// finishes the interrupted one first (both new), writes nothing twice, and
// leaves no temporary file behind.
func TestReleaseKilledBetweenWrites(t *testing.T) {
	fileAccessCase(t)
	work, _ := os.Getwd()
	os.WriteFile("CHANGELOG.md", []byte(ownChangelog), 0o644)
	before, _ := os.ReadFile("revision.yaml")
	args := []string{"release", "--force", "--date", "2026-11-22", "base.yaml", "revision.yaml"}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestReleaseCrashChild$")
	cmd.Dir = work
	argsJSON, _ := json.Marshal(args)
	cmd.Env = append(os.Environ(), releaseCrashEnv+"="+string(argsJSON))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the child was not killed between the writes: %v\n%s", err, out)
	}
	cl, _ := os.ReadFile("CHANGELOG.md")
	spec, _ := os.ReadFile("revision.yaml")
	if !bytes.Contains(cl, []byte("## [2.0.0]")) || !bytes.Equal(spec, before) {
		t.Fatalf("the kill did not fall between the two writes")
	}
	if left, _ := filepath.Glob(".*.apibump-journal"); len(left) != 2 {
		t.Fatalf("journals after the kill: %v", left)
	}

	// A stray of an even earlier killed run, before its journal.
	os.WriteFile(".revision.yaml.tmp-12345", []byte("half a spec"), 0o644)

	stdout, errOut, code := runWithin(t, strings.NewReader(""), args...)
	if code != 0 || !strings.Contains(errOut, "finished writing what an interrupted run had begun") || !strings.HasSuffix(stdout, "2.0.0\n") {
		t.Fatalf("release again: exit %d\n%s\n%s", code, stdout, errOut)
	}
	clAfter, _ := os.ReadFile("CHANGELOG.md")
	specAfter, _ := os.ReadFile("revision.yaml")
	onlyVersionChanged(t, before, specAfter, "version: 1.4.2 # stamped", "version: 2.0.0 # stamped")
	if !bytes.Equal(clAfter, cl) {
		t.Errorf("the changelog changed again:\n%s", clAfter)
	}
	left, _ := filepath.Glob(".*")
	for _, l := range left {
		if l != ".git" {
			t.Errorf("left behind: %s", l)
		}
	}
}
