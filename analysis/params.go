package analysis

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"

	"github.com/partons/partons/travel"
)

// Params are the knobs of an accessibility run. Use DefaultParams and
// change what you need; Validate reports inconsistent settings.
type Params struct {
	// ThresholdsM are the distance thresholds in metres for the
	// `{cat}_within_{T}m` counts and coverage shares, ascending.
	ThresholdsM []float64

	// Basket is the set of everyday services that must all be within a
	// threshold for a village to count as served.
	Basket []BasketMember

	// CrossBorder enables the domestic/abroad split. When true every
	// village and service needs a country.
	CrossBorder bool

	// Categories restricts the analysis to these categories (in this
	// order). Empty means every category present in the services, sorted.
	Categories []string

	// Coverage says, for the categories it names, in which countries the
	// service data covers them (a country it does not list for such a
	// category is not covered). Categories it does not name are inferred
	// from the data: covered in a country when at least one service of it
	// is there. Nil: every category is inferred.
	Coverage Coverage
	// CoverageRules says what gave each category of Coverage (default
	// CoverageDeclared); reported with the effective coverage.
	CoverageRules map[string]CoverageRule

	// Road configures road metrics: real routes on a network, or
	// estimates from straight lines. Nil: no road metrics.
	Road *RoadParams

	// Modes are further travel modes (public transport, …) measured for
	// every category besides straight lines and roads: each gives a
	// ModeBlock of the result, its columns and aggregate bases, keyed by
	// its Schema().Name (unique, and not "road").
	Modes []travel.Mode
	// ModeThresholdsMin are the travel-time thresholds (minutes,
	// ascending) of the aggregates of a further mode's minute bases,
	// keyed by the mode's name (public transport: 30 and 60 minutes, the
	// thresholds of its own shares). A mode not listed uses the road's
	// TimeThresholdsMin, or DefaultTimeThresholdsMin without roads; an
	// entry for a mode the run does not have is unused.
	ModeThresholdsMin map[string][]float64

	// Models are accessibility models (2SFCA, gravity, …) computed for
	// every category within Catchment (cost units: metres straight-line,
	// minutes or metres by road). Nil: none.
	Models    []ModelSpec
	Catchment float64

	// Workers is the number of goroutines; <= 0 means GOMAXPROCS.
	Workers int

	// Progress, when set, is called with the number of villages done
	// (monotonically increasing, from several goroutines but never at
	// once) and the total, for a progress bar.
	Progress func(done, total int)
}

// BasketMember is one need of the basket, met by any of its categories
// (e.g. "food" by a bakery, a butcher or a grocery).
type BasketMember struct {
	Name       string   `yaml:"name" json:"name"`
	Categories []string `yaml:"categories" json:"categories"`
}

// DefaultThresholdsM are 15 minutes on foot (≈ 1.2 km) and by bike
// (≈ 3.75 km), as in the Flemish basic-services indicator, and 10 km.
var DefaultThresholdsM = []float64{1200, 3750, 10000}

// DefaultParams returns the documented defaults (without a basket: the
// taxonomy owns the default basket).
func DefaultParams() Params {
	return Params{
		ThresholdsM: append([]float64(nil), DefaultThresholdsM...),
		CrossBorder: true,
	}
}

// Validate checks the parameters.
func (p *Params) Validate() error {
	if len(p.ThresholdsM) == 0 {
		return fmt.Errorf("analysis: at least one distance threshold is needed")
	}
	for i, t := range p.ThresholdsM {
		if math.IsNaN(t) || math.IsInf(t, 0) || t <= 0 {
			return fmt.Errorf("analysis: threshold %v m: must be a positive finite number of metres", t)
		}
		if t != math.Trunc(t) {
			return fmt.Errorf("analysis: threshold %v m: must be a whole number of metres (it names columns)", t)
		}
		if i > 0 && t <= p.ThresholdsM[i-1] {
			return fmt.Errorf("analysis: thresholds must be strictly ascending, got %v after %v", t, p.ThresholdsM[i-1])
		}
	}
	seen := map[string]bool{}
	for i, m := range p.Basket {
		if m.Name == "" {
			return fmt.Errorf("analysis: basket member %d has no name", i+1)
		}
		if seen[m.Name] {
			return fmt.Errorf("analysis: basket member %q appears twice", m.Name)
		}
		seen[m.Name] = true
		if len(m.Categories) == 0 {
			return fmt.Errorf("analysis: basket member %q lists no category", m.Name)
		}
	}
	if err := p.Road.validate(); err != nil {
		return err
	}
	names := map[string]bool{"road": true}
	for _, m := range p.Modes {
		s := m.Schema()
		if err := s.Validate(); err != nil {
			return fmt.Errorf("analysis: %w", err)
		}
		if names[s.Name] {
			return fmt.Errorf("analysis: travel mode %q given twice (or named like the road metrics)", s.Name)
		}
		names[s.Name] = true
	}
	for _, name := range slices.Sorted(maps.Keys(p.ModeThresholdsMin)) {
		ts := p.ModeThresholdsMin[name]
		if name == "road" {
			return fmt.Errorf("analysis: time thresholds for %q: the road's are RoadParams.TimeThresholdsMin", name)
		}
		if len(ts) == 0 {
			return fmt.Errorf("analysis: %s: at least one time threshold is needed", name)
		}
		for i, t := range ts {
			if !(t > 0) || math.IsInf(t, 0) || (i > 0 && t <= ts[i-1]) {
				return fmt.Errorf("analysis: %s: time thresholds must be positive, finite and strictly ascending, got %v", name, ts)
			}
		}
	}
	if len(p.Models) > 0 && !(p.Catchment > 0) {
		return fmt.Errorf("analysis: accessibility models need a positive catchment")
	}
	seenCat := map[string]bool{}
	for _, c := range p.Categories {
		if c == "" || seenCat[c] {
			return fmt.Errorf("analysis: category list has an empty or repeated entry %q", c)
		}
		seenCat[c] = true
	}
	return nil
}

// Coverage records which (category, country) pairs the service data is
// meant to cover. A pair that is not covered makes metrics depending on it
// absent instead of wrong.
type Coverage map[string]map[string]bool

// Covered reports whether category is covered in country.
func (c Coverage) Covered(category, country string) bool {
	return c[category][country]
}

// Set marks category as covered (or not) in country.
func (c Coverage) Set(category, country string, covered bool) {
	m := c[category]
	if m == nil {
		m = map[string]bool{}
		c[category] = m
	}
	m[country] = covered
}

// Pairs lists the coverage as sorted (category, country, covered) triples.
func (c Coverage) Pairs() []CoveragePair {
	var out []CoveragePair
	for cat, m := range c {
		for country, ok := range m {
			out = append(out, CoveragePair{Category: cat, Country: country, Covered: ok})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Category != out[j].Category {
			return out[i].Category < out[j].Category
		}
		return out[i].Country < out[j].Country
	})
	return out
}

// CoveragePair is one entry of a Coverage.
type CoveragePair struct {
	Category string       `json:"category"`
	Country  string       `json:"country"`
	Covered  bool         `json:"covered"`
	Rule     CoverageRule `json:"rule,omitempty"` // what decided it (Result.CoveragePairs)
}

// CoverageRule says what decided whether a category is covered.
type CoverageRule string

// The coverage rules, strongest first: a declaration (the config's
// coverage), the metadata of the embedded sample, inference from the data.
const (
	CoverageDeclared CoverageRule = "declared"
	CoverageMetadata CoverageRule = "sample metadata"
	CoverageInferred CoverageRule = "inferred"
)
