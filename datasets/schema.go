package datasets

// VillageSchema names the properties (GeoJSON) or columns (CSV) a village
// file is read from. Empty optional names mean "not present".
type VillageSchema struct {
	ID         string      `json:"id" yaml:"id"`                 // required
	Name       string      `json:"name" yaml:"name"`             // required
	Country    string      `json:"country" yaml:"country"`       // optional: from --boundaries when absent
	Population string      `json:"population" yaml:"population"` // optional: empty cell means unknown
	AreaCode   string      `json:"area_code" yaml:"area_code"`   // optional
	AreaName   string      `json:"area_name" yaml:"area_name"`   // optional
	Coords     CoordSchema `json:"coords" yaml:",inline"`
}

// ServiceSchema names the properties or columns a service file is read from.
type ServiceSchema struct {
	ID       string      `json:"id" yaml:"id"`             // required
	Name     string      `json:"name" yaml:"name"`         // optional
	Category string      `json:"category" yaml:"category"` // required: raw value, mapped by the taxonomy
	Country  string      `json:"country" yaml:"country"`   // optional: from --boundaries when absent
	Capacity string      `json:"capacity" yaml:"capacity"` // optional
	Coords   CoordSchema `json:"coords" yaml:",inline"`
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
		Coords: CoordSchema{Lon: "lon", Lat: "lat", X: "x", Y: "y", EPSG: 4326},
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
