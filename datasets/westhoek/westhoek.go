package westhoek

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
)

// Names of the embedded files, used as the Source of errors and records
// read from them.
const (
	VillagesFile = "westhoek/villages.geojson"
	ServicesFile = "westhoek/services.geojson"
	AreasFile    = "westhoek/areas.csv"
	MetadataFile = "westhoek/metadata.json"
	// ContributionsFile holds example residents' reports about the
	// sample's services (datasets/contributions), one of each outcome.
	ContributionsFile = "westhoek/contributions.csv"
)

// Country codes used in the sample (ISO 3166-1 alpha-2).
const (
	Belgium = "BE"
	France  = "FR"
)

//go:embed data/villages.geojson data/services.geojson data/areas.csv data/metadata.json data/contributions.csv
var files embed.FS

// embedded maps the public names to paths inside files.
var embedded = map[string]string{
	VillagesFile:      "data/villages.geojson",
	ServicesFile:      "data/services.geojson",
	AreasFile:         "data/areas.csv",
	MetadataFile:      "data/metadata.json",
	ContributionsFile: "data/contributions.csv",
}

// Metadata describes the sample: its sources with licences and attribution,
// what each category covers per country, and counts.
type Metadata struct {
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Sources     []Source   `json:"sources"`
	Coverage    []Coverage `json:"coverage"`
	Countries   []Country  `json:"countries"`
	LeftOut     []LeftOut  `json:"left_out"`
	Caveats     []string   `json:"caveats"`
}

// Source is one upstream data source.
type Source struct {
	ID          string `json:"id"`          // value of the services' "source" property
	Name        string `json:"name"`        // human-readable name
	File        string `json:"file"`        // upstream file the sample was built from
	Vintage     string `json:"vintage"`     // date or year of the data
	Licence     string `json:"licence"`     // licence name
	Attribution string `json:"attribution"` // string a report must carry when it uses the data
	Used        string `json:"used"`        // what the sample takes from it
}

// Completeness values of Coverage.
const (
	Complete = "complete" // the source lists every point of the category (an operator's own network list)
	Partial  = "partial"  // the source lists some points: counts are lower bounds, distances upper bounds
	None     = "none"     // no source for the category in this country
)

// Coverage says whether the sample holds a survey of one category in one
// country. Covered is false when the sample has no source meant to list
// that category there: a village far from such points may still have the
// service. Completeness grades a covered category (Complete or Partial).
// Points is the number of service points of the category and country in
// the sample (possibly non-zero when not covered: stray points).
type Coverage struct {
	Category     string `json:"category"`
	Country      string `json:"country"`
	Covered      bool   `json:"covered"`
	Completeness string `json:"completeness"` // Complete, Partial or None
	Source       string `json:"source"`       // Source.ID, "" when none
	Vintage      string `json:"vintage"`      // "" when none
	Points       int    `json:"points"`
	Note         string `json:"note"`
}

// Country holds per-country counts of the sample.
type Country struct {
	Country           string `json:"country"`
	Villages          int    `json:"villages"`
	PopulationKnown   int    `json:"population_known"`   // villages with a population
	PopulationUnknown int    `json:"population_unknown"` // villages whose population is null
	Population        int64  `json:"population"`         // sum over villages with a population
	Services          int    `json:"services"`
}

// LeftOut counts source records that the sample does not carry, and why.
type LeftOut struct {
	File   string `json:"file"`
	What   string `json:"what"`
	Reason string `json:"reason"`
	Count  int    `json:"count"`
}

// Villages returns a copy of the embedded village GeoJSON (RFC 7946
// FeatureCollection; properties id, name, country, population, area_code,
// area_name).
func Villages() []byte { return mustRead(VillagesFile) }

// Services returns a copy of the embedded service-point GeoJSON
// (properties id, name, category, country, source; category is the raw
// source value, to be mapped with taxonomy.Default()).
func Services() []byte { return mustRead(ServicesFile) }

// Contributions returns a copy of the example residents' reports (CSV
// with the default columns of datasets/contributions): a confirmed closure
// and opening in Ieper, a closure older than La Poste's list, proposed
// and rejected reports; a run asked to use the sample's contributions
// merges them.
func Contributions() []byte { return mustRead(ContributionsFile) }

// Areas returns a copy of the embedded area table (CSV with header
// area_code,area_name,country,kind,population,population_source).
func Areas() []byte { return mustRead(AreasFile) }

// ReadFile returns a copy of an embedded file by its public name
// (VillagesFile, …). It fails with fs.ErrNotExist for other names.
func ReadFile(name string) ([]byte, error) {
	p, ok := embedded[name]
	if !ok {
		return nil, fmt.Errorf("westhoek: %s: %w", name, fs.ErrNotExist)
	}
	b, err := files.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("westhoek: %s: %w", name, err)
	}
	return b, nil
}

// mustRead reads a file that go:embed guarantees to exist.
func mustRead(name string) []byte {
	b, err := ReadFile(name)
	if err != nil {
		panic(err) // unreachable: the file is embedded at build time
	}
	return b
}

// ReadMetadata decodes the embedded metadata. Unknown fields are an error, so
// the file and this type cannot drift apart silently.
func ReadMetadata() (Metadata, error) {
	b, err := ReadFile(MetadataFile)
	if err != nil {
		return Metadata{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var m Metadata
	if err := dec.Decode(&m); err != nil {
		return Metadata{}, fmt.Errorf("westhoek: %s: %w", MetadataFile, err)
	}
	return m, nil
}

// CoverageOf returns the coverage row of a category in a country.
func (m Metadata) CoverageOf(category, country string) (Coverage, bool) {
	for _, c := range m.Coverage {
		if c.Category == category && c.Country == country {
			return c, true
		}
	}
	return Coverage{}, false
}

// Attributions returns the distinct attribution strings of the sources, in
// source order, for reports that ship results derived from the sample.
func (m Metadata) Attributions() []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range m.Sources {
		if s.Attribution != "" && !seen[s.Attribution] {
			seen[s.Attribution] = true
			out = append(out, s.Attribution)
		}
	}
	return out
}
