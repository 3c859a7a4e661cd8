//go:build unix

package atomicfile

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashChildEnv, when set to a directory, makes TestCrashChild write a and b
// there and kill itself between the two renames.
const crashChildEnv = "ATOMICFILE_CRASH_DIR"

// TestCrashChild is the process TestKillBetweenRenames kills; it does
// nothing in a normal run.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("run by TestKillBetweenRenames")
	}
	BetweenRenames = func() { syscall.Kill(os.Getpid(), syscall.SIGKILL) }
	WriteAll([]File{{filepath.Join(dir, "a"), []byte("a-new")}, {filepath.Join(dir, "sub", "b"), []byte("b-new")}})
	t.Fatal("not killed")
}

// killBetweenRenames runs a transaction writing dir/a and dir/sub/b in a
// child process killed after its first rename, and checks it left what a
// crash there leaves: a new, b old, the journals and b's temporary file.
func killBetweenRenames(t *testing.T) (a, b string) {
	t.Helper()
	dir := t.TempDir()
	a, b = filepath.Join(dir, "a"), filepath.Join(dir, "sub", "b")
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(a, []byte("a-old"), 0o644)
	os.WriteFile(b, []byte("b-old"), 0o600)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the child was not killed: %v\n%s", err, out)
	}
	for p, want := range map[string]string{a: "a-new", b: "b-old"} {
		if got, _ := os.ReadFile(p); string(got) != want {
			t.Fatalf("after the kill %s = %q, want %q", p, got, want)
		}
	}
	for _, p := range []string{journalPath(a), journalPath(b)} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("no journal left: %v", err)
		}
	}
	return a, b
}

// TestKillBetweenRenames: a run killed between its two renames leaves a
// journal; the next run finishes the transaction (both files new), then
// nothing is left beside them.
func TestKillBetweenRenames(t *testing.T) {
	a, b := killBetweenRenames(t)
	recovered, err := Recover(a, b)
	if err != nil || !recovered {
		t.Fatalf("Recover: %v, %v", recovered, err)
	}
	checkFiles(t, map[string]string{a: "a-new", b: "b-new"})
	if st, _ := os.Stat(b); st.Mode().Perm() != 0o600 {
		t.Errorf("b lost its mode: %v", st.Mode().Perm())
	}
	noStrays(t, a, b)
	if again, err := Recover(a, b); again || err != nil {
		t.Errorf("Recover again: %v, %v", again, err)
	}
}

// TestNextWriteFinishesTheTransaction: the next write of either file, even
// alone, finishes the interrupted transaction first, then writes.
func TestNextWriteFinishesTheTransaction(t *testing.T) {
	a, b := killBetweenRenames(t)
	if err := WriteFile(a, []byte("a-newer")); err != nil {
		t.Fatal(err)
	}
	checkFiles(t, map[string]string{a: "a-newer", b: "b-new"})
	noStrays(t, a, b)
}

// TestStraysAreCleaned: temporary files of a run killed before its
// journal was written are removed by the next write; the files keep their
// old content until then.
func TestStraysAreCleaned(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "revision.yaml")
	os.WriteFile(a, []byte("old"), 0o644)
	for _, s := range []string{".revision.yaml.tmp-123", ".revision.yaml.tmp-old-abc", ".revision.yaml.apibump-journal.tmp-9"} {
		os.WriteFile(filepath.Join(dir, s), []byte("half"), 0o644)
	}
	os.WriteFile(filepath.Join(dir, ".other.yaml.tmp-1"), []byte("not ours"), 0o644)
	if err := WriteFile(a, []byte("new")); err != nil {
		t.Fatal(err)
	}
	checkFiles(t, map[string]string{a: "new", filepath.Join(dir, ".other.yaml.tmp-1"): "not ours"})
	noStrays(t, a)
}

// TestHostileJournal: a journal is in the work tree, so a pull request can
// commit one. One that names a file outside the repository, or a
// temporary file that is not its target's, is refused and nothing moves.
func TestHostileJournal(t *testing.T) {
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	os.MkdirAll(filepath.Join(repo, ".git"), 0o755)
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, []byte("victim"), 0o644)
	cl := filepath.Join(repo, "CHANGELOG.md")
	os.WriteFile(cl, []byte("log"), 0o644)
	evil := filepath.Join(repo, ".CHANGELOG.md.tmp-x")
	os.WriteFile(evil, []byte("pwned"), 0o644)
	for name, files := range map[string]string{
		"outside":     `[{"target":"` + victim + `","temp":"` + filepath.Join(dir, ".victim.tmp-1") + `"},{"target":"` + cl + `","temp":"` + evil + `"}]`,
		"other temp":  `[{"target":"` + cl + `","temp":"` + filepath.Join(repo, "README.md") + `"}]`,
		"not about":   `[{"target":"` + filepath.Join(repo, "x") + `","temp":"` + filepath.Join(repo, ".x.tmp-1") + `"}]`,
		"relative":    `[{"target":"CHANGELOG.md","temp":".CHANGELOG.md.tmp-x"}]`,
		"not journal": `"x"`,
	} {
		os.WriteFile(journalPath(cl), []byte(`{"apibump":"journal","files":`+files+`}`), 0o644)
		if _, err := Recover(cl); err == nil || !strings.Contains(err.Error(), "not a journal apibump wrote") {
			t.Errorf("%s: %v", name, err)
		}
		checkFiles(t, map[string]string{victim: "victim", cl: "log", evil: "pwned"})
	}
}

func checkFiles(t *testing.T, want map[string]string) {
	t.Helper()
	for p, w := range want {
		if got, err := os.ReadFile(p); string(got) != w {
			t.Errorf("%s = %q (%v), want %q", p, got, err, w)
		}
	}
}

func noStrays(t *testing.T, targets ...string) {
	t.Helper()
	for _, target := range targets {
		left, _ := filepath.Glob(filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+"*"))
		if len(left) != 0 {
			t.Errorf("left beside %s: %v", target, left)
		}
	}
}
