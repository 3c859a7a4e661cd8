package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/engine/oasdiff"
)

func panicInOasdiff() func() { panic("boom in the engine") }

// panickingWriter stands for an output whose writing panics.
type panickingWriter struct{}

func (panickingWriter) Write([]byte) (int, error) { panic("boom in the output") }

var stackFileRe = regexp.MustCompile(`and (\S+apibump-internal-error-\d+\.txt), which holds its stack\)$`)

// TestPanicsKeepTheirStack: a bug (a panic, recovered) still ends in one
// line on standard error, exit status 2, asking to report it; the stack of
// the goroutine that panicked is in the file that line names, in the
// temporary directory, and after the line with APIBUMP_DEBUG=1.
func TestPanicsKeepTheirStack(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	examples, err := filepath.Abs("../../testdata/examples")
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"diff", filepath.Join(examples, "base.yaml"), filepath.Join(examples, "revision.yaml")}
	defer func(h func() func()) { oasdiff.OnRun = h }(oasdiff.OnRun)
	oasdiff.OnRun = panicInOasdiff

	check := func(name, errOut string, code int, want, frame string) {
		t.Helper()
		lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
		if code != 2 || len(lines) != 1 || !strings.HasPrefix(lines[0], "apibump: internal error") || !strings.Contains(lines[0], want) {
			t.Fatalf("%s: exit %d, standard error:\n%s\nwant one line with %q, exit 2", name, code, errOut, want)
		}
		m := stackFileRe.FindStringSubmatch(lines[0])
		if m == nil || filepath.Dir(m[1]) != tmp {
			t.Fatalf("%s: the line names no stack file in %s: %s", name, tmp, lines[0])
		}
		report, err := os.ReadFile(m[1])
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(report), want) || !strings.Contains(string(report), frame) || !strings.Contains(string(report), "goroutine ") {
			t.Errorf("%s: the stack file has no stack through %s:\n%s", name, frame, report)
		}
	}

	out, errOut, code := run(t, args...)
	check("a panic in oasdiff", errOut, code, "boom in the engine", "cli.panicInOasdiff")
	if out != "" {
		t.Errorf("output %q after a panic", out)
	}

	// With APIBUMP_DEBUG=1, the stack follows the line.
	_, debugOut, code := runEnv(t, map[string]string{"APIBUMP_DEBUG": "1"}, false, args...)
	first, rest, _ := strings.Cut(debugOut, "\n")
	check("with APIBUMP_DEBUG=1", first+"\n", code, "boom in the engine", "cli.panicInOasdiff")
	if !strings.Contains(rest, "cli.panicInOasdiff") || !strings.Contains(rest, "goroutine ") {
		t.Errorf("APIBUMP_DEBUG=1 does not print the stack after the line:\n%s", debugOut)
	}

	// A panic Main recovers itself (here writing the output).
	oasdiff.OnRun = nil
	var errBuf strings.Builder
	code = Main(args, IO{In: strings.NewReader(""), Out: panickingWriter{}, ErrOut: &errBuf})
	check("a panic in Main", errBuf.String(), code, "boom in the output", "cli.panickingWriter.Write")
}
