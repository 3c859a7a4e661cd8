package cli

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/rules"
)

// RulesOptions are the options of `apibump rules`.
type RulesOptions struct {
	Format string
}

func newRulesCmd(io IO) *cobra.Command {
	o := &RulesOptions{}
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Print the rule table: every rule id with its class under each policy",
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			return runRules(io, o)
		},
	}
	cmd.Flags().StringVarP(&o.Format, "format", "f", "text", "output format: text or json")
	return cmd
}

func runRules(io IO, o *RulesOptions) error {
	table := rules.Rules()
	switch o.Format {
	case "json":
		enc := json.NewEncoder(io.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(table)
	case "text":
		tw := tabwriter.NewWriter(io.Out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tCONTRACT\tCOMPATIBLE\tFROM")
		for _, r := range table {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Contract, r.Compatible, r.Origin)
		}
		return tw.Flush()
	}
	return inputError(fmt.Errorf("unknown format %q (want text or json)", o.Format))
}
