package diff

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi3"

	"github.com/apibump/apibump/internal/safefile"
)

const gitPrefix = "/@git/"

// LoadOptions say how a document may be read.
type LoadOptions struct {
	// Stdin is read for the input "-".
	Stdin io.Reader
	// RefRoot is the directory no $ref may leave; empty means the git
	// repository holding the spec, else the spec's directory.
	RefRoot string
	// AllowExternalRefs lets $ref reach outside RefRoot and fetch URLs.
	AllowExternalRefs bool
	// HTTPClient fetches URL references when they are allowed.
	HTTPClient *http.Client
}

// Document is one loaded spec: its source files as position trees and the
// oasdiff (kin-openapi) model built from them.
type Document struct {
	Input   Input
	Root    *File
	Spec    *openapi3.T
	Swagger bool   // the source is Swagger 2.0 (converted to OpenAPI 3 for the engine)
	Dialect string // "swagger 2.0", "openapi 3.0.3", ...
	Version string // info.version

	src *source
}

// Name is the display name of the document's root file.
func (d *Document) Name() string { return d.Root.Name }

// Files returns every file the document read, root first.
func (d *Document) Files() []*File {
	return d.src.list()
}

// source reads the files of one document and enforces the $ref policy.
type source struct {
	opts    LoadOptions
	cwd     string
	refRoot string
	repo    *gitRepo
	mu      sync.Mutex
	files   map[string]*File
	order   []string
	errs    []error
}

func (s *source) list() []*File {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*File, 0, len(s.order))
	for _, k := range s.order {
		out = append(out, s.files[k])
	}
	return out
}

// Load reads the spec named by in, with every file it references.
func Load(in Input, opts LoadOptions) (*Document, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	s := &source{opts: opts, cwd: cwd, files: map[string]*File{}}
	var rootKey string
	var data []byte
	switch in.Kind {
	case InputStdin:
		if opts.Stdin == nil {
			return nil, fmt.Errorf("-: no standard input")
		}
		data, err = safefile.ReadAll(opts.Stdin, safefile.Spec)
		if err != nil {
			return nil, fmt.Errorf("-: standard input %w", err)
		}
		rootKey = filepath.Join(cwd, "<stdin>")
		s.refRoot = pick(opts.RefRoot, safefile.RepoRoot(cwd), cwd)
	case InputGit:
		repo, err := openGitRepo(in.Ref)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in.Arg, err)
		}
		s.repo = repo
		p, err := repo.repoPath(in.Path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in.Arg, err)
		}
		rootKey = gitPrefix + p
		data, err = repo.read(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in.Arg, err)
		}
	default:
		abs, err := filepath.Abs(in.Path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", in.Arg, err)
		}
		rootKey = abs
		dir := filepath.Dir(abs)
		s.refRoot = pick(s.absRefRoot(), safefile.RepoRoot(dir), dir)
		data, err = safefile.ReadFile(abs, s.root(), safefile.Spec)
		if err != nil {
			return nil, fmt.Errorf("%s: %s", in.Arg, s.refused(err))
		}
	}
	if s.repo == nil {
		s.refRoot = pick(s.absRefRoot(), s.refRoot)
	}
	root, err := ParseFile(in.Arg, rootKey, data, true)
	if err != nil {
		return nil, err
	}
	s.add(root)
	doc := &Document{Input: in, Root: root, src: s}
	if err := doc.checkRefs(); err != nil {
		return nil, err
	}
	if err := doc.build(); err != nil {
		return nil, err
	}
	return doc, nil
}

func pick(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// absRefRoot is --ref-root made absolute, or "".
func (s *source) absRefRoot() string {
	if s.opts.RefRoot == "" {
		return ""
	}
	if r, err := filepath.Abs(s.opts.RefRoot); err == nil {
		return r
	}
	return s.opts.RefRoot
}

// root is the directory no file of the document may leave, symbolic links
// resolved; none with --allow-external-refs.
func (s *source) root() safefile.Root {
	if s.opts.AllowExternalRefs {
		return safefile.Root{}
	}
	name := "the ref root " + s.displayName(s.refRoot)
	if s.opts.RefRoot == "" && safefile.RepoRoot(s.refRoot) == s.refRoot {
		name = "the repository"
	}
	return safefile.Root{Dir: s.refRoot, Name: name}
}

// refused words a refusal of safefile: leaving the root names the flags
// that allow it.
func (s *source) refused(err error) string {
	if errors.Is(err, safefile.ErrOutside) && !strings.Contains(err.Error(), ".git") {
		return err.Error() + " (use --ref-root or --allow-external-refs)"
	}
	return err.Error()
}

func (s *source) add(f *File) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.files[f.Key]; !ok {
		s.files[f.Key] = f
		s.order = append(s.order, f.Key)
	}
}

func (s *source) fail(err error) error {
	s.mu.Lock()
	s.errs = append(s.errs, err)
	s.mu.Unlock()
	return err
}

// displayName is how a referenced file is shown to users.
func (s *source) displayName(key string) string {
	if strings.HasPrefix(key, gitPrefix) {
		return s.repo.ref + ":" + strings.TrimPrefix(key, gitPrefix)
	}
	if u, err := url.Parse(key); err == nil && u.Scheme != "" && u.Host != "" {
		return key
	}
	if rel, err := filepath.Rel(s.cwd, key); err == nil && strings.Count(rel, "..") <= 3 {
		return rel
	}
	return key
}

// fetch returns the parsed file at key (an absolute path, a git key or a URL),
// reading it when needed and refusing what the $ref policy forbids.
func (s *source) fetch(key string, from *File) (*File, error) {
	s.mu.Lock()
	f, ok := s.files[key]
	s.mu.Unlock()
	if ok {
		return f, nil
	}
	where := from.Name
	var data []byte
	var err error
	switch {
	case strings.HasPrefix(key, "http://") || strings.HasPrefix(key, "https://"):
		if !s.opts.AllowExternalRefs {
			return nil, s.fail(fmt.Errorf("%s: $ref to %s refused: external references are off (use --allow-external-refs)", where, key))
		}
		data, err = s.fetchURL(key)
	case strings.HasPrefix(key, gitPrefix):
		p := strings.TrimPrefix(key, gitPrefix)
		if p == ".." || strings.HasPrefix(p, "../") {
			return nil, s.fail(fmt.Errorf("%s: $ref to %s refused: it is outside the repository", where, p))
		}
		data, err = s.repo.read(p)
	default:
		if strings.Contains(key, "://") {
			return nil, s.fail(fmt.Errorf("%s: $ref to %s refused: only files and http(s) URLs can be referenced", where, key))
		}
		data, err = safefile.ReadFile(key, s.root(), safefile.Spec)
		if errors.Is(err, safefile.ErrOutside) {
			return nil, s.fail(fmt.Errorf("%s: $ref to %s refused: it %s", where, s.displayName(key), s.refused(err)))
		}
	}
	if err != nil {
		return nil, s.fail(fmt.Errorf("%s: $ref to %s: %w", where, s.displayName(key), err))
	}
	f, err = ParseFile(s.displayName(key), key, data, false)
	if err != nil {
		return nil, s.fail(err)
	}
	s.add(f)
	return f, nil
}

func (s *source) fetchURL(u string) ([]byte, error) {
	c := s.opts.HTTPClient
	if c == nil {
		c = &http.Client{Timeout: 30 * time.Second}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %s", resp.Status)
	}
	return safefile.ReadAll(resp.Body, safefile.Spec)
}

// keyFor resolves a $ref's file part against the file that holds it.
func (s *source) keyFor(from *File, fileRef string) string {
	if strings.HasPrefix(fileRef, "http://") || strings.HasPrefix(fileRef, "https://") {
		return fileRef
	}
	if strings.HasPrefix(from.Key, "http://") || strings.HasPrefix(from.Key, "https://") {
		if base, err := url.Parse(from.Key); err == nil {
			if r, err := base.Parse(fileRef); err == nil {
				return r.String()
			}
		}
	}
	if strings.HasPrefix(from.Key, gitPrefix) {
		return gitPrefix + path.Clean(path.Join(path.Dir(strings.TrimPrefix(from.Key, gitPrefix)), fileRef))
	}
	if u, err := url.PathUnescape(fileRef); err == nil {
		fileRef = u
	}
	if filepath.IsAbs(fileRef) {
		return filepath.Clean(fileRef)
	}
	return filepath.Join(filepath.Dir(from.Key), filepath.FromSlash(fileRef))
}

// Resolve follows a $ref written in file from, returning the target node and its file.
func (d *Document) Resolve(from *File, ref string) (*File, *Node, error) {
	filePart, frag, _ := strings.Cut(ref, "#")
	f := d.own(from)
	if filePart != "" {
		var err error
		f, err = d.src.fetch(d.src.keyFor(from, filePart), from)
		if err != nil {
			return nil, nil, err
		}
	}
	if frag == "" {
		return f, f.Root, nil
	}
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u
	}
	n := f.Root.At(frag)
	if n == nil {
		return nil, nil, &ParseError{File: from.Name, Msg: "$ref " + shortText(ref) + " points at nothing"}
	}
	return f, n, nil
}

// build makes the kin-openapi model that oasdiff compares, reading every file
// through source so the $ref policy holds, then records positions on it.
func (d *Document) build() error {
	s := d.src
	root := d.Root.Root
	if root.Kind != Object {
		return &ParseError{File: d.Root.Name, Msg: "the document is not a mapping"}
	}
	location := &url.URL{Path: d.Root.Key}
	var err error
	if sw := root.Get("swagger"); sw != nil {
		d.Swagger = true
		d.Dialect = "swagger " + sw.Value
		var doc2 openapi2.T
		if err = d.decodeRoot(d.sanitizedRoot(), &doc2); err == nil {
			d.Spec, err = swaggerToV3(&doc2, d.newLoader(), location)
		}
	} else {
		d.Dialect = "openapi " + root.Str("openapi")
		d.Spec, err = d.loadOpenAPI3(location, d.sanitizedRoot())
	}
	if err != nil {
		if len(s.errs) > 0 {
			return s.errs[0]
		}
		return d.kinError(err)
	}
	if len(s.errs) > 0 {
		return s.errs[0]
	}
	if d.Spec.Info != nil {
		d.Version = d.Spec.Info.Version
	}
	applyOrigins(d)
	return nil
}

// newLoader returns a kin-openapi loader that reads every file through source.
func (d *Document) newLoader() *openapi3.Loader {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = true // the reader below owns the policy
	loader.ReadFromURIFunc = func(_ *openapi3.Loader, location *url.URL) ([]byte, error) {
		key := location.String()
		if location.Scheme == "" || location.Scheme == "file" {
			key = location.Path
		}
		f, err := d.src.fetch(key, d.Root)
		if err != nil {
			return nil, err
		}
		return d.kinJSON(f, f.Root), nil
	}
	return loader
}

// sanitizedRoot returns the root with the info and tag texts that are $refs
// (DigitalOcean puts one under info.description) replaced by their text, which
// kin-openapi's loader would otherwise reject, and an `openapi` or `swagger`
// version written as a YAML number (swagger: 2.0) as the string it reads as.
// Only documentation fields and the version are touched, so the model
// oasdiff compares keeps every contract field as written.
func (d *Document) sanitizedRoot() *Node {
	root := d.Root.Root
	fix := func(obj *Node, fields ...string) (*Node, bool) {
		if obj == nil || obj.Kind != Object {
			return obj, false
		}
		var cp *Node
		for _, f := range fields {
			i := indexOf(obj.Keys, f)
			if i < 0 || obj.Children[i].Kind == String {
				continue
			}
			if cp == nil {
				c := *obj
				c.Children = append([]*Node(nil), obj.Children...)
				c.index = nil
				cp = &c
			}
			text := ""
			if c := obj.Children[i]; c.Kind == Number || c.Kind == Bool {
				text = c.Value // version: 1.4, read as the text it is written as
			}
			if ref := obj.Children[i].Ref(); ref != "" {
				if _, t, err := d.Resolve(d.Root, ref); err == nil && t.Kind != Object && t.Kind != Array {
					text = t.Value
				}
			}
			cp.Children[i] = &Node{Kind: String, Value: text, Pos: obj.Children[i].Pos, KeyPos: obj.Children[i].KeyPos, End: obj.Children[i].End, File: obj.File}
		}
		if cp == nil {
			return obj, false
		}
		return cp, true
	}
	out := root
	replace := func(key string, n *Node) {
		if out == root {
			c := *root
			c.Children = append([]*Node(nil), root.Children...)
			c.index = nil
			out = &c
		}
		out.Children[indexOf(out.Keys, key)] = n
	}
	if info, changed := fix(root.Get("info"), "title", "description", "summary", "termsOfService", "version"); changed {
		replace("info", info)
	}
	for _, k := range []string{"openapi", "swagger"} {
		if v := root.Get(k); v != nil && v.Kind == Number {
			s := *v
			s.Kind = String
			replace(k, &s)
		}
	}
	if tags := root.Get("tags"); tags != nil && tags.Kind == Array {
		var items []*Node
		for i, t := range tags.Children {
			if nt, changed := fix(t, "name", "description"); changed {
				if items == nil {
					items = append([]*Node(nil), tags.Children...)
				}
				items[i] = nt
			}
		}
		if items != nil {
			c := *tags
			c.Children = items
			replace("tags", &c)
		}
	}
	return out
}

func indexOf(keys []string, k string) int {
	for i, s := range keys {
		if s == k {
			return i
		}
	}
	return -1
}

// kinJSON writes a file's tree as the JSON given to kin-openapi. A $ref
// where kin-openapi's model has no reference (an operation, a map of
// properties, content or responses written as a $ref, as DigitalOcean does)
// is replaced by what it points to, with the references inside rewritten to
// absolute locations so they still resolve from here.
func (d *Document) kinJSON(f *File, root *Node) []byte {
	w := kinWriter{doc: d, served: f, b: make([]byte, 0, len(f.Data)+len(f.Data)/8)}
	w.write(root, f, f.Key == d.Root.Key || fragmentLooksLikeObject(root), 0)
	return w.b
}

type kinWriter struct {
	doc    *Document
	served *File
	b      []byte
	// floats writes numbers as encoding/json writes a float64, the way
	// kin-openapi re-encodes path items before decoding them (see loadSplit).
	floats bool
	failed bool // a number float64 cannot hold was met with floats set
	// cuts, when set, receives the schemas nested deeper than cutEvery
	// levels below another cut or the top (see kincut.go); level is the
	// schema level of the value being written.
	cuts  *cutter
	level int
}

// maxInlineDepth bounds nested inlining, so a $ref cycle through maps cannot loop.
const maxInlineDepth = 32

func (w *kinWriter) write(n *Node, src *File, keyword bool, depth int) {
	w.writeIn(n, src, keyword, depth, "")
}

func (w *kinWriter) writeIn(n *Node, src *File, keyword bool, depth int, parentKey string) {
	switch n.Kind {
	case Array:
		w.b = append(w.b, '[')
		saved := w.level
		if w.cuts != nil {
			w.level = itemLevel(saved)
		}
		for i, c := range n.Children {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			if w.cuts != nil && w.cuts.cut(w, c, src, true, depth, "") {
				continue
			}
			w.write(c, src, true, depth)
		}
		w.level = saved
		w.b = append(w.b, ']')
	case Object:
		w.b = append(w.b, '{')
		for i := range n.Children {
			if i > 0 {
				w.b = append(w.b, ',')
			}
			w.b = appendJSONString(w.b, n.Keys[i])
			w.b = append(w.b, ':')
			w.member(n, i, src, keyword, depth, parentKey)
		}
		w.b = append(w.b, '}')
	case Number:
		if w.floats {
			w.appendFloat(n.Value)
			return
		}
		w.b = n.AppendJSON(w.b)
	default:
		w.b = n.AppendJSON(w.b)
	}
}

// member writes the value of member i of object n, read with the same
// context writeIn has for n.
func (w *kinWriter) member(n *Node, i int, src *File, keyword bool, depth int, parentKey string) {
	c, k := n.Children[i], n.Keys[i]
	if c.Kind == String && src != w.served && (k == "$ref" || parentKey == "mapping" && looksLikeRef(c.Value)) {
		w.b = appendJSONString(w.b, w.doc.rebaseRef(src, w.served, c.Value))
		return
	}
	childKeyword := !(keyword && namedMaps[k])
	if !keyword {
		childKeyword = true
	}
	saved := w.level
	if w.cuts != nil {
		w.level = memberLevel(saved, keyword, k, parentKey)
	}
	switch {
	case inlined(n, i, keyword, depth):
		if tf, t, err := w.doc.Resolve(src, c.Ref()); err == nil {
			w.write(t, tf, childKeyword, depth+1)
			break
		}
		w.writeIn(c, src, childKeyword, depth, k)
	case w.cuts != nil && w.cuts.cut(w, c, src, childKeyword, depth, k):
	default:
		w.writeIn(c, src, childKeyword, depth, k)
	}
	w.level = saved
}

// inlined tells whether member i of n is a $ref that kinJSON replaces by its target.
func inlined(n *Node, i int, keyword bool, depth int) bool {
	c, k := n.Children[i], n.Keys[i]
	return keyword && (namedMaps[k] || operationKeys[k]) && c.Ref() != "" && len(c.Keys) == 1 && depth < maxInlineDepth
}

// looksLikeRef tells a discriminator mapping value that is a reference from a bare schema name.
func looksLikeRef(s string) bool {
	return strings.ContainsAny(s, "#/") || strings.HasSuffix(s, ".yaml") || strings.HasSuffix(s, ".yml") || strings.HasSuffix(s, ".json")
}

// rebaseRef rewrites a $ref written in file src so it resolves the same from
// file to. The result is relative, so the same layout gives the same text in
// the base and the revision (oasdiff compares discriminator mappings as text).
func (d *Document) rebaseRef(src, to *File, ref string) string {
	filePart, frag := splitRef(ref)
	key := src.Key
	if filePart != "" {
		key = d.src.keyFor(src, filePart)
		if strings.Contains(key, "://") {
			return key + "#" + frag
		}
	}
	rel, err := filepath.Rel(filepath.Dir(to.Key), key)
	if err != nil {
		rel = key
	}
	return filepath.ToSlash(rel) + "#" + frag
}
