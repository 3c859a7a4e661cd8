package cli

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/scheme"
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

// ConfigPrintOptions are the options of `apibump config print`.
type ConfigPrintOptions struct {
	File          string
	Policy        string
	Scheme        string
	Window        string
	FailOn        string
	Lang          string
	MaxLiveMajors int
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
		RunE: func(cmd *cobra.Command, args []string) error {
			spec := ""
			if len(args) == 1 {
				spec = args[0]
			}
			c, err := loadConfig(o.File, spec)
			if err != nil {
				return err
			}
			if err := applyConfigFlags(cmd, c); err != nil {
				return err
			}
			return c.Print(io.Out)
		},
	}
	f := cmd.Flags()
	addConfigFlag(cmd, &o.File)
	f.StringVar(&o.Policy, "policy", "", "override the policy: contract or compatible")
	f.StringVar(&o.Scheme, "scheme", "", "override the version scheme: auto, semver, major-minor, integer or date")
	f.StringVar(&o.Window, "window", "", "override the deprecation window: 180d, 26w, 6m, 1y")
	f.StringVar(&o.FailOn, "fail-on", "", "override what fails the check: version, breaking, additive or any")
	f.StringVar(&o.Lang, "lang", "", "override the language: en or fr")
	countVarP(f, &o.MaxLiveMajors, "max-live-majors", "", 0, math.MinInt, "override how many majors may be live at once")
	return cmd
}

// addConfigFlag adds --config FILE, which names the configuration file and
// turns discovery off.
func addConfigFlag(cmd *cobra.Command, file *string) {
	cmd.Flags().StringVar(file, "config", "", "read this configuration file instead of looking for .apibump.yaml")
}

// loadConfig returns the configuration for spec (a spec argument as the user
// wrote it: a file, "-" or REF:path; "" for none): the file named by --config
// when file is not "", else the .apibump.yaml discovered from the spec's
// directory (the current directory for "", "-"; the working-tree directory of
// the path for REF:path) up to the git repository root; the defaults when
// there is none. Errors are input errors (exit status 2).
func loadConfig(file, spec string) (*config.Config, error) {
	if file != "" {
		c, err := config.Load(file)
		if errors.Is(err, os.ErrNotExist) {
			return nil, inputError(fmt.Errorf("--config %s: no such file", file))
		}
		if err != nil {
			return nil, inputError(err)
		}
		return c, nil
	}
	start, err := configSearchStart(spec)
	if err != nil {
		return nil, inputError(err)
	}
	stopAt := config.RepoRoot(start)
	found, err := config.Find(start, stopAt)
	if err != nil {
		return nil, inputError(fmt.Errorf("looking for .apibump.yaml: %w", err))
	}
	if found == "" {
		return config.Default(), nil
	}
	c, err := config.Load(found)
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

// applyConfigFlags lets the flags the user gave win over the configuration:
// each of --policy, --scheme, --window, --max-live-majors, --fail-on and
// --lang that cmd defines and that was set on the command line is
// validated, replaces the value in c and is recorded as its source.
func applyConfigFlags(cmd *cobra.Command, c *config.Config) error {
	flags := cmd.Flags()
	changed := func(name string) (string, bool) {
		f := flags.Lookup(name)
		if f == nil || !f.Changed {
			return "", false
		}
		return f.Value.String(), true
	}
	if v, ok := changed("policy"); ok {
		if _, err := rules.ParsePolicy(v); err != nil {
			return inputError(fmt.Errorf("--policy: %w", err))
		}
		c.Policy = v
		c.SetFlag(config.KeyPolicy, "policy")
	}
	if v, ok := changed("scheme"); ok {
		if _, err := scheme.Parse(v); err != nil || v == "" {
			return inputError(fmt.Errorf("--scheme %q: want auto, semver, major-minor, integer or date", v))
		}
		c.Scheme = v
		c.SetFlag(config.KeyScheme, "scheme")
	}
	if v, ok := changed("window"); ok {
		w, err := config.ParseWindow(v)
		if err != nil {
			return inputError(fmt.Errorf("--window: %w", err))
		}
		c.Window = w.String()
		c.SetFlag(config.KeyWindow, "window")
	}
	if v, ok := changed("max-live-majors"); ok {
		var n int
		if _, err := fmt.Sscanf(v, "%d", &n); err != nil || n < 1 {
			return inputError(fmt.Errorf("--max-live-majors must be at least 1"))
		}
		c.MaxLiveMajors = n
		c.SetFlag(config.KeyMaxLiveMajors, "max-live-majors")
	}
	if v, ok := changed("fail-on"); ok {
		if _, err := config.ParseFailOn(v); err != nil {
			return inputError(err)
		}
		c.FailOn = v
		c.SetFlag(config.KeyFailOn, "fail-on")
	}
	if v, ok := changed("lang"); ok {
		l, err := locale.ParseLang(v)
		if err != nil {
			return inputError(fmt.Errorf("--lang: %w", err))
		}
		c.Lang = string(l)
		c.SetFlag(config.KeyLang, "lang")
	}
	return nil
}
