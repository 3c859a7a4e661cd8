package cli

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/rules"
)

func newRulesCmd(io IO) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Print the rule table: every rule id with its class under each policy",
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			return runRules(io, format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	return cmd
}

func runRules(io IO, format string) error {
	table := rules.Rules()
	switch format {
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
	return inputError(fmt.Errorf("unknown format %q (want text or json)", format))
}
