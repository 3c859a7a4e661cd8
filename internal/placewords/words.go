package placewords

import (
	"strconv"
	"strings"

	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/spec"
)

// words holds the templates of places, per language: {0}, {1}... stand for
// the phrases a template is filled with (values shown as code, or other
// places).
var words = map[locale.Lang]map[string]string{
	locale.En: {
		"document":             "the document",
		"info":                 "the API info",
		"path":                 "the path {0}",
		"operation":            "the operation {0}",
		"this-operation":       "the operation",
		"webhook":              "the webhook {0}",
		"callback":             "the callback {0}",
		"parameter":            "the {0} parameter {1}",
		"parameter-named":      "the parameter {0}",
		"request-body":         "the request body",
		"request-body-named":   "the request body {0}",
		"response-body":        "the response body",
		"response":             "the response {0}",
		"header":               "the header {0}",
		"header-of":            "the header {0} of {1}",
		"media-type":           "the media type {0} of {1}",
		"schema":               "the schema {0}",
		"schema-of":            "the schema of {0}",
		"request-property":     "the request property {0}",
		"response-property":    "the response property {0}",
		"property-of":          "the property {0} of {1}",
		"request-property-of":  "the request property {0} of {1}",
		"response-property-of": "the response property {0} of {1}",
		"encoding":             "the encoding of {0}",
		"link":                 "the link {0}",
		"link-of":              "the link {0} of {1}",
		"server":               "the server {0}",
		"server-variable":      "the variable {0} of {1}",
		"security-scheme":      "the security scheme {0}",
		"tag":                  "the tag {0}",
		"component":            "the {0} component {1}",
		"field":                "the {0} of {1}",
		"added":                "{0} was added",
		"removed":              "{0} was removed",
		"changed":              "{0} changed",
		"unclassified":         "unclassified change: {0}",
		"within":               "{0} in {1}",
	},
	locale.Fr: {
		"document":             "le document",
		"info":                 "les informations de l'API",
		"path":                 "le chemin {0}",
		"operation":            "l'opération {0}",
		"this-operation":       "l'opération",
		"webhook":              "le webhook {0}",
		"callback":             "le callback {0}",
		"parameter":            "le paramètre {1} ({0})",
		"parameter-named":      "le paramètre {0}",
		"request-body":         "le corps de la requête",
		"request-body-named":   "le corps de requête {0}",
		"response-body":        "le corps de la réponse",
		"response":             "la réponse {0}",
		"header":               "l'en-tête {0}",
		"header-of":            "l'en-tête {0} de {1}",
		"media-type":           "le type de média {0} de {1}",
		"schema":               "le schéma {0}",
		"schema-of":            "le schéma de {0}",
		"request-property":     "la propriété de requête {0}",
		"response-property":    "la propriété de réponse {0}",
		"property-of":          "la propriété {0} de {1}",
		"request-property-of":  "la propriété de requête {0} de {1}",
		"response-property-of": "la propriété de réponse {0} de {1}",
		"encoding":             "l'encodage de {0}",
		"link":                 "le lien {0}",
		"link-of":              "le lien {0} de {1}",
		"server":               "le serveur {0}",
		"server-variable":      "la variable {0} de {1}",
		"security-scheme":      "le schéma de sécurité {0}",
		"tag":                  "le tag {0}",
		"component":            "le composant {0} {1}",
		"field":                "le champ {0} de {1}",
		"added":                "ajout de {0}",
		"removed":              "suppression de {0}",
		"changed":              "modification de {0}",
		"unclassified":         "changement non classé : {0}",
		"within":               "{0} dans {1}",
	},
}

// words fills the template key of the walker's language.
func (w *walker) words(key string, args ...locale.Phrase) locale.Phrase {
	return fill(w.l, key, args...)
}

// fill fills the template key of a language (English when it lacks the
// key) with phrases. French contracts "de le" and "de les" where a phrase
// is put after "de ".
func fill(l locale.Lang, key string, args ...locale.Phrase) locale.Phrase {
	t, ok := words[l][key]
	if !ok {
		t = words[locale.En][key]
	}
	var out locale.Phrase
	for t != "" {
		i := strings.IndexByte(t, '{')
		j := strings.IndexByte(t, '}')
		if i < 0 || j < i {
			out = appendWords(out, t)
			break
		}
		out = appendWords(out, t[:i])
		n, err := strconv.Atoi(t[i+1 : j])
		if err == nil && n < len(args) {
			out = appendPhrase(out, args[n])
		}
		t = t[j+1:]
	}
	return out
}

func appendWords(p locale.Phrase, s string) locale.Phrase {
	if s == "" {
		return p
	}
	return append(p, locale.Part{Text: s})
}

// appendPhrase appends q to p, contracting the French articles "de le" to
// "du" and "de les" to "des".
func appendPhrase(p, q locale.Phrase) locale.Phrase {
	if len(p) > 0 && len(q) > 0 && !p[len(p)-1].Value && !q[0].Value && strings.HasSuffix(p[len(p)-1].Text, "de ") {
		last, first := p[len(p)-1].Text, q[0].Text
		for _, c := range [][2]string{{"les ", "des "}, {"le ", "du "}} {
			if rest, ok := strings.CutPrefix(first, c[0]); ok {
				p = append(p[:len(p)-1:len(p)-1], locale.Part{Text: strings.TrimSuffix(last, "de ") + c[1]})
				q = append(locale.Phrase{{Text: rest}}, q[1:]...)
				break
			}
		}
	}
	return append(p, q...)
}

// The document's nodes along the walk, for the names a place holds only by
// index.

// descend moves to the member tok of the current node.
func (w *walker) descend(tok string) {
	w.node = w.child(tok)
}

// child returns the member tok of the current node (its $ref followed), or nil;
// in the paths object, the path with the same template.
func (w *walker) child(tok string) *spec.Node {
	n := w.resolved(w.node)
	if n == nil {
		return nil
	}
	switch n.Kind {
	case spec.Object:
		if c := n.Get(tok); c != nil || w.doc == nil || n != w.doc.Root.Root.Get("paths") {
			return c
		}
		// the paths object: a place may spell a path with other parameter names
		for i, k := range n.Keys {
			if spec.PathTemplate(k) == spec.PathTemplate(tok) {
				return n.Children[i]
			}
		}
		return nil
	case spec.Array:
		if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(n.Children) {
			return n.Children[i]
		}
	}
	return nil
}

// resolved follows the $refs of n (a few hops at most).
func (w *walker) resolved(n *spec.Node) *spec.Node {
	return resolve(w.doc, n)
}

// resolve follows the $refs of n; nil when one points at nothing.
func resolve(doc *spec.Document, n *spec.Node) *spec.Node {
	if doc == nil {
		return n
	}
	return doc.Follow(n)
}
