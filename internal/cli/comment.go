package cli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/apibump/apibump/internal/changelog"
	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/ghcomment"
	"github.com/apibump/apibump/internal/render"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/scheme"
	"github.com/apibump/apibump/internal/source"
)

// CommentOptions are the options of `apibump comment`.
type CommentOptions struct {
	EntryOptions
	Token string
	PR    int
	// getenv reads the environment (default os.Getenv); tests set their own.
	getenv func(string) string
	// client is the HTTP client of the API (default: one with a timeout).
	client *http.Client
	// sleep waits between attempts (default: a real wait).
	sleep func(time.Duration)
}

func newCommentCmd(io IO) *cobra.Command {
	return newCommentCmdWith(io, &CommentOptions{})
}

// newCommentCmdWith builds the command on options tests may have prepared.
func newCommentCmdWith(io IO, o *CommentOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "comment BASE REVISION",
		Short: "Post the release entry as a sticky comment on the GitHub pull request",
		Long: `comment computes the changelog entry of the release that takes BASE to
REVISION and keeps it in one comment on the pull request, updated on every
run (one comment per revision spec path, named from the repository's top,
GITHUB_WORKSPACE). Its first line is check's verdict, judged with the same
settings (--fail-on, --window, .apibump.yaml): passed, or failed and what
the revision must carry. It is meant for GitHub Actions and reads
GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_EVENT_PATH and GITHUB_TOKEN.

The comment never fails the build: outside a pull request, when the token
cannot write (a workflow without pull-requests: write, a pull request from a
fork) or when GitHub cannot be reached, it says so on standard error (and in
GITHUB_STEP_SUMMARY) and exits 0.`,
		Args: cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			o.Base, o.Revision = args[0], args[1]
			return runComment(io, o)
		},
	}
	addEntryFlags(cmd, &o.EntryOptions)
	o.flags.Define(config.KeyFailOn, config.KeyVersion)
	f := cmd.Flags()
	f.StringVar(&o.Version, "version", "", "the entry's version (default: the computed next version)")
	f.StringVar(&o.Token, "github-token", "", "the token that writes the comment (default: $GITHUB_TOKEN)")
	countVarP(f, &o.PR, "pr", "", "the pull request number (default: read from $GITHUB_EVENT_PATH)")
	return cmd
}

func runComment(io IO, o *CommentOptions) error {
	getenv := o.getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	if o.PR < 0 {
		return inputError(fmt.Errorf("--pr must be a pull request number"))
	}
	pr := o.PR
	if pr == 0 {
		if path := getenv("GITHUB_EVENT_PATH"); path != "" {
			n, err := ghcomment.PRFromEvent(path)
			if err != nil {
				return inputError(err)
			}
			pr = n
		}
	}
	if pr == 0 {
		fmt.Fprintln(io.ErrOut, "apibump: comment: not a pull request event; no comment posted")
		return nil
	}
	repo := getenv("GITHUB_REPOSITORY")
	if repo == "" {
		return inputError(errors.New("comment: GITHUB_REPOSITORY is not set (want owner/name)"))
	}

	r, _, eopts, err := o.entryReport(io)
	if err != nil {
		return err
	}
	e := changelog.NewEntry(r, eopts)
	warn(io, e)
	// The comment says what check says, with check's settings.
	cfg, err := o.load(o.Revision)
	if err != nil {
		return err
	}
	verdict, err := r.Check(cfg.Gate())
	if err != nil {
		verdict = report.Verdict{Problems: []string{err.Error()}}
	}
	spec := commentSpec(o.Revision, r, getenv("GITHUB_WORKSPACE"))
	body := commentHeadline(spec, r, e, verdict) + "\n\n" + string(e.Markdown())

	token := o.Token
	if token == "" {
		token = getenv("GITHUB_TOKEN")
	}
	if token == "" {
		notPosted(io, getenv, "no token (set --github-token or GITHUB_TOKEN; secrets are not given to pull requests from forks)")
		return nil
	}
	api := getenv("GITHUB_API_URL")
	if api == "" {
		api = ghcomment.DefaultAPI
	}
	hc := o.client
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	c := &ghcomment.Client{API: api, Token: token, Repo: repo, HTTP: hc, Sleep: o.sleep}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	res, err := c.Upsert(ctx, pr, ghcomment.Marker(spec), body)
	switch {
	case errors.Is(err, ghcomment.ErrForbidden):
		notPosted(io, getenv, "the token cannot write to the pull request: the workflow needs the permission pull-requests: write (a pull request from a fork never gets it)")
		return nil
	case err != nil:
		// The API's answer is not ours to print: a short excerpt, the
		// token taken out (ghcomment redacts it too).
		notPosted(io, getenv, escape.Excerpt(ghcomment.Redact(err.Error(), token), 300))
		return nil
	}
	fmt.Fprintf(io.ErrOut, "apibump: comment %s on pull request #%d: %s\n", res.Action, pr, escape.Text(res.HTMLURL))
	return nil
}

// commentSpec is the spec path the comment is kept for: the revision's path
// from the repository's top (root, GITHUB_WORKSPACE), without the git
// revision of a REF:path argument, so that two working directories with
// the same spec name keep two comments.
func commentSpec(arg string, r *report.Report, root string) string {
	in := source.ParseInput(arg)
	switch {
	case in.Kind == source.InputStdin:
		return r.Revision.File
	case in.Kind != source.InputFile:
		return filepath.ToSlash(filepath.Clean(in.Path)) // REF:path: from the top already
	}
	if rel, ok := render.RelPath(in.Path, root); ok {
		return rel
	}
	if filepath.IsAbs(in.Path) {
		return r.Revision.File // no absolute path in a published comment
	}
	return filepath.ToSlash(filepath.Clean(in.Path))
}

// commentSpecName is a spec file's name from root (empty: the working
// directory) when it lies there, else as given, with forward slashes.
func commentSpecName(file, root string) string {
	if rel, ok := render.RelPath(file, root); ok {
		return rel
	}
	return filepath.ToSlash(filepath.Clean(file))
}

// commentHeadline is the comment's first line, the verdict at a glance
// (check passed or failed, the bump and the next version, the counts), then
// check's problems, each naming what the revision must carry.
func commentHeadline(spec string, r *report.Report, e *changelog.Entry, v report.Verdict) string {
	var b strings.Builder
	md := escape.Markdown
	state := "✅ check passed"
	if !v.OK {
		state = "❌ check failed"
	}
	fmt.Fprintf(&b, "**apibump** %s: **%s** — ", escape.MarkdownCode(spec), state)
	if r.Bump == scheme.BumpNone {
		fmt.Fprintf(&b, "no version bump needed (%s stays)", md(e.Version))
	} else {
		fmt.Fprintf(&b, "**%s** bump, next version **%s** (from %s)", r.Bump, md(e.Version), md(render.VersionText(r.Base.Version)))
	}
	fmt.Fprintf(&b, " — %d breaking, %d additive, %d non-contract", r.Summary.Breaking, r.Summary.Additive, r.Summary.NonContract)
	if r.Summary.Accepted > 0 {
		fmt.Fprintf(&b, ", %d accepted", r.Summary.Accepted)
	}
	fmt.Fprintf(&b, "\n\n%s", verdictMarkdown(spec, v))
	return b.String()
}

// notPosted says on standard error, and in the job summary when there is
// one, that the comment could not be posted; the command still succeeds.
// why is escaped for each.
func notPosted(io IO, getenv func(string) string, why string) {
	fmt.Fprintf(io.ErrOut, "apibump: notice: the pull request comment was not posted: %s\n", escape.Text(why))
	path := getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err == nil {
		_, err = fmt.Fprintf(f, "\n> [!NOTE]\n> apibump could not post its pull request comment: %s.\n", escape.Markdown(why))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(io.ErrOut, "apibump: warning: GITHUB_STEP_SUMMARY: %v\n", err)
	}
}
