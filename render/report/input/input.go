package input

import (
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/figures"
)

// Input is everything a report shows. Result is required; the rest is
// optional and its section is left out when empty.
type Input struct {
	Result     *analysis.Result
	Aggregates []analysis.Aggregate // aggregates.Of(Result); computed when nil
	Lang       qml.Lang             // NL, FR or EN (default EN)

	Title string // default: "Access to everyday services" in Lang
	// Subtitle names the region; default: the villages' countries in Lang
	// ("Belgium – France").
	Subtitle string

	// MainCategory is mapped first and used for the per-area table
	// (default: MainCategory(Result)).
	MainCategory string
	// Labels are the categories as the data gave them, keyed by their
	// column-safe name (taxonomy.Name): a category the report cannot
	// translate is shown by its label ("Boulangerie artisanale", not
	// boulangerie_artisanale).
	Labels map[string]string

	// Sources are the data sources with their vintage and licence; the
	// header lists each source's date ("unknown" when Vintage is empty),
	// never the clock.
	Sources      []Source
	Coverage     []CoverageNote // completeness per category and country
	Attributions []string       // strings the report must carry
	Caveats      []string       // free text
	// Warnings are shown first in the report's "read this first" box
	// (free text, as given).
	Warnings []string
	// Translations gives source names, vintages, licences and caveats in
	// Dutch, French and English, keyed by the text as given
	// (datasets/westhoek.Translations for the embedded sample). Texts
	// without an entry are shown as given, marked as English.
	Translations map[string][3]string

	// Areas are area outlines drawn on the maps (e.g. from --boundaries).
	Areas []Area
	// Names holds place names by language, keyed by the name in the data:
	// Names["Ieper"][qml.FR] = "Ypres". Entries override the built-in
	// table of the Westhoek's names (Exonyms).
	Names map[string]map[qml.Lang]string

	// WorstN is the number of villages listed per country (default 10).
	WorstN int

	// Scenario adds the villages that lose or gain under a scenario.
	Scenario *Scenario
	// Sites adds the sites a location run chose.
	Sites []Site

	// Provenance gives a service, by id, its source (an input file's
	// name, the OSM extracts, the embedded sample's source), that
	// source's date (YYYY-MM-DD or a vintage such as 2015-11; "" when
	// unknown) and the ids of the reports that changed it: the columns
	// source, source_date and reports of services.csv and of the
	// services layer of partons.gpkg. nil leaves them empty. Called
	// concurrently.
	Provenance func(serviceID string) (source, date string, reports []string)
}

// Source is one upstream data source.
type Source struct {
	Name, Vintage, Licence, Attribution string
}

// Completeness grades of CoverageNote (datasets/westhoek values).
const (
	Complete = "complete"
	Partial  = "partial"
	None     = "none"
)

// CoverageNote says how completely the service data lists one category
// in one country.
type CoverageNote struct {
	Category, Country string
	Covered           bool
	Completeness      string // Complete, Partial or None
	Vintage           string
	Points            int
}

// Area is an area outline with its code (Village.AreaCode) and country.
type Area struct {
	Code, Country, Name string
	Geometry            orb.MultiPolygon
}

// Scenario is a change to the services (closures, openings) and its
// effect on one category: DeltaM[v] is the scenario's distance minus the
// baseline's for village v (aligned with Result.Villages), NaN when either
// is unknown. Negative is closer (a gain), positive farther (a loss).
type Scenario struct {
	Name     string
	Category string
	DeltaM   []float64
	// BreaksM are the class limits of the map in metres (default 500,
	// 2000, 5000).
	BreaksM []float64
}

// Site is one site chosen by a location run.
type Site struct {
	Name     string
	Category string
	Location orb.Point // WGS84 lon/lat
	// PeopleServed is the population newly within reach (NaN unknown).
	PeopleServed float64
}

// ErrInput is wrapped by errors about an Input.
var ErrInput = errors.New("report: invalid input")

// Check reports an inconsistent Input (wrapping ErrInput): no result,
// rows not aligned with villages, a scenario or main category not in the
// result, a site off the WGS84 range.
func (in *Input) Check() error {
	r := in.Result
	if r == nil {
		return fmt.Errorf("%w: no result", ErrInput)
	}
	if len(r.Rows) != len(r.Villages) {
		return fmt.Errorf("%w: %d result rows for %d villages", ErrInput, len(r.Rows), len(r.Villages))
	}
	if s := in.Scenario; s != nil {
		if len(s.DeltaM) != len(r.Villages) {
			return fmt.Errorf("%w: scenario %q: %d differences for %d villages", ErrInput, s.Name, len(s.DeltaM), len(r.Villages))
		}
		if figures.CatIndex(r, s.Category) < 0 {
			return fmt.Errorf("%w: scenario %q: category %q is not in the result", ErrInput, s.Name, s.Category)
		}
	}
	for i, s := range in.Sites {
		p := s.Location
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90 {
			return fmt.Errorf("%w: site %d (%q): location %v is not a WGS84 lon/lat", ErrInput, i, s.Name, p)
		}
	}
	if in.MainCategory != "" && figures.CatIndex(r, in.MainCategory) < 0 && in.MainCategory != analysis.BasketCategory {
		return fmt.Errorf("%w: main category %q is not in the result", ErrInput, in.MainCategory)
	}
	return nil
}

// CoverageFromWesthoek converts the embedded sample's coverage notes
// (also those a run manifest carries).
func CoverageFromWesthoek(notes []westhoek.Coverage) []CoverageNote {
	out := make([]CoverageNote, len(notes))
	for i, c := range notes {
		out[i] = CoverageNote{Category: c.Category, Country: c.Country, Covered: c.Covered,
			Completeness: c.Completeness, Vintage: c.Vintage, Points: c.Points}
	}
	return out
}

// MainCategory returns the category whose cross-border (nearest)
// distance is known for the most people (figures.MainCategory).
func MainCategory(r *analysis.Result) string { return figures.MainCategory(r) }

// DefaultDeltaBreaksM are the class limits of scenario maps, in metres.
var DefaultDeltaBreaksM = []float64{500, 2000, 5000}

// Breaks are the class limits of the scenario's map (m): the ascending
// positive finite BreaksM, DefaultDeltaBreaksM when there are none.
func (s *Scenario) Breaks() []float64 {
	if b := clean(s.BreaksM); len(b) > 0 {
		return b
	}
	return DefaultDeltaBreaksM
}

// clean keeps the ascending positive finite breaks.
func clean(breaks []float64) []float64 {
	var out []float64
	for _, v := range breaks {
		if v > 0 && !math.IsInf(v, 0) && (len(out) == 0 || v > out[len(out)-1]) {
			out = append(out, v)
		}
	}
	return out
}
