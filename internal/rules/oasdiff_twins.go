package rules

import "strings"

// Inside a webhook or a callback the API sends the request and the client
// answers. oasdiff (v1.38) compares modified webhooks as paths prefixed
// "webhook:" and runs its request and response checks unchanged, so its
// findings there carry the class of the other direction: OasdiffTwin gives
// the rule id oasdiff uses for the same change in the other direction, and
// the engine classes such a finding as its twin.
//
// Twins are, first, the ids that differ only by "request" ↔ "response"
// (request-property-max-length-decreased ↔ response-property-max-length-decreased);
// then the pairs of oasdiffTwinsByHand, where oasdiff names the two sides
// differently. The ids of oasdiffNoTwin have no counterpart in the other
// direction (request parameters, response status codes and headers, sunset
// rules...): the engine keeps their own class.

// oasdiffTwinsByHand pairs ids whose names differ by more than the direction.
var oasdiffTwinsByHand = map[string]string{
	// A property added to or removed from a payload the client receives is
	// a response property; a removed one counts as required (a receiver
	// that reads it breaks).
	"new-optional-request-property":                       "response-optional-property-added",
	"new-required-request-property":                       "response-required-property-added",
	"new-required-request-property-with-default":          "response-required-property-added",
	"request-property-removed":                            "response-required-property-removed",
	"request-property-removed-before-sunset":              "response-required-property-removed-before-sunset",
	"request-property-removed-with-deprecation":           "response-required-property-removed-with-deprecation",
	"response-optional-property-added":                    "new-optional-request-property",
	"response-required-property-added":                    "new-required-request-property",
	"response-optional-property-removed":                  "request-property-removed",
	"response-required-property-removed":                  "request-property-removed",
	"response-required-property-removed-before-sunset":    "request-property-removed-before-sunset",
	"response-required-property-removed-with-deprecation": "request-property-removed-with-deprecation",
	"request-property-became-required-with-default":       "response-property-became-required",
	// Media types and the body's enum: oasdiff says request-body-... and
	// response-media-type-... / response-mediatype-....
	"request-body-media-type-added":         "response-media-type-added",
	"request-body-media-type-removed":       "response-media-type-removed",
	"response-media-type-added":             "request-body-media-type-added",
	"response-media-type-removed":           "request-body-media-type-removed",
	"request-body-became-enum":              "response-mediatype-became-enum",
	"request-body-became-not-enum":          "response-mediatype-became-not-enum",
	"request-body-enum-value-added":         "response-mediatype-enum-value-added",
	"request-body-enum-value-removed":       "response-mediatype-enum-value-removed",
	"response-mediatype-became-enum":        "request-body-became-enum",
	"response-mediatype-became-not-enum":    "request-body-became-not-enum",
	"response-mediatype-enum-value-added":   "request-body-enum-value-added",
	"response-mediatype-enum-value-removed": "request-body-enum-value-removed",
	// A widening in one direction is a change oasdiff names plainly in the other.
	"request-body-multiple-of-generalized":      "response-body-multiple-of-changed",
	"request-property-multiple-of-generalized":  "response-property-multiple-of-changed",
	"request-property-pattern-generalized":      "response-property-pattern-changed",
	"response-body-type-specialized":            "request-body-type-changed",
	"response-property-type-specialized":        "request-property-type-changed",
	"response-body-multiple-of-specialized":     "request-body-multiple-of-changed",
	"response-property-multiple-of-specialized": "request-property-multiple-of-changed",
}

// oasdiffNoTwin lists the ids that name a request or a response and have
// no counterpart in the other direction.
var oasdiffNoTwin = []string{
	"new-optional-request-default-parameter-to-existing-path", "new-optional-request-parameter",
	"new-request-path-parameter", "new-required-request-default-parameter-to-existing-path",
	"new-required-request-header-property", "new-required-request-parameter",
	"optional-response-header-removed", "request-body-added-optional", "request-body-added-required",
	"request-body-became-optional", "request-body-became-required", "request-body-removed",
	"request-body-unique-items-set", "request-header-property-became-enum",
	"request-header-property-became-required", "request-parameter-became-enum",
	"request-parameter-became-not-enum", "request-parameter-became-not-nullable",
	"request-parameter-became-nullable", "request-parameter-became-optional",
	"request-parameter-became-required", "request-parameter-default-value-added",
	"request-parameter-default-value-changed", "request-parameter-default-value-removed",
	"request-parameter-deprecated", "request-parameter-deprecated-sunset-missing",
	"request-parameter-enum-value-added", "request-parameter-enum-value-removed",
	"request-parameter-exclusive-max-decreased", "request-parameter-exclusive-max-increased",
	"request-parameter-exclusive-max-set", "request-parameter-exclusive-max-unset",
	"request-parameter-exclusive-min-decreased", "request-parameter-exclusive-min-increased",
	"request-parameter-exclusive-min-set", "request-parameter-exclusive-min-unset",
	"request-parameter-list-of-types-narrowed", "request-parameter-list-of-types-widened",
	"request-parameter-max-contains-decreased", "request-parameter-max-contains-increased",
	"request-parameter-max-contains-set", "request-parameter-max-contains-unset",
	"request-parameter-max-decreased", "request-parameter-max-increased",
	"request-parameter-max-items-decreased", "request-parameter-max-items-increased",
	"request-parameter-max-items-set", "request-parameter-max-items-unset",
	"request-parameter-max-length-decreased", "request-parameter-max-length-increased",
	"request-parameter-max-length-set", "request-parameter-max-length-unset",
	"request-parameter-max-properties-decreased", "request-parameter-max-properties-increased",
	"request-parameter-max-properties-set", "request-parameter-max-properties-unset",
	"request-parameter-max-set", "request-parameter-max-unset", "request-parameter-min-contains-decreased",
	"request-parameter-min-contains-increased", "request-parameter-min-contains-set",
	"request-parameter-min-contains-unset", "request-parameter-min-decreased",
	"request-parameter-min-increased", "request-parameter-min-items-decreased",
	"request-parameter-min-items-increased", "request-parameter-min-items-set",
	"request-parameter-min-items-unset", "request-parameter-min-length-decreased",
	"request-parameter-min-length-increased", "request-parameter-min-length-set",
	"request-parameter-min-length-unset", "request-parameter-min-properties-decreased",
	"request-parameter-min-properties-increased", "request-parameter-min-properties-set",
	"request-parameter-min-properties-unset", "request-parameter-min-set", "request-parameter-min-unset",
	"request-parameter-multiple-of-set", "request-parameter-multiple-of-unset",
	"request-parameter-pattern-added", "request-parameter-pattern-changed",
	"request-parameter-pattern-generalized", "request-parameter-pattern-removed",
	"request-parameter-property-became-not-enum", "request-parameter-property-became-not-nullable",
	"request-parameter-property-became-nullable", "request-parameter-property-enum-value-added",
	"request-parameter-property-enum-value-removed", "request-parameter-property-list-of-types-narrowed",
	"request-parameter-property-list-of-types-widened", "request-parameter-property-schema-became-false",
	"request-parameter-property-schema-became-not-false", "request-parameter-property-type-changed",
	"request-parameter-property-type-generalized", "request-parameter-property-type-specialized",
	"request-parameter-reactivated", "request-parameter-removed", "request-parameter-removed-before-sunset",
	"request-parameter-removed-with-deprecation", "request-parameter-schema-became-false",
	"request-parameter-schema-became-not-false", "request-parameter-sunset-date-changed-earlier",
	"request-parameter-sunset-date-changed-too-small", "request-parameter-sunset-date-too-small",
	"request-parameter-sunset-deleted", "request-parameter-sunset-parse", "request-parameter-type-changed",
	"request-parameter-type-generalized", "request-parameter-x-extensible-enum-value-removed",
	"request-property-unique-items-set", "request-property-x-extensible-enum-value-removed",
	"request-read-only-property-enum-value-removed", "request-read-only-property-exclusive-max-decreased",
	"request-read-only-property-exclusive-min-increased", "request-read-only-property-max-decreased",
	"request-read-only-property-max-items-decreased", "request-read-only-property-max-length-decreased",
	"request-read-only-property-max-properties-decreased", "request-read-only-property-min-increased",
	"request-required-property-became-not-read-only-in-openapi-31", "required-response-header-removed",
	"response-body-media-type-item-schema-removed-untyped", "response-header-added",
	"response-header-became-not-nullable", "response-header-became-nullable", "response-header-became-optional",
	"response-header-exclusive-max-decreased", "response-header-exclusive-max-increased",
	"response-header-exclusive-max-set", "response-header-exclusive-max-unset",
	"response-header-exclusive-min-decreased", "response-header-exclusive-min-increased",
	"response-header-exclusive-min-set", "response-header-exclusive-min-unset",
	"response-header-max-contains-decreased", "response-header-max-contains-increased",
	"response-header-max-contains-set", "response-header-max-contains-unset", "response-header-max-decreased",
	"response-header-max-increased", "response-header-max-items-decreased",
	"response-header-max-items-increased", "response-header-max-items-set", "response-header-max-items-unset",
	"response-header-max-length-decreased", "response-header-max-length-increased",
	"response-header-max-length-set", "response-header-max-length-unset",
	"response-header-max-properties-decreased", "response-header-max-properties-increased",
	"response-header-max-properties-set", "response-header-max-properties-unset", "response-header-max-set",
	"response-header-max-unset", "response-header-min-contains-decreased",
	"response-header-min-contains-increased", "response-header-min-contains-set",
	"response-header-min-contains-unset", "response-header-min-decreased", "response-header-min-increased",
	"response-header-min-items-decreased", "response-header-min-items-increased",
	"response-header-min-items-set", "response-header-min-items-unset", "response-header-min-length-decreased",
	"response-header-min-length-increased", "response-header-min-length-set",
	"response-header-min-length-unset", "response-header-min-properties-decreased",
	"response-header-min-properties-increased", "response-header-min-properties-set",
	"response-header-min-properties-unset", "response-header-min-set", "response-header-min-unset",
	"response-header-multiple-of-set", "response-header-multiple-of-unset",
	"response-header-schema-became-false", "response-header-schema-became-not-false",
	"response-header-type-changed", "response-header-type-compatible", "response-header-type-generalized",
	"response-header-type-specialized", "response-media-type-name-changed",
	"response-media-type-name-generalized", "response-media-type-name-specialized",
	"response-media-type-parameter-added", "response-media-type-parameter-changed",
	"response-media-type-parameter-removed", "response-non-success-status-added",
	"response-non-success-status-removed", "response-optional-write-only-property-added",
	"response-optional-write-only-property-removed", "response-required-write-only-property-added",
	"response-required-write-only-property-removed", "response-success-status-added",
	"response-success-status-removed", "response-write-only-property-became-optional",
	"response-write-only-property-became-required", "response-write-only-property-enum-value-added",
}

// oasdiffTwins maps each id with a twin to it.
var oasdiffTwins = func() map[string]string {
	ids := make(map[string]bool, len(oasdiffRules))
	for _, r := range oasdiffRules {
		ids[r.ID] = true
	}
	m := map[string]string{}
	for id := range ids {
		if t, ok := swapDirection(id); ok && ids[t] {
			m[id] = t
		}
	}
	for k, v := range oasdiffTwinsByHand {
		m[k] = v
	}
	return m
}()

// swapDirection replaces "request" by "response" in an id, or the reverse.
func swapDirection(id string) (string, bool) {
	switch {
	case strings.Contains(id, "request"):
		return strings.ReplaceAll(id, "request", "response"), true
	case strings.Contains(id, "response"):
		return strings.ReplaceAll(id, "response", "request"), true
	}
	return "", false
}

// OasdiffTwin returns the oasdiff rule id for the same change in the other
// direction, for re-classing a finding inside a webhook or a callback.
func OasdiffTwin(id string) (string, bool) {
	t, ok := oasdiffTwins[id]
	return t, ok
}

// OasdiffNoTwin returns the oasdiff ids that name a direction and have no twin.
func OasdiffNoTwin() []string { return append([]string(nil), oasdiffNoTwin...) }
