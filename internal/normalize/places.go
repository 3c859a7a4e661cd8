package normalize

// Places indexes rewrites by the place each happened, as a tree of JSON
// pointer tokens per file. The places of nested rewrites share their
// prefixes (a schema's path is its parent's and one token), and each is
// entered once, so indexing the rewrites of n schemas nested n deep costs
// n, where writing out each pointer would cost n².
type Places struct {
	files map[string]*Place
	made  map[placeKey]*Place
}

type placeKey struct {
	file string
	at   *path
}

// Place is one place in a file: a node of Places.
type Place struct {
	parent *Place
	kids   map[string]*Place
	rw     *Rewrite
}

// NewPlaces returns an empty index.
func NewPlaces() *Places {
	return &Places{files: map[string]*Place{}, made: map[placeKey]*Place{}}
}

// Of returns the place of rw (see Rewrite.Pointer) in its file.
func (x *Places) Of(rw *Rewrite) *Place {
	return x.of(rw.File().Key, rw.at)
}

func (x *Places) of(file string, p *path) *Place {
	if p == nil {
		return x.root(file)
	}
	k := placeKey{file, p}
	if pl := x.made[k]; pl != nil {
		return pl
	}
	// Iteratively up to the nearest place made, then down again: no
	// recursion as deep as the document.
	var chain []*path
	var pl *Place
	for q := p; ; q = q.parent {
		if q == nil {
			pl = x.root(file)
			break
		}
		if made := x.made[placeKey{file, q}]; made != nil {
			pl = made
			break
		}
		chain = append(chain, q)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		pl = pl.Child(chain[i].tok)
		x.made[placeKey{file, chain[i]}] = pl
	}
	return pl
}

func (x *Places) root(file string) *Place {
	r := x.files[file]
	if r == nil {
		r = &Place{}
		x.files[file] = r
	}
	return r
}

// Parent is the place holding p; nil for a file's root.
func (p *Place) Parent() *Place { return p.parent }

// Child returns the place of tok below p, making it if need be.
func (p *Place) Child(tok string) *Place {
	c := p.kids[tok]
	if c == nil {
		if p.kids == nil {
			p.kids = map[string]*Place{}
		}
		c = &Place{parent: p}
		p.kids[tok] = c
	}
	return c
}

// Claim records rw at p, unless a rewrite is recorded there already.
func (p *Place) Claim(rw *Rewrite) {
	if p.rw == nil {
		p.rw = rw
	}
}

// Deepest returns the rewrite recorded at the deepest place along toks
// in file (its root included), or nil.
func (x *Places) Deepest(file string, toks []string) *Rewrite {
	p := x.files[file]
	if p == nil {
		return nil
	}
	found := p.rw
	for _, t := range toks {
		if p = p.kids[t]; p == nil {
			break
		}
		if p.rw != nil {
			found = p.rw
		}
	}
	return found
}
