package cli

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/atomicfile"
	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/repo"
)

// InitOptions are the options of `apibump init`.
type InitOptions struct {
	Dir  string
	Spec string
	// Force replaces the files that exist (atomically).
	Force bool
}

// The files init writes: the configuration in its directory, the workflow at
// the repository's top (GitHub reads workflows nowhere else).
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
.apibump.yaml holding every setting with its default, and, at the top of the
git repository holding that directory, a GitHub workflow
.github/workflows/apibump.yml that runs apibump's action on pull requests
(with the permission to keep its pull request comment: pull-requests: write).

The workflow checks the spec given with --spec, a path from the repository's
top; without it, init looks in the directory and below it (` + "`.git`" + `, hidden
directories, node_modules and vendor aside) for openapi.yaml, openapi.yml or
openapi.json, then for any YAML or JSON file with a top-level openapi (or
swagger) key, the shallowest first.

init leaves a file that exists as it is and says so; --force replaces it
(atomically: never a half-written file).`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			return runInit(io, o)
		},
	}
	cmd.Flags().StringVar(&o.Dir, "dir", ".", "the directory to write in (normally the repository's top)")
	cmd.Flags().StringVar(&o.Spec, "spec", "", "the spec the workflow checks, relative to the repository's top (default: found in the directory or below, else openapi.yaml)")
	cmd.Flags().BoolVar(&o.Force, "force", false, "replace the files that exist")
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
	top := repo.Top(o.Dir)
	spec := filepath.ToSlash(o.Spec)
	if spec == "" {
		found, err := repo.FindSpecs(o.Dir)
		if err != nil {
			return inputError(err)
		}
		switch {
		case len(found) == 0:
			spec = "openapi.yaml"
			fmt.Fprintf(io.ErrOut, "apibump: no OpenAPI file found in %s; the workflow checks %s: edit it, or run init again with --spec PATH --force\n", escape.Text(o.Dir), spec)
		default:
			spec = repo.FromTop(top, found[0])
			if len(found) > 1 {
				others := make([]string, 0, len(found)-1)
				for _, f := range found[1:] {
					others = append(others, repo.FromTop(top, f))
				}
				fmt.Fprintf(io.ErrOut, "apibump: several OpenAPI files found; the workflow checks %s (also: %s): run init again with --spec PATH --force to choose\n",
					escape.Text(spec), escape.Text(strings.Join(others, ", ")))
			}
		}
	}
	files := []struct {
		path string
		data string
	}{
		{filepath.Join(o.Dir, initConfigPath), initStarterConfig},
		{filepath.Join(top, initWorkflowPath), initWorkflow(spec)},
	}
	for _, f := range files {
		shown := filepath.Clean(f.path)
		wrote, err := initWriteFile(f.path, []byte(f.data), o.Force)
		if err != nil {
			return inputError(err)
		}
		if wrote {
			fmt.Fprintf(io.ErrOut, "apibump: wrote %s\n", escape.Text(shown))
		} else {
			fmt.Fprintf(io.ErrOut, "apibump: %s exists, left as it is (--force replaces it)\n", escape.Text(shown))
		}
	}
	return nil
}

// initWriteFile writes a new file and its directories; an existing file is
// left as it is (false), or with force replaced atomically.
func initWriteFile(path string, data []byte, force bool) (bool, error) {
	if !force {
		return initCreateFile(path, data)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return false, err
	}
	if err := atomicfile.WriteFile(path, data); err != nil {
		return false, err
	}
	return true, nil
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
