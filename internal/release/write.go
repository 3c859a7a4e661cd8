package release

import "github.com/apibump/apibump/internal/atomicfile"

// Write writes a release's two files together or not at all: the
// changelog, and the revision with its new info.version unless stamped is
// nil (the revision already declares the version). An interrupted write is
// finished by the next run (atomicfile.Recover).
func Write(changelog string, entry []byte, revision string, stamped []byte) error {
	files := []atomicfile.File{{Path: changelog, Data: entry}}
	if stamped != nil {
		files = append(files, atomicfile.File{Path: revision, Data: stamped})
	}
	return atomicfile.WriteAll(files)
}
