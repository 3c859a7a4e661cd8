// Package ghcomment keeps one sticky comment per spec on a GitHub pull
// request, through the REST API.
package ghcomment

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/safefile"
)

// DefaultAPI is the REST API of github.com.
const DefaultAPI = "https://api.github.com"

// DefaultRetries is how many attempts a request gets when Client.Retries is 0.
const DefaultRetries = 3

// userAgent names the client to GitHub, which requires one.
const userAgent = "apibump-ghcomment"

// maxBody bounds how much of a response is read.
const maxBody = 16 << 20

// maxBackoff caps one wait between attempts, even when GitHub asks for more.
const maxBackoff = 10 * time.Second

// ErrForbidden is returned (wrapped) when GitHub refuses to create or update
// the comment with 403 or 404: the token cannot write, as for pull requests
// from forks.
var ErrForbidden = errors.New("the token cannot write comments on this pull request")

// Client talks to the issue comments of one repository.
type Client struct {
	API   string // the REST API root (GITHUB_API_URL); empty: DefaultAPI
	Token string
	Repo  string // owner/name
	HTTP  *http.Client
	// Retries is how many attempts a request gets on network errors, 5xx,
	// 429 and rate-limit 403 answers (0: DefaultRetries).
	Retries int
	// Sleep waits between attempts (nil: a wait that ends early when the
	// context is done). Tests inject one that does not sleep.
	Sleep func(time.Duration)
}

// Action is what Upsert did.
type Action string

// The actions of Upsert.
const (
	Created   Action = "created"
	Updated   Action = "updated"
	Unchanged Action = "unchanged"
)

// Result is the outcome of Upsert.
type Result struct {
	Action  Action
	ID      int64
	HTMLURL string
}

// HTTPError is an answer of GitHub other than success.
type HTTPError struct {
	Method, Path string
	Status       int
	// Message is a short excerpt of GitHub's message, when it sent one: on
	// one line, its control characters escaped, the token taken out.
	Message   string
	forbidden bool
}

func (e *HTTPError) Error() string {
	s := fmt.Sprintf("%s %s: %d %s", e.Method, e.Path, e.Status, http.StatusText(e.Status))
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Unwrap makes errors.Is(err, ErrForbidden) true for a refused write.
func (e *HTTPError) Unwrap() error {
	if e.forbidden {
		return ErrForbidden
	}
	return nil
}

// Marker returns the hidden marker for a spec path: an HTML comment that
// starts the sticky comment. Characters that would end the HTML comment
// early are escaped.
func Marker(spec string) string {
	spec = strings.NewReplacer("--", "-%2D", ">", "%3E", "\r", "%0D", "\n", "%0A").Replace(spec)
	return "<!-- apibump:" + spec + " -->"
}

type comment struct {
	ID      int64  `json:"id"`
	Body    string `json:"body"`
	HTMLURL string `json:"html_url"`
}

// Upsert finds the comment that starts with marker on pull request pr and
// updates it with body (the marker kept at the top), or creates it when there
// is none. It reads every page of comments before deciding, so it never adds
// a second one; when several carry the marker the oldest is kept up to date.
func (c *Client) Upsert(ctx context.Context, pr int, marker, body string) (Result, error) {
	if pr <= 0 {
		return Result{}, fmt.Errorf("pull request number %d: want a positive number", pr)
	}
	if marker == "" {
		return Result{}, errors.New("empty marker")
	}
	owner, name, ok := strings.Cut(c.Repo, "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return Result{}, fmt.Errorf("repository %q: want owner/name", c.Repo)
	}
	if !strings.HasPrefix(body, marker) {
		body = marker + "\n" + body
	}
	body = truncate(body)
	repo := "/repos/" + url.PathEscape(owner) + "/" + url.PathEscape(name)
	listPath := fmt.Sprintf("%s/issues/%d/comments", repo, pr)
	res, err := c.upsert(ctx, repo, listPath, marker, body)
	return res, c.clean(err)
}

func (c *Client) upsert(ctx context.Context, repo, listPath, marker, body string) (Result, error) {
	attempts := c.attempts()
	for attempt := 1; ; attempt++ {
		found, err := c.find(ctx, listPath, marker)
		if err != nil {
			return Result{}, err
		}
		if found != nil {
			if normalize(found.Body) == normalize(body) {
				return Result{Action: Unchanged, ID: found.ID, HTMLURL: found.HTMLURL}, nil
			}
			var out comment
			path := fmt.Sprintf("%s/issues/comments/%d", repo, found.ID)
			// PATCH is idempotent: it is retried like a read.
			if err := c.do(ctx, http.MethodPatch, path, body, &out, attempts); err != nil {
				return Result{}, err
			}
			return Result{Action: Updated, ID: out.ID, HTMLURL: out.HTMLURL}, nil
		}
		// A POST is tried once per round: when it fails in a way that may
		// still have created the comment, the next round lists again first.
		var out comment
		_, err = c.once(ctx, http.MethodPost, listPath, body, &out)
		if err == nil {
			return Result{Action: Created, ID: out.ID, HTMLURL: out.HTMLURL}, nil
		}
		var re *retryable
		if !errors.As(err, &re) {
			return Result{}, err
		}
		if attempt >= attempts {
			return Result{}, afterAttempts(re, attempt)
		}
		if err := c.sleep(ctx, re.wait(attempt)); err != nil {
			return Result{}, err
		}
	}
}

// MaxBody is the longest comment GitHub accepts, in characters.
const MaxBody = 65536

const truncated = "\n\n… (cut: the full text is longer than a GitHub comment allows)\n"

// truncate cuts a body GitHub would refuse as too long at a line end.
func truncate(body string) string {
	if utf8.RuneCountInString(body) <= MaxBody {
		return body
	}
	keep := MaxBody - utf8.RuneCountInString(truncated)
	cut := len(body)
	for i := range body {
		if keep == 0 {
			cut = i
			break
		}
		keep--
	}
	if nl := strings.LastIndexByte(body[:cut], '\n'); nl > 0 {
		cut = nl
	}
	return body[:cut] + truncated
}

// normalize lets a body GitHub stored with CRLF or trimmed compare equal.
func normalize(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// find lists every page of comments and returns the first one that starts
// with the marker.
func (c *Client) find(ctx context.Context, path, marker string) (*comment, error) {
	next := path + "?per_page=100"
	for pages := 0; next != ""; pages++ {
		if pages == 1000 {
			return nil, fmt.Errorf("GET %s: more than 1000 pages of comments", path)
		}
		var page []comment
		link, err := c.doLink(ctx, http.MethodGet, next, "", &page, c.attempts())
		if err != nil {
			return nil, err
		}
		for i := range page {
			if strings.HasPrefix(strings.TrimLeft(page[i].Body, " \t\r\n"), marker) {
				return &page[i], nil
			}
		}
		if next, err = c.nextPage(link); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// nextPage reads the rel="next" target of a Link header as a path on the API,
// refusing one elsewhere: the token must not leave for another host.
func (c *Client) nextPage(link string) (string, error) {
	target := ""
	for _, part := range strings.Split(link, ",") {
		u, params, ok := strings.Cut(strings.TrimSpace(part), ";")
		if !ok || !strings.HasPrefix(u, "<") || !strings.HasSuffix(u, ">") {
			continue
		}
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.TrimSpace(k) != "rel" {
				continue
			}
			for _, rel := range strings.Fields(strings.Trim(strings.TrimSpace(v), `"`)) {
				if rel == "next" {
					target = u[1 : len(u)-1]
				}
			}
		}
	}
	if target == "" {
		return "", nil
	}
	base, err := url.Parse(c.api())
	if err != nil {
		return "", err
	}
	u, err := base.Parse(target)
	if err != nil {
		return "", fmt.Errorf("the Link header's next page %q: %w", target, err)
	}
	if !sameOrigin(u, base) || !strings.HasPrefix(u.Path, strings.TrimSuffix(base.Path, "/")+"/") {
		return "", fmt.Errorf("the Link header's next page %q is not on %s", target, c.api())
	}
	p := strings.TrimPrefix(u.EscapedPath(), strings.TrimSuffix(base.EscapedPath(), "/"))
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p, nil
}

func (c *Client) api() string {
	if c.API == "" {
		return DefaultAPI
	}
	return strings.TrimSuffix(c.API, "/")
}

func (c *Client) attempts() int {
	if c.Retries <= 0 {
		return DefaultRetries
	}
	return c.Retries
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		c.Sleep(d)
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// retryable marks a failure worth another attempt.
type retryable struct {
	err        error
	retryAfter time.Duration // what GitHub asked for, if anything
}

func (r *retryable) Error() string { return r.err.Error() }
func (r *retryable) Unwrap() error { return r.err }

// wait is the backoff before attempt+1: 1s, 2s, 4s… or GitHub's Retry-After, capped.
func (r *retryable) wait(attempt int) time.Duration {
	d := time.Second << (attempt - 1)
	if r.retryAfter > 0 {
		d = r.retryAfter
	}
	return min(d, maxBackoff)
}

// afterAttempts is the error of the last attempt, saying how many there were.
func afterAttempts(re *retryable, attempts int) error {
	if attempts == 1 {
		return re.err
	}
	return fmt.Errorf("%w (after %d attempts)", re.err, attempts)
}

func (c *Client) do(ctx context.Context, method, path, body string, out any, attempts int) error {
	_, err := c.doLink(ctx, method, path, body, out, attempts)
	return err
}

// doLink sends a request, retrying it up to attempts times, decodes the JSON
// answer into out and returns the Link header.
func (c *Client) doLink(ctx context.Context, method, path, body string, out any, attempts int) (string, error) {
	for attempt := 1; ; attempt++ {
		link, err := c.once(ctx, method, path, body, out)
		var re *retryable
		if err == nil || !errors.As(err, &re) {
			return link, err
		}
		if attempt >= attempts {
			return "", afterAttempts(re, attempt)
		}
		if err := c.sleep(ctx, re.wait(attempt)); err != nil {
			return "", err
		}
	}
}

func (c *Client) once(ctx context.Context, method, path, body string, out any) (string, error) {
	var rd io.Reader
	if method != http.MethodGet {
		b, err := json.Marshal(map[string]string{"body": body})
		if err != nil {
			return "", err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.api()+path, rd)
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", method, path, err)
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	req.Header.Set("User-Agent", userAgent)
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	hc := http.DefaultClient
	if c.HTTP != nil {
		hc = c.HTTP
	}
	// A copy of the client whose redirects never carry the token to
	// another origin.
	client := *hc
	client.CheckRedirect = c.checkRedirect(hc.CheckRedirect)
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("%s %s: %w", method, path, ctx.Err())
		}
		return "", &retryable{err: fmt.Errorf("%s %s: %w", method, path, err)}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return "", &retryable{err: fmt.Errorf("%s %s: %d: reading the answer: %w", method, path, resp.StatusCode, err)}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", statusError(method, path, resp, data, c.Token)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return "", fmt.Errorf("%s %s: %d: reading the answer: %w", method, path, resp.StatusCode, err)
		}
	}
	return resp.Header.Get("Link"), nil
}

// maxMessage is how many characters of GitHub's message an error quotes.
const maxMessage = 200

// statusError turns an unsuccessful answer into an HTTPError, marked
// retryable for 5xx, 429 and rate-limit 403. It quotes a short excerpt of
// the answer's message, the token taken out (a server may echo the
// Authorization header).
func statusError(method, path string, resp *http.Response, data []byte, token string) error {
	var msg struct {
		Message string `json:"message"`
	}
	_ = json.Unmarshal(data, &msg)
	m := escape.Excerpt(Redact(msg.Message, token), maxMessage)
	e := &HTTPError{Method: method, Path: path, Status: resp.StatusCode, Message: m}
	retryAfter := time.Duration(0)
	if s, err := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After"))); err == nil && s > 0 {
		retryAfter = time.Duration(s) * time.Second
	}
	rateLimited := resp.StatusCode == http.StatusForbidden &&
		(resp.Header.Get("Retry-After") != "" || resp.Header.Get("X-RateLimit-Remaining") == "0")
	switch {
	case resp.StatusCode >= 500, resp.StatusCode == http.StatusTooManyRequests, rateLimited:
		return &retryable{err: e, retryAfter: retryAfter}
	case method != http.MethodGet && (resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusNotFound):
		e.forbidden = true
	case method == http.MethodGet && resp.StatusCode == http.StatusForbidden:
		// A token that cannot even read the comments cannot write them either.
		e.forbidden = true
	}
	return e
}

// Redacted stands for a credential in what the client says.
const Redacted = "[redacted]"

// credentialRe matches what looks like a credential: a Bearer or Basic
// Authorization value, or a GitHub token (classic, fine-grained, app,
// OAuth, refresh).
var credentialRe = regexp.MustCompile(`(?i)\b(bearer|basic)\s+[^\s"',;]+|\b(gh[pousr]_[A-Za-z0-9_]{20,}|github_pat_[A-Za-z0-9_]{20,})`)

// Redact takes the token, and anything that looks like a credential, out
// of s.
func Redact(s, token string) string {
	if token != "" {
		s = strings.ReplaceAll(s, token, Redacted)
	}
	return credentialRe.ReplaceAllStringFunc(s, func(m string) string {
		if scheme, _, ok := strings.Cut(m, " "); ok && !strings.HasPrefix(strings.ToLower(m), "gh") {
			return scheme + " " + Redacted
		}
		return Redacted
	})
}

// redactedError is an error whose text held a credential: the text without
// it, still telling a refused write.
type redactedError struct {
	msg       string
	forbidden bool
}

func (e *redactedError) Error() string { return e.msg }

func (e *redactedError) Unwrap() error {
	if e.forbidden {
		return ErrForbidden
	}
	return nil
}

// clean makes sure no error the client returns holds its token.
func (c *Client) clean(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if r := Redact(msg, c.Token); r != msg {
		return &redactedError{msg: r, forbidden: errors.Is(err, ErrForbidden)}
	}
	return err
}

// checkRedirect is the redirect policy of the client's requests: the
// Authorization header goes only to the API's origin (scheme, host and
// port); once a redirect left it, no later request carries it. next is the
// caller's own policy, if any.
func (c *Client) checkRedirect(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		api, err := url.Parse(c.api())
		if err != nil {
			return err
		}
		for _, r := range append(via, req) {
			if !sameOrigin(r.URL, api) {
				req.Header.Del("Authorization")
				break
			}
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
}

// sameOrigin reports whether two URLs share scheme, host and port (the
// scheme's default port when none is written).
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "http":
		return "80"
	case "https":
		return "443"
	}
	return ""
}

// PRFromEvent reads the pull request number from the event payload at path
// (GITHUB_EVENT_PATH): pull_request.number, or issue.number when the issue
// is a pull request (issue_comment events). It returns 0 and no error when
// the event is not about a pull request.
func PRFromEvent(path string) (int, error) {
	data, err := safefile.ReadFile(path, safefile.Root{}, safefile.Event)
	if err != nil {
		return 0, fmt.Errorf("event payload: %w", err)
	}
	var ev struct {
		PullRequest *struct {
			Number int `json:"number"`
		} `json:"pull_request"`
		Issue *struct {
			Number      int             `json:"number"`
			PullRequest json.RawMessage `json:"pull_request"`
		} `json:"issue"`
	}
	if err := json.Unmarshal(data, &ev); err != nil {
		return 0, fmt.Errorf("event payload %s: %w", path, err)
	}
	switch {
	case ev.PullRequest != nil && ev.PullRequest.Number > 0:
		return ev.PullRequest.Number, nil
	case ev.Issue != nil && ev.Issue.Number > 0 && len(ev.Issue.PullRequest) > 0 && string(ev.Issue.PullRequest) != "null":
		return ev.Issue.Number, nil
	}
	return 0, nil
}
