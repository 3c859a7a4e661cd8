package changelog

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"cloud.google.com/go/civil"

	"github.com/apibump/apibump/internal/report/reporttest"
	"github.com/apibump/apibump/internal/scheme"
)

const goodRecord = `<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[{"major":"1","status":"current"},{"major":"0.9","status":"deprecated","sunset":"2026-03-01"}]} -->`

// withRecord is a changelog whose 1.4.2 entry, at line 5, carries record.
func withRecord(record string) string {
	return "# Changelog\n\nIntro.\n\n## [1.4.2] - 2026-01-10\n" + record + "\n\n- older\n"
}

// TestBrokenRecordsSayWhere: a malformed or invalid supported-versions
// record is an error naming the file and its line, saying what is wrong;
// it is never skipped (the next release would forget every old major's
// window) nor copied forward.
func TestBrokenRecordsSayWhere(t *testing.T) {
	long := strings.Repeat("9", 300)
	for name, tt := range map[string]struct{ record, want string }{
		"not JSON":           {`<!-- apibump {"version":"1.4.2",} -->`, "not valid JSON at byte 20"},
		"cut short":          {`<!-- apibump {"version":"1.4.2" -->`, "the JSON object is cut short"},
		"not an object":      {`<!-- apibump [1, 2] -->`, "want a JSON object, got an array"},
		"supported":          {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":{"major":"1"}} -->`, "supported: want a list, got an object"},
		"major type":         {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[{"major":1}]} -->`, "supported.major: want a string, got a number"},
		"no end":             {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[]}`, `it does not end with "-->" on the same line`},
		"text after":         {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[]} x -->`, "text after the JSON object"},
		"comment closer":     {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[],"x":"-->"} -->`, `"-->" inside the record ends the comment early`},
		"major -->":          {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[{"major":"--\u003e","status":"deprecated"}]} -->`, `major "-->": a version is letters, digits`},
		"major with a pipe":  {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[{"major":"1|x","status":"current"}]} -->`, `major "1|x": a version is`},
		"major newline":      {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[{"major":"1\n## x","status":"current"}]} -->`, `major "1\n## x": a version is`},
		"major too long":     {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[{"major":"` + long + `","status":"current"}]} -->`, `major "` + long[:40] + `"…: a version is`},
		"empty major":        {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[{"major":"","status":"current"}]} -->`, `major "": a version is`},
		"status":             {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[{"major":"1","status":"live"}]} -->`, `major "1": status "live": want current, deprecated or retired`},
		"sunset":             {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[{"major":"1","status":"deprecated","sunset":"2026-02-30"}]} -->`, `major "1": sunset "2026-02-30": want YYYY-MM-DD`},
		"date":               {`<!-- apibump {"version":"1.4.2","date":"10/01/2026","supported":[]} -->`, `date "10/01/2026": want YYYY-MM-DD`},
		"twice":              {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[{"major":"1","status":"current"},{"major":"1","status":"deprecated"}]} -->`, `major "1" is listed twice`},
		"two current":        {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[{"major":"1","status":"current"},{"major":"2","status":"current"}]} -->`, `majors "1" and "2" are both current`},
		"other version":      {`<!-- apibump {"version":"1.4.1","date":"2026-01-10","supported":[]} -->`, `it is for version "1.4.1" but sits in the entry of "1.4.2"`},
		"second record":      {goodRecord + "\n" + goodRecord, `CHANGELOG.md:7: supported-versions record: a second one in the entry of "1.4.2"; keep one`},
		"control characters": {`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[{"major":"\u001b[2J","status":"current"}]} -->`, `major "\x1b[2J"`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseFile("CHANGELOG.md", []byte(withRecord(tt.record)))
			if err == nil {
				t.Fatal("read without error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "CHANGELOG.md:") || !strings.Contains(msg, tt.want) {
				t.Errorf("got  %s\nwant CHANGELOG.md:6: supported-versions record: ...%s...", msg, tt.want)
			}
			if name != "second record" && !strings.HasPrefix(msg, "CHANGELOG.md:6: supported-versions record: ") {
				t.Errorf("the record is line 6: %s", msg)
			}
			if strings.ContainsAny(msg, "\n\x1b") || len(msg) > 300 {
				t.Errorf("not one short escaped line: %q", msg)
			}
		})
	}
}

func TestRecordOutsideAnEntry(t *testing.T) {
	_, err := ParseFile("CHANGELOG.md", []byte("# Changelog\n"+goodRecord+"\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "CHANGELOG.md:2: supported-versions record outside a release entry") {
		t.Errorf("got %v", err)
	}
}

func TestGoodRecordIsRead(t *testing.T) {
	f, err := ParseFile("CHANGELOG.md", []byte(withRecord(goodRecord)))
	if err != nil {
		t.Fatal(err)
	}
	want := []Major{{Major: "1", Status: StatusCurrent}, {Major: "0.9", Status: StatusDeprecated, Sunset: "2026-03-01"}}
	if got := f.History("2.0.0"); !reflect.DeepEqual(got, want) {
		t.Errorf("history %+v", got)
	}
}

// TestCRLFStaysCRLF: a changelog written with CRLF line endings comes back
// with CRLF on every line, the new entry's included; LF stays LF.
func TestCRLFStaysCRLF(t *testing.T) {
	entry := []byte("## [2.0.0] - 2026-11-22\n\n- new\n- lines\n")
	lf := withRecord(goodRecord)
	crlf := strings.ReplaceAll(lf, "\n", "\r\n")
	for name, in := range map[string]string{"LF": lf, "CRLF": crlf} {
		f, err := ParseFile("CHANGELOG.md", []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		f.Upsert("2.0.0", entry)
		out := string(f.Bytes())
		if name == "CRLF" {
			if strings.Count(out, "\n") != strings.Count(out, "\r\n") || strings.Contains(out, "\r\r") {
				t.Errorf("mixed line endings:\n%q", out)
			}
			if !strings.HasSuffix(out, "- older\r\n") || !strings.Contains(out, "- new\r\n- lines\r\n\r\n## [1.4.2]") {
				t.Errorf("CRLF: %q", out)
			}
		} else if strings.Contains(out, "\r") {
			t.Errorf("LF got a CR: %q", out)
		}
		// Read back, the old record is still there, unchanged.
		g, err := ParseFile("CHANGELOG.md", []byte(out))
		if err != nil || g.EOL != f.EOL || len(g.Entries) != 2 || g.Entries[1].Supported == nil {
			t.Errorf("%s: read back: %+v, %v", name, g, err)
		}
		if name == "CRLF" && !bytes.Equal([]byte(strings.Join(g.Entries[1].Lines, "\n")), []byte(strings.Join(f.Entries[1].Lines, "\n"))) {
			t.Errorf("the older entry changed")
		}
	}
}

// TestCheckRefusesUnwritableLabels: a version or a major that could end the
// hidden record, split a table cell or close the heading is refused before
// anything is written.
func TestCheckRefusesUnwritableLabels(t *testing.T) {
	for _, v := range []string{"-->", "1|2", "1]", "1\n## x", "-1", "1.0 beta", "v1<!--", strings.Repeat("1", 129)} {
		r := reporttest.Sample()
		r.Scheme = scheme.Integer
		e := NewEntry(r, EntryOptions{Version: v, Date: civil.Date{Year: 2026, Month: 11, Day: 22}})
		if err := e.Check(); err == nil {
			t.Errorf("%q: written", v)
		}
	}
	// A major from an earlier record can only be valid (ParseFile checks it),
	// but Check looks at every one.
	e := NewEntry(reporttest.Sample(), EntryOptions{Date: civil.Date{Year: 2026, Month: 11, Day: 22}, History: []Major{{Major: "-->", Status: StatusDeprecated}}})
	if err := e.Check(); err == nil || !strings.Contains(err.Error(), `major "-->"`) {
		t.Errorf("a major from the history: %v", err)
	}
	for _, v := range []string{"2.0.0", "v3", "2024-01-15", "2024-01-15-preview", "1.0.0+build.7", "0.9", "1.2.3-beta.1"} {
		e := NewEntry(reporttest.Sample(), EntryOptions{Version: v, Date: civil.Date{Year: 2026, Month: 11, Day: 22}})
		if err := e.Check(); err != nil {
			t.Errorf("%q: %v", v, err)
		}
	}
}

// TestRecordRoundTrip: what an entry records reads back as written.
func TestRecordRoundTrip(t *testing.T) {
	hist := []Major{{Major: "1", Status: StatusCurrent}, {Major: "0.9", Status: StatusDeprecated, Sunset: "2027-01-01"}}
	e := NewEntry(reporttest.Sample(), EntryOptions{Date: civil.Date{Year: 2026, Month: 11, Day: 22}, History: hist})
	if err := e.Check(); err != nil {
		t.Fatal(err)
	}
	f, err := ParseFile("CHANGELOG.md", nil)
	if err != nil {
		t.Fatal(err)
	}
	f.Upsert(e.Version, e.Markdown())
	g, err := ParseFile("CHANGELOG.md", f.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got := g.History("3.0.0"); !reflect.DeepEqual(got, e.Supported) {
		t.Errorf("read back %+v, wrote %+v", got, e.Supported)
	}
}

// TestHistoryFromEarlierRecords: a record an earlier apibump wrote names
// majors "1" and "0.9"; the next entry names each once, as the majors of
// the paths and headers are named (v1, v0.9).
func TestHistoryFromEarlierRecords(t *testing.T) {
	hist := []Major{{Major: "1", Status: StatusCurrent}, {Major: "0.9", Status: StatusDeprecated, Sunset: "2027-01-01"}}
	e := NewEntry(reporttest.Sample(), EntryOptions{Date: civil.Date{Year: 2026, Month: 11, Day: 22}, History: hist})
	var got []string
	for _, m := range e.Supported {
		got = append(got, m.Major+" "+m.Status+" "+m.Sunset)
	}
	want := []string{"v2 current ", "v1 deprecated 2027-05-21", "v0.9 deprecated 2027-01-01"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("supported %q, want %q", got, want)
	}
	if e.Deprecation == nil || e.Deprecation.PreviousMajor != "v1" {
		t.Errorf("deprecation %+v, want the previous major v1", e.Deprecation)
	}
}

// FuzzParseFile feeds the changelog reader, supported-versions records
// included, arbitrary files: it never panics; an error is one short line
// naming the file and a line, with nothing raw that could spoof a
// terminal; a file it accepts is written back with its own line ending,
// reads back to the same entries and records, and keeps every line of the
// older entries.
func FuzzParseFile(f *testing.F) {
	f.Add([]byte(withRecord(goodRecord)))
	f.Add([]byte(strings.ReplaceAll(withRecord(goodRecord), "\n", "\r\n")))
	f.Add([]byte(withRecord(`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[{"major":"--\u003e"}]} -->`)))
	f.Add([]byte(withRecord(`<!-- apibump {"version":"1.4.2","date":"2026-01-10","supported":[]} -->`)))
	f.Add([]byte("## [Unreleased]\n" + goodRecord + "\n"))
	f.Add([]byte(""))
	f.Add([]byte("\r\n## [1]\n<!-- apibump {} -->\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := ParseFile("CHANGELOG.md", data)
		if err != nil {
			msg := err.Error()
			if !strings.HasPrefix(msg, "CHANGELOG.md:") || len(msg) > 400 {
				t.Fatalf("not a short message naming the file: %.300q", msg)
			}
			for _, r := range msg {
				if !unicode.IsPrint(r) {
					t.Fatalf("the message holds %U raw: %q", r, msg)
				}
			}
			return
		}
		for _, e := range file.Entries {
			for _, m := range e.Supported {
				if !ValidLabel(m.Major) {
					t.Fatalf("an invalid major was accepted: %q", m.Major)
				}
			}
		}
		out := file.Bytes()
		if file.EOL == "\r\n" && bytes.Count(out, []byte("\n")) != bytes.Count(out, []byte("\r\n")) {
			t.Fatalf("a CRLF file came back with mixed line endings: %q", out)
		}
		back, err := ParseFile("CHANGELOG.md", out)
		if err != nil {
			t.Fatalf("what was written does not read back: %v", err)
		}
		if len(back.Entries) != len(file.Entries) {
			t.Fatalf("%d entries, %d read back", len(file.Entries), len(back.Entries))
		}
		for i := range file.Entries {
			if back.Entries[i].Version != file.Entries[i].Version || !reflect.DeepEqual(back.Entries[i].Supported, file.Entries[i].Supported) {
				t.Fatalf("entry %d changed: %+v → %+v", i, file.Entries[i], back.Entries[i])
			}
		}
	})
}
