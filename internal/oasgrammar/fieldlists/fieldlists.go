// Package fieldlists reads the field lists of testdata/openapi-fields (every
// object of OpenAPI 2.0, 3.0 and 3.1 with its fixed fields, derived from the
// OpenAPI Initiative's JSON Schemas), for the tests that check the grammar
// and the rule tables against them.
package fieldlists

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v4"
)

// Versions are the versions that have a list, as the file names spell them.
var Versions = []string{"2.0", "3.0", "3.1"}

// Object is one object of a list (see testdata/openapi-fields/README.md).
type Object struct {
	Name       string   `yaml:"name"`
	Extensions bool     `yaml:"extensions"`
	Additional string   `yaml:"additional"` // forbidden, schema or any
	Patterned  []string `yaml:"patterned"`
	Fields     []string `yaml:"fields"`
	// Types are the JSON types of the fields whose schemas say, joined by
	// "|" ("count": an integer of minimum 0).
	Types map[string]string `yaml:"types"`
}

// List is one version's list.
type List struct {
	OpenAPI string   `yaml:"openapi"`
	Objects []Object `yaml:"objects"`
}

// Object returns the object named name.
func (l List) Object(name string) (Object, bool) {
	for _, o := range l.Objects {
		if o.Name == name {
			return o, true
		}
	}
	return Object{}, false
}

// Load reads the list of one version from the module's testdata, found
// from the working directory upwards.
func Load(version string) (List, error) {
	dir, err := moduleRoot()
	if err != nil {
		return List{}, err
	}
	data, err := os.ReadFile(filepath.Join(dir, "testdata", "openapi-fields", "v"+version+".yaml"))
	if err != nil {
		return List{}, err
	}
	var l List
	if err := yaml.Unmarshal(data, &l); err != nil {
		return List{}, fmt.Errorf("v%s.yaml: %w", version, err)
	}
	if l.OpenAPI != version || len(l.Objects) == 0 {
		return List{}, fmt.Errorf("v%s.yaml: openapi %q with %d objects", version, l.OpenAPI, len(l.Objects))
	}
	return l, nil
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
