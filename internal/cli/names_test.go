package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoAbsolutePaths: absolute arguments (as an Action may pass them) are
// shown relative to the working directory when under it, else to the
// repository holding them, in every output a person reads; the files they
// refer to too.
func TestNoAbsolutePaths(t *testing.T) {
	repoCase, err := filepath.Abs("../../testdata/multi-file-ref")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	copyTree(t, repoCase, tmp)
	for _, tc := range []struct {
		name, cwd, dir, want string
	}{
		{"under the working directory", tmp, tmp, "revision/schemas.yaml"},
		{"in the repository", t.TempDir(), repoCase, "testdata/multi-file-ref/revision/schemas.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(tc.cwd)
			base, rev := filepath.Join(tc.dir, "base", "openapi.yaml"), filepath.Join(tc.dir, "revision", "openapi.yaml")
			for _, format := range []string{"text", "markdown", "json"} {
				out, errOut, code := run(t, "diff", "--format", format, base, rev)
				if code != 0 {
					t.Fatalf("%s: exit %d: %s", format, code, errOut)
				}
				if strings.Contains(out, tc.dir) || strings.Contains(out, filepath.Dir(tc.dir)) {
					t.Errorf("%s: an absolute path in the output:\n%s", format, out)
				}
				if !strings.Contains(out, tc.want) {
					t.Errorf("%s: %q is not named:\n%s", format, tc.want, out)
				}
			}
			out, errOut, code := run(t, "changelog", "--date", "2026-11-22", base, rev)
			if code != 0 || strings.Contains(out, tc.dir) {
				t.Errorf("changelog: exit %d, %s:\n%s", code, errOut, out)
			}
		})
	}
}

// copyTree copies the files under src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
