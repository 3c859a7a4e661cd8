package cli

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/apibump/apibump/internal/changelog"
	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/render"
	"github.com/apibump/apibump/internal/report"
)

// writeReport prints the report in the format; with --format github it
// also writes the job summary and the step outputs (githubOutputs), the one
// place diff and check do.
func writeReport(io IO, o *CompareOptions, r *report.Report, format render.Format) error {
	if err := render.Render(io.Out, r, format, render.RenderOptions{Color: io.ColorOK}); err != nil {
		return err
	}
	if format == render.GitHub {
		if err := githubOutputs(io, o, r); err != nil {
			return inputError(err)
		}
	}
	return nil
}

// githubOutputs writes the job summary and the outputs of a comparison made
// with --format github, the changelog entry computed with the configuration.
func githubOutputs(io IO, o *CompareOptions, r *report.Report) error {
	if io.getenv("GITHUB_STEP_SUMMARY") == "" && io.getenv("GITHUB_OUTPUT") == "" {
		return nil
	}
	eo := changelog.EntryOptions{Date: o.releaseDate()}
	if cfg := o.cfg; cfg != nil {
		eo.Window, eo.MaxLiveMajors = cfg.Window, int(cfg.MaxLiveMajors)
	}
	e := changelog.NewEntry(r, eo)
	return githubFiles(io, r, e.Markdown())
}

// githubFiles writes, when GitHub Actions provides them, the job summary
// ($GITHUB_STEP_SUMMARY: the changelog entry) and the step outputs
// ($GITHUB_OUTPUT: bump, next-version, counts and the entry).
func githubFiles(io IO, r *report.Report, entry []byte) error {
	if path := io.getenv("GITHUB_STEP_SUMMARY"); path != "" {
		if err := appendFile(path, append(append([]byte(nil), entry...), '\n')); err != nil {
			return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
		}
	}
	path := io.getenv("GITHUB_OUTPUT")
	if path == "" {
		return nil
	}
	var b strings.Builder
	for _, kv := range [][2]string{
		{"bump", string(r.Bump)},
		{"next-version", escape.Text(r.NextVersion)},
		{"breaking", strconv.Itoa(r.Summary.Breaking)},
		{"additive", strconv.Itoa(r.Summary.Additive)},
		{"non-contract", strconv.Itoa(r.Summary.NonContract)},
	} {
		fmt.Fprintf(&b, "%s=%s\n", kv[0], kv[1])
	}
	delim, err := delimiter(string(entry))
	if err != nil {
		return err
	}
	fmt.Fprintf(&b, "changelog<<%s\n%s\n%s\n", delim, strings.TrimRight(string(entry), "\n"), delim)
	if err := appendFile(path, []byte(b.String())); err != nil {
		return fmt.Errorf("GITHUB_OUTPUT: %w", err)
	}
	return nil
}

// delimiter returns a random heredoc delimiter that does not occur in text.
func delimiter(text string) (string, error) {
	for {
		buf := make([]byte, 12)
		if _, err := rand.Read(buf); err != nil {
			return "", err
		}
		d := "APIBUMP_" + hex.EncodeToString(buf)
		if !strings.Contains(text, d) {
			return d, nil
		}
	}
}

func appendFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}
