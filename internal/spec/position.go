package spec

import "fmt"

// Position is a place in a source file, as shown to users.
type Position struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// At is the place in its file the position names.
func (p *Position) At() Pos { return Pos{Line: int32(p.Line), Col: int32(p.Column)} }

func (p *Position) String() string {
	if p == nil {
		return ""
	}
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}
