// Package ghcommenttest is a fake of the GitHub issue comments API, on
// httptest, for the tests of ghcomment and of the commands that use it.
package ghcommenttest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
)

// Comment is one stored comment.
type Comment struct {
	ID    int64
	Issue int
	Body  string
}

// Request is one request the server received.
type Request struct {
	Method, Path, Query string
	// Authorization is the request's Authorization header.
	Authorization string
}

// Server answers GET and POST /repos/{owner}/{repo}/issues/{n}/comments and
// PATCH /repos/{owner}/{repo}/issues/comments/{id}, and checks the headers
// GitHub wants.
type Server struct {
	*httptest.Server
	// Token is the token the requests must carry; empty: any.
	Token string
	// Repo is the only owner/name served; empty: any.
	Repo string
	// PageSize caps per_page, so that tests can paginate with few comments (default 100).
	PageSize int
	// Fail, when set, may answer a request instead of the API: a status
	// other than 0 is sent with a JSON message.
	Fail func(r *http.Request) int
	// Redirect, when set, may send a request elsewhere: a URL other than ""
	// is answered with 307 Temporary Redirect to it.
	Redirect func(r *http.Request) string

	mu       sync.Mutex
	comments []Comment
	nextID   int64
	requests []Request
}

// New starts a server on 127.0.0.1; it is closed when the test ends.
func New(t interface{ Cleanup(func()) }) *Server {
	s := &Server{nextID: 1000}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /repos/{owner}/{repo}/issues/{number}/comments", s.list)
	mux.HandleFunc("POST /repos/{owner}/{repo}/issues/{number}/comments", s.create)
	mux.HandleFunc("PATCH /repos/{owner}/{repo}/issues/comments/{id}", s.update)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Authorization: r.Header.Get("Authorization")})
		fail, redirect := s.Fail, s.Redirect
		s.mu.Unlock()
		if redirect != nil {
			if to := redirect(r); to != "" {
				http.Redirect(w, r, to, http.StatusTemporaryRedirect)
				return
			}
		}
		if fail != nil {
			if code := fail(r); code != 0 {
				answer(w, code, map[string]string{"message": http.StatusText(code)})
				return
			}
		}
		if msg := s.checkHeaders(r); msg != "" {
			answer(w, http.StatusBadRequest, map[string]string{"message": msg})
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *Server) checkHeaders(r *http.Request) string {
	switch {
	case s.Token != "" && r.Header.Get("Authorization") != "Bearer "+s.Token:
		return "bad Authorization header " + strconv.Quote(r.Header.Get("Authorization"))
	case r.Header.Get("Accept") != "application/vnd.github+json":
		return "bad Accept header"
	case r.Header.Get("X-GitHub-Api-Version") != "2022-11-28":
		return "bad X-GitHub-Api-Version header"
	case r.Header.Get("User-Agent") == "":
		return "no User-Agent"
	}
	return ""
}

func (s *Server) repoOK(w http.ResponseWriter, r *http.Request) bool {
	if s.Repo != "" && r.PathValue("owner")+"/"+r.PathValue("repo") != s.Repo {
		answer(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return false
	}
	return true
}

// Add stores a comment as if someone had written it, and returns its id.
func (s *Server) Add(issue int, body string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	s.comments = append(s.comments, Comment{ID: s.nextID, Issue: issue, Body: body})
	return s.nextID
}

// Comments returns the comments of an issue, oldest first.
func (s *Server) Comments(issue int) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Comment
	for _, c := range s.comments {
		if c.Issue == issue {
			out = append(out, c)
		}
	}
	return out
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Count is how many requests of a method were received.
func (s *Server) Count(method string) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Method == method {
			n++
		}
	}
	return n
}

func (s *Server) view(r *http.Request, c Comment) map[string]any {
	return map[string]any{
		"id":       c.ID,
		"body":     c.Body,
		"html_url": fmt.Sprintf("https://github.com/%s/%s/pull/%d#issuecomment-%d", r.PathValue("owner"), r.PathValue("repo"), c.Issue, c.ID),
		"user":     map[string]string{"login": "github-actions[bot]"},
	}
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	if !s.repoOK(w, r) {
		return
	}
	issue, err := strconv.Atoi(r.PathValue("number"))
	if err != nil {
		answer(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return
	}
	per := 30
	if v, err := strconv.Atoi(r.URL.Query().Get("per_page")); err == nil && v > 0 {
		per = min(v, 100)
	}
	if s.PageSize > 0 {
		per = min(per, s.PageSize)
	}
	page := 1
	if v, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && v > 0 {
		page = v
	}
	all := s.Comments(issue)
	from, to := min((page-1)*per, len(all)), min(page*per, len(all))
	out := []map[string]any{}
	for _, c := range all[from:to] {
		out = append(out, s.view(r, c))
	}
	if to < len(all) {
		next := fmt.Sprintf("%s%s?per_page=%d&page=%d", s.URL, r.URL.Path, per, page+1)
		last := fmt.Sprintf("%s%s?per_page=%d&page=%d", s.URL, r.URL.Path, per, (len(all)+per-1)/per)
		w.Header().Set("Link", fmt.Sprintf(`<%s>; rel="next", <%s>; rel="last"`, next, last))
	}
	answer(w, http.StatusOK, out)
}

func readBody(w http.ResponseWriter, r *http.Request) (string, bool) {
	var in struct {
		Body *string `json:"body"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Body == nil {
		answer(w, http.StatusUnprocessableEntity, map[string]string{"message": "body is missing"})
		return "", false
	}
	return *in.Body, true
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	if !s.repoOK(w, r) {
		return
	}
	issue, err := strconv.Atoi(r.PathValue("number"))
	if err != nil {
		answer(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return
	}
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	id := s.Add(issue, body)
	answer(w, http.StatusCreated, s.view(r, Comment{ID: id, Issue: issue, Body: body}))
}

func (s *Server) update(w http.ResponseWriter, r *http.Request) {
	if !s.repoOK(w, r) {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	var found *Comment
	for i := range s.comments {
		if s.comments[i].ID == id {
			s.comments[i].Body = body
			found = &s.comments[i]
		}
	}
	var c Comment
	if found != nil {
		c = *found
	}
	s.mu.Unlock()
	if found == nil {
		answer(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return
	}
	answer(w, http.StatusOK, s.view(r, c))
}

func answer(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}
