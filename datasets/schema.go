package datasets

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// VillageSchema names the properties (GeoJSON) or columns (CSV) a village
// file is read from. Empty optional names mean "not present".
type VillageSchema struct {
	ID         string      `json:"id" yaml:"id"`                 // required
	Name       string      `json:"name" yaml:"name"`             // required
	Country    string      `json:"country" yaml:"country"`       // optional: from boundary polygons when absent
	Population string      `json:"population" yaml:"population"` // optional: empty cell means unknown
	AreaCode   string      `json:"area_code" yaml:"area_code"`   // optional
	AreaName   string      `json:"area_name" yaml:"area_name"`   // optional
	Coords     CoordSchema `json:"coords" yaml:",inline"`
}

// ServiceSchema names the properties or columns a service file is read from.
type ServiceSchema struct {
	ID       string `json:"id" yaml:"id"`             // required
	Name     string `json:"name" yaml:"name"`         // optional
	Category string `json:"category" yaml:"category"` // required: raw value, mapped by the taxonomy
	Country  string `json:"country" yaml:"country"`   // optional: from boundary polygons when absent
	Capacity string `json:"capacity" yaml:"capacity"` // optional
	// OpeningHours is optional: an OSM opening_hours value; empty is unknown.
	OpeningHours string      `json:"opening_hours" yaml:"opening_hours"`
	Coords       CoordSchema `json:"coords" yaml:",inline"`
}

// CoordSchema says where CSV coordinates are: either Lon/Lat columns in
// WGS84 degrees, or X/Y columns in the projected CRS EPSG. GeoJSON is always
// WGS84 (RFC 7946) and ignores it.
type CoordSchema struct {
	Lon  string `json:"lon" yaml:"lon"`
	Lat  string `json:"lat" yaml:"lat"`
	X    string `json:"x" yaml:"x"`
	Y    string `json:"y" yaml:"y"`
	EPSG int    `json:"epsg" yaml:"epsg"` // 4326 (default), 3035, 2154, 31370, 32631
}

// DefaultVillageSchema is the documented default village schema.
func DefaultVillageSchema() VillageSchema {
	return VillageSchema{
		ID: "id", Name: "name", Country: "country", Population: "population",
		AreaCode: "area_code", AreaName: "area_name",
		Coords: CoordSchema{Lon: "lon", Lat: "lat", X: "x", Y: "y", EPSG: 4326},
	}
}

// DefaultServiceSchema is the documented default service schema.
func DefaultServiceSchema() ServiceSchema {
	return ServiceSchema{
		ID: "id", Name: "name", Category: "category", Country: "country", Capacity: "capacity",
		OpeningHours: "opening_hours",
		Coords:       CoordSchema{Lon: "lon", Lat: "lat", X: "x", Y: "y", EPSG: 4326},
	}
}

// BoundarySchema names the properties of a boundary file.
type BoundarySchema struct {
	ID       string `json:"id" yaml:"id"`
	Country  string `json:"country" yaml:"country"` // required
	AreaCode string `json:"area_code" yaml:"area_code"`
	AreaName string `json:"area_name" yaml:"area_name"`
}

// DefaultBoundarySchema is the documented default boundary schema.
func DefaultBoundarySchema() BoundarySchema {
	return BoundarySchema{ID: "id", Country: "country", AreaCode: "area_code", AreaName: "area_name"}
}

// FieldColumn is one field of a schema and the column (CSV) or property
// (GeoJSON) it is read from.
type FieldColumn struct {
	Field  string // schema field: population, category, lon, …
	Column string // column or property name
	Coord  bool   // a CSV coordinate column (GeoJSON ignores it)
}

// Mapped returns the fields of s that are read from another column than
// the default schema's, in field order. A file without a default column
// leaves an optional field unknown, but a file without a mapped column is
// an error: whoever maps population=pop means it (the readers check it).
func (s VillageSchema) Mapped() []FieldColumn {
	def := DefaultVillageSchema()
	return mapped(s.fields(), def.fields())
}

// Mapped is VillageSchema.Mapped for services.
func (s ServiceSchema) Mapped() []FieldColumn {
	def := DefaultServiceSchema()
	return mapped(s.fields(), def.fields())
}

// Set maps field to column ("population", "pop_2026"). An unknown field is
// an error listing the known ones.
func (s *VillageSchema) Set(field, column string) error {
	return setField(s.fields(), field, column)
}

// Set maps field to column, as VillageSchema.Set.
func (s *ServiceSchema) Set(field, column string) error {
	return setField(s.fields(), field, column)
}

// Apply maps every field of fields to its column, as Set, in sorted
// order; the key "epsg" sets the EPSG code of CSV x/y columns instead.
// These are the mappings of one file ("fr.csv:category=TYPEQU,epsg=2154").
func (s *VillageSchema) Apply(fields map[string]string) error {
	return apply(s.fields(), &s.Coords, fields)
}

// Apply is VillageSchema.Apply for services.
func (s *ServiceSchema) Apply(fields map[string]string) error {
	return apply(s.fields(), &s.Coords, fields)
}

// VillageFields lists the fields of a village schema, in order.
func VillageFields() []string { return fieldNames(new(VillageSchema).fields()) }

// ServiceFields lists the fields of a service schema, in order.
func ServiceFields() []string { return fieldNames(new(ServiceSchema).fields()) }

// schemaField is a field name and where its column is held.
type schemaField struct {
	name  string
	col   *string
	coord bool
}

func (s *VillageSchema) fields() []schemaField {
	return append([]schemaField{
		{"id", &s.ID, false}, {"name", &s.Name, false}, {"country", &s.Country, false},
		{"population", &s.Population, false}, {"area_code", &s.AreaCode, false}, {"area_name", &s.AreaName, false},
	}, s.Coords.fields()...)
}

func (s *ServiceSchema) fields() []schemaField {
	return append([]schemaField{
		{"id", &s.ID, false}, {"name", &s.Name, false}, {"category", &s.Category, false},
		{"country", &s.Country, false}, {"capacity", &s.Capacity, false},
		{"opening_hours", &s.OpeningHours, false},
	}, s.Coords.fields()...)
}

func (c *CoordSchema) fields() []schemaField {
	return []schemaField{{"lon", &c.Lon, true}, {"lat", &c.Lat, true}, {"x", &c.X, true}, {"y", &c.Y, true}}
}

func mapped(got, def []schemaField) []FieldColumn {
	var out []FieldColumn
	for i, f := range got {
		if *f.col != "" && *f.col != *def[i].col {
			out = append(out, FieldColumn{Field: f.name, Column: *f.col, Coord: f.coord})
		}
	}
	return out
}

func setField(fs []schemaField, field, column string) error {
	for _, f := range fs {
		if f.name == field {
			*f.col = column
			return nil
		}
	}
	return fmt.Errorf("unknown field %q: want one of %s", field, strings.Join(fieldNames(fs), ", "))
}

func apply(fs []schemaField, c *CoordSchema, fields map[string]string) error {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := fields[k]
		if k == "epsg" {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil || n <= 0 {
				return fmt.Errorf("epsg=%s: want a positive EPSG code", v)
			}
			c.EPSG = n
			continue
		}
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("%s=: empty column name", k)
		}
		if err := setField(fs, k, v); err != nil {
			return err
		}
	}
	return nil
}

func fieldNames(fs []schemaField) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.name
	}
	return out
}
