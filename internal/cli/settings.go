package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/rules"
)

// binding ties a configuration key to the flag that overrides it and the
// option field both fill.
type binding struct {
	key, flag string
	str       *string
	num       *int
}

// settings is what every comparing command reads from .apibump.yaml.
type settings struct {
	ConfigPath string
	StrictBeta bool
	changed    func(string) bool
	bindings   []binding
	cfg        *config.Config
}

func addSettingsFlags(cmd *cobra.Command, s *settings) {
	addConfigFlag(cmd, &s.ConfigPath)
	cmd.Flags().BoolVar(&s.StrictBeta, "strict-beta", false, "count breaking changes to x-stability: beta elements as breaking")
	s.changed = cmd.Flags().Changed
}

// bind declares that a flag of the command overrides a configuration key.
func (s *settings) bind(key, flag string, str *string, num *int) {
	s.bindings = append(s.bindings, binding{key: key, flag: flag, str: str, num: num})
}

// load finds and reads the configuration for the revision spec, then lays
// the flags the user set over it: defaults < file < flags.
func (s *settings) load(revision string) (*config.Config, error) {
	if s.cfg != nil {
		return s.cfg, nil
	}
	cfg, err := loadConfig(s.ConfigPath, revision)
	if err != nil {
		return nil, err
	}
	for _, b := range s.bindings {
		switch {
		case s.changed != nil && s.changed(b.flag):
			cfg.SetFlag(b.key, b.flag)
			if b.str != nil {
				setString(cfg, b.key, *b.str)
			} else {
				setInt(cfg, b.key, *b.num)
			}
		case b.str != nil:
			*b.str = getString(cfg, b.key)
		default:
			*b.num = cfg.MaxLiveMajors
		}
	}
	if s.changed != nil && s.changed("strict-beta") {
		cfg.Stability.StrictBeta = s.StrictBeta
		cfg.SetFlag(config.KeyStrictBeta, "strict-beta")
	}
	s.cfg = cfg
	return cfg, nil
}

func getString(c *config.Config, key string) string {
	switch key {
	case config.KeyPolicy:
		return c.Policy
	case config.KeyScheme:
		return c.Scheme
	case config.KeyWindow:
		return c.Window
	case config.KeyFailOn:
		return c.FailOn
	case config.KeyLang:
		return c.Lang
	}
	panic("unknown configuration key " + key)
}

func setString(c *config.Config, key, v string) {
	switch key {
	case config.KeyPolicy:
		c.Policy = v
	case config.KeyScheme:
		c.Scheme = v
	case config.KeyWindow:
		c.Window = v
	case config.KeyFailOn:
		c.FailOn = v
	case config.KeyLang:
		c.Lang = v
	}
}

func setInt(c *config.Config, key string, v int) {
	if key == config.KeyMaxLiveMajors {
		c.MaxLiveMajors = v
	}
}

// policyOptions turns the configuration's rules, exemptions and stability
// settings into classification options.
func policyOptions(cfg *config.Config, ropts *classify.Options) error {
	ropts.StrictBeta = cfg.Stability.StrictBeta
	ropts.Webhooks = cfg.Webhooks
	if len(cfg.Rules) > 0 {
		ropts.Rules = map[string]rules.Class{}
		for id, c := range cfg.Rules {
			class, err := rules.ParseClass(c)
			if err != nil {
				return inputError(fmt.Errorf("%s: rules.%s: %w", cfg.File, id, err))
			}
			ropts.Rules[id] = class
		}
	}
	for _, e := range cfg.Ignore {
		ropts.Ignore = append(ropts.Ignore, classify.Exemption{
			Rule: e.Rule, Operation: e.Operation, Path: e.Path, Reason: e.Reason, Until: e.Until,
			Origin: fmt.Sprintf("%s:%d", cfg.File, e.Line),
		})
	}
	return nil
}
