package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/classify"
	"github.com/apibump/apibump/internal/config"
)

// settings are a command's setting flags and the configuration they are
// laid over: every command that reads .apibump.yaml, `config print` too,
// finds its configuration through load, and so through config.Resolve,
// the one precedence of defaults, file and flags.
type settings struct {
	ConfigPath string
	flags      *config.Flags
	cfg        *config.Config
}

// addSettingsFlags adds --config and the flags of the settings named (their
// config.Key constants); more can be defined later with s.flags.Define.
func addSettingsFlags(cmd *cobra.Command, s *settings, keys ...string) {
	addConfigFlag(cmd, &s.ConfigPath)
	s.flags = config.NewFlags(cmd.Flags())
	s.flags.Define(keys...)
}

// load finds and reads the configuration for the spec and lays the flags
// the user gave over it; it is read once.
func (s *settings) load(spec string) (*config.Config, error) {
	if s.cfg != nil {
		return s.cfg, nil
	}
	cfg, err := loadConfig(s.ConfigPath, spec, s.flags)
	if err != nil {
		return nil, err
	}
	s.cfg = cfg
	return cfg, nil
}

// policyOptions turns the configuration's rules, exemptions and stability
// settings into classification options.
func policyOptions(cfg *config.Config, ropts *classify.Options) {
	ropts.StrictBeta = bool(cfg.Stability.StrictBeta)
	ropts.Webhooks = cfg.Webhooks
	ropts.ContractExtensions = cfg.ContractExtensions
	if len(cfg.Rules) > 0 {
		ropts.Rules = cfg.Rules.Classes()
	}
	for _, e := range cfg.Ignore {
		ropts.Ignore = append(ropts.Ignore, classify.Exemption{
			Rule: e.Rule, Operation: e.Operation, Path: e.Path, Reason: e.Reason, Until: e.Until,
			Origin: fmt.Sprintf("%s:%d", cfg.File, e.Line),
		})
	}
}
