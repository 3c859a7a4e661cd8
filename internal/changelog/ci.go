package changelog

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/rules"
	"github.com/apibump/apibump/internal/spec"
)

// anchorOf is the place in the revision where a change is shown: its anchor,
// else its source.
func anchorOf(c report.Change) *spec.Position {
	if c.Anchor != nil {
		return c.Anchor
	}
	return c.Source
}

// ciLevel is how loudly a CI system is told about a change.
type ciLevel int

const (
	levelNone    ciLevel = iota // non-contract: nothing to say
	levelNote                   // additive
	levelWarning                // unclassified: no rule explains it
	levelError                  // breaking
)

// levelOf is the level of a change, whether or not it is accepted. An
// unclassified change is a warning unless configuration made it non-contract.
// A class the package does not know counts as non-contract, as in the
// report's summary.
func levelOf(c report.Change) ciLevel {
	switch {
	case c.Class == rules.NonContract:
		return levelNone
	case c.ID == rules.UnclassifiedChange && (c.Class == rules.Breaking || c.Class == rules.Additive):
		return levelWarning
	case c.Class == rules.Breaking:
		return levelError
	case c.Class == rules.Additive:
		return levelNote
	}
	return levelNone
}

// ciMessage is the change's message with the operations it reaches and its
// stability and acceptance labels, as plain text (escape.Text).
func ciMessage(c report.Change) string {
	s := c.Message
	if len(c.Operations) > 0 {
		s += " (" + strings.Join(c.Operations, ", ") + ")"
	}
	return escape.Text(s + labels(c))
}

// ciPath is a position's file as CI systems want it: forward slashes, and
// relative to the working directory when an absolute path lies inside it.
func ciPath(file string) string {
	if filepath.IsAbs(file) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				file = rel
			}
		}
	}
	return filepath.ToSlash(file)
}

// RenderGitHub writes one GitHub Actions workflow command per change at its
// place in the revision, in the report's order: ::error for breaking changes,
// ::warning for unclassified ones (rule id "unclassified-change"), ::notice
// for additive ones. Non-contract changes produce nothing; accepted changes a
// ::notice that says they are accepted.
func RenderGitHub(w io.Writer, r *report.Report) error {
	var b bytes.Buffer
	for _, c := range r.Changes {
		level := levelOf(c)
		if level == levelNone {
			continue
		}
		cmd := "notice"
		if c.Accepted == nil {
			switch level {
			case levelError:
				cmd = "error"
			case levelWarning:
				cmd = "warning"
			}
		}
		var props []string
		if p := anchorOf(c); p != nil && p.File != "" {
			props = append(props, "file="+escape.WorkflowProperty(ciPath(p.File)))
			if p.Line > 0 {
				props = append(props, "line="+strconv.Itoa(p.Line))
				if p.Column > 0 {
					props = append(props, "col="+strconv.Itoa(p.Column))
				}
			}
		}
		props = append(props, "title="+escape.WorkflowProperty(c.ID))
		fmt.Fprintf(&b, "::%s %s::%s\n", cmd, strings.Join(props, ","), escape.WorkflowData(ciMessage(c)))
	}
	// Where the version lives: the problems fail the check, the notes do not.
	where := "file=" + escape.WorkflowProperty(ciPath(r.Revision.File))
	if len(r.Versioning.Locations) > 0 {
		if p := r.Versioning.Locations[0].Source; p != nil && p.File != "" && p.Line > 0 {
			where = fmt.Sprintf("file=%s,line=%d", escape.WorkflowProperty(ciPath(p.File)), p.Line)
		}
	}
	for _, p := range r.Versioning.Problems {
		fmt.Fprintf(&b, "::error %s,title=version-not-moved::%s\n", where, escape.WorkflowData(p))
	}
	for _, n := range r.Versioning.Notes {
		fmt.Fprintf(&b, "::notice %s,title=version-moved::%s\n", where, escape.WorkflowData(n))
	}
	_, err := w.Write(b.Bytes())
	return err
}

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
	t := escape.Text
	suite := junitSuite{Name: "apibump", Tests: len(r.Changes), Cases: []junitCase{}}
	props := []junitProperty{
		{"base", t(r.Base.File + " " + r.Base.Version)},
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
			where = ciPath(p.File)
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
		if c.Stability != "" {
			add("stability", c.Stability)
		}
		if a := c.Accepted; a != nil {
			add("accepted", fmt.Sprintf("%s (until %s)", a.Reason, a.Until))
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

// SARIF's schema, and where apibump is described.
const (
	sarifSchema   = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion  = "2.1.0"
	apibumpHome   = "https://github.com/apibump/apibump"
	sarifToolName = "apibump"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID               string            `json:"id"`
	ShortDescription sarifText         `json:"shortDescription"`
	Properties       map[string]string `json:"properties,omitempty"`
}

type sarifResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Level        string             `json:"level"`
	Message      sarifText          `json:"message"`
	Locations    []sarifLocation    `json:"locations,omitempty"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
	Properties   sarifResultProps   `json:"properties"`
}

type sarifResultProps struct {
	Class      rules.Class `json:"class"`
	Operations []string    `json:"operations"`
	Stability  string      `json:"stability,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifSuppression struct {
	Kind          string            `json:"kind"`
	Justification string            `json:"justification"`
	Properties    map[string]string `json:"properties,omitempty"`
}

var sarifLevels = map[ciLevel]string{levelNone: "none", levelNote: "note", levelWarning: "warning", levelError: "error"}

// sarifURI is a file as a SARIF artifact URI: a relative reference with
// forward slashes and percent-escapes, or a file URI for an absolute path
// outside the working directory.
func sarifURI(file string) string {
	p := ciPath(file)
	if filepath.IsAbs(filepath.FromSlash(p)) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).String()
}

// RenderSARIF writes the report as SARIF 2.1.0: one run of the apibump
// driver, whose rules are the rule ids the changes use (in order of first
// use, with the rule table's description and class under the report's
// policy), and one result per change in the report's order. A result's level
// is error for breaking, warning for unclassified, note for additive and none
// for non-contract changes; it has a location when the change's place in the
// revision is known, and an external suppression when the change is accepted.
// The texts shown to people (messages, justifications) are as escape.Text
// shows them; the document's hidden runes are escaped (escape.JSON).
func RenderSARIF(w io.Writer, r *report.Report) error {
	driver := sarifDriver{Name: sarifToolName, InformationURI: apibumpHome, Rules: []sarifRule{}}
	index := map[string]int{}
	results := make([]sarifResult, 0, len(r.Changes))
	for _, c := range r.Changes {
		i, ok := index[c.ID]
		if !ok {
			i = len(driver.Rules)
			index[c.ID] = i
			rule := sarifRule{ID: c.ID, ShortDescription: sarifText{Text: c.ID}}
			if t, ok := rules.Lookup(c.ID); ok && t.Description != "" {
				rule.ShortDescription.Text = t.Description
			}
			rule.Properties = map[string]string{"class": string(rules.ClassOf(c.ID, r.Policy))}
			driver.Rules = append(driver.Rules, rule)
		}
		ops := c.Operations
		if ops == nil {
			ops = []string{}
		}
		res := sarifResult{
			RuleID: c.ID, RuleIndex: i, Level: sarifLevels[levelOf(c)],
			Message:    sarifText{Text: ciMessage(c)},
			Properties: sarifResultProps{Class: c.Class, Operations: ops, Stability: c.Stability},
		}
		if p := anchorOf(c); p != nil && p.File != "" {
			loc := sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(p.File)}}
			if p.Line > 0 {
				loc.Region = &sarifRegion{StartLine: p.Line}
				if p.Column > 0 {
					loc.Region.StartColumn = p.Column
				}
			}
			res.Locations = []sarifLocation{{PhysicalLocation: loc}}
		}
		if a := c.Accepted; a != nil {
			s := sarifSuppression{Kind: "external", Justification: escape.Text(a.Reason), Properties: map[string]string{}}
			if a.Until != "" {
				s.Properties["until"] = a.Until
			}
			if a.Origin != "" {
				s.Properties["origin"] = a.Origin
			}
			res.Suppressions = []sarifSuppression{s}
		}
		results = append(results, res)
	}
	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}}}
	return WriteJSON(w, log)
}
