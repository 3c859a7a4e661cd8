package classify_test

import (
	"strings"
	"testing"

	"github.com/apibump/apibump/internal/classify/classifytest"
	"github.com/apibump/apibump/internal/locale"
)

const wordsSpec = `openapi: 3.0.3
info:
  title: Orders
  description: The orders.
  version: "1.0.0"
paths:
  /orders:
    get:
      parameters:
        - name: X-Trace-Id
          in: header
          schema:
            type: string
      responses:
        "200":
          description: the orders
          headers:
            X-RateLimit-Remaining:
              schema:
                type: integer
          content:
            application/json:
              schema:
                type: object
                properties:
                  status:
                    type: string
                    enum: [open, closed]
                  owner:
                    type: string
                    description: Who placed it.
components:
  schemas:
    Legacy:
      type: object
      properties:
        total:
          type: integer
`

// Tree-rule messages name their place in words (package placewords), in
// English and French: no "›" chain of pointer tokens, no index for a
// parameter, a header named by its name.
func TestTreeRuleMessagesInWords(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		en, fr         string
	}{
		{"info description", "  description: The orders.\n", "  description: All the orders.\n",
			"the `description` of the API info changed", "Modification du champ `description` des informations de l'API"},
		{"property description", "                    description: Who placed it.\n", "",
			"the `description` of the response property `owner` (200, application/json) was removed", "propriété de réponse `owner`"},
		{"header parameter case", "        - name: X-Trace-Id\n", "        - name: x-trace-id\n",
			"the `header` parameter `X-Trace-Id` is written in an equivalent form", "Le paramètre `X-Trace-Id` (`header`)"},
		{"response header case", "            X-RateLimit-Remaining:\n", "            x-ratelimit-remaining:\n",
			"the header `x-ratelimit-remaining` of the response `200` is written in an equivalent form", "L'en-tête `x-ratelimit-remaining`"},
		{"unused component", "        total:\n          type: integer\n", "        total:\n          type: number\n",
			"the `type` of the property `total` of the schema `Legacy` changed, in a component no operation, webhook or callback reaches",
			"du schéma `Legacy`, dans un composant qu'aucune opération"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := comparePair(t, wordsSpec, edit(t, wordsSpec, tc.old, tc.new))
			var en, fr []string
			for _, c := range cs {
				en = append(en, c.Message)
				fr = append(fr, strings.ToLower(c.Text(locale.Fr)))
				if strings.Contains(c.Message, "›") {
					t.Errorf("%s: %q names its place by pointer tokens", c.ID, c.Message)
				}
			}
			if !containsPart(en, tc.en) {
				t.Errorf("no message says %q:%s", tc.en, classifytest.Describe(cs))
			}
			if !containsPart(fr, strings.ToLower(tc.fr)) {
				t.Errorf("no French message says %q: %q", tc.fr, fr)
			}
		})
	}
}

func containsPart(msgs []string, part string) bool {
	for _, m := range msgs {
		if strings.Contains(m, part) {
			return true
		}
	}
	return false
}
