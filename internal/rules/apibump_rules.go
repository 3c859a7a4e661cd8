package rules

// Rule ids of apibump's own tree-level rules. They classify what the two
// documents show when compared as plain trees and oasdiff reports nothing.
// This is the one declaration of these ids: the engine uses these names
// (TreeRuleIDs lists the ones it produces today).
const (
	UnclassifiedChange      = "unclassified-change"
	DocumentationChanged    = "documentation-changed"
	ExtensionChanged        = "extension-changed"
	SpecVersionChanged      = "spec-version-changed"
	SpecFormatChanged       = "spec-format-changed"
	SecurityOverrideRemoved = "security-override-removed"
	SecurityOverrideAdded   = "security-override-added"
	PathParameterRenamed    = "path-parameter-renamed"
	ServerAdded             = "server-added"
	ServerRemoved           = "server-removed"
	ServerChanged           = "server-changed"
	CallbackAdded           = "callback-added"
	CallbackRemoved         = "callback-removed"
	CallbackChanged         = "callback-changed"
	SerializationChanged    = "parameter-serialization-changed"
	EncodingChanged         = "encoding-changed"
	ComponentAdded          = "component-added"
	ComponentRemoved        = "component-removed"
	DeprecationChanged      = "deprecation-changed"
	ResponseHeaderChanged   = "response-header-changed"
	LinkAdded               = "link-added"
	LinkChanged             = "link-changed"
	StabilityDecreased      = "stability-decreased"
	StabilityIncreased      = "stability-increased"
	// ResponseHeaderAdded is oasdiff's id, which the tree rules share.
	ResponseHeaderAdded = "response-header-added"
	// ComponentUnusedChanged: a difference inside a component that no
	// operation, webhook or callback reaches.
	ComponentUnusedChanged = "component-unused-changed"
	// EquivalentForm: the documents differ as written where the
	// normalisation rewrote one of them into a form that accepts and
	// returns the same messages (an allOf of one $ref, a nullable form,
	// a header name's case...).
	EquivalentForm = "equivalent-form"
	// LayoutChanged: the documents differ as written, and not in what
	// they accept or return (a $ref and an equal inlined value, a
	// component that only the layout adds).
	LayoutChanged = "layout-changed"
)

// Rule ids the field table (fields_table.go) gives fields by name; their
// rows in the rule table come from the field table.
const (
	ComponentsContainerChanged  = "components-container-changed"
	InfoVersionChanged          = "info-version-changed"
	ReferenceChanged            = "reference-changed"
	SchemaDialectChanged        = "schema-dialect-changed"
	SchemaIdentifierChanged     = "schema-identifier-changed"
	SchemaDefinitionsChanged    = "schema-definitions-changed"
	SchemaXMLChanged            = "schema-xml-changed"
	SchemaUnknownKeywordChanged = "schema-unknown-keyword-changed"
)

// TreeRuleIDs lists the ids the tree rules of the engine can produce today
// (treerules.go), beside the oasdiff ids it reuses for removals after
// a sunset.
var TreeRuleIDs = []string{
	UnclassifiedChange, DocumentationChanged, ExtensionChanged, SpecVersionChanged, SpecFormatChanged,
	SecurityOverrideRemoved, SecurityOverrideAdded, PathParameterRenamed, ServerAdded,
	ServerRemoved, ServerChanged, CallbackAdded, CallbackRemoved,
	CallbackChanged, SerializationChanged, EncodingChanged, ComponentAdded,
	ComponentRemoved, DeprecationChanged, ResponseHeaderAdded, ResponseHeaderChanged,
	LinkAdded, LinkChanged, StabilityDecreased, StabilityIncreased,
	ComponentUnusedChanged, EquivalentForm, LayoutChanged,
}

// apibumpRules are the rows of the table for apibump's own rules.
var apibumpRules = []Rule{
	{ID: UnclassifiedChange, Contract: Breaking, Compatible: Breaking,
		Description: "a difference between the documents that no rule explains; counted as breaking until configuration says otherwise"},
	{ID: DocumentationChanged, Contract: NonContract, Compatible: NonContract,
		Description: "description, summary, title, example, externalDocs, tag or info text changed"},
	{ID: ExtensionChanged, Contract: NonContract, Compatible: NonContract,
		Description: "a vendor extension (x-*) that no rule interprets was added, removed or changed"},
	{ID: SpecVersionChanged, Contract: NonContract, Compatible: NonContract,
		Description: "the OpenAPI or Swagger version of the document changed"},
	{ID: SpecFormatChanged, Contract: NonContract, Compatible: NonContract,
		Description: "the document moved between Swagger 2.0 and OpenAPI 3.x; only the semantic comparison applies"},
	{ID: SecurityOverrideRemoved, Contract: Breaking, Compatible: Breaking,
		Description: "an operation's `security: []` override was removed, so the operation now needs the global security requirements"},
	{ID: SecurityOverrideAdded, Contract: Additive, Compatible: Additive,
		Description: "an operation got a `security: []` override, so it no longer needs the global security requirements"},
	{ID: PathParameterRenamed, Contract: NonContract, Compatible: NonContract,
		Description: "a path parameter was renamed; the URL template is unchanged"},
	{ID: ServerAdded, Contract: Additive, Compatible: Additive,
		Description: "a server was added"},
	{ID: ServerRemoved, Contract: Breaking, Compatible: Breaking,
		Description: "a server was removed"},
	{ID: ServerChanged, Contract: Breaking, Compatible: Breaking,
		Description: "a server URL or its variables changed"},
	{ID: CallbackAdded, Contract: Additive, Compatible: Additive,
		Description: "a callback was added to an operation"},
	{ID: CallbackRemoved, Contract: Breaking, Compatible: Breaking,
		Description: "a callback was removed from an operation"},
	{ID: CallbackChanged, Contract: Breaking, Compatible: Breaking,
		Description: "a callback's requests or responses changed"},
	{ID: SerializationChanged, Contract: Breaking, Compatible: Breaking,
		Description: "a parameter's or header's serialization (style, explode, allowReserved, content) changed"},
	{ID: EncodingChanged, Contract: Breaking, Compatible: Breaking,
		Description: "a request or response body's encoding changed"},
	{ID: ComponentAdded, Contract: Additive, Compatible: Additive,
		Description: "a reusable component was added"},
	{ID: ComponentRemoved, Contract: Breaking, Compatible: Additive,
		Description: "a reusable component that no operation uses was removed"},
	{ID: DeprecationChanged, Contract: Additive, Compatible: Additive,
		Description: "an element was marked deprecated (or no longer deprecated)"},
	{ID: ResponseHeaderChanged, Contract: Breaking, Compatible: Breaking,
		Description: "a response header's schema or requiredness changed"},
	{ID: LinkAdded, Contract: Additive, Compatible: Additive,
		Description: "a response link was added"},
	{ID: LinkChanged, Contract: Breaking, Compatible: Additive,
		Description: "a response link was removed or changed"},
	{ID: StabilityDecreased, Contract: Breaking, Compatible: Breaking,
		Description: "an element's x-stability was lowered (stable → beta → alpha); a release may not do that"},
	{ID: StabilityIncreased, Contract: Additive, Compatible: Additive,
		Description: "an element's x-stability was raised (alpha → beta → stable)"},
	{ID: ComponentUnusedChanged, Contract: NonContract, Compatible: NonContract,
		Description: "a component that no operation, webhook or callback reaches was added, removed or changed"},
	{ID: EquivalentForm, Contract: NonContract, Compatible: NonContract,
		Description: "a schema, parameter or header written in another form that accepts and returns the same messages (allOf of one $ref, nullable forms, type lists, header name case, path-level parameters...)"},
	{ID: LayoutChanged, Contract: NonContract, Compatible: NonContract,
		Description: "the document's layout changed ($ref and an equal inlined value, a component the operations reach as before) and not what it accepts or returns"},
}
