package source

import (
	"io/fs"
	"path"

	"github.com/apibump/apibump/internal/safefile"
)

// gitPath opens the repository holding the working directory at revision
// ref, and turns p (written as after REF: in a spec argument) into its
// path from the repository's top. An unknown revision is an error.
func gitPath(ref, p string) (*gitRepo, string, error) {
	repo, err := openGitRepo(ref)
	if err != nil {
		return nil, "", err
	}
	rp, err := repo.repoPath(p)
	if err != nil {
		return nil, "", err
	}
	return repo, rp, nil
}

// GitFileExists reports whether the repository holding the working
// directory has a file at the path (written as after REF: in a spec
// argument) at revision ref. An unknown revision is an error.
func GitFileExists(ref, p string) (bool, error) {
	repo, rp, err := gitPath(ref, p)
	if err != nil {
		return false, err
	}
	_, err = gitBytes(repo.dir, "cat-file", "-e", ref+":"+rp)
	return err == nil, nil
}

// ReadGitFile reads a file of the repository holding the working directory
// at revision ref, as a spec argument REF:path is read (a regular file, or a
// link that stays in the repository; its size checked against limit before
// it is read). A file the revision lacks is fs.ErrNotExist.
func ReadGitFile(ref, p string, limit safefile.Limit) ([]byte, error) {
	repo, rp, err := gitPath(ref, p)
	if err != nil {
		return nil, err
	}
	if _, err := gitBytes(repo.dir, "cat-file", "-e", repo.commit+":"+rp); err != nil {
		return nil, fs.ErrNotExist
	}
	return repo.readLimited(rp, limit)
}

// FindGitFileUp reads, at revision ref, the file called name next to the
// file p (written as after REF:), else in each parent directory up to the
// repository's top: where a changelog or configuration beside a spec is
// found. It returns the content and the path found, from the top; a file
// found nowhere is fs.ErrNotExist.
func FindGitFileUp(ref, p, name string, limit safefile.Limit) ([]byte, string, error) {
	repo, rp, err := gitPath(ref, p)
	if err != nil {
		return nil, "", err
	}
	for dir := path.Dir(rp); ; dir = path.Dir(dir) {
		cand := path.Join(dir, name)
		if _, err := gitBytes(repo.dir, "cat-file", "-e", repo.commit+":"+cand); err == nil {
			data, err := repo.readLimited(cand, limit)
			return data, cand, err
		}
		if dir == "." || dir == "/" {
			return nil, "", fs.ErrNotExist
		}
	}
}
