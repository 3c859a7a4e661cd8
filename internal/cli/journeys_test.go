package cli

import (
	"fmt"
	"strings"
)

// What the journey tests share (recipe_test.go, majors_test.go): a small
// books API that carries its major in one location.

// bookSpec describes the books API of a journey.
type bookSpec struct {
	loc     string // path, server, header, query, media, or info (info.version only)
	majors  []int
	version string // info.version
	// dropSortFrom: majors from this one on lack GET /books's sort parameter
	// (the breaking change the new major exists for); with a shared
	// operation (every location but path) it goes for every major. 0: none.
	dropSortFrom int
	// lang adds an optional query parameter to GET /books of every major: an
	// additive change.
	lang bool
}

// yaml writes the spec.
func (b bookSpec) yaml() string {
	var out []string
	add := func(lines ...string) { out = append(out, lines...) }
	add("openapi: 3.0.3", "info:", "  title: Books API", "  version: "+b.version)
	if b.loc == "server" {
		var enum []string
		for _, m := range b.majors {
			enum = append(enum, fmt.Sprintf("v%d", m))
		}
		add("servers:", "  - url: https://api.example.com/{version}", "    variables:", "      version:",
			fmt.Sprintf("        default: v%d", b.majors[len(b.majors)-1]), "        enum: ["+strings.Join(enum, ", ")+"]")
	}
	add("paths:")
	if b.loc == "path" {
		for _, m := range b.majors {
			out = append(out, b.ops(fmt.Sprintf("/v%d", m), m, false)...)
		}
	} else {
		out = append(out, b.ops("", b.majors[len(b.majors)-1], true)...)
	}
	add("components:", "  schemas:", "    Book:", "      type: object", "      properties:",
		"        id: {type: string}", "        title: {type: string}")
	return strings.Join(out, "\n") + "\n"
}

func (b bookSpec) ops(prefix string, m int, shared bool) []string {
	sort := b.dropSortFrom == 0 || (!shared && m < b.dropSortFrom)
	var quoted []string
	for _, x := range b.majors {
		quoted = append(quoted, fmt.Sprintf("'%d'", x))
	}
	var vparam []string
	switch b.loc {
	case "header":
		vparam = []string{"        - {name: Api-Version, in: header, required: true, schema: {type: string, enum: [" + strings.Join(quoted, ", ") + "]}}"}
	case "query":
		vparam = []string{"        - {name: api-version, in: query, required: true, schema: {type: string, enum: [" + strings.Join(quoted, ", ") + "]}}"}
	}
	content := func(schema string) []string {
		if b.loc == "media" {
			lines := []string{"          content:"}
			for _, x := range b.majors {
				lines = append(lines, fmt.Sprintf("            application/vnd.acme.v%d+json: {schema: %s}", x, schema))
			}
			return lines
		}
		return []string{"          content:", "            application/json: {schema: " + schema + "}"}
	}
	id := func(s string) string {
		if shared {
			return s
		}
		return fmt.Sprintf("%sV%d", s, m)
	}
	book := "{$ref: '#/components/schemas/Book'}"
	books := "{type: array, items: {$ref: '#/components/schemas/Book'}}"
	var l []string
	add := func(lines ...string) { l = append(l, lines...) }
	add("  "+prefix+"/books:", "    get:", "      operationId: "+id("listBooks"), "      parameters:")
	add(vparam...)
	add("        - {name: limit, in: query, schema: {type: integer}}")
	if sort {
		add("        - {name: sort, in: query, schema: {type: string}}")
	}
	if b.lang {
		add("        - {name: lang, in: query, schema: {type: string}}")
	}
	add("      responses:", "        '200':", "          description: the books")
	add(content(books)...)
	add("    post:", "      operationId: "+id("createBook"))
	if vparam != nil {
		add("      parameters:")
		add(vparam...)
	}
	add("      requestBody:", "        required: true", "        content:", "          application/json: {schema: "+book+"}",
		"      responses:", "        '201':", "          description: created")
	add(content(book)...)
	add("  "+prefix+"/books/{id}:", "    get:", "      operationId: "+id("getBook"), "      parameters:")
	add(vparam...)
	add("        - {name: id, in: path, required: true, schema: {type: string}}",
		"      responses:", "        '200':", "          description: the book")
	add(content(book)...)
	return l
}
