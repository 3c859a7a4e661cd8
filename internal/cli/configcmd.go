package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/source"
)

func newConfigCmd(io IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show the configuration apibump uses (.apibump.yaml, defaults and flags)",
		Long: `apibump reads its settings from .apibump.yaml: it looks next to the spec,
then in each parent directory up to the git repository root, and takes the
first .apibump.yaml (or .apibump.yml) it finds. --config FILE names the file
instead. Flags on the command line win over the file; the file wins over the
defaults.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newConfigPrintCmd(io))
	return cmd
}

// ConfigPrintOptions are the options of `apibump config print`: --config
// and every setting's flag.
type ConfigPrintOptions struct {
	settings
}

func newConfigPrintCmd(io IO) *cobra.Command {
	o := &ConfigPrintOptions{}
	cmd := &cobra.Command{
		Use:   "print [SPEC]",
		Short: "Print the effective configuration, each value with where it comes from",
		Long: `print finds the configuration as the comparing commands do (from SPEC's
directory, or the current directory without SPEC, up to the git repository
root; --config FILE instead) and prints the effective values as YAML, each
followed by where it comes from: "# default", "# .apibump.yaml:3" or
"# flag --policy". Give the same flags as the comparing command to check which
value wins.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			spec := ""
			if len(args) == 1 {
				spec = args[0]
			}
			c, err := o.load(spec)
			if err != nil {
				return err
			}
			return c.Print(io.Out)
		},
	}
	addSettingsFlags(cmd, &o.settings) // every setting that has a flag
	return cmd
}

// addConfigFlag adds --config FILE, which names the configuration file and
// turns discovery off.
func addConfigFlag(cmd *cobra.Command, file *string) {
	cmd.Flags().StringVar(file, "config", "", "read this configuration file instead of looking for .apibump.yaml")
}

// loadConfig returns the configuration for spec (a spec argument as the user
// wrote it: a file, "-" or REF:path; "" for none) with the flags laid over
// it (config.Resolve): the file named by --config when file is not "",
// else the .apibump.yaml discovered from the spec's directory (the current
// directory for "", "-"; the working-tree directory of the path for
// REF:path) up to the git repository root; the defaults when there is
// none. Errors are input errors (exit status 2).
func loadConfig(file, spec string, flags *config.Flags) (*config.Config, error) {
	path := file
	if path == "" {
		start, err := configSearchStart(spec)
		if err != nil {
			return nil, inputError(err)
		}
		if path, err = config.Find(start, config.RepoRoot(start)); err != nil {
			return nil, inputError(fmt.Errorf("looking for .apibump.yaml: %w", err))
		}
	}
	c, err := config.Resolve(path, flags)
	if file != "" && errors.Is(err, os.ErrNotExist) {
		return nil, inputError(fmt.Errorf("--config %s: no such file", file))
	}
	if err != nil {
		return nil, inputError(err)
	}
	return c, nil
}

// configSearchStart returns the directory (or the spec file) where the
// search for .apibump.yaml begins.
func configSearchStart(spec string) (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	if spec == "" {
		return ".", nil
	}
	in := source.ParseInput(spec)
	switch in.Kind {
	case source.InputStdin:
		return ".", nil
	case source.InputGit:
		// The file at REF is not on disk: search from where it sits in the
		// working tree. As with git, ./ and ../ are from the working
		// directory, any other path from the repository's top.
		p := filepath.FromSlash(in.Path)
		if strings.HasPrefix(in.Path, "./") || strings.HasPrefix(in.Path, "../") {
			return p, nil
		}
		top := config.RepoRoot(wd)
		if top == "" {
			return ".", nil
		}
		abs := filepath.Join(top, strings.TrimPrefix(p, string(filepath.Separator)))
		if rel, err := filepath.Rel(wd, abs); err == nil {
			return rel, nil
		}
		return abs, nil
	}
	return in.Path, nil
}
