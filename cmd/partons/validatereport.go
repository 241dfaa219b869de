package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/partons/partons/datasets"
)

// printGrouped prints a file's problems, each distinct (field, reason)
// once in the order first met: a problem repeated on many lines or
// features gets its count and the first places. A missing column or
// property gets a hint at the --village-field/--service-field mapping.
func printGrouped(w io.Writer, list datasets.ErrorList, kind string, cols []string) {
	type group struct {
		first  *datasets.RecordError
		places []string
		n      int
	}
	var order []*group
	byKey := map[[2]string]*group{}
	for _, e := range list {
		k := [2]string{e.Field, e.Reason}
		g := byKey[k]
		if g == nil {
			g = &group{first: e}
			byKey[k] = g
			order = append(order, g)
		}
		g.n++
		if len(g.places) < 5 {
			switch {
			case e.Feature >= 0:
				g.places = append(g.places, fmt.Sprintf("feature %d", e.Feature))
			case e.Line > 0:
				g.places = append(g.places, fmt.Sprintf("line %d", e.Line))
			}
		}
	}
	for _, g := range order {
		line := g.first.Error()
		if g.n > 1 {
			more := ""
			if g.n > len(g.places) {
				more = ", …"
			}
			line += fmt.Sprintf(" [%d times: %s%s]", g.n, strings.Join(g.places, ", "), more)
		}
		fmt.Fprintln(w, line)
		if h := mappingHint(g.first, kind, cols); h != "" {
			fmt.Fprintln(w, "  "+h)
		}
	}
}

// mappingHint suggests the flag that maps a missing required column or
// property of a village or service file.
func mappingHint(e *datasets.RecordError, kind string, cols []string) string {
	if e.Field == "" || (kind != "villages" && kind != "services") {
		return ""
	}
	missing := strings.Contains(e.Reason, "is missing") || strings.Contains(e.Reason, "required property is missing")
	if !missing {
		return ""
	}
	field := schemaFieldOf(kind, e.Field)
	if field == "" {
		field = "FIELD"
	}
	flag := "--village-field"
	if kind == "services" {
		flag = "--service-field"
	}
	h := fmt.Sprintf("hint: no column or property %q; map it with %s %s=COLUMN", e.Field, flag, field)
	if len(cols) > 0 {
		h += " (columns are: " + strings.Join(cols, ", ") + ")"
	}
	return h
}

// schemaFieldOf returns the field whose default column is col, "" if none.
func schemaFieldOf(kind, col string) string {
	fields := datasets.VillageFields()
	if kind == "services" {
		fields = datasets.ServiceFields()
	}
	if slices.Contains(fields, col) {
		return col
	}
	return ""
}

// printOptionalNotes notes the optional columns a file lacks, which leave
// a field unknown for every record: a village file without population.
// These are notes, not problems.
func printOptionalNotes(w io.Writer, path, kind string, cols []string, vs datasets.VillageSchema, ss datasets.ServiceSchema) {
	if len(cols) == 0 {
		return
	}
	type opt struct{ field, col, effect string }
	var opts []opt
	flag := "--village-field"
	switch kind {
	case "villages":
		opts = []opt{{"population", vs.Population, "every population is unknown"},
			{"country", vs.Country, "countries must come from --boundaries"}}
	case "services":
		flag = "--service-field"
		opts = []opt{{"country", ss.Country, "countries must come from --boundaries"}}
	default:
		return
	}
	for _, o := range opts {
		if o.col == "" || slices.Contains(cols, o.col) {
			continue
		}
		fmt.Fprintf(w, "%s: note: no column %q (%s); columns are: %s; map with %s %s=COLUMN\n",
			path, o.col, o.effect, strings.Join(cols, ", "), flag, o.field)
	}
}

// fileColumns lists a file's CSV header, or the properties its GeoJSON
// features have (in order of first appearance); nil when it cannot tell.
func fileColumns(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	br := bufio.NewReader(f)
	head, _ := br.Peek(512)
	format, err := datasets.DetectFormat(path, head)
	if err != nil {
		return nil
	}
	if format == datasets.FormatCSV {
		line, err := br.ReadBytes('\n')
		if err != nil && len(line) == 0 {
			return nil
		}
		line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
		r := csv.NewReader(bytes.NewReader(line))
		r.Comma = datasets.DetectDelimiter(line)
		rec, err := r.Read()
		if err != nil {
			return nil
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		return rec
	}
	var fc struct {
		Features []struct {
			Properties json.RawMessage `json:"properties"`
		} `json:"features"`
	}
	if json.NewDecoder(br).Decode(&fc) != nil {
		return nil
	}
	var cols []string
	seen := map[string]bool{}
	for _, ft := range fc.Features {
		dec := json.NewDecoder(bytes.NewReader(ft.Properties))
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			continue
		}
		for dec.More() {
			t, err := dec.Token()
			if err != nil {
				break
			}
			k, _ := t.(string)
			if !seen[k] {
				seen[k] = true
				cols = append(cols, k)
			}
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				break
			}
		}
	}
	return cols
}
