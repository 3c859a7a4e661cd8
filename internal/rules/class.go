package rules

import "fmt"

// Class is the kind of a change for the people who call the API.
type Class string

const (
	// NonContract changes leave the interface alone (documentation, layout).
	NonContract Class = "non-contract"
	// Additive changes add things nobody has to use; everything that existed still works.
	Additive Class = "additive"
	// Breaking changes remove or modify something published, or put a new obligation on callers.
	Breaking Class = "breaking"
)

// Classes lists the classes from the least to the most severe.
var Classes = []Class{NonContract, Additive, Breaking}

// Rank orders classes: non-contract 1, additive 2, breaking 3; unknown 0.
func (c Class) Rank() int {
	switch c {
	case NonContract:
		return 1
	case Additive:
		return 2
	case Breaking:
		return 3
	}
	return 0
}

// ParseClass reads a class name as users write it.
func ParseClass(s string) (Class, error) {
	switch s {
	case "non-contract", "noncontract", "none", "patch":
		return NonContract, nil
	case "additive", "minor":
		return Additive, nil
	case "breaking", "major":
		return Breaking, nil
	}
	return "", fmt.Errorf("unknown class %q (want breaking, additive or non-contract)", s)
}

// Policy says how strictly modifications of outputs are judged.
type Policy string

const (
	// Contract (the default) treats every removal or modification of a published
	// input or output as breaking, even when a tolerant client survives it.
	Contract Policy = "contract"
	// Compatible counts as breaking only what breaks a tolerant client.
	Compatible Policy = "compatible"
)
