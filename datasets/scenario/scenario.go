// Package scenario reads partons scenario files: a base run and named
// variants, each a list of changes (close or add services, change
// capacities, drop or add villages, change settings, edit the
// public-transport timetable). The file format is
// YAML, documented by schema.json (JSON Schema) and example.yaml in this
// folder. Unknown keys are errors.
//
// Units: coordinates WGS84 degrees, thresholds metres or minutes as named.
package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"gopkg.in/yaml.v3"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/geo/road"
)

// File is a scenario file.
type File struct {
	// Base is a run, with the keys of the "run" section of manifest.json;
	// absent keys take the defaults (no villages and services: the
	// embedded Westhoek sample).
	Base     map[string]any `yaml:"base" json:"base,omitempty"`
	Variants []Variant      `yaml:"variants" json:"variants,omitempty"`

	root *yaml.Node // the parsed document, for line numbers
}

// MaxNameBytes bounds a variant name: it names a folder, and file systems
// refuse names over 255 bytes.
const MaxNameBytes = 255

// BaseLine returns the line of key in the base section, given as in a
// run manifest ("thresholds_m[1]", "village_schema.epsg"), or of the
// deepest part of it the file has; 0 when unknown. O(size of the path).
func (f *File) BaseLine(key string) int {
	path := append([]any{"base"}, config.KeyPath(key)...)
	return config.Line(f.root, path...)
}

// BaseYAML returns the base section as YAML with every scalar as the
// file wrote it, nil when the file has none. Decoding Base (a map)
// and encoding it again would not: an unquoted date such as
// `when: 2026-01-05` is a YAML timestamp, which comes back as
// "2026-01-05T00:00:00Z". O(size of the base section).
func (f *File) BaseYAML() ([]byte, error) {
	doc := f.root
	if doc == nil || doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "base" {
			if n := m.Content[i+1]; n.Kind == yaml.MappingNode && len(n.Content) > 0 {
				return yaml.Marshal(n)
			}
			return nil, nil
		}
	}
	return nil, nil
}

// ChangeLine returns the line of change c (from 0) of variant v (from 0),
// or of the deepest part of that path the file has; 0 when unknown.
func (f *File) ChangeLine(v, c int) int {
	return config.Line(f.root, "variants", v, "changes", c)
}

// Variant is a named set of changes to the base.
type Variant struct {
	Name        string   `yaml:"name" json:"name,omitempty"`
	Description string   `yaml:"description" json:"description,omitempty"`
	Changes     []Change `yaml:"changes" json:"changes,omitempty"`
}

// Change is one change; exactly one field is set.
type Change struct {
	CloseServices *Filter      `yaml:"close_services" json:"close_services,omitempty"`
	AddServices   []NewService `yaml:"add_services" json:"add_services,omitempty"`
	MobileService *Mobile      `yaml:"mobile_service" json:"mobile_service,omitempty"`
	SetCapacity   *SetCapacity `yaml:"set_capacity" json:"set_capacity,omitempty"`
	SetHours      *SetHours    `yaml:"set_hours" json:"set_hours,omitempty"`
	DropVillages  *Filter      `yaml:"drop_villages" json:"drop_villages,omitempty"`
	AddVillages   []NewVillage `yaml:"add_villages" json:"add_villages,omitempty"`
	Set           *Settings    `yaml:"set" json:"set,omitempty"`
	CloseBorder   bool         `yaml:"close_border" json:"close_border,omitempty"`
	// UseProposedReports applies the base's proposed contributions as if
	// they were confirmed: "if residents are right".
	UseProposedReports bool `yaml:"use_proposed_reports" json:"use_proposed_reports,omitempty"`
	// Timetable changes (see RemoveRoutes): the base needs
	// public-transport feeds.
	RemoveRoutes   *RemoveRoutes   `yaml:"remove_routes" json:"remove_routes,omitempty"`
	ScaleFrequency *ScaleFrequency `yaml:"scale_frequency" json:"scale_frequency,omitempty"`
	AddRoute       *AddRoute       `yaml:"add_route" json:"add_route,omitempty"`
}

// Filter selects services or villages by ids, or by category, country
// and area together (area: the area_code of the village a service lies
// nearest to). It must select something.
type Filter struct {
	IDs      []string `yaml:"ids" json:"ids,omitempty"`
	Category string   `yaml:"category" json:"category,omitempty"`
	Country  string   `yaml:"country" json:"country,omitempty"`
	Area     string   `yaml:"area" json:"area,omitempty"`
}

// NewService is a service point to open.
type NewService struct {
	ID       string   `yaml:"id" json:"id,omitempty"`
	Name     string   `yaml:"name" json:"name,omitempty"`
	Category string   `yaml:"category" json:"category,omitempty"`
	Country  string   `yaml:"country" json:"country,omitempty"`
	Lon      float64  `yaml:"lon" json:"lon,omitempty"`
	Lat      float64  `yaml:"lat" json:"lat,omitempty"`
	Capacity *float64 `yaml:"capacity" json:"capacity,omitempty"`
	// OpeningHours is an OSM opening_hours value; empty: unknown.
	OpeningHours string `yaml:"opening_hours" json:"opening_hours,omitempty"`
}

// Mobile is a mobile service (a post van, a travelling GP) stopping in
// the listed villages: one service point at each village's location.
type Mobile struct {
	IDPrefix string   `yaml:"id_prefix" json:"id_prefix,omitempty"`
	Category string   `yaml:"category" json:"category,omitempty"`
	Villages []string `yaml:"villages" json:"villages,omitempty"`
}

// SetCapacity changes the capacity of the selected services.
type SetCapacity struct {
	Filter   `yaml:",inline" json:",inline"`
	Capacity float64 `yaml:"capacity" json:"capacity,omitempty"`
}

// SetHours sets the opening hours of the selected services: an OSM
// opening_hours value ("Sa 09:00-12:00"); empty makes them unknown.
type SetHours struct {
	Filter       `yaml:",inline" json:",inline"`
	OpeningHours string `yaml:"opening_hours" json:"opening_hours"`
}

// NewVillage is a village to add.
type NewVillage struct {
	ID         string   `yaml:"id" json:"id,omitempty"`
	Name       string   `yaml:"name" json:"name,omitempty"`
	Country    string   `yaml:"country" json:"country,omitempty"`
	Population *float64 `yaml:"population" json:"population,omitempty"`
	AreaCode   string   `yaml:"area_code" json:"area_code,omitempty"`
	AreaName   string   `yaml:"area_name" json:"area_name,omitempty"`
	Lon        float64  `yaml:"lon" json:"lon,omitempty"`
	Lat        float64  `yaml:"lat" json:"lat,omitempty"`
}

// Settings change run parameters (then every category is recomputed).
type Settings struct {
	Profile           string    `yaml:"profile" json:"profile,omitempty"`
	ThresholdsM       []float64 `yaml:"thresholds_m" json:"thresholds_m,omitempty"`
	TimeThresholdsMin []float64 `yaml:"time_thresholds_min" json:"time_thresholds_min,omitempty"`
	RouteBy           string    `yaml:"route_by" json:"route_by,omitempty"`
}

// Error locates a problem in a scenario file.
type Error struct {
	File, Variant string
	Line          int // 1-based line in the file; 0 when unknown
	Change        int // 1-based; 0 for the variant or the file
	Reason        string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Variant != "" {
		fmt.Fprintf(&b, ": variant %q", e.Variant)
	}
	if e.Change > 0 {
		fmt.Fprintf(&b, ": change %d", e.Change)
	}
	b.WriteString(": " + e.Reason)
	return b.String()
}

// Unwrap makes every scenario error invalid input data.
func (e *Error) Unwrap() error { return datasets.ErrInvalid }

// Read parses and checks a scenario file.
func Read(name string, r io.Reader) (*File, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("scenario: %s: %w", name, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f File
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{File: name, Reason: "empty scenario file"}
		}
		return nil, &Error{File: name, Reason: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	f.root = &yaml.Node{}
	if err := yaml.Unmarshal(data, f.root); err != nil {
		return nil, &Error{File: name, Reason: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(f.Variants) == 0 {
		return nil, &Error{File: name, Line: config.Line(f.root, "variants"), Reason: "no variants: a scenario compares at least one variant with its base"}
	}
	seen := map[string]bool{"base": true}
	for k, v := range f.Variants {
		line := config.Line(f.root, "variants", k, "name")
		shown := v.Name
		if len(shown) > 64 {
			shown = shown[:64] + "…"
		}
		switch {
		case v.Name == "" || strings.ContainsAny(v.Name, `/\:*?"<>|`) || strings.HasPrefix(v.Name, ".") || strings.ContainsFunc(v.Name, unicode.IsControl):
			return nil, &Error{File: name, Line: line, Variant: shown, Reason: "a variant needs a name usable as a folder name"}
		case len(v.Name) > MaxNameBytes || !utf8.ValidString(v.Name):
			return nil, &Error{File: name, Line: line, Variant: shown,
				Reason: fmt.Sprintf("name is %d bytes: at most %d bytes of UTF-8 (it names a folder)", len(v.Name), MaxNameBytes)}
		case seen[v.Name]:
			return nil, &Error{File: name, Line: line, Variant: shown, Reason: "name used twice (or \"base\")"}
		}
		seen[v.Name] = true
		for i, c := range v.Changes {
			if err := c.check(); err != "" {
				return nil, &Error{File: name, Line: config.Line(f.root, "variants", k, "changes", i), Variant: v.Name, Change: i + 1, Reason: err}
			}
			if fe := c.checkTimetable(); fe != nil {
				path := append([]any{"variants", k, "changes", i}, fe.path...)
				return nil, &Error{File: name, Line: config.Line(f.root, path...), Variant: v.Name, Change: i + 1, Reason: fe.Error()}
			}
		}
	}
	return &f, nil
}

func (c *Change) check() string {
	n := 0
	for _, set := range []bool{c.CloseServices != nil, c.AddServices != nil, c.MobileService != nil, c.SetCapacity != nil, c.SetHours != nil,
		c.DropVillages != nil, c.AddVillages != nil, c.Set != nil, c.CloseBorder, c.UseProposedReports,
		c.RemoveRoutes != nil, c.ScaleFrequency != nil, c.AddRoute != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return "a change has exactly one of close_services, add_services, mobile_service, set_capacity, set_hours, drop_villages, add_villages, set, close_border, use_proposed_reports, remove_routes, scale_frequency, add_route"
	}
	for _, f := range []*Filter{c.CloseServices, c.DropVillages} {
		if f != nil && len(f.IDs) == 0 && f.Category == "" && f.Country == "" && f.Area == "" {
			return "empty filter: give ids, or a category, country or area"
		}
	}
	if c.SetHours != nil {
		if len(c.SetHours.IDs) == 0 && c.SetHours.Category == "" && c.SetHours.Country == "" && c.SetHours.Area == "" {
			return "empty filter: give ids, or a category, country or area"
		}
		if v := c.SetHours.OpeningHours; strings.TrimSpace(v) != "" {
			if _, err := hours.Parse(v); err != nil {
				return "set_hours: " + err.Error()
			}
		}
	}
	if c.SetCapacity != nil {
		if len(c.SetCapacity.IDs) == 0 && c.SetCapacity.Category == "" && c.SetCapacity.Country == "" && c.SetCapacity.Area == "" {
			return "empty filter: give ids, or a category, country or area"
		}
		if err := datasets.ValidateQuantity(c.SetCapacity.Capacity); err != nil {
			return "capacity " + err.Error()
		}
	}
	for i, s := range c.AddServices {
		if strings.TrimSpace(s.OpeningHours) != "" {
			if _, err := hours.Parse(s.OpeningHours); err != nil {
				return fmt.Sprintf("add_services[%d]: %v", i, err)
			}
		}
		if s.ID == "" || s.Category == "" {
			return fmt.Sprintf("add_services[%d]: id and category are required", i)
		}
		if err := datasets.ValidateLonLat(s.Lon, s.Lat); err != nil {
			return fmt.Sprintf("add_services[%d] %q: %v", i, s.ID, err)
		}
		if why := datasets.CheckCountryPoint(strings.ToUpper(s.Country), orb.Point{s.Lon, s.Lat}); why != "" {
			return fmt.Sprintf("add_services[%d] %q: %s", i, s.ID, why)
		}
		if s.Capacity != nil {
			if err := datasets.ValidateQuantity(*s.Capacity); err != nil {
				return fmt.Sprintf("add_services[%d] %q: capacity %v", i, s.ID, err)
			}
		}
	}
	if s := c.Set; s != nil {
		if why := s.check(); why != "" {
			return "set: " + why
		}
	}
	if m := c.MobileService; m != nil && (m.Category == "" || len(m.Villages) == 0 || m.IDPrefix == "") {
		return "mobile_service needs id_prefix, category and villages"
	}
	for i, v := range c.AddVillages {
		if v.ID == "" || v.Name == "" {
			return fmt.Sprintf("add_villages[%d]: id and name are required", i)
		}
		if err := datasets.ValidateLonLat(v.Lon, v.Lat); err != nil {
			return fmt.Sprintf("add_villages[%d] %q: %v", i, v.ID, err)
		}
		if why := datasets.CheckCountryPoint(strings.ToUpper(v.Country), orb.Point{v.Lon, v.Lat}); why != "" {
			return fmt.Sprintf("add_villages[%d] %q: %s", i, v.ID, why)
		}
		if v.Population != nil {
			if err := datasets.ValidatePopulation(*v.Population); err != nil {
				return fmt.Sprintf("add_villages[%d] %q: population %v", i, v.ID, err)
			}
		}
	}
	return ""
}

// check checks changed settings as a run would, so that a bad value stops
// the scenario before the base is computed.
func (s *Settings) check() string {
	if _, ok := road.ParseProfile(s.Profile); s.Profile != "" && !ok {
		return fmt.Sprintf("profile %q: want %s", s.Profile, road.ProfileNames)
	}
	if _, ok := road.ParseWeight(s.RouteBy); s.RouteBy != "" && !ok {
		return fmt.Sprintf("route_by %q: want %s", s.RouteBy, road.WeightNames)
	}
	for i, t := range s.ThresholdsM {
		if err := datasets.ValidateThreshold(t, s.ThresholdsM[:i], "m"); err != nil {
			return fmt.Sprintf("thresholds_m[%d]: %v", i, err)
		}
	}
	for i, t := range s.TimeThresholdsMin {
		if !(t > 0) || t > 1e9 || (i > 0 && t <= s.TimeThresholdsMin[i-1]) {
			return fmt.Sprintf("time_thresholds_min[%d]: %v: thresholds must be positive, finite and strictly ascending", i, t)
		}
	}
	return ""
}
