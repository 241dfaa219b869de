package osmextract

import (
	"strconv"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/osmextract/internal/tags"
	"github.com/partons/partons/datasets/taxonomy"
)

// Attribution must accompany every output derived from OSM data.
const Attribution = "© OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)"

// DefaultMergeDistanceM is the default distance within which a node and an
// area with the same category and name are one service (metres).
const DefaultMergeDistanceM = 50

// AreaCodeKey says which tag of a municipality boundary holds its
// official code, and which country that code belongs to.
type AreaCodeKey struct {
	Key     string // e.g. "ref:INSEE"
	Country string // ISO 3166-1 alpha-2, e.g. "FR"
}

// Options are the optional settings of Extract. The zero value is valid
// and means the defaults below.
type Options struct {
	// Places are the place=* values read as villages; nil means
	// DefaultPlaces.
	Places []string
	// AdminLevels are the admin_level values read as boundaries; nil means
	// {2, 8}. Level 2 boundaries give countries, the others areas.
	AdminLevels []int
	// AreaCodeKeys are the tags holding a municipality's code, tried in
	// order; nil means DefaultAreaCodeKeys. A boundary whose country is not
	// known from a country polygon takes the Country of its code key.
	AreaCodeKeys []AreaCodeKey
	// Taxonomy maps key=value tags to service categories; nil means
	// taxonomy.Default(). Every entry whose raw value has the form
	// key=value is looked for.
	Taxonomy *taxonomy.Taxonomy
	// MergeDistanceM is the node–area merge distance (see the package
	// comment); 0 means DefaultMergeDistanceM, < 0 disables merging.
	MergeDistanceM float64
	// Procs is the number of PBF decoding goroutines; ≤ 0 means
	// runtime.GOMAXPROCS(0).
	Procs int
	// BoundariesOnly reads the boundaries of AdminLevels and nothing else:
	// no villages, no services (e.g. to label a road network with the
	// countries of its own extract).
	BoundariesOnly bool
}

// DefaultPlaces are the place values read as villages by default.
var DefaultPlaces = []string{"city", "town", "village", "hamlet"}

// DefaultAreaCodeKeys are the municipality code tags of Belgium (NIS/INS
// code) and France (INSEE code).
var DefaultAreaCodeKeys = []AreaCodeKey{{Key: "ref:INS", Country: "BE"}, {Key: "ref:INSEE", Country: "FR"}}

// settings is Options with the defaults filled in and lookups built.
type settings struct {
	tags       *tags.Rules
	mergeM     float64
	procs      int
	countryLvl int
}

func (o Options) settings(procs int) (*settings, error) {
	c := tags.Config{Places: o.Places, AdminLevels: o.AdminLevels, Taxonomy: o.Taxonomy, BoundariesOnly: o.BoundariesOnly}
	if c.Places == nil {
		c.Places = DefaultPlaces
	}
	if c.AdminLevels == nil {
		c.AdminLevels = []int{2, 8}
	}
	codeKeys := o.AreaCodeKeys
	if codeKeys == nil {
		codeKeys = DefaultAreaCodeKeys
	}
	for _, k := range codeKeys {
		c.CodeKeys = append(c.CodeKeys, tags.CodeKey{Key: k.Key, Country: k.Country})
	}
	if c.Taxonomy == nil {
		c.Taxonomy = taxonomy.Default()
	}
	rules, err := tags.New(c)
	if err != nil {
		return nil, err
	}
	s := &settings{tags: rules, procs: procs, countryLvl: 2}
	switch {
	case o.MergeDistanceM == 0:
		s.mergeM = DefaultMergeDistanceM
	default:
		s.mergeM = o.MergeDistanceM
	}
	return s, nil
}

// Result is what Extract found. Villages, Services and Boundaries are ready
// for analysis; the *Info slices run parallel to them with the OSM details
// the output files carry.
type Result struct {
	Villages     []datasets.Village
	VillageInfo  []VillageInfo
	Services     []datasets.Service
	ServiceInfo  []ServiceInfo
	Boundaries   []datasets.Boundary
	BoundaryInfo []BoundaryInfo
	Report       *Report
}

// ObjectID names an OSM object: "node/42", "way/7", "relation/3".
type ObjectID struct {
	Type string // "node", "way" or "relation"
	ID   int64
}

func (o ObjectID) String() string { return o.Type + "/" + strconv.FormatInt(o.ID, 10) }

// typeRank orders OSM types as OSM files do.
func typeRank(t string) int {
	switch t {
	case "node":
		return 0
	case "way":
		return 1
	}
	return 2
}

// Compare orders ids by type (node, way, relation), then id.
func (o ObjectID) Compare(p ObjectID) int {
	if a, b := typeRank(o.Type), typeRank(p.Type); a != b {
		return a - b
	}
	switch {
	case o.ID < p.ID:
		return -1
	case o.ID > p.ID:
		return 1
	}
	return 0
}

// Population sources of a village (VillageInfo.PopulationSource).
const (
	PopOSM         = "osm"         // the place's population tag
	PopOfficial    = "official"    // an official figure for the place's municipality, the place standing for it
	PopApportioned = "apportioned" // a share of its municipality's official figure
	PopUnknown     = "unknown"     // no figure
)

// VillageInfo carries the OSM details of one village.
type VillageInfo struct {
	OSM              ObjectID
	Place            string // place=* value
	NameNL, NameFR   string // name:nl, name:fr
	Code             string // the place's own official code tag (ref:INS / ref:INSEE), if any
	PopulationSource string // PopOSM, PopOfficial, PopApportioned or PopUnknown
	PopulationTag    string // the raw population tag, "" if none
	MergedWith       []ObjectID
}

// ServiceInfo carries the OSM details of one service.
type ServiceInfo struct {
	OSM          ObjectID
	OpeningHours string
	MergedWith   []ObjectID
}

// BoundaryInfo carries the OSM details of one boundary.
type BoundaryInfo struct {
	OSM        ObjectID
	AdminLevel int
	Name       string
	AreaKm2    float64 // spherical area (radius 6371008.8 m)
}
