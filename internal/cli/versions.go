package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/kinmodel"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/render"
	"github.com/apibump/apibump/internal/source"
	"github.com/apibump/apibump/internal/versioning"
)

// VersionsOptions are the options of `apibump versions`.
type VersionsOptions struct {
	Spec              string
	Format            string
	RefRoot           string
	AllowExternalRefs bool
	settings
}

// versionsReport is the JSON form of `apibump versions`.
type versionsReport struct {
	File    string `json:"file"`
	Version string `json:"version"`
	*versioning.Versions
	Advice string `json:"advice,omitempty"`
}

func newVersionsCmd(io IO) *cobra.Command {
	o := &VersionsOptions{}
	cmd := &cobra.Command{
		Use:   "versions SPEC",
		Short: "Show where a spec carries its version and the majors it serves",
		Long: `versions reads one spec and says where its version lives (URL path, server
URL, Swagger basePath, a version header or query parameter, a versioned media
type, or only info.version), then lists the majors it serves with how many
operations each has, how many are deprecated and their x-sunset.`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Spec = args[0]
			return runVersions(io, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.Format, "format", "f", "text", "output format: text or json")
	f.StringVar(&o.RefRoot, "ref-root", "", "directory no $ref may leave (default: the git repository holding the spec, else its directory)")
	f.BoolVar(&o.AllowExternalRefs, "allow-external-refs", false, "let $ref reach outside the ref root and fetch URLs")
	// Only --config: no setting with a flag changes where the version lives.
	addConfigFlag(cmd, &o.ConfigPath)
	o.flags = config.NewFlags(f)
	return cmd
}

func runVersions(io IO, o *VersionsOptions) error {
	if o.Format != "text" && o.Format != "json" {
		return inputError(fmt.Errorf("unknown format %q (want text or json)", o.Format))
	}
	cfg, err := o.load(o.Spec)
	if err != nil {
		return err
	}
	doc, err := kinmodel.Load(source.ParseInput(o.Spec), source.LoadOptions{Stdin: io.In, RefRoot: o.RefRoot, AllowExternalRefs: o.AllowExternalRefs, PublicAPI: publicAPI(io)})
	if err != nil {
		return inputError(err)
	}
	warnDocs(io, doc)
	v := versioning.Detect(doc, versionOptions(cfg))
	rep := versionsReport{File: doc.Name(), Version: doc.Version, Versions: v}
	if !v.Versioned() {
		rep.Advice = versioning.Advice
	}
	if o.Format == "json" {
		return render.WriteJSON(io.Out, rep)
	}
	var b strings.Builder
	t := escape.Text
	fmt.Fprintf(&b, "%s (info.version %s): the version lives in %s\n", t(rep.File), t(rep.Version), t(render.LocationsText(v.Locations)))
	for _, l := range v.Locations {
		if l.Source != nil {
			fmt.Fprintf(&b, "  %s: %s\n", t(l.Label()), t(l.Source.String()))
		}
	}
	if rep.Advice != "" {
		fmt.Fprintf(&b, "advice: %s\n", rep.Advice)
	}
	if len(v.Majors) > 0 {
		b.WriteString("\n")
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "MAJOR\tOPERATIONS\tDEPRECATED\tX-SUNSET")
		for _, m := range v.Majors {
			sunset := "-"
			switch {
			case m.Sunset != "":
				sunset = t(m.Sunset) + " (all operations)"
			case m.Sunsets > 0:
				sunset = fmt.Sprintf("on %d of %d operations", m.Sunsets, m.Operations)
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", t(m.Major), m.Operations, m.Deprecated, sunset)
		}
		tw.Flush()
	}
	if v.Unversioned > 0 && v.Versioned() {
		verb := "belong"
		if v.Unversioned == 1 {
			verb = "belongs"
		}
		fmt.Fprintf(&b, "\n%s %s to no major\n", locale.Count(v.Unversioned, "operation"), verb)
	}
	_, err = io.Out.Write([]byte(b.String()))
	return err
}
