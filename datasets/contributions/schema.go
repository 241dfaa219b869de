package contributions

import (
	"fmt"
	"sort"
	"strings"

	"github.com/partons/partons/datasets"
)

// Schema names the column (CSV) or property (GeoJSON) of each field of a
// report. A GeoJSON report's location is its Point geometry; Lon and Lat
// are the CSV columns.
type Schema struct {
	ID          string `json:"id" yaml:"id"`
	Kind        string `json:"kind" yaml:"kind"`
	ServiceID   string `json:"service_id" yaml:"service_id"`
	Category    string `json:"category" yaml:"category"`
	Name        string `json:"name" yaml:"name"`
	Country     string `json:"country" yaml:"country"`
	ObservedOn  string `json:"observed_on" yaml:"observed_on"`
	Role        string `json:"reporter_role" yaml:"reporter_role"`
	Status      string `json:"status" yaml:"status"`
	Note        string `json:"note" yaml:"note"`
	EvidenceURL string `json:"evidence_url" yaml:"evidence_url"`
	Lang        string `json:"lang" yaml:"lang"`
	Lon         string `json:"lon" yaml:"lon"`
	Lat         string `json:"lat" yaml:"lat"`
}

// DefaultSchema is the documented default: every field under its own name.
func DefaultSchema() Schema {
	return Schema{
		ID: "id", Kind: "kind", ServiceID: "service_id", Category: "category", Name: "name", Country: "country",
		ObservedOn: "observed_on", Role: "reporter_role", Status: "status", Note: "note",
		EvidenceURL: "evidence_url", Lang: "lang", Lon: "lon", Lat: "lat",
	}
}

func (s *Schema) fields() []struct {
	name string
	col  *string
} {
	return []struct {
		name string
		col  *string
	}{
		{"id", &s.ID}, {"kind", &s.Kind}, {"service_id", &s.ServiceID}, {"category", &s.Category},
		{"name", &s.Name}, {"country", &s.Country}, {"observed_on", &s.ObservedOn}, {"reporter_role", &s.Role}, {"status", &s.Status},
		{"note", &s.Note}, {"evidence_url", &s.EvidenceURL}, {"lang", &s.Lang}, {"lon", &s.Lon}, {"lat", &s.Lat},
	}
}

// Fields lists the field names a Schema maps, in order.
func Fields() []string {
	var s Schema
	var out []string
	for _, f := range s.fields() {
		out = append(out, f.name)
	}
	return out
}

// Apply maps each field of fields (field name → column) over s. An
// unknown field or an empty column is an error.
func (s *Schema) Apply(fields map[string]string) error {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		col := strings.TrimSpace(fields[k])
		if col == "" {
			return fmt.Errorf("%s=: empty column name", k)
		}
		found := false
		for _, f := range s.fields() {
			if f.name == k {
				*f.col, found = col, true
			}
		}
		if !found {
			return fmt.Errorf("unknown contributions field %q: want one of %s", k, strings.Join(Fields(), ", "))
		}
	}
	return nil
}

// Mapped lists the fields whose column differs from the default: such a
// column must exist in the file.
func (s Schema) Mapped() []datasets.FieldColumn {
	def := DefaultSchema()
	d := def.fields()
	var out []datasets.FieldColumn
	for i, f := range s.fields() {
		if *f.col != *d[i].col {
			out = append(out, datasets.FieldColumn{Field: f.name, Column: *f.col, Coord: f.name == "lon" || f.name == "lat"})
		}
	}
	return out
}

// required are the columns every file must have.
func (s Schema) required() []string {
	return []string{s.ID, s.Kind, s.ObservedOn, s.Role, s.Status}
}

// locationField names where a location is read from, for problems.
func (s Schema) locationField() string { return s.Lon }
