package source

// GitFileExists reports whether the repository holding the working
// directory has a file at the path (written as after REF: in a spec
// argument) at revision ref. An unknown revision is an error.
func GitFileExists(ref, p string) (bool, error) {
	repo, err := openGitRepo(ref)
	if err != nil {
		return false, err
	}
	rp, err := repo.repoPath(p)
	if err != nil {
		return false, err
	}
	_, err = gitBytes(repo.dir, "cat-file", "-e", ref+":"+rp)
	return err == nil, nil
}
