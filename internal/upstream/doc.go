// Package upstream holds every assumption apibump makes about the private
// behaviour of its dependencies, kin-openapi (v0.153) and oasdiff (v1.38):
// what their documentation does not promise but apibump's speed, its
// positions or its words rest on; those of decoding kin-openapi's model
// (2, 3 and 14) are in its package kindecode. Nothing outside these two
// packages relies on such behaviour; code elsewhere calls their public
// API, or these packages.
// Each assumption has a test that fails when an upgrade breaks it:
//
//  1. Origins (origin.go, ApplyOrigins). kinmodel builds kin-openapi's
//     model from its own position trees, then writes an openapi3.Origin
//     into every element by reflection (the Ref, Value and Origin fields,
//     the JSON names of the fields, the Map methods of Paths, Responses and
//     Callback), the way kin-openapi's loader records them with
//     IncludeOrigin: the key of each element, its fields, the scalar items
//     of its sequences, the keys of a map of scalars sorted; a $ref chain
//     stands where its value is written; the allOf items kin-openapi adds
//     for the keywords beside an OpenAPI 3.1 $ref stand at that $ref (an
//     element reached from two places, as these are, gets the first in the
//     order of map keys, so not the order Go reads a map in; guard:
//     kinmodel's TestOriginsDoNotHangOnMapOrder); and
//     a Swagger 2.0 tree is reshaped as openapi2conv converts it
//     (swaggerAsV3). Two differences are deliberate (see the test): a
//     schema keeps its own key where kin-openapi gives it its parent's, and
//     an element no key heads starts where it starts, not at its first key.
//     Guard: TestOriginsAsKinOpenAPIRecordsThem (every OpenAPI 3 spec of the
//     corpus, element by element), and TestPublicAPIGivesTheSameFindings
//     (below) for what oasdiff makes of them.
//  2. The model in parts (kindecode/split.go, LoadSplit, LoadDecoded,
//     AppendFloat64).
//     The document without its big members goes through the loader, and
//     each components map and path item is decoded on its own with
//     kin-openapi's UnmarshalJSON methods (a path item with its numbers
//     re-encoded as float64s, as Paths.UnmarshalJSON does); the location
//     the loader keeps in unexported fields is copied from a model it
//     loads from an empty document. Guard: kinmodel's
//     TestSplitLoadIsTheSameModel (the model equals the loader's).
//  3. Deep schemas cut (kindecode/cut.go, Splice). Decoding JSON into
//     kin-openapi's types depends on nothing but the bytes decoded, so a
//     schema decoded on its own and put in place by reflection is the one
//     decoded in place. Guard: kinmodel's TestCutDecodingIsTheSameModel.
//  4. $refs resolved in linear time (resolve.go, ResolveRefs). Loader's
//     ResolveRefsIn takes a wrapper with a Ref and a Value as resolved,
//     visits the components in the order of their names, and copies the
//     value of a component it resolves a $ref to: chain links get their
//     value beforehand, components stand behind stand-ins while it runs,
//     and the schemas under which nothing is left to resolve are marked
//     resolved (EachSubschema lists the schema fields it follows). Guards:
//     TestSplitLoadIsTheSameModel, kinmodel's TestSwaggerConversionIsKins,
//     and TestEachSubschemaCoversTheSchema (a new schema field fails it).
//  5. Swagger 2.0 conversion (swagger.go, SwaggerToV3): ToV3WithLoader's
//     steps, in its order, with openapi2conv's exported functions, its
//     references resolved by ResolveRefs. Guard: TestSwaggerConversionIsKins.
//  6. kin-openapi's errors (kinerror.go, KinError) are encoding/json's type
//     errors naming kin-openapi's Go types ("ParameterBis.required"), read
//     back into the field's name and the file and line. Guard: spec's
//     TestLibraryErrorsInWords and the bad-* cases of testdata (TestCases).
//  7. Names of files in origins (spec.File.Token): oasdiff passes the file
//     of an origin through load.NewSource(...).DisplayPath, which rewrites
//     "-" and "REF:path"; a plain word comes back as it is, and each file
//     gets one. Guard: every golden with a source, the REF:path and stdin
//     cases among them.
//  8. oasdiff's checks run concurrently (checks.go, ConcurrentChecks):
//     CheckBackwardCompatibilityUntilLevel calls each check once, one after
//     the other, with the same arguments, and the checks only read them.
//     Guard: TestConcurrentChecksAsOasdiffRunsThem.
//  9. Schema differences pruned (prune.go, PruneSchemaDiffs): found by
//     reflection over oasdiff's diff types, and cut below
//     MaxSchemaDiffDepth levels, a checker's walk of a schema difference
//     reading only what lies under it, and no check walking the schema
//     differences of components (they read which were removed). Guard:
//     classify's TestDeepAndChainedSchemas and the deep-nested-schema cases
//     of testdata.
//  10. Messages (messages.go). OasdiffPhrase takes the first sentence
//     Change.Text asks its localizer for as the start of the message (the
//     rest is details), its values, and those of the details (a shared
//     schema's names), told apart by the format Text is given;
//     it falls back on the whole text when the sentence does not start the
//     message. RulePlaces reads the places a rule describes from its
//     metadata (Locations). Guards: TestOasdiffPhrase,
//     TestOasdiffPhraseSharedSchema, and the goldens of
//     the findings oasdiff places at a whole operation.
//  11. Sets in a stable order (sets.go, SortSets): the []string lists of
//     oasdiff's difference types (paths, media types, types, required
//     properties added or deleted...) are sets, some built by ranging over
//     a map, that its checks join into messages; each is replaced, by
//     reflection over the exported fields of the diff package's types, with
//     a sorted copy before the checks run. Guards: TestSortSets, engine's
//     TestSetMessagesIgnoreDeclaredOrder and cli's TestSameBytesEveryRun.
//  12. The diff without its endpoints view (checks.go, DiffConfig): no
//     check reads Diff.EndpointsDiff, and leaving it out (oasdiff's
//     "endpoints" exclusion) changes nothing else the checks read. Guard:
//     TestChecksReadNoEndpointsDiff.
//  13. Extensions left out of oasdiff's diff by name (engine/oasdiff,
//     ignoredExtensions): diff.WithExcludeExtensions filters the names it
//     is given even when "extensions" is not among the excluded elements
//     (its comment says otherwise; its code, getExtensionsDiff, does), and
//     a schema whose only difference is a filtered extension is one oneOf
//     / anyOf member, not one removed and one added. A public option, used
//     in both modes. Guard: the extension-inside-any-of-member cases of
//     testdata.
//  14. Schemas built from the trees (kindecode/schemas.go, SchemaBuilder):
//     kinmodel has the schemas outside schemas built from its trees
//     instead of decoded from JSON, which reads each schema's bytes twice
//     at every level; the builder does what SchemaRef, Schema and BoolSchema's
//     UnmarshalJSON do (a lone $ref, the fields by their JSON names,
//     x- keys into Extensions, a BoolSchema's schema with its numbers as
//     float64s) and leaves to encoding/json whatever it reads otherwise
//     (keys in another case, values of another kind, $refs with siblings).
//     Guards: kinmodel's TestDirectSchemas and TestDirectSchemasLinear,
//     kincheck's TestScanFindsWhatKinRefuses.
//
// The public-API mode (spec.Document.PublicAPI, from
// source.LoadOptions.PublicAPI; APIBUMP_PUBLIC_API=1 for the commands) uses
// none of 1 to 9 nor 11, 12 and 14 (nor engine/oasdiff's CutRings): kinmodel
// writes each file as JSON with every member and item on a line of its own,
// kin-openapi's Loader reads it with
// IncludeOrigin set, through oasdiff's load.NewSpecInfo (Swagger 2.0:
// openapi2conv.ToV3WithLoader), and the origins, places in that JSON, are
// mapped back to the source by line (spec.Document.Locate; a source with an
// extent is an element's key, kin-openapi's documented Location.EndLine);
// engine/oasdiff runs diff.GetWithOperationsSourcesMap and
// CheckBackwardCompatibilityUntilLevel with checker.GetAllChecks as they
// are, one after the other, nothing pruned or sorted (a message joining a
// set may name it in another order, and differ from run to run: none of
// the testdata cases has such a set); kin-openapi's errors are passed
// on as they are. The messages (10) are read the
// same way in both modes; they rest on public API only (a Localizer, the
// ArgFormat Change.Text takes, the rules' metadata), and only
// OasdiffPhrase's words-and-values split (not the text) depends on the
// assumption. TestPublicAPIGivesTheSameFindings (package cli) runs every
// testdata case both ways and wants the same output, except where it names
// why not: Swagger 2.0 findings have no source (kin-openapi's openapi2
// model records no origins), the three cases nested beyond 100 levels and
// the ring of 120 $refs are found by oasdiff (nothing is pruned or cut), and kin-openapi's YAML decoder
// takes "yes" for a boolean where encoding/json refuses it (bad-field-type).
// The shared corpus shows one more: kin-openapi records no key for an
// element written as a whole file ($ref: responses/x.yml), so oasdiff
// places nothing there (4 of DigitalOcean's 308 findings have no source
// that way); on GitHub's 20.0.0 to 23.0.2 pair and Adyen's two the outputs
// are the same byte for byte.
package upstream
