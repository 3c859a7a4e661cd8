package cli

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/safefile"
)

// InitOptions are the options of `apibump init`.
type InitOptions struct {
	Dir  string
	Spec string
}

// The files init writes, relative to its directory.
var (
	initConfigPath   = ".apibump.yaml"
	initWorkflowPath = filepath.Join(".github", "workflows", "apibump.yml")
)

func newInitCmd(io IO) *cobra.Command {
	o := &InitOptions{}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a starter .apibump.yaml and a pull-request workflow",
		Long: `init writes, in the current directory (or --dir), a commented starter
.apibump.yaml holding every setting with its default, and a GitHub workflow
.github/workflows/apibump.yml that runs apibump's action on pull requests.

The workflow checks the spec given with --spec; without it, init looks in the
directory for openapi.yaml, openapi.yml or openapi.json, then for any YAML or
JSON file with a top-level openapi (or swagger) key.

init never overwrites a file: one that exists is left as it is and said so.`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			return runInit(io, o)
		},
	}
	cmd.Flags().StringVar(&o.Dir, "dir", ".", "the directory to write in (normally the repository's top)")
	cmd.Flags().StringVar(&o.Spec, "spec", "", "the spec the workflow checks, relative to the repository's top (default: found in the directory, else openapi.yaml)")
	return cmd
}

func runInit(io IO, o *InitOptions) error {
	st, err := os.Stat(o.Dir)
	if err != nil {
		return inputError(fmt.Errorf("--dir %s: %w", o.Dir, errors.Unwrap(err)))
	}
	if !st.IsDir() {
		return inputError(fmt.Errorf("--dir %s is not a directory", o.Dir))
	}
	spec := filepath.ToSlash(o.Spec)
	if spec == "" {
		found, err := initFindSpec(o.Dir)
		if err != nil {
			return inputError(err)
		}
		if found == "" {
			spec = "openapi.yaml"
			fmt.Fprintf(io.ErrOut, "apibump: no OpenAPI file found in %s; the workflow checks %s: edit it, or run init again with --spec\n", escape.Text(o.Dir), spec)
		} else {
			spec = found
		}
	}
	files := []struct {
		path string
		data string
	}{
		{initConfigPath, initStarterConfig},
		{initWorkflowPath, initWorkflow(spec)},
	}
	for _, f := range files {
		shown := filepath.Join(o.Dir, f.path)
		if o.Dir == "." {
			shown = f.path
		}
		wrote, err := initCreateFile(filepath.Join(o.Dir, f.path), []byte(f.data))
		if err != nil {
			return inputError(err)
		}
		if wrote {
			fmt.Fprintf(io.ErrOut, "apibump: wrote %s\n", escape.Text(shown))
		} else {
			fmt.Fprintf(io.ErrOut, "apibump: %s exists, left as it is\n", escape.Text(shown))
		}
	}
	return nil
}

// initCreateFile writes a new file and its directories; it never replaces an
// existing file (and says false then).
func initCreateFile(path string, data []byte) (bool, error) {
	if _, err := os.Lstat(path); err == nil {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return false, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return false, err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return false, err
	}
	return true, nil
}

// initSpecNames are the usual names of a spec, in order of preference.
var initSpecNames = []string{"openapi.yaml", "openapi.yml", "openapi.json"}

// initTopLevelSpecKey finds a top-level openapi or swagger key in YAML.
var initTopLevelSpecKey = regexp.MustCompile(`^["']?(?:openapi|swagger)["']?\s*:`)

// initFindSpec returns the name of the OpenAPI file in dir, "" when there is none.
func initFindSpec(dir string) (string, error) {
	for _, name := range initSpecNames {
		if st, err := os.Stat(filepath.Join(dir, name)); err == nil && st.Mode().IsRegular() {
			return name, nil
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	var names []string
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.Type().IsRegular() && (ext == ".yaml" || ext == ".yml" || ext == ".json") && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	for _, name := range names {
		if initHasSpecKey(filepath.Join(dir, name)) {
			return name, nil
		}
	}
	return "", nil
}

// initHasSpecKey says whether the file has a top-level openapi or swagger key.
func initHasSpecKey(path string) bool {
	f, _, err := safefile.Open(path, safefile.RootOf(filepath.Dir(path)))
	if err != nil {
		return false
	}
	defer f.Close()
	if strings.EqualFold(filepath.Ext(path), ".json") {
		var top map[string]json.RawMessage
		if json.NewDecoder(io.LimitReader(f, 64<<20)).Decode(&top) != nil {
			return false
		}
		_, openapi := top["openapi"]
		_, swagger := top["swagger"]
		return openapi || swagger
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if initTopLevelSpecKey.MatchString(strings.TrimPrefix(sc.Text(), "\ufeff")) {
			return true
		}
	}
	return false
}

var initPlainScalar = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_./-]*$`)

// initYAMLString writes s as a YAML scalar, quoted only when it has to be.
func initYAMLString(s string) string {
	if initPlainScalar.MatchString(s) {
		return s
	}
	return strconv.Quote(s)
}

// initWorkflow is the pull-request workflow init writes
// (starter.workflow.yml.tmpl), checking spec.
func initWorkflow(spec string) string {
	var b strings.Builder
	if err := initWorkflowTemplate.Execute(&b, struct{ Spec string }{initYAMLString(spec)}); err != nil {
		panic(err) // the template is ours and takes one string
	}
	return b.String()
}

//go:embed starter.workflow.yml.tmpl
var initWorkflowText string

var initWorkflowTemplate = template.Must(template.New("workflow").Parse(initWorkflowText))

// initStarterConfig is the .apibump.yaml init writes
// (starter.apibump.yaml): every key with its default value, explained.
//
//go:embed starter.apibump.yaml
var initStarterConfig string
