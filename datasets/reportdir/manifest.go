package reportdir

import (
	"sort"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/westhoek"
)

// Manifest is manifest.json: everything needed to know what a report was
// computed from and how. No timestamps: same inputs, same bytes.
type Manifest struct {
	Generator string `json:"generator"`
	Version   string `json:"version"`
	// ManifestVersion is the layout of this file (see Version).
	ManifestVersion int            `json:"manifest_version"`
	Command         string         `json:"command"`
	Inputs          []load.Input   `json:"inputs"`
	Parameters      Params         `json:"parameters"`
	Mapping         []MappingEntry `json:"category_mapping"`
	Unmapped        []string       `json:"unmapped_categories"` // raw values the taxonomy does not know, kept as categories
	Coverage        Coverage       `json:"coverage"`
	Counts          Counts         `json:"counts"`
	Data            []Source       `json:"data_sources"`
	Attribution     []string       `json:"attribution"`
	Statuses        []Status       `json:"statuses"`
	Outputs         []Output       `json:"outputs"`
	Caveats         []string       `json:"caveats,omitempty"`
	Assigned        AssignStats    `json:"assigned_from_boundaries"`
	Roads           *RoadInfo      `json:"roads,omitempty"`
	Hours           *HoursInfo     `json:"opening_hours,omitempty"`
	// Transit describes the public-transport feeds of a run with a timetable.
	Transit *TransitInfo `json:"transit,omitempty"`
	// Contributions accounts for the residents' reports of a run with
	// contributions.
	Contributions *Contributions `json:"contributions,omitempty"`
	// IndicatorSets define the official indicator sets of the run.
	IndicatorSets []string `json:"indicator_sets,omitempty"`
	// Run is the resolved run: a run read from this manifest replays it.
	Run *Run `json:"run"`
}

// Params are the analysis parameters a run used.
type Params struct {
	Distance    string         `json:"distance"`
	ThresholdsM []float64      `json:"thresholds_m"`
	CrossBorder bool           `json:"cross_border"`
	Categories  []string       `json:"categories"`
	Basket      []BasketMember `json:"basket"`
	// BasketPresent lists, per basket member, its categories found in the data.
	BasketPresent [][]string `json:"basket_categories_present"`
	Schemas       any        `json:"schemas"`
}

// BasketMember is one need of the basket, met by any of its categories.
type BasketMember struct {
	Name       string   `yaml:"name" json:"name"`
	Categories []string `yaml:"categories" json:"categories"`
}

// MappingEntry says which raw category value went to which category.
type MappingEntry struct {
	Raw        string `json:"raw"`
	Category   string `json:"category"`
	Label      string `json:"label,omitempty"` // the category as mapped, when its column-safe name differs
	Vocabulary string `json:"vocabulary"`      // osm, bpe, laposte, user, or "unmapped" (kept as is)
	Services   int    `json:"services"`
	// Via is the tag a bare value was read as ("amenity=post_office").
	Via string `json:"via,omitempty"`
	// Ambiguous lists the tags an unmapped bare value could be.
	Ambiguous []string `json:"ambiguous,omitempty"`
}

// Coverage says which category is covered by the data in which country.
type Coverage struct {
	Source string              `json:"source"`
	Pairs  []CoveragePair      `json:"pairs"`
	Notes  []westhoek.Coverage `json:"notes,omitempty"`
}

// CoveragePair is whether a category's services of one country are in
// the data, and which rule decided it ("declared", "metadata", "inferred").
type CoveragePair struct {
	Category string `json:"category"`
	Country  string `json:"country"`
	Covered  bool   `json:"covered"`
	Rule     string `json:"rule,omitempty"`
}

// Counts are the numbers of records read.
type Counts struct {
	Villages                  int            `json:"villages"`
	VillagesPerCountry        map[string]int `json:"villages_per_country"`
	VillagesPopulationUnknown int            `json:"villages_population_unknown"`
	Services                  int            `json:"services"`
	ServicesPerCategory       map[string]int `json:"services_per_category"`
	ServicesPerCountry        map[string]int `json:"services_per_country"`
	Boundaries                int            `json:"boundaries"`
}

// Source is one data source of a run, with its own date (Vintage).
type Source struct {
	Name        string `json:"name"`
	Vintage     string `json:"vintage,omitempty"`
	Licence     string `json:"licence,omitempty"`
	Attribution string `json:"attribution"`
}

// Status documents one village status code.
type Status struct {
	Code    string `json:"code"`
	Meaning string `json:"meaning"`
}

// Output is one file of the report.
type Output struct {
	File        string `json:"file"`
	Description string `json:"description"`
	// SHA256 and Bytes are the file's checksum and size (none for
	// manifest.json itself): readers refuse a changed file.
	SHA256 string `json:"sha256,omitempty"`
	Bytes  int64  `json:"bytes,omitempty"`
}

// AssignStats counts the records whose country or area was taken from
// the boundaries.
type AssignStats struct {
	VillageCountries int `json:"village_countries"`
	VillageAreas     int `json:"village_areas"`
	ServiceCountries int `json:"service_countries"`
	// Unlocated counts records that needed a country but lie in no
	// boundary polygon (they keep an empty country).
	Unlocated int `json:"unlocated"`
}

// RoadInfo is what the manifest says about the road network.
type RoadInfo struct {
	Source       string     `json:"source"` // "osm", "graph file", or "estimate"
	Files        []RoadFile `json:"files,omitempty"`
	Profile      string     `json:"profile"`
	RouteBy      string     `json:"route_by,omitempty"`
	SnapM        float64    `json:"snap_m,omitempty"`
	MaxRoadM     float64    `json:"max_road_m,omitempty"`
	MaxTimeMin   float64    `json:"max_time_min,omitempty"`
	Border       string     `json:"border"`
	NodesRead    int64      `json:"osm_nodes_read,omitempty"`
	WaysRead     int64      `json:"osm_ways_read,omitempty"`
	WaysRoutable int        `json:"routable_ways,omitempty"`
	Vertices     int        `json:"vertices,omitempty"`
	Edges        int        `json:"edges,omitempty"`
	Components   int        `json:"components,omitempty"`
	LargestComp  int        `json:"largest_component_vertices,omitempty"`
	DanglingRefs int64      `json:"dangling_node_references,omitempty"`
	BorderEdges  int        `json:"border_crossing_edges,omitempty"`
	// CountryLabels says where the vertices' countries come from:
	// "boundaries" (boundary files or OSM boundaries), "osm admin_level=2" (the
	// road extracts' own complete country relations), or "" (none).
	CountryLabels  string            `json:"country_labels,omitempty"`
	CountriesCut   []string          `json:"countries_cut_by_extract_edge,omitempty"`
	UnlabelledVtxs int               `json:"vertices_outside_every_country,omitempty"`
	DataDate       string            `json:"data_date,omitempty"`
	DetourFactor   float64           `json:"detour_factor,omitempty"`
	SpeedKmh       float64           `json:"speed_kmh,omitempty"`
	LegSpeedKmh    float64           `json:"leg_speed_kmh,omitempty"` // legs between points and the network
	EstimateNote   string            `json:"estimate_note,omitempty"`
	GraphMeta      map[string]string `json:"graph_meta,omitempty"`
	UnsnappedVills int               `json:"unsnapped_villages"`
	UnsnappedSvcs  int               `json:"unsnapped_services"`
	// Hierarchy is the contraction hierarchy the graph file holds (partons
	// prepare --hierarchy); nil without one.
	Hierarchy *RoadHierarchy `json:"hierarchy,omitempty"`
}

// RoadHierarchy says whether the road searches ran on the graph file's
// contraction hierarchy (PHAST) rather than Dijkstra, and so how close
// their costs are to Dijkstra's.
type RoadHierarchy struct {
	Weight string `json:"weight"` // the weight it was contracted for: time or length
	Used   bool   `json:"used"`   // the run's searches minimised that weight on it
	// RoundingBound, when Used: every cost is within this relative
	// bound of Dijkstra's (road.Graph.RoundingBound), and a tie within it
	// may be broken the other way.
	RoundingBound float64 `json:"rounding_bound,omitempty"`
	Note          string  `json:"note,omitempty"` // why it was not used
}

// RoadFile is one road input file with its checksum.
type RoadFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// Run is a fully resolved run: what the command line, the config file and
// the defaults amount to. manifest.json records it ("run") so that a run
// read from the manifest reproduces a report byte for byte, and scenario
// files use the same keys for their base.
type Run struct {
	Villages   []string `json:"villages" yaml:"villages"`     // files; none with services: the embedded sample
	Services   []string `json:"services" yaml:"services"`     // files
	Boundaries []string `json:"boundaries" yaml:"boundaries"` // files
	Roads      []string `json:"roads" yaml:"roads"`           // OSM extracts or one graph file
	OSM        []string `json:"osm" yaml:"osm"`               // OSM extracts giving villages, services, boundaries (and roads)
	Population []string `json:"population" yaml:"population"` // [CC=]CSV of official population per municipality (with osm)
	Apportion  bool     `json:"apportion" yaml:"apportion"`   // share municipality population among villages (with osm)

	// Contributions are files of residents' reports (CSV or GeoJSON)
	// merged into the services.
	Contributions []string `json:"contributions,omitempty" yaml:"contributions"`
	// Transit are GTFS feeds (.zip or folder); with them Depart, MaxWalkM,
	// MaxTransfers and MaxTransitMin configure public transport.
	Transit       []string `json:"transit,omitempty" yaml:"transit"`
	Depart        string   `json:"depart,omitempty" yaml:"depart"`
	MaxWalkM      float64  `json:"max_walk_m,omitempty" yaml:"max_walk_m"`
	MaxTransfers  int      `json:"max_transfers,omitempty" yaml:"max_transfers"`
	MaxTransitMin float64  `json:"max_transit_min,omitempty" yaml:"max_transit_min"`
	// TransitThresholdsMin are the minutes T of {cat}_transit_share_{T}min
	// and of the public-transport aggregates (nil: 30 and 60).
	TransitThresholdsMin []int `json:"transit_thresholds_min,omitempty" yaml:"transit_thresholds_min"`
	// FlexZones is a configuration file of on-demand zones (GeoJSON, see
	// package datasets/gtfs/flex), used with Transit.
	FlexZones string `json:"flex_zones,omitempty" yaml:"flex_zones"`
	// Indicators are official indicator sets (analysis/indicators) whose
	// table the run writes.
	Indicators []string `json:"indicators,omitempty" yaml:"indicators"`
	// SampleContributions merges the embedded sample's example reports.
	SampleContributions bool `json:"sample_contributions,omitempty" yaml:"sample_contributions"`

	// FileFields are the mappings of single files of Villages and
	// Services (FILE:field=col on the command line, villages_files and
	// services_files in the config), over the schemas.
	FileFields []FileFields `json:"file_fields,omitempty" yaml:"file_fields"`

	VillageSchema  datasets.VillageSchema  `json:"village_schema" yaml:"village_schema"`
	ServiceSchema  datasets.ServiceSchema  `json:"service_schema" yaml:"service_schema"`
	BoundarySchema datasets.BoundarySchema `json:"boundary_schema" yaml:"boundary_schema"`

	ThresholdsM []float64           `json:"thresholds_m" yaml:"thresholds_m"`
	CrossBorder bool                `json:"cross_border" yaml:"cross_border"`
	Categories  []string            `json:"categories" yaml:"categories"`
	Basket      []BasketMember      `json:"basket" yaml:"basket"`
	CategoryMap map[string]string   `json:"category_overrides" yaml:"category_overrides"`
	Coverage    map[string][]string `json:"coverage" yaml:"coverage"` // explicit; empty: sample metadata or inferred

	Profile    string  `json:"profile" yaml:"profile"`
	RouteBy    string  `json:"route_by" yaml:"route_by"`
	SnapM      float64 `json:"snap_m" yaml:"snap_m"`
	MaxRoadM   float64 `json:"max_road_m" yaml:"max_road_m"`
	MaxTimeMin float64 `json:"max_time_min" yaml:"max_time_min"`
	Border     string  `json:"border" yaml:"border"`
	// ExactRoads runs Dijkstra even when the graph file holds a
	// contraction hierarchy: costs bit for bit those of a file without.
	ExactRoads        bool      `json:"exact_roads,omitempty" yaml:"exact_roads"`
	TimeThresholdsMin []float64 `json:"time_thresholds_min" yaml:"time_thresholds_min"`

	Models    []string `json:"models" yaml:"models"`       // accessibility models: 2sfca, e2sfca, 3sfca, gravity, cumulative, nearestN
	Decay     string   `json:"decay" yaml:"decay"`         // decay spec; empty: each model's default
	Catchment float64  `json:"catchment" yaml:"catchment"` // model catchment in cost units; 0: 10000 m, or 30 min by road time

	Lang         string   `json:"lang" yaml:"lang"`                           // report language: nl, fr, en
	Title        string   `json:"title,omitempty" yaml:"title"`               // report title; empty: "Access to everyday services" in Lang
	Outputs      []string `json:"outputs" yaml:"outputs"`                     // report files (partons.gpkg in the GeoPackage format)
	ForceReport  bool     `json:"force_report,omitempty" yaml:"force_report"` // report.html named explicitly: written whatever the size
	CSVRaw       bool     `json:"csv_raw" yaml:"csv_raw"`                     // CSV text cells written raw, without the formula guard
	Attributions []string `json:"attributions" yaml:"attributions"`

	// When is the reference week of opening hours (a date or an ISO
	// week); empty: the first week from the data date without public
	// holidays (hours.DefaultWeek). LenientHours reads
	// unreadable opening_hours values as unknown. Slots replace the
	// default opening-hours slots when non-empty.
	When         string `json:"when,omitempty" yaml:"when"`
	LenientHours bool   `json:"lenient_hours,omitempty" yaml:"lenient_hours"`
	Slots        []Slot `json:"slots,omitempty" yaml:"slots"`
}

// Slot is a named time of the week ("weekday_evening", "Mo-Fr
// 18:00-21:00"): a service is open in it when open at least MinMinutes
// (0: 60) inside the window on one of its days.
type Slot struct {
	Name       string `json:"name" yaml:"name"`
	When       string `json:"when" yaml:"when"`
	MinMinutes int    `json:"min_minutes,omitempty" yaml:"min_minutes"`
}

// HoursInfo is what a run did with opening hours: the reference week, the
// slots and how many services had hours of each status.
type HoursInfo struct {
	Week   string `json:"week"`
	Monday string `json:"monday"`
	// WeekReason says where the week comes from: given, or the data
	// date's week (moved past public holidays).
	WeekReason string         `json:"week_reason"`
	Lenient    bool           `json:"lenient"`
	Slots      []Slot         `json:"slots"`
	Counts     map[string]int `json:"services"`
}

// FileFields are the field mappings of one input file only, on top of the
// schema. manifest.json records them in the run, so a replay reads every
// file as it was read.
type FileFields struct {
	Kind   string            `json:"kind" yaml:"kind"` // villages or services
	Path   string            `json:"path" yaml:"path"`
	Fields map[string]string `json:"fields" yaml:"fields"` // field → column; "epsg" → EPSG code of x/y
}

// Normalize makes nil and empty lists alike so that runs compare and
// serialise the same way whichever way they were built.
func (s *Run) Normalize() {
	for _, l := range []*[]string{&s.Villages, &s.Services, &s.Boundaries, &s.Roads, &s.Categories, &s.Attributions, &s.Models, &s.OSM, &s.Population} {
		if *l == nil {
			*l = []string{}
		}
	}
	if s.CategoryMap == nil {
		s.CategoryMap = map[string]string{}
	}
	if s.Coverage == nil {
		s.Coverage = map[string][]string{}
	}
	for k := range s.Coverage {
		sort.Strings(s.Coverage[k])
	}
}

// Embedded says whether the run analysed the embedded Westhoek sample.
func (s *Run) Embedded() bool {
	return len(s.Villages) == 0 && len(s.Services) == 0 && len(s.OSM) == 0
}

// Contributions counts the residents' reports a run merged.
type Contributions struct {
	// Counts has one entry per kind and status, zero included.
	Counts []ContributionCount `json:"counts"`
	// Outcomes counts reports by what became of them: applied, listed
	// (proposed), superseded (older than their service's source),
	// rejected.
	Outcomes map[string]int `json:"outcomes"`
	Closed   []string       `json:"closed_services"` // ids of the services reports closed
	Added    []string       `json:"added_services"`  // ids of the services reports added
	Rules    string         `json:"rules"`
}

// ContributionCount is the number of reports of one kind and status.
type ContributionCount struct {
	Kind    string `json:"kind"`
	Status  string `json:"status"`
	Reports int    `json:"reports"`
}

// TransitInfo records the public-transport inputs of a run: the service
// day and window, the feeds and what the reader did with every row.
type TransitInfo struct {
	Date          string         `json:"date"`
	Window        string         `json:"window"`
	DateReason    []string       `json:"date_reason,omitempty"`
	Feeds         []TransitFeed  `json:"feeds"`
	Walking       string         `json:"walking"`
	Car           string         `json:"car,omitempty"` // how on-demand rides and transit_vs_car are timed
	MaxWalkM      float64        `json:"max_walk_m"`
	MaxTransfers  int            `json:"max_transfers"`
	MaxTransitMin float64        `json:"max_transit_min"`
	Counts        map[string]int `json:"counts"`
	Files         []TransitFile  `json:"files"`
	Warnings      []string       `json:"warnings,omitempty"`
}

// TransitFeed is one GTFS feed as given.
type TransitFeed struct {
	Name    string `json:"name"`
	Path    string `json:"path"`
	SHA256  string `json:"sha256"`
	Running bool   `json:"running_on_date"`
}

// TransitFile accounts for the rows of one file of one feed.
type TransitFile struct {
	Feed   string         `json:"feed"`
	File   string         `json:"file"`
	Read   int            `json:"read"`
	Used   int            `json:"used"`
	Unused map[string]int `json:"unused,omitempty"`
}
