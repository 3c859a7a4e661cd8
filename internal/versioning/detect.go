// Package versioning finds where an OpenAPI document carries its API version
// (URL path, server URL, Swagger basePath, request header, query parameter,
// media type) and which majors it serves there, operation by operation.
package versioning

import (
	"cmp"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/apibump/apibump/internal/config"
	"github.com/apibump/apibump/internal/scheme"
	"github.com/apibump/apibump/internal/spec"
)

// Kind names a place where the version can live.
type Kind string

// The places a version can live, in the order they are reported.
const (
	KindPath      Kind = "path"       // a /v2 segment in the paths
	KindServer    Kind = "server"     // a /v2 segment in servers[].url
	KindBasePath  Kind = "basePath"   // a /v2 segment in the Swagger 2.0 basePath
	KindHeader    Kind = "header"     // a request header such as Api-Version
	KindQuery     Kind = "query"      // a query parameter such as api-version
	KindMediaType Kind = "media-type" // application/vnd.acme.v2+json or ;version=2
)

var kindOrder = []Kind{KindPath, KindServer, KindBasePath, KindHeader, KindQuery, KindMediaType}

// Location is one place where a document carries its version.
type Location struct {
	Kind Kind `json:"kind" yaml:"kind"`
	// Name is the header or query parameter, or the media type without its
	// version; empty for paths, servers and basePath.
	Name string `json:"name,omitempty" yaml:"name,omitempty"`
	// Majors are the majors offered there, oldest first. A header or query
	// parameter without enum or default offers none that can be read.
	Majors []string `json:"majors" yaml:"majors"`
	// Source is where the location is first seen.
	Source *spec.Position `json:"source,omitempty" yaml:"source,omitempty"`
}

// Label says in a few words where the version lives: "path", "header Api-Version".
func (l Location) Label() string {
	switch l.Kind {
	case KindHeader:
		return "header " + l.Name
	case KindQuery:
		return "query parameter " + l.Name
	case KindMediaType:
		return "media type " + l.Name
	case KindServer:
		return "server URL"
	}
	return string(l.Kind)
}

// Major is one major a document serves and the state of its operations.
type Major struct {
	Major      string `json:"major" yaml:"major"`
	Operations int    `json:"operations" yaml:"operations"`
	Deprecated int    `json:"deprecated" yaml:"deprecated"`
	// Sunset is the latest x-sunset of its operations when every one has
	// one: the day the whole major may go.
	Sunset string `json:"sunset,omitempty" yaml:"sunset,omitempty"`
	// Sunsets counts the operations that carry an x-sunset.
	Sunsets int `json:"sunsets" yaml:"sunsets"`
}

// Versions is what a document says about where its version lives.
type Versions struct {
	Locations []Location `json:"locations" yaml:"locations"`
	Majors    []Major    `json:"majors" yaml:"majors"`
	// Unversioned counts the operations no location gives a major to.
	Unversioned int `json:"unversioned" yaml:"unversioned"`

	ops map[string]opVersions
}

// opVersions is what one operation offers.
type opVersions struct {
	majors map[string][]Kind // major -> the kinds offering it
	sunset string
	deprec bool
}

// Options name the headers and query parameters that carry the version.
type Options struct {
	Headers []string // case-insensitive
	Query   []string
}

// Versioned reports whether the version lives anywhere but info.version.
func (v *Versions) Versioned() bool { return v != nil && len(v.Locations) > 0 }

// Majors of an operation ("GET /v1/books"), oldest first; nil when it has none.
func (v *Versions) MajorsOf(op string) []string {
	if v == nil {
		return nil
	}
	o, ok := v.ops[op]
	if !ok {
		return nil
	}
	out := make([]string, 0, len(o.majors))
	for m := range o.majors {
		out = append(out, m)
	}
	slices.SortFunc(out, scheme.CompareMajors)
	return out
}

// KindsOf returns the kinds through which an operation offers a major.
func (v *Versions) KindsOf(op, major string) []Kind {
	if v == nil {
		return nil
	}
	return v.ops[op].majors[major]
}

// Has reports whether the document has the operation.
func (v *Versions) Has(op string) bool {
	_, ok := v.ops[op]
	return ok
}

// OperationsOf lists the operations serving a major, sorted.
func (v *Versions) OperationsOf(major string) []string {
	var out []string
	for op, o := range v.ops {
		if _, ok := o.majors[major]; ok {
			out = append(out, op)
		}
	}
	slices.Sort(out)
	return out
}

// Offers tells whether any location offers the major.
func (v *Versions) Offers(major string) bool {
	if v == nil {
		return false
	}
	for _, l := range v.Locations {
		if slices.Contains(l.Majors, major) {
			return true
		}
	}
	return false
}

// Location returns the location of a kind, the first one when there are several.
func (v *Versions) Location(k Kind) (Location, bool) {
	for _, l := range v.Locations {
		if l.Kind == k {
			return l, true
		}
	}
	return Location{}, false
}

// Find returns the major named major.
func (v *Versions) Find(major string) (Major, bool) {
	for _, m := range v.Majors {
		if m.Major == major {
			return m, true
		}
	}
	return Major{}, false
}

// Advice is what the product says to an API whose version lives nowhere but info.version.
const Advice = "the API carries its version only in info.version: clients cannot choose a major. Make the version explicit from the first release (a /v1 path segment or server URL, a version header or a versioned media type)"

var (
	segmentRe   = regexp.MustCompile(`^[vV](\d+)(?:\.\d+){0,2}$`)
	dateRe      = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	vendorRe    = regexp.MustCompile(`^([a-zA-Z]+/vnd\.[^;+]*?)[.-][vV](\d+)(?:\.\d+)*((?:\+[a-zA-Z0-9.-]+)?)$`)
	paramMajRe  = regexp.MustCompile(`(?i);\s*(?:version|v|api-version)\s*=\s*"?([^;"\s]+)"?`)
	templateVar = regexp.MustCompile(`\{([^}]+)\}`)
)

// segmentMajor reads a path segment as a major: v2, v2.1 or a date.
func segmentMajor(seg string) (string, bool) {
	if segmentRe.MatchString(seg) || dateRe.MatchString(seg) {
		return scheme.ParseMajor(seg)
	}
	return "", false
}

// Detect reads where a document carries its version.
func Detect(d *spec.Document, opts Options) *Versions {
	if len(opts.Headers) == 0 && len(opts.Query) == 0 {
		opts = DefaultOptions
	}
	det := &detector{doc: d, opts: opts, v: &Versions{ops: map[string]opVersions{}}, locs: map[string]*Location{}}
	det.run()
	return det.v
}

// DefaultOptions are the names looked for when none are given.
var DefaultOptions = Options{
	Headers: []string{"X-Schemas-Version", "Api-Version", "X-API-Version", "Accept-Version"},
	Query:   []string{"api-version", "version", "v"},
}

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

type detector struct {
	doc  *spec.Document
	opts Options
	v    *Versions
	locs map[string]*Location // kind + name -> location
	// swagger: the document is Swagger 2.0
	swagger bool
}

// at is a node and the file it was read from.
type at struct {
	f *spec.File
	n *spec.Node
}

func (a at) get(key string) at {
	return at{a.f, a.n.Get(key)}
}

func (a at) pos() *spec.Position {
	p := a.n.KeyPos
	if p.Line == 0 {
		p = a.n.Pos
	}
	return &spec.Position{File: a.f.Name, Line: int(p.Line), Column: int(p.Col)}
}

// deref follows $ref chains (a few hops at most).
func (det *detector) deref(a at) at {
	for i := 0; i < 8 && a.n != nil; i++ {
		ref := a.n.Ref()
		if ref == "" {
			return a
		}
		f, n, err := det.doc.Resolve(a.f, ref)
		if err != nil {
			return at{}
		}
		a = at{f, n}
	}
	return a
}

func (det *detector) found(k Kind, name, major string, src at) {
	key := string(k) + "\x00" + strings.ToLower(name)
	l := det.locs[key]
	if l == nil {
		l = &Location{Kind: k, Name: name, Majors: []string{}}
		if src.n != nil {
			l.Source = src.pos()
		}
		det.locs[key] = l
	}
	if major != "" && !slices.Contains(l.Majors, major) {
		l.Majors = append(l.Majors, major)
	}
}

func (det *detector) run() {
	rootFile := det.doc.Root
	root := at{rootFile, rootFile.Root}
	det.swagger = root.n.Get("swagger") != nil
	var rootServers map[string]at
	if det.swagger {
		if bp := root.get("basePath"); bp.n != nil && bp.n.Kind == spec.String {
			rootServers = map[string]at{}
			for _, seg := range strings.Split(bp.n.Value, "/") {
				if m, ok := segmentMajor(seg); ok {
					det.found(KindBasePath, "", m, bp)
					rootServers[m] = bp
					break
				}
			}
		}
	} else {
		rootServers = det.servers(root.get("servers"))
	}
	rootMedia := det.swaggerMedia(root)
	paths := root.get("paths")
	if paths.n == nil || paths.n.Kind != spec.Object {
		det.finish()
		return
	}
	for i, path := range paths.n.Keys {
		item := det.deref(at{paths.f, paths.n.Children[i]})
		if item.n == nil || item.n.Kind != spec.Object {
			continue
		}
		pathMajor := ""
		for _, seg := range strings.Split(path, "/") {
			if m, ok := segmentMajor(seg); ok {
				pathMajor = m
				break
			}
		}
		pathServers := rootServers
		if s := item.get("servers"); s.n != nil && !det.swagger {
			pathServers = det.servers(s)
		}
		itemParams := item.get("parameters")
		for _, method := range methods {
			op := det.deref(item.get(method))
			if op.n == nil || op.n.Kind != spec.Object {
				continue
			}
			key := strings.ToUpper(method) + " " + path
			ov := opVersions{majors: map[string][]Kind{}}
			add := func(m string, k Kind) {
				if !slices.Contains(ov.majors[m], k) {
					ov.majors[m] = append(ov.majors[m], k)
				}
			}
			if pathMajor != "" {
				det.found(KindPath, "", pathMajor, at{paths.f, paths.n.Children[i]})
				add(pathMajor, KindPath)
			}
			servers := pathServers
			if s := op.get("servers"); s.n != nil && !det.swagger {
				servers = det.servers(s)
			}
			kind := KindServer
			if det.swagger {
				kind = KindBasePath
			}
			for m := range servers {
				add(m, kind)
			}
			det.params(op, itemParams, add)
			det.media(op, rootMedia, add)
			if x := op.get("x-sunset"); x.n != nil && x.n.Kind == spec.String {
				ov.sunset = x.n.Value
			}
			if dep := op.get("deprecated"); dep.n != nil && dep.n.Value == "true" {
				ov.deprec = true
			}
			det.v.ops[key] = ov
		}
	}
	det.finish()
}

// servers reads the majors a servers list offers.
func (det *detector) servers(list at) map[string]at {
	out := map[string]at{}
	if list.n == nil || list.n.Kind != spec.Array {
		return out
	}
	for _, s := range list.n.Children {
		srv := at{list.f, s}
		u := srv.get("url")
		if u.n == nil || u.n.Kind != spec.String {
			continue
		}
		for _, expanded := range expandServer(u.n.Value, srv.get("variables")) {
			p := expanded
			if parsed, err := url.Parse(expanded); err == nil && parsed.Path != "" {
				p = parsed.Path
			}
			for _, seg := range strings.Split(p, "/") {
				if m, ok := segmentMajor(seg); ok {
					det.found(KindServer, "", m, u)
					if _, dup := out[m]; !dup {
						out[m] = u
					}
					break
				}
			}
		}
	}
	return out
}

// expandServer substitutes server variables: every enum value, else the default.
func expandServer(u string, vars at) []string {
	urls := []string{u}
	for _, m := range templateVar.FindAllStringSubmatch(u, -1) {
		v := vars.n.Get(m[1])
		var values []string
		if e := v.Get("enum"); e != nil && e.Kind == spec.Array {
			for _, c := range e.Children {
				values = append(values, c.Value)
			}
		}
		if len(values) == 0 {
			values = []string{v.Str("default")}
		}
		var next []string
		for _, cur := range urls {
			for _, val := range values {
				next = append(next, strings.ReplaceAll(cur, m[0], val))
			}
		}
		urls = next
	}
	return urls
}

// params reads the version headers and query parameters of an operation
// (its own parameters over the path item's).
func (det *detector) params(op, itemParams at, add func(string, Kind)) {
	seen := map[string]bool{}
	for _, list := range []at{op.get("parameters"), itemParams} {
		if list.n == nil || list.n.Kind != spec.Array {
			continue
		}
		for _, c := range list.n.Children {
			p := det.deref(at{list.f, c})
			if p.n == nil {
				continue
			}
			in, name := p.n.Str("in"), p.n.Str("name")
			id := in + "\x00" + strings.ToLower(name)
			if seen[id] {
				continue
			}
			seen[id] = true
			var kind Kind
			switch {
			case in == "header" && containsFold(det.opts.Headers, name):
				kind = KindHeader
			case in == "query" && slices.Contains(det.opts.Query, name):
				kind = KindQuery
			case in == "path" && (containsFold(det.opts.Query, name) || strings.EqualFold(name, "version")):
				kind = KindPath
			default:
				continue
			}
			schema := p
			if s := det.deref(p.get("schema")); s.n != nil {
				schema = s
			}
			var values []string
			if e := schema.n.Get("enum"); e != nil && e.Kind == spec.Array {
				for _, v := range e.Children {
					values = append(values, v.Value)
				}
			}
			for _, k := range []string{"const", "default"} {
				if v := schema.n.Get(k); v != nil && v.Kind != spec.Object && v.Kind != spec.Array {
					values = append(values, v.Value)
				}
			}
			// A header named for the version, or a parameter named api-version,
			// says where the version lives even without values; a path or query
			// parameter merely called version or v (a package version, say)
			// only when its values read as majors.
			if kind == KindHeader || strongName(name) {
				det.found(kind, locName(kind, name), "", p)
			}
			for _, val := range values {
				if m, ok := scheme.ParseMajor(val); ok {
					det.found(kind, locName(kind, name), m, p)
					add(m, kind)
				}
			}
		}
	}
}

// media reads versioned media types in the request body and the responses
// (Swagger 2.0: consumes and produces).
func (det *detector) media(op at, rootMedia []at, add func(string, Kind)) {
	type named struct {
		name string
		a    at
	}
	var types []named
	if det.swagger {
		own := det.swaggerMedia(op)
		if len(own) == 0 {
			own = rootMedia
		}
		for _, t := range own {
			types = append(types, named{t.n.Value, t})
		}
	} else {
		content := func(a at) {
			a = det.deref(a)
			if c := a.get("content"); c.n != nil && c.n.Kind == spec.Object {
				for i, k := range c.n.Keys {
					types = append(types, named{k, at{c.f, c.n.Children[i]}})
				}
			}
		}
		content(op.get("requestBody"))
		if rs := op.get("responses"); rs.n != nil && rs.n.Kind == spec.Object {
			for i := range rs.n.Children {
				content(at{rs.f, rs.n.Children[i]})
			}
		}
	}
	for _, t := range types {
		if base, major, ok := mediaMajor(t.name); ok {
			det.found(KindMediaType, base, major, t.a)
			add(major, KindMediaType)
		}
	}
}

// swaggerMedia lists the consumes and produces entries of a Swagger object.
func (det *detector) swaggerMedia(a at) []at {
	var out []at
	for _, k := range []string{"consumes", "produces"} {
		if l := a.get(k); l.n != nil && l.n.Kind == spec.Array {
			for _, c := range l.n.Children {
				out = append(out, at{l.f, c})
			}
		}
	}
	return out
}

// MediaMajor reads a media type that carries a major: application/vnd.acme.v2+json
// or application/json;version=2 give the media type without its version, and the major.
func MediaMajor(mt string) (base, major string, ok bool) { return mediaMajor(mt) }

// mediaMajor reads application/vnd.acme.v2+json or application/json;version=2.
func mediaMajor(mt string) (base, major string, ok bool) {
	mt = strings.TrimSpace(mt)
	if m := paramMajRe.FindStringSubmatch(mt); m != nil {
		if major, ok := scheme.ParseMajor(m[1]); ok {
			base := strings.TrimSpace(paramMajRe.ReplaceAllString(mt, ""))
			return base, major, true
		}
	}
	plain, _, _ := strings.Cut(mt, ";")
	if m := vendorRe.FindStringSubmatch(strings.TrimSpace(plain)); m != nil {
		major, _ := scheme.ParseMajor("v" + m[2])
		return m[1] + m[3], major, true
	}
	return "", "", false
}

// strongName tells a parameter name that can only mean the API version.
func strongName(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "api") && strings.Contains(n, "version")
}

// locName is the name a location shows: none for the path.
func locName(k Kind, name string) string {
	if k == KindPath {
		return ""
	}
	return name
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// finish orders the locations and counts the majors.
func (det *detector) finish() {
	for _, l := range det.locs {
		slices.SortFunc(l.Majors, scheme.CompareMajors)
		det.v.Locations = append(det.v.Locations, *l)
	}
	slices.SortFunc(det.v.Locations, func(a, b Location) int {
		return cmp.Or(cmp.Compare(slices.Index(kindOrder, a.Kind), slices.Index(kindOrder, b.Kind)), strings.Compare(a.Name, b.Name))
	})
	majors := map[string]*Major{}
	allSunset := map[string]bool{}
	for _, o := range det.v.ops {
		if len(o.majors) == 0 {
			det.v.Unversioned++
		}
		for m := range o.majors {
			mj := majors[m]
			if mj == nil {
				mj = &Major{Major: m}
				majors[m] = mj
				allSunset[m] = true
			}
			mj.Operations++
			if o.deprec {
				mj.Deprecated++
			}
			if o.sunset != "" {
				mj.Sunsets++
				if config.LaterSunset(o.sunset, mj.Sunset) {
					mj.Sunset = o.sunset
				}
			} else {
				allSunset[m] = false
			}
		}
	}
	for m, mj := range majors {
		if !allSunset[m] {
			mj.Sunset = ""
		}
		det.v.Majors = append(det.v.Majors, *mj)
	}
	slices.SortFunc(det.v.Majors, func(a, b Major) int { return scheme.CompareMajors(a.Major, b.Major) })
	if det.v.Locations == nil {
		det.v.Locations = []Location{}
	}
	if det.v.Majors == nil {
		det.v.Majors = []Major{}
	}
}
