package validate

import (
	"testing"

	"github.com/partons/partons/datasets"
)

func TestHints(t *testing.T) {
	missing := &datasets.RecordError{Source: "s.csv", Line: 1, Feature: -1, Field: "category", Reason: "column is missing"}
	tests := []struct{ got, want string }{
		{MappingHint(missing, "services", []string{"id", "TYPEQU"}),
			`hint: no column or property "category"; map it with {service_field} category=COLUMN (columns are: id, TYPEQU)`},
		{MappingHint(&datasets.RecordError{Field: "pop", Reason: "column is missing"}, "villages", nil),
			`hint: no column or property "pop"; map it with {village_field} FIELD=COLUMN`},
		{MappingHint(&datasets.RecordError{Field: "lon", Reason: "not a number"}, "villages", nil), ""},
		{OptionalNote("v.csv", "villages", []string{"id", "name"}, Optional{Field: "country", Column: "country"}),
			`v.csv: note: no column "country" (countries must come from {boundaries}); columns are: id, name; map with {village_field} country=COLUMN`},
		{GuessHint(&Result{Path: "x.csv", Kind: "villages", Guessed: true, CategoryColumn: "type"}),
			`hint: read as villages because it has no "type" column or property; if it holds services, pass {services} x.csv (with :category=COLUMN) or {service_field} category=COLUMN`},
		{GuessHint(&Result{Path: "x.csv", Kind: "villages"}), ""},
		{Group{First: missing, N: 7, Places: []string{"line 1", "line 2"}}.Line(), `s.csv:1: field "category": column is missing [7 times: line 1, line 2, …]`},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%d: got  %q\nwant %q", i, tc.got, tc.want)
		}
	}
}
