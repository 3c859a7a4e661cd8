package ghcomment_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/apibump/apibump/internal/ghcomment"
	"github.com/apibump/apibump/internal/ghcomment/ghcommenttest"
)

const (
	token = "t0ken"
	repo  = "octo/shop"
	pr    = 7
)

// client returns a client of the fake API that records its waits instead of sleeping.
func client(s *ghcommenttest.Server, waits *[]time.Duration) *ghcomment.Client {
	return &ghcomment.Client{
		API: s.URL, Token: token, Repo: repo, HTTP: s.Client(),
		Sleep: func(d time.Duration) { *waits = append(*waits, d) },
	}
}

func fake(t *testing.T) *ghcommenttest.Server {
	s := ghcommenttest.New(t)
	s.Token, s.Repo = token, repo
	return s
}

func upsert(t *testing.T, c *ghcomment.Client, marker, body string) ghcomment.Result {
	t.Helper()
	res, err := c.Upsert(context.Background(), pr, marker, body)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestCreateUpdateUnchanged(t *testing.T) {
	s := fake(t)
	var waits []time.Duration
	c := client(s, &waits)
	m := ghcomment.Marker("api/openapi.yaml")
	if m != "<!-- apibump:api/openapi.yaml -->" {
		t.Fatalf("Marker = %q", m)
	}
	s.Add(pr, "LGTM")

	res := upsert(t, c, m, "first")
	if res.Action != ghcomment.Created || !strings.Contains(res.HTMLURL, "/octo/shop/pull/7#issuecomment-") {
		t.Fatalf("first run: %+v", res)
	}
	cs := s.Comments(pr)
	if len(cs) != 2 || cs[1].Body != m+"\nfirst" {
		t.Fatalf("after the first run: %+v", cs)
	}

	res2 := upsert(t, c, m, "second")
	if res2.Action != ghcomment.Updated || res2.ID != res.ID || res2.HTMLURL != res.HTMLURL {
		t.Fatalf("second run: %+v, first %+v", res2, res)
	}
	cs = s.Comments(pr)
	if len(cs) != 2 || cs[1].Body != m+"\nsecond" || cs[0].Body != "LGTM" {
		t.Fatalf("after the second run: %+v", cs)
	}

	patches := s.Count(http.MethodPatch)
	res3 := upsert(t, c, m, "second")
	if res3.Action != ghcomment.Unchanged || res3.ID != res.ID {
		t.Fatalf("third run: %+v", res3)
	}
	if s.Count(http.MethodPatch) != patches || s.Count(http.MethodPost) != 1 {
		t.Errorf("an unchanged body must not be written: %+v", s.Requests())
	}
	// A body that already starts with the marker is not given a second one.
	if res4 := upsert(t, c, m, m+"\nsecond"); res4.Action != ghcomment.Unchanged {
		t.Errorf("marked body: %+v", res4)
	}
	if len(waits) != 0 {
		t.Errorf("waited without failures: %v", waits)
	}
	for _, r := range s.Requests() {
		if r.Method == http.MethodGet && !strings.Contains(r.Query, "per_page=100") {
			t.Errorf("list without per_page=100: %+v", r)
		}
	}
}

func TestOneCommentPerSpec(t *testing.T) {
	s := fake(t)
	var waits []time.Duration
	c := client(s, &waits)
	upsert(t, c, ghcomment.Marker("a.yaml"), "a")
	upsert(t, c, ghcomment.Marker("b.yaml"), "b")
	upsert(t, c, ghcomment.Marker("a.yaml"), "a2")
	cs := s.Comments(pr)
	if len(cs) != 2 || !strings.HasSuffix(cs[0].Body, "a2") || !strings.HasSuffix(cs[1].Body, "\nb") {
		t.Fatalf("comments: %+v", cs)
	}
}

func TestMarkerOnPageTwo(t *testing.T) {
	s := fake(t)
	s.PageSize = 2
	var waits []time.Duration
	c := client(s, &waits)
	m := ghcomment.Marker("api/openapi.yaml")
	s.Add(pr, "one")
	s.Add(pr, "two")
	id := s.Add(pr, m+"\nold")
	s.Add(pr, "four")
	s.Add(pr, "five")

	res := upsert(t, c, m, "new")
	if res.Action != ghcomment.Updated || res.ID != id {
		t.Fatalf("got %+v, want an update of %d", res, id)
	}
	if n := len(s.Comments(pr)); n != 5 {
		t.Errorf("%d comments, want 5", n)
	}
	// Absent from every page: all three are read before creating.
	s2 := fake(t)
	s2.PageSize = 2
	for range 5 {
		s2.Add(pr, "chatter")
	}
	if res := upsert(t, client(s2, &waits), m, "x"); res.Action != ghcomment.Created {
		t.Fatalf("got %+v", res)
	}
	if n := s2.Count(http.MethodGet); n != 3 {
		t.Errorf("%d pages read, want 3", n)
	}
}

func TestQuotedMarkerIsNotTheComment(t *testing.T) {
	s := fake(t)
	var waits []time.Duration
	c := client(s, &waits)
	m := ghcomment.Marker("api/openapi.yaml")
	quoted := "Why does the bot write\n> " + m + "\nat the top?"
	s.Add(pr, quoted)
	s.Add(pr, "see `"+m+"`")
	res := upsert(t, c, m, "entry")
	if res.Action != ghcomment.Created {
		t.Fatalf("got %+v", res)
	}
	cs := s.Comments(pr)
	if len(cs) != 3 || cs[0].Body != quoted {
		t.Fatalf("the quoting comment was touched: %+v", cs)
	}
	// Another spec's marker whose path extends this one is not it either.
	if res := upsert(t, c, ghcomment.Marker("api/openapi"), "x"); res.Action != ghcomment.Created {
		t.Errorf("prefix path matched: %+v", res)
	}
}

func TestForbidden(t *testing.T) {
	for _, code := range []int{http.StatusForbidden, http.StatusNotFound} {
		s := fake(t)
		s.Fail = func(r *http.Request) int {
			if r.Method != http.MethodGet {
				return code
			}
			return 0
		}
		var waits []time.Duration
		_, err := client(s, &waits).Upsert(context.Background(), pr, ghcomment.Marker("a.yaml"), "x")
		if !errors.Is(err, ghcomment.ErrForbidden) {
			t.Fatalf("%d: got %v, want ErrForbidden", code, err)
		}
		var he *ghcomment.HTTPError
		if !errors.As(err, &he) || he.Status != code || !strings.Contains(err.Error(), "POST /repos/octo/shop/issues/7/comments") {
			t.Errorf("%d: error lacks the request and status: %v", code, err)
		}
		if s.Count(http.MethodPost) != 1 || len(waits) != 0 {
			t.Errorf("%d: a refusal must not be retried: %+v", code, s.Requests())
		}
	}
	// A rate-limit 403 is retried, not taken for a refusal.
	s := fake(t)
	s.Config.Handler = rateLimitOnce(s.Config.Handler)
	var waits []time.Duration
	if _, err := client(s, &waits).Upsert(context.Background(), pr, ghcomment.Marker("a.yaml"), "x"); err != nil {
		t.Fatalf("rate limit: %v", err)
	}
	if len(waits) != 1 || waits[0] != 2*time.Second {
		t.Errorf("waits %v, want the Retry-After of 2s", waits)
	}
}

// rateLimitOnce answers the first request with GitHub's secondary rate limit.
func rateLimitOnce(h http.Handler) http.Handler {
	var done atomic.Bool
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !done.Swap(true) {
			w.Header().Set("Retry-After", "2")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"message":"You have exceeded a secondary rate limit"}`))
			return
		}
		h.ServeHTTP(w, r)
	})
}

func TestRetriesServerErrors(t *testing.T) {
	s := fake(t)
	var gets atomic.Int32
	s.Fail = func(r *http.Request) int {
		if r.Method == http.MethodGet && gets.Add(1) <= 2 {
			return http.StatusBadGateway
		}
		return 0
	}
	var waits []time.Duration
	res, err := client(s, &waits).Upsert(context.Background(), pr, ghcomment.Marker("a.yaml"), "x")
	if err != nil {
		t.Fatal(err)
	}
	if res.Action != ghcomment.Created || gets.Load() != 3 {
		t.Errorf("got %+v after %d GETs, want created after 3", res, gets.Load())
	}
	if len(waits) != 2 || waits[0] >= waits[1] {
		t.Errorf("waits %v, want two growing ones", waits)
	}

	// Always 502: the error names the status after Retries attempts.
	s2 := fake(t)
	s2.Fail = func(*http.Request) int { return http.StatusBadGateway }
	waits = nil
	c := client(s2, &waits)
	c.Retries = 4
	_, err = c.Upsert(context.Background(), pr, ghcomment.Marker("a.yaml"), "x")
	if err == nil || !strings.Contains(err.Error(), "502") || !strings.Contains(err.Error(), "4 attempts") {
		t.Errorf("got %v", err)
	}
	if n := s2.Count(http.MethodGet); n != 4 || len(waits) != 3 {
		t.Errorf("%d attempts and %d waits, want 4 and 3", n, len(waits))
	}
}

// A create that fails with 5xx may still have created the comment: the next
// attempt lists again instead of posting blindly.
func TestFailedCreateListsAgain(t *testing.T) {
	s := fake(t)
	var posts atomic.Int32
	m := ghcomment.Marker("a.yaml")
	s.Fail = func(r *http.Request) int {
		if r.Method == http.MethodPost && posts.Add(1) == 1 {
			s.Add(pr, m+"\nx") // it went through, but the answer was lost
			return http.StatusBadGateway
		}
		return 0
	}
	var waits []time.Duration
	res, err := client(s, &waits).Upsert(context.Background(), pr, m, "x")
	if err != nil {
		t.Fatal(err)
	}
	if res.Action != ghcomment.Unchanged || len(s.Comments(pr)) != 1 || posts.Load() != 1 {
		t.Errorf("got %+v, %d comments, %d posts", res, len(s.Comments(pr)), posts.Load())
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestPersistentNetworkError(t *testing.T) {
	var calls atomic.Int32
	var waits []time.Duration
	c := &ghcomment.Client{
		API: "http://127.0.0.1:1", Token: token, Repo: repo, Retries: 5,
		HTTP: &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
			calls.Add(1)
			return nil, errors.New("connection reset by peer")
		})},
		Sleep: func(d time.Duration) { waits = append(waits, d) },
	}
	_, err := c.Upsert(context.Background(), pr, ghcomment.Marker("a.yaml"), "x")
	if err == nil || !strings.Contains(err.Error(), "connection reset") || !strings.Contains(err.Error(), "5 attempts") {
		t.Fatalf("got %v", err)
	}
	if calls.Load() != 5 || len(waits) != 4 {
		t.Errorf("%d attempts, %d waits; want 5 and 4", calls.Load(), len(waits))
	}
	for _, w := range waits {
		if w > 10*time.Second {
			t.Errorf("wait %v is not short", w)
		}
	}
	// The default is three attempts.
	calls.Store(0)
	c.Retries = 0
	if _, err := c.Upsert(context.Background(), pr, ghcomment.Marker("a.yaml"), "x"); err == nil || calls.Load() != 3 {
		t.Errorf("default: %d attempts, err %v", calls.Load(), err)
	}
}

func TestNextPageMustStayOnTheAPI(t *testing.T) {
	s := fake(t)
	s.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Link", `<https://evil.example/repos/octo/shop/issues/7/comments?page=2>; rel="next"`)
		_, _ = w.Write([]byte(`[]`))
	})
	var waits []time.Duration
	_, err := client(s, &waits).Upsert(context.Background(), pr, ghcomment.Marker("a.yaml"), "x")
	if err == nil || !strings.Contains(err.Error(), "evil.example") {
		t.Fatalf("got %v", err)
	}
}

func TestLongBodyIsCut(t *testing.T) {
	s := fake(t)
	var waits []time.Duration
	m := ghcomment.Marker("a.yaml")
	body := strings.Repeat("- é change\n", 10000)
	upsert(t, client(s, &waits), m, body)
	got := s.Comments(pr)[0].Body
	if n := utf8.RuneCountInString(got); n > ghcomment.MaxBody || n < ghcomment.MaxBody-200 {
		t.Errorf("%d characters, want just under %d", n, ghcomment.MaxBody)
	}
	if !strings.HasPrefix(got, m+"\n- é change\n") || !strings.Contains(got, "change\n\n… (cut") {
		t.Errorf("cut badly: %q … %q", got[:40], got[len(got)-100:])
	}
	// The same long body again is recognised as unchanged.
	if res := upsert(t, client(s, &waits), m, body); res.Action != ghcomment.Unchanged {
		t.Errorf("second run: %+v", res)
	}
}

func TestBadArguments(t *testing.T) {
	c := &ghcomment.Client{Repo: "nope"}
	if _, err := c.Upsert(context.Background(), 1, "<!-- m -->", "x"); err == nil {
		t.Error("repository without owner accepted")
	}
	c.Repo = repo
	if _, err := c.Upsert(context.Background(), 0, "<!-- m -->", "x"); err == nil {
		t.Error("pull request 0 accepted")
	}
}

func TestMarkerEscapes(t *testing.T) {
	m := ghcomment.Marker("a-->b\n--c")
	inner := strings.TrimSuffix(strings.TrimPrefix(m, "<!--"), "-->")
	if strings.Contains(inner, "--") || strings.Contains(inner, ">") || strings.Contains(m, "\n") {
		t.Errorf("Marker = %q ends the HTML comment early", m)
	}
}

func writeEvent(t *testing.T, json string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(p, []byte(json), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPRFromEvent(t *testing.T) {
	for _, tt := range []struct {
		name, event string
		want        int
	}{
		{"pull_request", `{"action":"synchronize","number":42,"pull_request":{"number":42,"head":{"ref":"x"}}}`, 42},
		{"issue_comment on a PR", `{"action":"created","issue":{"number":9,"pull_request":{"url":"https://api.github.com/repos/o/r/pulls/9"}},"comment":{"id":1}}`, 9},
		{"issue_comment on an issue", `{"action":"created","issue":{"number":9},"comment":{"id":1}}`, 0},
		{"push", `{"ref":"refs/heads/main","before":"a","after":"b","commits":[]}`, 0},
	} {
		got, err := ghcomment.PRFromEvent(writeEvent(t, tt.event))
		if err != nil || got != tt.want {
			t.Errorf("%s: got %d, %v; want %d", tt.name, got, err, tt.want)
		}
	}
	if _, err := ghcomment.PRFromEvent(writeEvent(t, `{not json`)); err == nil {
		t.Error("bad JSON accepted")
	}
	if _, err := ghcomment.PRFromEvent(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("missing file accepted")
	}
}

// secret is a token shaped like GitHub's, for the redaction tests.
const secret = "ghp_0123456789abcdefghijABCDEFGHIJ012345"

// A server that echoes the Authorization header in its error message (as
// the fake does for a wrong token) must not get the token printed.
func TestErrorsNeverHoldTheToken(t *testing.T) {
	s := fake(t) // expects "t0ken": the secret is refused and echoed
	var waits []time.Duration
	c := client(s, &waits)
	c.Token = secret
	_, err := c.Upsert(context.Background(), pr, ghcomment.Marker("a.yaml"), "x")
	if err == nil {
		t.Fatal("a refused token must fail")
	}
	if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), secret[:12]) {
		t.Errorf("the error holds the token: %v", err)
	}
	var he *ghcomment.HTTPError
	if !errors.As(err, &he) || he.Status != http.StatusBadRequest || !strings.Contains(he.Message, "Bearer "+ghcomment.Redacted) {
		t.Errorf("want the 400 with the echoed header redacted, got %v", err)
	}

	// A token of another shape, echoed inside a long message with control
	// characters: a short excerpt, escaped, without the token.
	s2 := fake(t)
	s2.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		msg := "Bad credentials for " + r.Header.Get("Authorization") + "\n\x1b[31m::error::x " + strings.Repeat("blah ", 200)
		_ = json.NewEncoder(w).Encode(map[string]string{"message": msg})
	})
	c2 := client(s2, &waits)
	c2.Token = "opaque-value-42"
	_, err = c2.Upsert(context.Background(), pr, ghcomment.Marker("a.yaml"), "x")
	if err == nil || strings.Contains(err.Error(), "opaque-value-42") {
		t.Fatalf("the error holds the token: %v", err)
	}
	if errors.As(err, &he) && (utf8.RuneCountInString(he.Message) > 201 || strings.ContainsAny(he.Message, "\x1b\n")) {
		t.Errorf("the message is not a short escaped excerpt: %q", he.Message)
	}
}

// redirectOnce sends the first GET of the comments to target.
func redirectOnce(target func(*http.Request) string) func(*http.Request) string {
	var done atomic.Bool
	return func(r *http.Request) string {
		if r.Method == http.MethodGet && !done.Swap(true) {
			return target(r)
		}
		return ""
	}
}

// A redirect to another origin (here another port of 127.0.0.1) gets no
// Authorization header, and neither does anything after it; a redirect on
// the API's own origin keeps it.
func TestRedirectsKeepTheTokenHome(t *testing.T) {
	other := ghcommenttest.New(t) // another port of the same host
	s := fake(t)
	s.Redirect = redirectOnce(func(r *http.Request) string { return other.URL + r.URL.RequestURI() })
	var waits []time.Duration
	if _, err := client(s, &waits).Upsert(context.Background(), pr, ghcomment.Marker("a.yaml"), "x"); err != nil {
		t.Fatal(err)
	}
	got := other.Requests()
	if len(got) == 0 {
		t.Fatal("the redirect was not followed")
	}
	for _, r := range got {
		if r.Authorization != "" {
			t.Errorf("%s %s on another port got Authorization %q", r.Method, r.Path, r.Authorization)
		}
	}

	// There and back: the API's origin, reached through another one, gets
	// no token either (the fake refuses the request).
	s2 := fake(t)
	other2 := ghcommenttest.New(t)
	other2.Redirect = func(r *http.Request) string { return s2.URL + r.URL.RequestURI() }
	s2.Redirect = redirectOnce(func(r *http.Request) string { return other2.URL + r.URL.RequestURI() })
	_, err := client(s2, &waits).Upsert(context.Background(), pr, ghcomment.Marker("a.yaml"), "x")
	if err == nil || !strings.Contains(err.Error(), "400") {
		t.Errorf("want the API's refusal of a request without token, got %v", err)
	}
	for _, r := range s2.Requests()[1:2] {
		if r.Authorization != "" {
			t.Errorf("back on the API after another origin, the request carried %q", r.Authorization)
		}
	}

	// The same origin keeps the token (the fake checks it).
	s3 := fake(t)
	s3.Redirect = redirectOnce(func(r *http.Request) string { return s3.URL + r.URL.Path + "?per_page=100&redirected=1" })
	if res, err := client(s3, &waits).Upsert(context.Background(), pr, ghcomment.Marker("a.yaml"), "x"); err != nil || res.Action != ghcomment.Created {
		t.Errorf("same-origin redirect: %+v, %v", res, err)
	}
	if rs := s3.Requests(); len(rs) < 2 || rs[1].Authorization != "Bearer "+token {
		t.Errorf("the same-origin redirect lost the token: %+v", rs)
	}
}
