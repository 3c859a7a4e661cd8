package cli

import (
	"github.com/spf13/pflag"

	"github.com/apibump/apibump/internal/config"
)

// countVarP defines an int flag whose values must be 1 or more, said in
// words (config.Positive, the value of max-live-majors too); 0 stands for
// "not given".
func countVarP(f *pflag.FlagSet, p *int, name, short, usage string) {
	*p = 0
	f.VarP((*config.Positive)(p), name, short, usage)
}
