package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/config"
)

// TestReadmeClaims keeps the README true: its setup commands are the ones CI
// and users run, and its example configuration loads.
func TestReadmeClaims(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	blocks := regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(readme, -1)
	if len(blocks) < 2 || !strings.Contains(blocks[0][1], "go install ./cmd/apibump") || strings.TrimSpace(blocks[1][1]) != "go test ./..." {
		t.Errorf("the README must open with the two setup commands (install and run; go test ./...)")
	}
	ci, err := os.ReadFile("../../.ci/run")
	if err != nil || !strings.Contains(string(ci), "\ngo test ./...\n") {
		t.Errorf(".ci/run must run the README's test command")
	}
	m := regexp.MustCompile("(?s)```yaml\n(policy: .*?)```").FindStringSubmatch(readme)
	if m == nil {
		t.Fatal("the README has no example .apibump.yaml")
	}
	p := filepath.Join(t.TempDir(), ".apibump.yaml")
	os.WriteFile(p, []byte(m[1]), 0o644)
	if _, err := config.Load(p); err != nil {
		t.Errorf("the README's example configuration does not load: %v", err)
	}
}

// TestReadmeCommandTable: every command has a row in the README's table.
func TestReadmeCommandTable(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	root := newRootCmd(IO{})
	if len(root.Commands()) < 10 {
		t.Fatalf("only %d commands", len(root.Commands()))
	}
	for _, c := range root.Commands() {
		if c.Hidden || c.Name() == "help" {
			continue
		}
		if !strings.Contains(string(data), "\n| `apibump "+c.Name()) {
			t.Errorf("the README's command table has no row for %s", c.Name())
		}
	}
}
