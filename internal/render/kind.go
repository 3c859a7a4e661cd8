package render

import (
	"slices"
	"strings"
	"sync"

	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/checker/metaschema"
	oasrules "github.com/oasdiff/oasdiff/checker/rules"
)

// ChangeKind says what a change does to what it names, whatever its class:
// it adds it, removes it, or changes it. A release entry lists a removal
// that breaks no client under "Removed", never under "Added".
type ChangeKind string

// The kinds of change.
const (
	KindAdded   ChangeKind = "added"
	KindRemoved ChangeKind = "removed"
	KindChanged ChangeKind = "changed"
)

// KindOf returns the kind of the changes a rule reports. For oasdiff's
// rules it comes from the rule's metadata: a rule about the existence of
// something, its values (enum members) or its structure (the alternatives
// of a oneOf) adds when its edits only add or set, removes when they only
// remove or unset; every other rule (a constraint, a type, requiredness)
// changes. apibump's rules say it in their id's last word (…-added,
// …-removed; …-changed and the rest change).
func KindOf(id string) ChangeKind {
	if k, ok := oasdiffKinds()[id]; ok {
		return k
	}
	words := strings.Split(id, "-")
	switch words[len(words)-1] {
	case "added", "set":
		return KindAdded
	case "removed", "deleted", "unset":
		return KindRemoved
	}
	return KindChanged
}

// oasdiffKinds is the kind of each of oasdiff's rules.
var oasdiffKinds = sync.OnceValue(func() map[string]ChangeKind {
	m := map[string]ChangeKind{}
	for _, r := range checker.GetAllRules() {
		m[r.Id] = kindOfEdits(r.Kind, r.Actions())
	}
	return m
})

func kindOfEdits(k oasrules.Kind, actions []metaschema.Action) ChangeKind {
	if k != oasrules.KindExistence && k != oasrules.KindValues && k != oasrules.KindStructure || len(actions) == 0 {
		return KindChanged
	}
	only := func(allowed ...metaschema.Action) bool {
		for _, a := range actions {
			if !slices.Contains(allowed, a) {
				return false
			}
		}
		return true
	}
	switch {
	case only(metaschema.ActionAdd, metaschema.ActionSet):
		return KindAdded
	case only(metaschema.ActionRemove, metaschema.ActionUnset):
		return KindRemoved
	}
	return KindChanged
}
