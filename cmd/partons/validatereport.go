package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/study/validate"
)

// printGrouped prints a file's problems, each distinct (field, reason)
// once in the order first met: a problem repeated on many lines or
// features gets its count and the first places. A missing column or
// property gets a hint at the --village-field/--service-field mapping.
func printGrouped(w io.Writer, list datasets.ErrorList, kind string, cols []string) {
	for _, g := range validate.Grouped(list) {
		line := g.First.Error()
		if g.N > 1 {
			more := ""
			if g.N > len(g.Places) {
				more = ", …"
			}
			line += fmt.Sprintf(" [%d times: %s%s]", g.N, strings.Join(g.Places, ", "), more)
		}
		fmt.Fprintln(w, line)
		if h := mappingHint(g.First, kind, cols); h != "" {
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
func printOptionalNotes(w io.Writer, path, kind string, cols []string, missing []validate.Optional) {
	flag := "--village-field"
	if kind == "services" {
		flag = "--service-field"
	}
	effects := map[string]string{"population": "every population is unknown", "country": "countries must come from --boundaries"}
	for _, o := range missing {
		fmt.Fprintf(w, "%s: note: no column %q (%s); columns are: %s; map with %s %s=COLUMN\n",
			path, o.Column, effects[o.Field], strings.Join(cols, ", "), flag, o.Field)
	}
}

// fileColumns lists a file's CSV header or GeoJSON properties (see
// validate.Columns).
func fileColumns(path string) []string { return validate.Columns(path) }
