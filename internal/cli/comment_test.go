package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apibump/apibump/internal/changelog"
	"github.com/apibump/apibump/internal/ghcomment"
	"github.com/apibump/apibump/internal/ghcomment/ghcommenttest"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/scheme"
)

// commentEnv is a GitHub Actions environment around a fake API.
type commentEnv struct {
	api  *ghcommenttest.Server
	vars map[string]string
}

const commentPR = 12

func newCommentEnv(t *testing.T, event string) *commentEnv {
	t.Helper()
	changelogCase(t)
	return commentEnvHere(t, event)
}

// commentEnvHere is newCommentEnv for the specs of the current directory.
func commentEnvHere(t *testing.T, event string) *commentEnv {
	t.Helper()
	s := ghcommenttest.New(t)
	s.Token, s.Repo = "gh-token", "octo/shop"
	dir := t.TempDir()
	eventPath := filepath.Join(dir, "event.json")
	if err := os.WriteFile(eventPath, []byte(event), 0o644); err != nil {
		t.Fatal(err)
	}
	return &commentEnv{api: s, vars: map[string]string{
		"GITHUB_API_URL":      s.URL,
		"GITHUB_REPOSITORY":   "octo/shop",
		"GITHUB_EVENT_PATH":   eventPath,
		"GITHUB_TOKEN":        "gh-token",
		"GITHUB_STEP_SUMMARY": filepath.Join(dir, "summary.md"),
	}}
}

const prEvent = `{"action":"synchronize","number":12,"pull_request":{"number":12}}`

// run executes `apibump comment` with the environment, as Main would.
func (env *commentEnv) run(t *testing.T, args ...string) (stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	io := IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	o := &CommentOptions{
		getenv: func(k string) string { return env.vars[k] },
		client: env.api.Client(),
		sleep:  func(time.Duration) {},
	}
	cmd := newCommentCmdWith(io, o)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	err := cmd.Execute()
	if out.Len() != 0 {
		t.Errorf("comment wrote to standard output: %q", out.String())
	}
	var ee *exitError
	switch {
	case err == nil:
		return errOut.String(), 0
	case errors.As(err, &ee):
		return errOut.String() + err.Error(), ee.code
	}
	return errOut.String() + err.Error(), 2
}

func TestCommentCreatesThenUpdates(t *testing.T) {
	env := newCommentEnv(t, prEvent)
	stderr, code := env.run(t, "--date", "2026-11-22", "base.yaml", "revision.yaml")
	if code != 0 || !strings.Contains(stderr, "comment created on pull request #12: https://github.com/octo/shop/pull/12#issuecomment-") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	cs := env.api.Comments(commentPR)
	if len(cs) != 1 {
		t.Fatalf("%d comments, want 1", len(cs))
	}
	body := cs[0].Body
	marker := ghcomment.Marker("revision.yaml")
	if !strings.HasPrefix(body, marker+"\n") {
		t.Errorf("the body does not start with %s:\n%s", marker, body)
	}
	lines := strings.SplitN(body, "\n", 3)
	if want := "**apibump** `revision.yaml`: **❌ check failed** — **major** bump, next version **2.0.0** (from 1.4.2) — 1 breaking, 4 additive, 2 non-contract"; lines[1] != want {
		t.Errorf("headline\n got %q\nwant %q", lines[1], want)
	}
	for _, want := range []string{"## [2.0.0] - 2026-11-22", "### Breaking changes", "Clients cannot stay on v1"} {
		if !strings.Contains(body, want) {
			t.Errorf("the comment lacks %q:\n%s", want, body)
		}
	}

	// A new push changes the entry: the same comment is updated.
	stderr, code = env.run(t, "--date", "2026-11-23", "base.yaml", "revision.yaml")
	if code != 0 || !strings.Contains(stderr, "comment updated") {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
	cs = env.api.Comments(commentPR)
	if len(cs) != 1 || !strings.Contains(cs[0].Body, "## [2.0.0] - 2026-11-23") || !strings.HasPrefix(cs[0].Body, marker) {
		t.Fatalf("after the second run: %+v", cs)
	}

	// Nothing changed: nothing written.
	stderr, code = env.run(t, "--date", "2026-11-23", "base.yaml", "revision.yaml")
	if code != 0 || !strings.Contains(stderr, "comment unchanged") {
		t.Fatalf("third run: exit %d: %s", code, stderr)
	}
	if env.api.Count(http.MethodPost) != 1 || env.api.Count(http.MethodPatch) != 1 {
		t.Errorf("requests: %+v", env.api.Requests())
	}
	if _, err := os.Stat(env.vars["GITHUB_STEP_SUMMARY"]); err == nil {
		t.Error("a posted comment wrote to the job summary")
	}
}

func TestCommentTokenFlagAndIssueComment(t *testing.T) {
	env := newCommentEnv(t, `{"action":"created","issue":{"number":12,"pull_request":{"url":"x"}}}`)
	env.api.Token = "flag-token"
	stderr, code := env.run(t, "--date", "2026-11-22", "--github-token", "flag-token", "base.yaml", "revision.yaml")
	if code != 0 || len(env.api.Comments(commentPR)) != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}

func TestCommentForbidden(t *testing.T) {
	env := newCommentEnv(t, prEvent)
	env.api.Fail = func(r *http.Request) int {
		if r.Method == http.MethodPost {
			return http.StatusForbidden
		}
		return 0
	}
	stderr, code := env.run(t, "--date", "2026-11-22", "base.yaml", "revision.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := strings.Count(strings.TrimSpace(stderr), "\n"); n != 0 || !strings.Contains(stderr, "token cannot write") || !strings.Contains(stderr, "permission pull-requests: write") {
		t.Errorf("want one notice line, got:\n%s", stderr)
	}
	summary, err := os.ReadFile(env.vars["GITHUB_STEP_SUMMARY"])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(summary), "could not post") || !strings.Contains(string(summary), "fork") || !strings.Contains(string(summary), "pull-requests: write") {
		t.Errorf("summary:\n%s", summary)
	}
}

func TestCommentNetworkErrorDoesNotFail(t *testing.T) {
	env := newCommentEnv(t, prEvent)
	env.api.Fail = func(*http.Request) int { return http.StatusServiceUnavailable }
	stderr, code := env.run(t, "--date", "2026-11-22", "base.yaml", "revision.yaml")
	if code != 0 || !strings.Contains(stderr, "503") || !strings.Contains(stderr, "3 attempts") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := env.api.Count(http.MethodGet); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
}

// An API whose error message echoes the Authorization header, with line
// breaks, escape sequences and Markdown in it: neither standard error nor
// the job summary gets the token or raw structure, only a short excerpt.
func TestCommentNeverPrintsTheAPIsEcho(t *testing.T) {
	env := newCommentEnv(t, prEvent)
	const secret = "ghs_0123456789abcdefghijABCDEFGHIJ012345"
	env.vars["GITHUB_TOKEN"] = secret
	env.api.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		msg := "Bad credentials: " + r.Header.Get("Authorization") + "\n# heading\n@octo/team \x1b[2J\a\n::error::pwned " + strings.Repeat("x", 5000)
		_ = json.NewEncoder(w).Encode(map[string]string{"message": msg})
	})
	stderr, code := env.run(t, "--date", "2026-11-22", "base.yaml", "revision.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	summary, err := os.ReadFile(env.vars["GITHUB_STEP_SUMMARY"])
	if err != nil {
		t.Fatal(err)
	}
	for what, out := range map[string]string{"standard error": stderr, "job summary": string(summary)} {
		if strings.Contains(out, secret) || strings.Contains(out, secret[4:20]) {
			t.Errorf("%s holds the token:\n%s", what, out)
		}
		if strings.ContainsAny(out, "\x1b\a") || strings.Contains(out, "\n# heading") || strings.Contains(out, "\n::error") {
			t.Errorf("%s holds the API's text raw:\n%q", what, out)
		}
		if len(out) > 1000 {
			t.Errorf("%s quotes %d bytes of the API's answer", what, len(out))
		}
	}
	if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "401") {
		t.Errorf("want one notice line naming the status, got:\n%s", stderr)
	}
	if strings.Contains(string(summary), "@octo") {
		t.Errorf("the job summary would mention @octo:\n%s", summary)
	}
}

func TestCommentNotAPullRequest(t *testing.T) {
	env := newCommentEnv(t, `{"ref":"refs/heads/main","commits":[]}`)
	stderr, code := env.run(t, "--date", "2026-11-22", "base.yaml", "revision.yaml")
	if code != 0 || !strings.Contains(stderr, "not a pull request") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	delete(env.vars, "GITHUB_EVENT_PATH")
	if stderr, code := env.run(t, "base.yaml", "revision.yaml"); code != 0 || !strings.Contains(stderr, "not a pull request") {
		t.Fatalf("no event: exit %d: %s", code, stderr)
	}
	if n := len(env.api.Requests()); n != 0 {
		t.Errorf("%d requests outside a pull request", n)
	}
}

func TestCommentWithoutTokenOrRepository(t *testing.T) {
	env := newCommentEnv(t, prEvent)
	delete(env.vars, "GITHUB_TOKEN")
	stderr, code := env.run(t, "--date", "2026-11-22", "base.yaml", "revision.yaml")
	if code != 0 || !strings.Contains(stderr, "no token") || len(env.api.Requests()) != 0 {
		t.Fatalf("no token: exit %d: %s", code, stderr)
	}
	delete(env.vars, "GITHUB_REPOSITORY")
	if stderr, code := env.run(t, "base.yaml", "revision.yaml"); code != 2 || !strings.Contains(stderr, "GITHUB_REPOSITORY") {
		t.Fatalf("no repository: exit %d: %s", code, stderr)
	}
}

func TestCommentSpecPath(t *testing.T) {
	for arg, want := range map[string]string{
		"api/openapi.yaml":               "api/openapi.yaml",
		"./api/../api/openapi.yaml":      "api/openapi.yaml",
		"origin/main:api/openapi.yaml":   "api/openapi.yaml",
		"HEAD~1:services/x/openapi.json": "services/x/openapi.json",
	} {
		if got := commentSpec(arg, nil, ""); got != want {
			t.Errorf("commentSpec(%q) = %q, want %q", arg, got, want)
		}
	}
}

func TestCommentHeadlineSaysVersionProblems(t *testing.T) {
	r := &report.Report{Bump: scheme.BumpMajor, Base: report.Spec{Version: "1.0.0"}}
	r.Versioning.Problems = []string{"breaking change to GET /v1/books, but no /v2 is offered: publish the change under /v2 and keep /v1 until 2027-05-21"}
	v := report.Verdict{Problems: r.Versioning.Problems}
	got := commentHeadline("openapi.yaml", r, &changelog.Entry{Report: r, Version: "2.0.0"}, v)
	want := "**apibump** `openapi.yaml`: **❌ check failed** — **major** bump, next version **2.0.0** (from 1.0.0) — 0 breaking, 0 additive, 0 non-contract" +
		"\n\n> [!CAUTION]\n> ❌ **apibump check failed** for `openapi.yaml`:\n> - breaking change to GET /v1/books, but no /v2 is offered: publish the change under /v2 and keep /v1 until 2027-05-21"
	if got != want {
		t.Errorf("headline\n%s\nwant\n%s", got, want)
	}
	got = commentHeadline("openapi.yaml", r, &changelog.Entry{Report: r, Version: "2.0.0"}, report.Verdict{OK: true})
	if !strings.HasPrefix(got, "**apibump** `openapi.yaml`: **✅ check passed** — ") || strings.Contains(got, "CAUTION") {
		t.Errorf("passing headline:\n%s", got)
	}
}
