package cli

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
)

// countValue is an int flag that takes only a whole number of at least
// min, and says so in words (pflag's own int flag quotes strconv's error).
type countValue struct {
	p   *int
	min int
}

func (v *countValue) String() string { return strconv.Itoa(*v.p) }
func (v *countValue) Type() string   { return "int" }

func (v *countValue) Set(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	switch {
	case v.min == math.MinInt && err != nil:
		return errors.New("want a whole number")
	case err != nil || n < v.min:
		return fmt.Errorf("want a whole number, %d or more", v.min)
	}
	*v.p = n
	return nil
}

// countVarP defines an int flag whose values must be min or more
// (math.MinInt: any whole number, the command judges it); value is the
// default, which may be below min (0 for "not set").
func countVarP(f *pflag.FlagSet, p *int, name, short string, value, min int, usage string) {
	*p = value
	f.VarP(&countValue{p: p, min: min}, name, short, usage)
}
