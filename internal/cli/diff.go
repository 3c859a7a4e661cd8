package cli

import (
	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/render"
)

// DiffOptions are the options of `apibump diff`.
type DiffOptions struct {
	CompareOptions
	Format string
}

func newDiffCmd(io IO) *cobra.Command {
	o := &DiffOptions{}
	cmd := &cobra.Command{
		Use:   "diff BASE REVISION",
		Short: "List every change with its class, grouped by endpoint",
		Args:  cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Base, o.Revision = args[0], args[1]
			return runDiff(io, o)
		},
	}
	addCompareFlags(cmd, &o.CompareOptions)
	cmd.Flags().StringVarP(&o.Format, "format", "f", "text", "output format: "+render.FormatList(render.Formats()...))
	return cmd
}

func runDiff(io IO, o *DiffOptions) error {
	format, err := render.ParseFormat(o.Format)
	if err != nil {
		return inputError(err)
	}
	r, err := compare(io, &o.CompareOptions)
	if err != nil {
		return err
	}
	return writeReport(io, &o.CompareOptions, r, format, nil)
}
