//go:build !unix

package safefile

import "os"

// openNoFollow opens a resolved path for reading; the type of the opened
// file is checked again after the open.
func openNoFollow(path string) (*os.File, error) {
	return os.Open(path)
}
