package population

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Place is a village as Enrich sees it.
type Place struct {
	Code     string // the village's own official code, "" if none
	Name     string
	Country  string // ISO 3166-1 alpha-2; "" if unknown
	AreaCode string // code of the municipality containing it, "" if unknown
	AreaName string // name of that municipality, "" if unknown
	// Weight is the village's apportionment weight; ≤ 0 or NaN counts as 1.
	Weight float64
	// Population is a measured value, valid when HasPopulation.
	Population    float64
	HasPopulation bool
}

// Status says where a village's population comes from after Enrich.
type Status string

// Statuses.
const (
	Kept        Status = "kept"        // its own measured value, unchanged
	Official    Status = "official"    // its municipality's figure: it is the municipality's only village and stands for it
	Apportioned Status = "apportioned" // a share of its municipality's figure
	Unknown     Status = "unknown"     // no figure
)

// Outcome is the population of one village after Enrich.
type Outcome struct {
	Population    float64 // valid when HasPopulation
	HasPopulation bool
	Status        Status
	// Match says how the municipality was found: "code", "area_name",
	// "place_code", "place_name", or "" when none was.
	Match string
	// Row is the municipality's row, nil when none matched.
	Row *Row
	// Table is the source of Row, "" when none matched.
	Table string
}

// Options select the optional behaviour of Enrich.
type Options struct {
	// Apportion shares a municipality's figure among its villages (see
	// the package comment); without it a figure is only used when one
	// village stands for the whole municipality.
	Apportion bool
}

// Report counts what Enrich did.
type Report struct {
	Places      int `json:"places"`
	Kept        int `json:"kept"`
	Official    int `json:"official"`
	Apportioned int `json:"apportioned"`
	Unknown     int `json:"unknown"`

	ByCode     int `json:"matched_by_code"`      // villages whose municipality matched by area code
	ByAreaName int `json:"matched_by_area_name"` // … by area name
	ByPlace    int `json:"matched_by_place"`     // … by their own code or name
	Unmatched  int `json:"unmatched"`            // villages with no municipality row

	Municipalities int `json:"municipalities"` // distinct rows matched by at least one village
	// NotUsed counts municipalities whose figure was not used because
	// several villages share it and Apportion is off.
	NotUsed int `json:"not_used"`
	// OverMeasured counts municipalities whose villages' measured values
	// already exceed the official figure (nothing apportioned there).
	OverMeasured int `json:"over_measured"`
}

// rowRef locates a row in the tables.
type rowRef struct{ t, r int }

// index holds the lookups of Enrich.
type index struct {
	tables []*Table
	byCode map[string][]rowRef
	byName map[string][]rowRef
}

func newIndex(tables []*Table) *index {
	ix := &index{tables: tables, byCode: map[string][]rowRef{}, byName: map[string][]rowRef{}}
	for ti, t := range tables {
		for ri, row := range t.Rows {
			ix.byCode[codeKey(row.Code)] = append(ix.byCode[codeKey(row.Code)], rowRef{ti, ri})
			ix.byName[NormName(row.Name)] = append(ix.byName[NormName(row.Name)], rowRef{ti, ri})
		}
	}
	return ix
}

// unique returns the single row of refs whose table fits country, or false
// when there is none or more than one.
func (ix *index) unique(refs []rowRef, country string) (rowRef, bool) {
	var found rowRef
	n := 0
	for _, ref := range refs {
		if tc := ix.tables[ref.t].Country; tc != "" && country != "" && tc != country {
			continue
		}
		found = ref
		n++
	}
	return found, n == 1
}

func (ix *index) row(ref rowRef) *Row { return &ix.tables[ref.t].Rows[ref.r] }

// match finds the municipality row of p (see the package comment).
func (ix *index) match(p *Place) (rowRef, string, bool) {
	if p.AreaCode != "" {
		if ref, ok := ix.unique(ix.byCode[codeKey(p.AreaCode)], p.Country); ok {
			return ref, "code", true
		}
	}
	if p.AreaName != "" {
		if ref, ok := ix.unique(ix.byName[NormName(p.AreaName)], p.Country); ok {
			return ref, "area_name", true
		}
	}
	if p.AreaCode == "" && p.AreaName == "" {
		if p.Code != "" {
			if ref, ok := ix.unique(ix.byCode[codeKey(p.Code)], p.Country); ok {
				return ref, "place_code", true
			}
		}
		if ref, ok := ix.unique(ix.byName[NormName(p.Name)], p.Country); ok && p.Name != "" {
			return ref, "place_name", true
		}
	}
	return rowRef{}, "", false
}

// standsFor reports whether a village is its municipality's main place.
func standsFor(p *Place, row *Row) bool {
	return (p.Code != "" && codeKey(p.Code) == codeKey(row.Code)) || (p.Name != "" && NormName(p.Name) == NormName(row.Name))
}

// Enrich gives each place a population and a status (see the package
// comment for the rules). out[i] belongs to places[i]. Neither places nor
// tables are modified. O(p log p + r) for p places and r rows.
func Enrich(places []Place, tables []*Table, o Options) ([]Outcome, *Report) {
	ix := newIndex(tables)
	out := make([]Outcome, len(places))
	rep := &Report{Places: len(places)}
	groups := map[rowRef][]int{}
	for i := range places {
		p := &places[i]
		out[i] = Outcome{Population: p.Population, HasPopulation: p.HasPopulation, Status: Unknown}
		if p.HasPopulation {
			out[i].Status = Kept
		}
		ref, how, ok := ix.match(p)
		if !ok {
			rep.Unmatched++
			continue
		}
		switch how {
		case "code":
			rep.ByCode++
		case "area_name":
			rep.ByAreaName++
		default:
			rep.ByPlace++
		}
		out[i].Match, out[i].Row, out[i].Table = how, ix.row(ref), ix.tables[ref.t].Source
		groups[ref] = append(groups[ref], i)
	}
	refs := make([]rowRef, 0, len(groups))
	for ref := range groups {
		refs = append(refs, ref)
	}
	slices.SortFunc(refs, func(a, b rowRef) int { return cmp.Or(cmp.Compare(a.t, b.t), cmp.Compare(a.r, b.r)) })
	rep.Municipalities = len(refs)
	for _, ref := range refs {
		members, row := groups[ref], ix.row(ref)
		if len(members) == 1 && (standsFor(&places[members[0]], row) || out[members[0]].Match == "place_code" || out[members[0]].Match == "place_name") {
			i := members[0]
			out[i].Population, out[i].HasPopulation, out[i].Status = row.Population, true, Official
			continue
		}
		if !o.Apportion {
			if len(members) > 1 {
				rep.NotUsed++
			}
			continue
		}
		apportion(places, out, members, row.Population, rep)
	}
	for i := range out {
		switch out[i].Status {
		case Kept:
			rep.Kept++
		case Official:
			rep.Official++
		case Apportioned:
			rep.Apportioned++
		default:
			rep.Unknown++
		}
	}
	return out, rep
}

// apportion splits total minus the measured values among the members
// without one, by weight, in whole people (largest remainder, ties to the
// earlier member).
func apportion(places []Place, out []Outcome, members []int, total float64, rep *Report) {
	var measured float64
	var open []int
	for _, i := range members {
		if places[i].HasPopulation {
			measured += places[i].Population
		} else {
			open = append(open, i)
		}
	}
	if len(open) == 0 {
		return
	}
	rest := math.Round(total - measured)
	if rest < 0 {
		rep.OverMeasured++
		return
	}
	weights := make([]float64, len(open))
	var sum float64
	for k, i := range open {
		w := places[i].Weight
		if !(w > 0) || math.IsInf(w, 0) {
			w = 1
		}
		weights[k] = w
		sum += w
	}
	shares := make([]float64, len(open))
	fracs := make([]float64, len(open))
	var given float64
	for k := range open {
		exact := rest * weights[k] / sum
		shares[k] = math.Floor(exact)
		fracs[k] = exact - shares[k]
		given += shares[k]
	}
	order := make([]int, len(open))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(fracs[b], fracs[a]) })
	for k := 0; given < rest && k < len(order); k++ {
		shares[order[k]]++
		given++
	}
	for k, i := range open {
		out[i].Population, out[i].HasPopulation, out[i].Status = shares[k], true, Apportioned
	}
}

// String renders the report on one line.
func (r *Report) String() string {
	return fmt.Sprintf("population: %d villages: %d measured kept, %d official, %d apportioned, %d unknown; "+
		"municipality found for %d (%d by code, %d by area name, %d by own code or name), %d without; "+
		"%d municipal figures not used (several villages, no apportioning), %d below the measured sum",
		r.Places, r.Kept, r.Official, r.Apportioned, r.Unknown,
		r.ByCode+r.ByAreaName+r.ByPlace, r.ByCode, r.ByAreaName, r.ByPlace, r.Unmatched, r.NotUsed, r.OverMeasured)
}
