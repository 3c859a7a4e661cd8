package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/locale"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/rules"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	ClassName  string          `xml:"classname,attr"`
	Name       string          `xml:"name,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Failure    *junitFailure   `xml:"failure"`
	SystemOut  junitText       `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string
	Type    string
	Text    junitText
}

// MarshalXML writes <failure message="" type="">text</failure>.
func (f junitFailure) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Attr = append(start.Attr,
		xml.Attr{Name: xml.Name{Local: "message"}, Value: f.Message},
		xml.Attr{Name: xml.Name{Local: "type"}, Value: f.Type})
	return f.Text.MarshalXML(e, start)
}

// junitText is character data whose line breaks stay line breaks (the
// encoder escapes those of chardata fields as &#xA;).
type junitText string

// MarshalXML writes the text as one CharData token.
func (t junitText) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if err := e.EncodeToken(xml.CharData(t)); err != nil {
		return err
	}
	return e.EncodeToken(start.End())
}

// RenderJUnit writes JUnit XML: one testsuite named "apibump" with one
// testcase per change, in the report's order. A testcase's classname is the
// first operation the change reaches, or "document"; its name is the rule id,
// ": " and the message. Breaking changes that are not accepted fail, with the
// message and the place in the revision; accepted ones pass. Each testcase
// carries the file, line, column, class, stability and acceptance as
// properties and in its system-out. Texts from the specs are written as
// escape.Text shows them (XML cannot hold most controls at all).
func RenderJUnit(w io.Writer, r *report.Report) error {
	return writeJUnit(w, r, "")
}

// writeJUnit is RenderJUnit with the files named from root (ciPath).
func writeJUnit(w io.Writer, r *report.Report, root string) error {
	t := escape.Text
	suite := junitSuite{Name: "apibump", Tests: len(r.Changes), Cases: []junitCase{}}
	props := []junitProperty{
		{"base", t(r.Base.File + " " + VersionText(r.Base.Version))},
		{"revision", t(r.Revision.File + " " + r.Revision.Version)},
		{"policy", string(r.Policy)},
		{"bump", string(r.Bump)},
		{"nextVersion", t(r.NextVersion)},
	}
	for _, p := range props {
		if strings.TrimSpace(p.Value) != "" {
			suite.Properties = append(suite.Properties, p)
		}
	}
	for _, c := range r.Changes {
		tc := junitCase{ClassName: "document", Name: t(c.ID + ": " + c.Message)}
		if len(c.Operations) > 0 {
			tc.ClassName = t(c.Operations[0])
		}
		var out strings.Builder
		add := func(name, value string) {
			value = t(value)
			tc.Properties = append(tc.Properties, junitProperty{name, value})
			fmt.Fprintf(&out, "%s: %s\n", name, value)
		}
		where := ""
		if p := anchorOf(c); p != nil && p.File != "" {
			where = ciPath(p.File, root)
			add("file", where)
			if p.Line > 0 {
				where += ":" + strconv.Itoa(p.Line)
				add("line", strconv.Itoa(p.Line))
				if p.Column > 0 {
					add("column", strconv.Itoa(p.Column))
				}
			}
		}
		add("class", string(c.Class))
		add("rule", c.ID)
		if len(c.Operations) > 0 {
			add("operations", strings.Join(c.Operations, ", "))
		}
		for _, r := range c.Reach {
			add("reach", ReachPhrase(r, locale.En).String())
		}
		if c.Stability != "" {
			add("stability", c.Stability)
		}
		if a := c.Accepted; a != nil {
			if a.Until != "" {
				add("accepted", fmt.Sprintf("%s (until %s)", a.Reason, a.Until))
			} else {
				add("accepted", a.Reason)
			}
		}
		tc.SystemOut = junitText(out.String())
		if c.Class == rules.Breaking && c.Accepted == nil {
			text := ciMessage(c)
			if where != "" {
				text += "\n" + t(where)
			}
			tc.Failure = &junitFailure{Message: t(c.Message), Type: t(c.ID), Text: junitText(text)}
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, tc)
	}
	doc := junitSuites{Name: "apibump", Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	b.WriteString("\n")
	_, err := w.Write(b.Bytes())
	return err
}

func renderJUnit(b *bytes.Buffer, r *report.Report, opts RenderOptions) error {
	return writeJUnit(b, r, opts.Root)
}
