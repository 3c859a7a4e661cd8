//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// openNoFollow opens a resolved path for reading without blocking on a FIFO
// and without following a symbolic link put in its place after the check.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
}
