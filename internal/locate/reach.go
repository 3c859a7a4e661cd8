package locate

import (
	"cmp"
	"slices"
	"strings"

	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/oasgrammar"
	"github.com/apibump/apibump/internal/spec"
)

// What a change in a component says of the operations that reach it: the
// component and the place inside it (ComponentPlace), and each use's way
// from its operation (ReachList).

// ComponentPlace is where a change lies inside a component.
type ComponentPlace struct {
	File   *spec.File
	Tokens []string // from the file's root
	N      int      // the tokens naming the component
}

// Pointer is the component's JSON pointer, "#/components/schemas/Book",
// prefixed by its file's name when it is not the root document.
func (cp ComponentPlace) Pointer(doc *spec.Document) string {
	p := "#" + spec.JoinPointer(cp.Tokens[:cp.N])
	if cp.File.Key != doc.Root.Key {
		p = cp.File.Name + p
	}
	return p
}

// At is the place inside the component: a schema's property path
// ("isbn", "a/items/b"), the keyword after it ("isbn/maxLength"); in
// another component the fields down to its schema, then the same.
func (cp ComponentPlace) At() string {
	toks := cp.Tokens[cp.N:]
	if cp.isSchema() {
		return SchemaPath(toks)
	}
	for i, t := range toks {
		if t == "schema" {
			rest := SchemaPath(toks[i+1:])
			head := strings.Join(toks[:i+1], "/")
			if rest == "" {
				return head
			}
			return head + "/" + rest
		}
	}
	return strings.Join(toks, "/")
}

func (cp ComponentPlace) isSchema() bool {
	m := cp.Tokens[cp.N-2]
	return m == "schemas" || m == "definitions"
}

// SchemaPath writes the tokens of a place inside a schema as a property
// path, as the messages name properties: a property by its name, a
// subschema of a list or map by its keyword and key ("allOf[0]"), items
// and the other keywords as they are.
func SchemaPath(toks []string) string {
	var out []string
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) {
			switch t {
			case "properties":
				out = append(out, toks[i+1])
				i++
				continue
			case "allOf", "anyOf", "oneOf", "prefixItems", "patternProperties", "$defs", "definitions", "dependentSchemas":
				out = append(out, t+"["+toks[i+1]+"]")
				i++
				continue
			}
		}
		out = append(out, t)
	}
	return strings.Join(out, "/")
}

// InComponent tells where a position lies inside a component of a
// document; ok false when it lies in none.
func InComponent(doc *spec.Document, pos *spec.Position) (ComponentPlace, bool) {
	f, toks, n := finding.ComponentPlace(doc, pos)
	if n == 0 {
		return ComponentPlace{}, false
	}
	return ComponentPlace{File: f, Tokens: toks, N: n}, true
}

// ReachList is what each use of a component says of the way it reaches
// it. doc is the document the uses are in.
func ReachList(doc *spec.Document, uses []Use) []finding.Reach {
	out := make([]finding.Reach, 0, len(uses))
	for _, u := range uses {
		if u.Op == "" {
			continue
		}
		r := finding.Reach{Operation: u.Op, Direction: directionWord(u), More: u.More}
		if u.More == 0 {
			r.Status, r.MediaType, r.Parameter, r.Via = wayParts(doc, u)
		}
		out = append(out, r)
	}
	return out
}

// directionWord is the direction a client sees a use in.
func directionWord(u Use) string {
	switch {
	case u.Side == oasgrammar.NoSide:
		return ""
	case (u.Side == oasgrammar.RequestSide) != u.Mirrored:
		return "request"
	}
	return "response"
}

// wayParts reads a use's way from its operation: the status and media
// type of the body, or the parameter, it reaches the component from, and
// the property path from that schema to the component. The tokens of a
// callback start afresh.
func wayParts(doc *spec.Document, u Use) (status, media, param, via string) {
	toks := u.Path
	schemaAt := -1
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t == "callbacks":
			status, media, param, schemaAt = "", "", "", -1
		case t == "responses" && i+1 < len(toks) && schemaAt < 0:
			status = toks[i+1]
			i++
		case t == "content" && i+1 < len(toks) && schemaAt < 0:
			media = toks[i+1]
			i++
		case t == "parameters" && i+1 < len(toks) && schemaAt < 0:
			param = parameterName(doc, u, toks[:i+2])
			i++
		case t == "schema" && schemaAt < 0:
			schemaAt = i + 1
		}
	}
	if schemaAt >= 0 {
		via = SchemaPath(toks[schemaAt:])
	}
	if param == "" && len(toks) >= 2 && toks[len(toks)-2] == "parameters" {
		param = parameterName(doc, u, toks)
	}
	return
}

// parameterName names the parameter at the tokens from an operation of
// the root document's paths (from its path item after ".."): "query
// limit", "" when it cannot tell.
func parameterName(doc *spec.Document, u Use, toks []string) string {
	method, name, ok := strings.Cut(u.Op, " ")
	if !ok || strings.HasPrefix(name, "webhook:") {
		return ""
	}
	from := []string{"paths", name, strings.ToLower(method)}
	if len(toks) > 0 && toks[0] == ".." {
		from, toks = from[:2], toks[1:]
	}
	n := WalkLogical(doc, append(from, toks...))
	if n == nil || n.Str("name") == "" {
		return ""
	}
	return strings.TrimSpace(n.Str("in") + " " + n.Str("name"))
}

// SortReach orders a reach list: by operation, then its way.
func SortReach(rs []finding.Reach) { slices.SortFunc(rs, compareReach) }

func compareReach(a, b finding.Reach) int {
	return cmp.Or(strings.Compare(a.Operation, b.Operation), strings.Compare(a.Direction, b.Direction),
		cmp.Compare(min(a.More, 1), min(b.More, 1)), // the ways left out after those given
		strings.Compare(a.Status, b.Status), strings.Compare(a.MediaType, b.MediaType),
		strings.Compare(a.Parameter, b.Parameter), strings.Compare(a.Via, b.Via), strings.Compare(a.Message, b.Message),
		cmp.Compare(a.More, b.More))
}

// SharedOasdiff words oasdiff's findings on a component (the engine
// grouped each edit into one, keeping its wording per operation in
// Reach): the finding names the component and the place inside it, and
// lists each operation reaching it, with oasdiff's wording for it. Where
// oasdiff words the operations alike, that wording is the message; where
// it does not (a status, a property path of one operation), word gives
// the message words for the component (the place typed, its document and
// the direction the uses agree on).
func SharedOasdiff(found []finding.Change, docs [2]*spec.Document, users *Users, webhooks []string,
	word func(c *finding.Change, p oasgrammar.Path, doc *spec.Document, dir oasgrammar.Side)) {
	for i := range found {
		c := &found[i]
		if c.Reach == nil {
			continue
		}
		if len(c.Operations) == 0 {
			c.Reach = nil // a change to the document (a component added or removed)
			continue
		}
		side := 1
		if c.Side == finding.SideBase {
			side = 0
		}
		doc := docs[side]
		cp, ok := InComponent(doc, c.Source)
		if !ok {
			continue
		}
		var p oasgrammar.Path
		if cp.File.Key == doc.Root.Key {
			p = Type(doc, cp.Tokens, webhooks)
		}
		ops := map[string]bool{}
		for _, op := range c.Operations {
			ops[op] = true
		}
		var uses []Use
		for _, u := range users.ReachAt(side, cp.File, cp.Tokens, p) {
			if ops[u.Op] {
				uses = append(uses, u)
			}
		}
		one := oneWording(c.Reach)
		reach := ReachList(doc, uses)
		byOp := map[string][]int{} // the ways of each operation, in reach
		for j, r := range reach {
			byOp[r.Operation] = append(byOp[r.Operation], j)
		}
		for _, r := range c.Reach {
			if !ops[r.Operation] || r.Operation == "" {
				continue
			}
			ways := byOp[r.Operation]
			if len(ways) == 0 {
				reach = append(reach, r) // no way known: oasdiff's words
				continue
			}
			if !one {
				// Each wording once, on the way it names.
				j := wayFor(reach, ways, r.Message)
				if j < 0 {
					reach = append(reach, r)
				} else {
					reach[j].Message = r.Message
				}
			}
		}
		SortReach(reach)
		c.Reach = slices.Compact(reach)
		c.Component, c.At = cp.Pointer(doc), cp.At()
		if len(p.Steps) == 0 || one {
			// One wording is every operation's: it is the message, and
			// the reach list does not repeat it.
			continue
		}
		if relativeWording(c.Reach, c.Message) {
			// The wordings differ only by the way to the component: the
			// message is the one of the shortest way.
			continue
		}
		word(c, p, doc, clientSide(uses))
	}
}

// relativeWording tells a reach list each of whose wordings, the way
// through which it reaches the component taken out of the property path it
// names (`items/items/coverUrl` through `items/items`), is msg.
func relativeWording(rs []finding.Reach, msg string) bool {
	n := 0
	for _, r := range rs {
		if r.Message == "" {
			continue
		}
		m := r.Message
		if r.Via != "" {
			m = strings.Replace(m, "`"+r.Via+"/", "`", 1)
		}
		if m != msg {
			return false
		}
		n++
	}
	return n > 1
}

// oneWording tells a reach list whose operations oasdiff words alike.
func oneWording(rs []finding.Reach) bool {
	for _, r := range rs {
		if r.Message != rs[0].Message {
			return false
		}
	}
	return true
}

// wayFor picks, of an operation's ways (indexes in reach), the one a
// wording of oasdiff's is for: the first without a wording that it names
// the status and property path of, else the first without a wording; -1
// when each has one.
func wayFor(reach []finding.Reach, ways []int, msg string) int {
	free := -1
	for _, j := range ways {
		r := reach[j]
		if r.Message != "" || r.More > 0 {
			continue
		}
		if (r.Status == "" || strings.Contains(msg, "`"+r.Status+"`")) && (r.Via == "" || strings.Contains(msg, r.Via+"/")) {
			return j
		}
		if free < 0 {
			free = j
		}
	}
	return free
}

// Direction is the direction all the uses see a place in, NoSide when
// they differ or there are none.
func Direction(uses []Use) oasgrammar.Side {
	dir := oasgrammar.NoSide
	for i, u := range uses {
		if i > 0 && u.Side != dir {
			return oasgrammar.NoSide
		}
		dir = u.Side
	}
	return dir
}

// SetReach gives a change in a component that operations reach (uses,
// in doc) its component, the place inside it and its reach list.
func SetReach(c *finding.Change, doc *spec.Document, uses []Use) {
	if len(uses) == 0 || c.Source == nil {
		return
	}
	cp, ok := InComponent(doc, c.Source)
	if !ok {
		return
	}
	c.Component, c.At = cp.Pointer(doc), cp.At()
	c.Reach = MergeReach(ReachList(doc, uses), nil)
}

// MergeReach is the reach lists a and b in one, sorted, each entry once,
// one count of the ways left out per operation and direction.
func MergeReach(a, b []finding.Reach) []finding.Reach {
	if len(b) == 0 && slices.IsSortedFunc(a, compareReach) {
		return slices.Compact(a)
	}
	out := append(a, b...)
	SortReach(out)
	out = slices.Compact(out)
	// The lists merged are those of one place, found twice (classify's
	// mergeSame): of an operation's ways left out, the larger count stands.
	merged := out[:0]
	for _, r := range out {
		if n := len(merged); n > 0 && r.More > 0 && merged[n-1].More > 0 &&
			merged[n-1].Operation == r.Operation && merged[n-1].Direction == r.Direction {
			merged[n-1].More = max(merged[n-1].More, r.More)
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

// clientSide is the side the client sees a place in through all the uses
// (a webhook's request is a response to it), NoSide when they differ.
func clientSide(uses []Use) oasgrammar.Side {
	dir := oasgrammar.NoSide
	for i, u := range uses {
		d := oasgrammar.ResponseSide
		switch directionWord(u) {
		case "":
			return oasgrammar.NoSide
		case "request":
			d = oasgrammar.RequestSide
		}
		if i > 0 && d != dir {
			return oasgrammar.NoSide
		}
		dir = d
	}
	return dir
}
