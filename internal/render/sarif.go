package render

import (
	"bytes"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/apibump/apibump/internal/escape"
	"github.com/apibump/apibump/internal/finding"
	"github.com/apibump/apibump/internal/report"
	"github.com/apibump/apibump/internal/rules"
)

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
	Class      rules.Class     `json:"class"`
	Operations []string        `json:"operations"`
	Component  string          `json:"component,omitempty"`
	At         string          `json:"at,omitempty"`
	Reach      []finding.Reach `json:"reach,omitempty"`
	Stability  string          `json:"stability,omitempty"`
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
func sarifURI(file, root string) string {
	p := ciPath(file, root)
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
	return writeSARIF(w, r, "")
}

// writeSARIF is RenderSARIF with the files named from root (ciPath).
func writeSARIF(w io.Writer, r *report.Report, root string) error {
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
			Properties: sarifResultProps{Class: c.Class, Operations: ops, Stability: c.Stability, Component: c.Component, At: c.At, Reach: escapedReach(c.Reach)},
		}
		if p := anchorOf(c); p != nil && p.File != "" {
			loc := sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(p.File, root)}}
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

func renderSARIF(b *bytes.Buffer, r *report.Report, opts RenderOptions) error {
	return writeSARIF(b, r, opts.Root)
}

// escapedReach is a reach list with its text fields as plain text (escape.Text).
func escapedReach(rs []finding.Reach) []finding.Reach {
	if len(rs) == 0 {
		return nil
	}
	out := make([]finding.Reach, len(rs))
	for i, r := range rs {
		out[i] = finding.Reach{Operation: escape.Text(r.Operation), Direction: r.Direction, Status: escape.Text(r.Status),
			MediaType: escape.Text(r.MediaType), Parameter: escape.Text(r.Parameter), Via: escape.Text(r.Via), Message: escape.Text(r.Message), More: r.More}
	}
	return out
}
