package config

import (
	"bytes"
	"io"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/apibump/apibump/internal/escape"
)

// Print writes the effective configuration as YAML that Load reads back,
// every setting in the order of keys, each value followed by a comment
// saying where it comes from: "# default", "# .apibump.yaml:3" or
// "# flag --policy"; a rule override and an exemption read from a file say
// their own line.
func (c *Config) Print(w io.Writer) error {
	root := &yaml.Node{Kind: yaml.MappingNode}
	for _, top := range topKeys() {
		if k := keyNamed(top); k != nil {
			kn, vn, err := c.node(k)
			if err != nil {
				return err
			}
			root.Content = append(root.Content, kn, vn)
			continue
		}
		group := &yaml.Node{Kind: yaml.MappingNode}
		for _, sub := range subKeys(top) {
			kn, vn, err := c.node(keyNamed(top + "." + sub))
			if err != nil {
				return err
			}
			group.Content = append(group.Content, kn, vn)
		}
		root.Content = append(root.Content, plain(top), group)
	}

	head := "# The effective apibump configuration: the defaults"
	if c.File != "" {
		head += ", overlaid with " + escape.Text(c.File)
	} else {
		head += " (no .apibump.yaml found)"
	}
	head += ",\n# overlaid with the flags. Each value says where it comes from."
	doc := &yaml.Node{Kind: yaml.DocumentNode, HeadComment: head, Content: []*yaml.Node{root}}
	// The values came from the pull request: no line of theirs may start a
	// line of the output, nor hold a raw control character.
	escape.QuoteYAML(doc)

	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := w.Write(escape.YAML(b.Bytes()))
	return err
}

// node returns the key and the value of one setting, commented with their
// source: a scalar, or a list of scalars, written on the key's line; a
// mapping or a list of mappings below its key, each part with its own line
// when it has one.
func (c *Config) node(k *key) (*yaml.Node, *yaml.Node, error) {
	name := k.name[strings.LastIndex(k.name, ".")+1:]
	kn := plain(name)
	vn := &yaml.Node{}
	if err := vn.Encode(marshal(k.field(c))); err != nil {
		return nil, nil, err
	}
	comment := c.from(k.name)
	switch {
	case vn.Kind == yaml.ScalarNode:
		vn.LineComment = comment
	case len(vn.Content) == 0 || vn.Kind == yaml.SequenceNode && vn.Content[0].Kind == yaml.ScalarNode:
		vn.Style = yaml.FlowStyle
		vn.LineComment = comment
	case vn.Kind == yaml.MappingNode:
		kn.LineComment = comment
		for i := 0; i+1 < len(vn.Content); i += 2 {
			if src, ok := c.Sources[k.name+"."+vn.Content[i].Value]; ok {
				vn.Content[i+1].LineComment = "# " + escape.Text(src)
			}
		}
	default:
		kn.LineComment = comment
		for i, item := range vn.Content {
			if src, ok := c.Sources[k.name+"."+strconv.Itoa(i)]; ok && item.Kind == yaml.MappingNode && len(item.Content) > 1 {
				item.Content[1].LineComment = "# " + escape.Text(src)
			}
		}
	}
	return kn, vn, nil
}

// from is the comment that says where the value of key comes from.
func (c *Config) from(key string) string {
	s := c.Sources[key]
	if s == "" {
		s = sourceDefault
	}
	return "# " + escape.Text(s)
}

// plain is a string scalar.
func plain(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}
