package datasets

// VillageSchema names the properties (GeoJSON) or columns (CSV) a village
// file is read from. Empty optional names mean "not present".
type VillageSchema struct {
	ID         string      `yaml:"id"`         // required
	Name       string      `yaml:"name"`       // required
	Country    string      `yaml:"country"`    // optional: from --boundaries when absent
	Population string      `yaml:"population"` // optional: empty cell means unknown
	AreaCode   string      `yaml:"area_code"`  // optional
	AreaName   string      `yaml:"area_name"`  // optional
	Coords     CoordSchema `yaml:",inline"`
}

// ServiceSchema names the properties or columns a service file is read from.
type ServiceSchema struct {
	ID       string      `yaml:"id"`       // required
	Name     string      `yaml:"name"`     // optional
	Category string      `yaml:"category"` // required: raw value, mapped by the taxonomy
	Country  string      `yaml:"country"`  // optional: from --boundaries when absent
	Capacity string      `yaml:"capacity"` // optional
	Coords   CoordSchema `yaml:",inline"`
}

// CoordSchema says where CSV coordinates are: either Lon/Lat columns in
// WGS84 degrees, or X/Y columns in the projected CRS EPSG. GeoJSON is always
// WGS84 (RFC 7946) and ignores it.
type CoordSchema struct {
	Lon  string `yaml:"lon"`
	Lat  string `yaml:"lat"`
	X    string `yaml:"x"`
	Y    string `yaml:"y"`
	EPSG int    `yaml:"epsg"` // 4326 (default), 3035, 2154, 31370, 32631
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
		Coords: CoordSchema{Lon: "lon", Lat: "lat", X: "x", Y: "y", EPSG: 4326},
	}
}

// BoundarySchema names the properties of a boundary file.
type BoundarySchema struct {
	ID       string `yaml:"id"`
	Country  string `yaml:"country"` // required
	AreaCode string `yaml:"area_code"`
	AreaName string `yaml:"area_name"`
}

// DefaultBoundarySchema is the documented default boundary schema.
func DefaultBoundarySchema() BoundarySchema {
	return BoundarySchema{ID: "id", Country: "country", AreaCode: "area_code", AreaName: "area_name"}
}
