package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/escape"
)

// NextOptions are the options of `apibump next`: those of every comparing command.
type NextOptions = CompareOptions

func newNextCmd(io IO) *cobra.Command {
	o := &NextOptions{}
	cmd := &cobra.Command{
		Use:   "next BASE REVISION",
		Short: "Print only the next version (for scripts)",
		Args:  cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Base, o.Revision = args[0], args[1]
			return runNext(io, o)
		},
	}
	addCompareFlags(cmd, o)
	return cmd
}

func runNext(io IO, o *NextOptions) error {
	r, err := compare(io, o)
	if err != nil {
		return err
	}
	if r.NextVersion == "" {
		return inputError(fmt.Errorf("%s declares no info.version, so there is no next version (the changes need bump %s)", r.Base.File, r.Bump))
	}
	_, err = fmt.Fprintln(io.Out, escape.Text(r.NextVersion))
	return err
}
