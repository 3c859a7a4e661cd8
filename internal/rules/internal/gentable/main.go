// Command gentable regenerates internal/rules/oasdiff_rules.go from oasdiff's rule list (run `go run ./internal/rules/internal/gentable -w` from the module root, then review the diff).
//
// Every oasdiff rule gets a class under each policy. The class comes from the
// rule's direction, kind, actions and effect (see contractClass), unless the
// rule is listed in decisions, which holds every rule of direction none and
// every case where those heuristics are wrong, each with its reason. The
// compatible class follows oasdiff's level (see compatibleClass). A rule the
// heuristics cannot place makes the command fail, so a new oasdiff rule never
// gets a class by accident: decide it here, regenerate, and review.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/oasdiff/oasdiff/checker"
	oasrules "github.com/oasdiff/oasdiff/checker/rules"

	"github.com/apibump/apibump/internal/rules"
)

const (
	B = rules.Breaking
	A = rules.Additive
	N = rules.NonContract
)

// decision is a class chosen by hand for one rule.
type decision struct {
	contract, compatible rules.Class
	why                  string
}

// decisions are the rules whose classes are chosen by hand: every rule of
// direction none, and the overrides of the heuristics.
var decisions = map[string]decision{
	// Direction none: endpoints, webhooks, security, tags, operation ids, the version field.
	"endpoint-added":                       {A, A, "a new endpoint"},
	"webhook-added":                        {A, A, "a new webhook"},
	"webhook-removed":                      {B, B, "a published webhook is gone"},
	"api-removed-without-deprecation":      {B, B, "a published endpoint is gone"},
	"api-removed-with-deprecation":         {B, A, "removal of a published endpoint; compatible follows oasdiff (info: deprecated first)"},
	"api-removed-before-sunset":            {B, B, "removal before the promised sunset"},
	"api-path-removed-without-deprecation": {B, B, "a published path is gone"},
	"api-path-removed-with-deprecation":    {B, A, "removal of a published path; compatible follows oasdiff (info: deprecated first)"},
	"api-path-removed-before-sunset":       {B, B, "removal before the promised sunset"},
	"api-path-sunset-parse":                {B, B, "fires when a deprecated path with an unreadable sunset is removed: a removal without a valid sunset"},
	"endpoint-deprecated":                  {A, A, "a deprecation mark; everything still works"},
	"endpoint-deprecated-with-sunset":      {A, A, "a deprecation mark; everything still works"},
	"endpoint-reactivated":                 {A, A, "the deprecation mark is withdrawn"},
	"api-deprecated-sunset-missing":        {A, A, "the change is a deprecation; the missing sunset is a policy violation, not an interface change"},
	"api-deprecated-sunset-parse":          {A, A, "the change is a deprecation; the unreadable sunset is a policy violation, not an interface change"},
	"api-sunset-date-too-small":            {A, A, "the change is a deprecation (with a short sunset); everything still works"},
	"api-sunset-date-changed-too-small":    {B, B, "a published sunset promise was shortened"},
	"sunset-deleted":                       {A, A, "the sunset of a deprecated endpoint was withdrawn; the endpoint stays"},
	"api-stability-decreased":              {B, B, "the published stability level went down"},
	"api-stability-increased":              {A, A, "the stability level went up"},
	"api-invalid-stability-level":          {B, B, "the stability level is no longer a valid one"},
	"api-operation-id-added":               {A, A, "an operationId where there was none"},
	"api-operation-id-removed":             {B, A, "a published operationId was removed or changed (generated clients rename); compatible follows oasdiff (info)"},
	"api-schema-removed":                   {B, A, "a published component schema was removed; compatible follows oasdiff (info)"},
	"api-tag-added":                        {N, N, "tags are documentation"},
	"api-tag-removed":                      {N, N, "tags are documentation"},
	"api-version-changed":                  {N, N, "a note that info.version changed; apibump judges the version itself and leaves the finding out"},
	// An operation's security, its own list or the root list it inherits;
	// going from anonymous to authenticated and back is api-security-anonymous-access-*.
	"api-security-added": {A, A,
		"a new security alternative: callers may authenticate another way and the ways they use still work (security where there was none is api-security-anonymous-access-removed)"},
	"api-security-removed":       {B, B, "a security alternative that callers use is gone (oasdiff: error)"},
	"api-security-scope-added":   {B, B, "callers need a scope they did not need"},
	"api-security-scope-removed": {A, A, "a requirement was relaxed: callers need one scope less"},
	"api-security-anonymous-access-removed": {B, B,
		"requests without credentials are refused now: a new obligation (an operation whose `security: []` override is gone, or that needs security where it needed none)"},
	"api-security-anonymous-access-added": {A, A,
		"a requirement was relaxed: the operation now also accepts requests without credentials"},
	// The root security list: oasdiff reports a change to it on every
	// operation that inherits it (the rules above), and with these rules,
	// at level info, only when no operation does.
	"api-global-security-added": {A, A,
		"a new alternative in the root security list, which no operation inherits"},
	"api-global-security-removed": {B, A,
		"an alternative of the published root security list is gone; no operation inherits the list, so compatible follows oasdiff's level for that case (info)"},
	"api-global-security-scope-added": {B, A,
		"the published root security list needs one scope more; no operation inherits the list, so compatible follows oasdiff's level for that case (info)"},
	"api-global-security-scope-removed":                 {A, A, "a requirement was relaxed: callers need one scope less"},
	"api-security-component-added":                      {A, A, "a new security scheme component"},
	"api-security-component-removed":                    {B, A, "a published security scheme component was removed; compatible follows oasdiff (info)"},
	"api-security-component-type-changed":               {B, B, "callers must authenticate another way"},
	"api-security-component-oauth-url-changed":          {B, B, "callers must get their tokens elsewhere"},
	"api-security-component-oauth-token-url-changed":    {B, B, "callers must get their tokens elsewhere"},
	"api-security-component-oauth-refresh-url-changed":  {B, B, "callers must refresh their tokens elsewhere"},
	"api-security-component-openid-connect-url-changed": {B, B, "callers must discover the OpenID provider elsewhere"},
	"api-security-component-api-key-name-changed":       {B, B, "callers must send their API key under another name"},
	"api-security-component-api-key-in-changed":         {B, B, "callers must send their API key in another place (header, query or cookie)"},
	"api-security-component-http-scheme-changed":        {B, B, "callers must authenticate with another HTTP scheme"},
	"api-security-component-bearer-format-changed": {N, N,
		"bearerFormat is a hint, for documentation (OpenAPI: \"primarily for documentation purposes\"); the credentials sent are unchanged"},
	"api-security-component-oauth-scope-added":   {A, A, "a new scope that nobody has to request"},
	"api-security-component-oauth-scope-removed": {B, A, "a published scope was removed; compatible follows oasdiff (info)"},
	"api-security-component-oauth-scope-changed": {N, N, "only the scope's description text changed (the scopes map holds name: description)"},

	// Overrides of the heuristics for request and response oasrules.
	"request-parameter-removed-with-deprecation": {B, A, "a removal of a published input (oasdiff calls it widens because it was deprecated first); compatible follows oasdiff (info)"},
	"request-parameter-sunset-parse":             {B, B, "also fires when a deprecated parameter with an unreadable sunset is removed: a removal without a valid sunset"},
	"request-required-property-became-not-read-only": {B, B,
		"a required property that requests could leave out (readOnly) must now be sent: a new required input"},
	"request-required-property-became-not-read-only-in-openapi-31": {A, A,
		"in OpenAPI 3.1 required applies to a readOnly property in requests too, so callers already send it; it may now also be written (unlike request-required-property-became-not-read-only, no new input)"},
	"response-required-property-became-write-only": {B, B,
		"a required response property is no longer returned: callers that read it break (like response-required-property-removed)"},
	"response-body-schema-became-not-false": {A, A,
		"a response that could not occur (schema false) can now occur: a new output (oasdiff: negotiated, info)"},
	"request-body-default-value-added":      {A, A, "a documented default where there was none"},
	"request-parameter-default-value-added": {A, A, "a documented default where there was none"},
	"request-property-default-value-added":  {A, A, "a documented default where there was none"},
	"request-body-default-value-changed": {B, A,
		"callers that omit the value get another behaviour; compatible follows oasdiff (info)"},
	"request-parameter-default-value-changed": {B, A,
		"callers that omit the value get another behaviour; compatible follows oasdiff (info)"},
	"request-property-default-value-changed": {B, A,
		"callers that omit the value get another behaviour; compatible follows oasdiff (info)"},
	"request-body-default-value-removed": {B, A,
		"callers that omit the value lose the documented behaviour; compatible follows oasdiff (info)"},
	"request-parameter-default-value-removed": {B, A,
		"callers that omit the value lose the documented behaviour; compatible follows oasdiff (info)"},
	"request-property-default-value-removed": {B, A,
		"callers that omit the value lose the documented behaviour; compatible follows oasdiff (info)"},
	"response-body-default-value-added":     {A, A, "a documented default where there was none"},
	"response-property-default-value-added": {A, A, "a documented default where there was none"},
	"request-body-discriminator-added":      {A, A, "a discriminator is a hint; the accepted payloads are unchanged"},
	"request-property-discriminator-added":  {A, A, "a discriminator is a hint; the accepted payloads are unchanged"},
	"response-body-discriminator-added":     {A, A, "a discriminator is a hint; the returned payloads are unchanged"},
	"response-property-discriminator-added": {A, A, "a discriminator is a hint; the returned payloads are unchanged"},
	"request-body-discriminator-mapping-added": {A, A,
		"a new discriminator value accepted in the input"},
	"request-property-discriminator-mapping-added": {A, A,
		"a new discriminator value accepted in the input"},
	"request-body-discriminator-mapping-changed":           {B, A, "a published discriminator changed; compatible follows oasdiff (info)"},
	"request-property-discriminator-mapping-changed":       {B, A, "a published discriminator changed; compatible follows oasdiff (info)"},
	"request-body-discriminator-mapping-deleted":           {B, A, "a published discriminator value was removed; compatible follows oasdiff (info)"},
	"request-property-discriminator-mapping-deleted":       {B, A, "a published discriminator value was removed; compatible follows oasdiff (info)"},
	"request-body-discriminator-property-name-changed":     {B, A, "a published discriminator changed; compatible follows oasdiff (info)"},
	"request-property-discriminator-property-name-changed": {B, A, "a published discriminator changed; compatible follows oasdiff (info)"},
	"request-body-discriminator-removed":                   {B, A, "a published discriminator was removed; compatible follows oasdiff (info)"},
	"request-property-discriminator-removed":               {B, A, "a published discriminator was removed; compatible follows oasdiff (info)"},
	"request-body-all-of-added-annotation-only":            {N, N, "annotation only, no wire-contract effect"},
	"request-body-all-of-removed-annotation-only":          {N, N, "annotation only, no wire-contract effect"},
	"request-property-all-of-added-annotation-only":        {N, N, "annotation only, no wire-contract effect"},
	"request-property-all-of-removed-annotation-only":      {N, N, "annotation only, no wire-contract effect"},
	"response-body-all-of-added-annotation-only":           {N, N, "annotation only, no wire-contract effect"},
	"response-body-all-of-removed-annotation-only":         {N, N, "annotation only, no wire-contract effect"},
	"response-property-all-of-added-annotation-only":       {N, N, "annotation only, no wire-contract effect"},
	"response-property-all-of-removed-annotation-only":     {N, N, "annotation only, no wire-contract effect"},
	"request-read-only-property-enum-value-removed":        {N, N, readOnlyInRequest},
	"request-read-only-property-exclusive-max-decreased":   {N, N, readOnlyInRequest},
	"request-read-only-property-exclusive-min-increased":   {N, N, readOnlyInRequest},
	"request-read-only-property-max-decreased":             {N, N, readOnlyInRequest},
	"request-read-only-property-max-items-decreased":       {N, N, readOnlyInRequest},
	"request-read-only-property-max-length-decreased":      {N, N, readOnlyInRequest},
	"request-read-only-property-max-properties-decreased":  {N, N, readOnlyInRequest},
	"request-read-only-property-min-increased":             {N, N, readOnlyInRequest},
	"response-optional-write-only-property-added":          {N, N, writeOnlyInResponse},
	"response-required-write-only-property-added":          {N, N, writeOnlyInResponse},
	"response-optional-write-only-property-removed":        {N, N, writeOnlyInResponse},
	"response-required-write-only-property-removed":        {N, N, writeOnlyInResponse},
	"response-write-only-property-became-optional":         {N, N, writeOnlyInResponse},
	"response-write-only-property-became-required":         {N, N, writeOnlyInResponse},
	"response-write-only-property-enum-value-added":        {N, N, writeOnlyInResponse},
}

const (
	readOnlyInRequest   = "a readOnly property is not part of requests; the request side is unchanged and the response rules report the change"
	writeOnlyInResponse = "a writeOnly property is not part of responses; the response side is unchanged and the request rules report the change"
)

// contractClass derives the class under the contract policy from the rule's
// taxonomy; "" means the heuristics cannot place the rule.
func contractClass(r oasrules.Rule) rules.Class {
	actions := actionsOf(r)
	only := func(as ...string) bool {
		for _, a := range actions {
			if !slices.Contains(as, a) {
				return false
			}
		}
		return len(actions) > 0
	}
	if r.Kind == oasrules.KindLifecycle {
		// Deprecation, reactivation, sunset and stability marks: everything still works,
		// unless a published promise is withdrawn (a lower stability, a sunset brought forward).
		switch {
		case strings.Contains(r.Id, "stability-decreased"), strings.Contains(r.Id, "changed-too-small"),
			strings.Contains(r.Id, "changed-earlier"):
			return B
		}
		return A
	}
	switch r.Direction {
	case oasrules.DirectionRequest:
		switch {
		case r.Kind == oasrules.KindExistence && slices.Contains(actions, "remove"):
			return B
		case r.Kind == oasrules.KindMutability && only("set"):
			return B // became read-only or write-only
		case r.Kind == oasrules.KindMutability && only("unset"):
			return A
		case r.Effect == oasrules.EffectNarrows, r.Effect == oasrules.EffectIncomparable,
			r.Effect == oasrules.EffectUnknown, r.Effect == oasrules.EffectViolation:
			return B
		case r.Effect == oasrules.EffectWidens:
			return A
		case r.Kind == oasrules.KindExistence && only("add", "set"):
			return A // a new optional input
		case r.Kind == oasrules.KindExistence:
			return B
		}
	case oasrules.DirectionResponse:
		switch {
		case r.Kind == oasrules.KindExistence && only("add"):
			return A // a new output, even a required one
		case r.Kind == oasrules.KindMutability && only("unset"):
			return A
		default:
			return B // any other removal or modification of an output
		}
	}
	return ""
}

// compatibleClass derives the class under the compatible policy.
func compatibleClass(r oasrules.Rule, contract rules.Class) rules.Class {
	if contract == B && r.Level == oasrules.INFO {
		return A // oasdiff: a removal or modification that tolerant clients survive
	}
	return contract
}

func actionsOf(r oasrules.Rule) []string {
	var out []string
	for _, a := range r.Actions() {
		out = append(out, string(a))
	}
	return out
}

func main() {
	write := flag.Bool("w", false, "write internal/rules/oasdiff_rules.go instead of printing it")
	flag.Parse()

	loc := checker.NewDefaultLocalizer()
	seen := map[string]bool{}
	var all []oasrules.Rule
	for _, r := range checker.GetAllRules() {
		if !seen[r.Id] {
			seen[r.Id] = true
			all = append(all, r.Rule)
		}
	}
	slices.SortFunc(all, func(a, b oasrules.Rule) int { return strings.Compare(a.Id, b.Id) })

	for id := range decisions {
		if !seen[id] {
			log.Fatalf("decision for %q, which oasdiff does not have", id)
		}
	}

	var buf bytes.Buffer
	fmt.Fprintf(&buf, header, oasdiffVersion(), len(all))
	var unplaced []string
	for _, r := range all {
		contract, compatible, why := rules.Class(""), rules.Class(""), ""
		if d, ok := decisions[r.Id]; ok {
			contract, compatible, why = d.contract, d.compatible, d.why
		} else if contract = contractClass(r); contract != "" {
			compatible = compatibleClass(r, contract)
		}
		if contract == "" {
			unplaced = append(unplaced, fmt.Sprintf("%s (%s %s %s %v)", r.Id, r.Direction, r.Kind, r.Effect, actionsOf(r)))
			continue
		}
		if why != "" {
			fmt.Fprintf(&buf, "\t// By hand: %s.\n", why)
		}
		fmt.Fprintf(&buf, "\t{ID: %s, Contract: %s, Compatible: %s, Description: %s},\n",
			strconv.Quote(r.Id), ident(contract), ident(compatible), strconv.Quote(loc(r.Description)))
	}
	buf.WriteString("}\n")
	if len(unplaced) > 0 {
		log.Fatalf("decide these rules by hand in decisions:\n  %s", strings.Join(unplaced, "\n  "))
	}

	src, err := format.Source(buf.Bytes())
	if err != nil {
		log.Fatal(err)
	}
	if !*write {
		os.Stdout.Write(src)
		return
	}
	if err := os.WriteFile("internal/rules/oasdiff_rules.go", src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// oasdiffVersion is the version of the oasdiff module this command is built with.
func oasdiffVersion() string {
	const path = "github.com/oasdiff/oasdiff"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == path {
				if m.Replace != nil {
					m = m.Replace
				}
				return m.Version
			}
		}
	}
	log.Fatalf("no version of %s in the build information", path)
	return ""
}

func ident(c rules.Class) string {
	switch c {
	case B:
		return "Breaking"
	case A:
		return "Additive"
	case N:
		return "NonContract"
	}
	panic("unknown class " + c)
}

const header = `package rules

// oasdiffRules gives every rule of oasdiff %s (%d rule ids) its class under
// each policy, one row per rule id, sorted by id. The descriptions are oasdiff's.
//
// The rows were generated by internal/rules/internal/gentable from each rule's
// direction, kind, actions, effect and level, and reviewed by hand; rows with a
// "By hand" comment were decided individually (all rules of direction none and
// the overrides of the heuristics). To change a class, change the decision in
// gentable and regenerate (go run ./internal/rules/internal/gentable -w), so the
// table and its reasons stay together.
//
// Contract: removing or modifying anything published is breaking, adding is
// additive. Compatible: breaking only where oasdiff's level is error or warning
// (and a few security changes); other contract-breaking rows are additive.
var oasdiffRules = []Rule{
`
