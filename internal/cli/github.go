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
// place diff and check do. verdict is check's (nil for diff): the github
// format places it on the info.version line and heads the summary with it.
func writeReport(io IO, o *CompareOptions, r *report.Report, format render.Format, verdict *report.Verdict) error {
	root := io.getenv("GITHUB_WORKSPACE")
	if err := render.Render(io.Out, r, format, render.RenderOptions{Color: io.ColorOK, Root: root}); err != nil {
		return err
	}
	if format == render.GitHub {
		if verdict != nil {
			if err := render.RenderGitHubVerdict(io.Out, r, *verdict, root); err != nil {
				return err
			}
		}
		if err := githubOutputs(io, o, r, verdict); err != nil {
			return inputError(err)
		}
	}
	return nil
}

// githubOutputs writes the job summary and the outputs of a comparison made
// with --format github, the changelog entry computed with the configuration.
func githubOutputs(io IO, o *CompareOptions, r *report.Report, verdict *report.Verdict) error {
	if io.getenv("GITHUB_STEP_SUMMARY") == "" && io.getenv("GITHUB_OUTPUT") == "" {
		return nil
	}
	eo := changelog.EntryOptions{Date: o.releaseDate()}
	if cfg := o.cfg; cfg != nil {
		eo.Window, eo.MaxLiveMajors = cfg.Window, int(cfg.MaxLiveMajors)
	}
	e := changelog.NewEntry(r, eo)
	return githubFiles(io, r, e.Markdown(), verdict)
}

// githubFiles writes, when GitHub Actions provides them, the job summary
// ($GITHUB_STEP_SUMMARY: check's verdict, then the changelog entry) and the
// step outputs ($GITHUB_OUTPUT: check passed or failed, bump, next-version,
// counts and the entry).
func githubFiles(io IO, r *report.Report, entry []byte, verdict *report.Verdict) error {
	if path := io.getenv("GITHUB_STEP_SUMMARY"); path != "" {
		var b []byte
		if verdict != nil {
			b = append(b, verdictMarkdown(commentSpecName(r.Revision.File, io.getenv("GITHUB_WORKSPACE")), *verdict)...)
			b = append(b, "\n\n"...)
		}
		b = append(append(b, entry...), '\n')
		if err := appendFile(path, b); err != nil {
			return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
		}
	}
	path := io.getenv("GITHUB_OUTPUT")
	if path == "" {
		return nil
	}
	var b strings.Builder
	if verdict != nil {
		state := "passed"
		if !verdict.OK {
			state = "failed"
		}
		fmt.Fprintf(&b, "check=%s\n", state)
	}
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

// verdictMarkdown is check's verdict as a Markdown alert, for the job
// summary and the pull request comment: passed, or failed and each problem
// (which names the version the revision must carry); then the notes.
func verdictMarkdown(spec string, v report.Verdict) string {
	var b strings.Builder
	if v.OK {
		fmt.Fprintf(&b, "> [!NOTE]\n> ✅ **apibump check passed** for %s.", escape.MarkdownCode(spec))
	} else {
		fmt.Fprintf(&b, "> [!CAUTION]\n> ❌ **apibump check failed** for %s:", escape.MarkdownCode(spec))
		for _, p := range v.Problems {
			fmt.Fprintf(&b, "\n> - %s", escape.Markdown(p))
		}
	}
	for _, n := range v.Notes {
		fmt.Fprintf(&b, "\n>\n> Note: %s", escape.Markdown(n))
	}
	return b.String()
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
