package upstream

import (
	"maps"
	"net/url"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
)

// SwaggerToV3 converts a Swagger 2.0 document as openapi2conv.ToV3WithLoader
// does, but resolves the references with ResolveRefs: ToV3WithLoader ends in
// Loader.ResolveRefsIn, whose cost is the square of a chain of definitions
// or of the references to one definition (see resolve.go).
//
// The document-level parts (info, servers, tags, security, security
// definitions, extensions) are converted by ToV3WithLoader itself, from the
// document without parameters, paths, responses and definitions, where it
// has nothing to resolve; those four are then converted with openapi2conv's
// own functions, in ToV3WithLoader's order. TestSwaggerConversionIsKins
// compares the result with ToV3WithLoader's on every Swagger spec of the
// corpus.
func SwaggerToV3(doc2 *openapi2.T, loader *openapi3.Loader, location *url.URL) (*openapi3.T, error) {
	top := *doc2
	top.Parameters, top.Paths, top.Responses, top.Definitions = nil, nil, nil, nil
	doc3, err := openapi2conv.ToV3WithLoader(&top, loader, location)
	if err != nil {
		return nil, err
	}
	doc3.Info = &doc2.Info
	if doc3.Components.Schemas == nil {
		doc3.Components.Schemas = make(map[string]*openapi3.SchemaRef)
	}
	if parameters := doc2.Parameters; len(parameters) != 0 {
		doc3.Components.Parameters = make(map[string]*openapi3.ParameterRef)
		doc3.Components.RequestBodies = make(map[string]*openapi3.RequestBodyRef)
		for k, parameter := range parameters {
			v3Parameter, v3RequestBody, v3SchemaMap, err := openapi2conv.ToV3Parameter(doc3.Components, parameter, doc2.Consumes)
			switch {
			case err != nil:
				return nil, err
			case v3RequestBody != nil:
				doc3.Components.RequestBodies[k] = v3RequestBody
			case v3SchemaMap != nil:
				for _, v3Schema := range v3SchemaMap {
					doc3.Components.Schemas[k] = v3Schema
				}
			default:
				doc3.Components.Parameters[k] = v3Parameter
			}
		}
	}
	if paths := doc2.Paths; len(paths) != 0 {
		doc3.Paths = openapi3.NewPathsWithCapacity(len(paths))
		for path, pathItem := range paths {
			r, err := openapi2conv.ToV3PathItem(doc2, doc3.Components, pathItem, doc2.Consumes)
			if err != nil {
				return nil, err
			}
			doc3.Paths.Set(path, r)
		}
	}
	if responses := doc2.Responses; len(responses) != 0 {
		doc3.Components.Responses = make(openapi3.ResponseBodies, len(responses))
		for k, response := range responses {
			r, err := openapi2conv.ToV3Response(response, doc2.Produces)
			if err != nil {
				return nil, err
			}
			doc3.Components.Responses[k] = r
		}
	}
	maps.Copy(doc3.Components.Schemas, openapi2conv.ToV3Schemas(doc2.Definitions))
	if err := ResolveRefs(loader, doc3, location); err != nil {
		return nil, err
	}
	return doc3, nil
}
