package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/partons/partons/datasets"
)

// The texts of this file name options as {key} (see study/usage): the
// caller renders them as it names options.

// Line is the group as validate prints it: the first problem and, when it
// occurs more than once, how many times and where first.
func (g Group) Line() string {
	line := g.First.Error()
	if g.N > 1 {
		more := ""
		if g.N > len(g.Places) {
			more = ", …"
		}
		line += fmt.Sprintf(" [%d times: %s%s]", g.N, strings.Join(g.Places, ", "), more)
	}
	return line
}

// mappingKey is the option mapping the fields of a file of kind.
func mappingKey(kind string) string {
	if kind == "services" {
		return "{service_field}"
	}
	return "{village_field}"
}

// MappingHint suggests the mapping of a missing required column or
// property of a village or service file (cols: the file's columns); ""
// for other problems.
func MappingHint(e *datasets.RecordError, kind string, cols []string) string {
	if e.Field == "" || (kind != "villages" && kind != "services") {
		return ""
	}
	missing := strings.Contains(e.Reason, "is missing") || strings.Contains(e.Reason, "required property is missing")
	if !missing {
		return ""
	}
	fields := datasets.VillageFields()
	if kind == "services" {
		fields = datasets.ServiceFields()
	}
	field := "FIELD"
	if slices.Contains(fields, e.Field) {
		field = e.Field
	}
	h := fmt.Sprintf("hint: no column or property %q; map it with %s %s=COLUMN", e.Field, mappingKey(kind), field)
	if len(cols) > 0 {
		h += " (columns are: " + strings.Join(cols, ", ") + ")"
	}
	return h
}

// OptionalNote notes an optional column the file path lacks, which leaves
// a field unknown for every record: a note, not a problem.
func OptionalNote(path, kind string, cols []string, o Optional) string {
	effects := map[string]string{"population": "every population is unknown", "country": "countries must come from {boundaries}"}
	return fmt.Sprintf("%s: note: no column %q (%s); columns are: %s; map with %s %s=COLUMN",
		path, o.Column, effects[o.Field], strings.Join(cols, ", "), mappingKey(kind), o.Field)
}

// GuessHint explains why a file with problems was read as villages, and
// how to read it as services.
func GuessHint(res *Result) string {
	if !res.Guessed || res.Kind != "villages" {
		return ""
	}
	return fmt.Sprintf("hint: read as villages because it has no %q column or property; if it holds services, "+
		"pass {services} %s (with :category=COLUMN) or {service_field} category=COLUMN", res.CategoryColumn, res.Path)
}
