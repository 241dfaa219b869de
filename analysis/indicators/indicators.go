// Package indicators reproduces official proximity indicators from a
// run's results, as named sets of service kinds, so that villages on both
// sides of the border can be read with both offices' yardsticks side by
// side, which neither office publishes.
//
// A Set lists members (a need, met by the nearest service of any of its
// categories), the source of its definition, and the distance thresholds
// it is read at. Only members partons measures are in a set; what a set
// leaves out of the official list is stated in its Partial field, and
// every output carries it.
//
// Units: metres, minutes (road time, when the run was routed).
//
// Concurrency: sets are plain data; Table reads a finished Result.
package indicators

import (
	"math"
	"strconv"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/table"
)

// Member is one need of a set, met by a service of any of Categories.
type Member struct {
	Name       string
	Categories []string // partons categories (datasets/taxonomy)
	Official   string   // what the official definition calls it
}

// Set is a named official indicator.
type Set struct {
	Name        string
	Title       string
	Source      string // who defines it, where
	Definition  string
	Partial     string // what of the official list partons does not measure
	Members     []Member
	ThresholdsM []float64 // distances the set is read at; none: the distance itself
}

// Builtin are the sets partons knows, by name.
var Builtin = []Set{
	{
		Name:  "flemish_basic_services",
		Title: "Nabijheid van basisvoorzieningen (Vlaanderen)",
		Source: "Vlaamse overheid, Departement Omgeving: Ruimterapport Vlaanderen, indicator " +
			"'nabijheid van basisvoorzieningen'",
		Definition: "a village is close to basic services when each of them lies within 1.2 km (15 minutes on foot at " +
			"4.8 km/h) or 3.75 km (15 minutes by bicycle at 15 km/h); the indicator is the share of inhabitants so served. " +
			"partons reads it as the farthest member, each met by its nearest service, straight line",
		Partial: "public-transport stops are not measured; 'food shop' is any of bakery, butcher, grocery",
		Members: []Member{
			{Name: "food_shop", Categories: []string{"bakery", "butcher", "grocery"}, Official: "voedingswinkel (bakker, slager, kruidenier, supermarkt)"},
			{Name: "gp", Categories: []string{"gp"}, Official: "huisarts"},
			{Name: "pharmacy", Categories: []string{"pharmacy"}, Official: "apotheek"},
			{Name: "primary_school", Categories: []string{"primary_school", "school"}, Official: "basisschool"},
		},
		ThresholdsM: []float64{1200, 3750},
	},
	{
		Name:  "insee_gamme_proximite",
		Title: "Gamme de proximité de la Base permanente des équipements (INSEE)",
		Source: "INSEE, Base permanente des équipements (BPE): gammes d'équipements, gamme de proximité; " +
			"INSEE measures the access time by road to the nearest equipment of each type",
		Definition: "for each equipment type of the gamme, the distance (and, with --roads, the road time) to its nearest " +
			"equipment, and the farthest of them",
		Partial: "only the types partons maps BPE codes for are measured: boulangerie (B207), boucherie charcuterie (B204), " +
			"épicerie and supérette (B202, B201), postal counters (A206, A207, A208), école maternelle (C107), " +
			"école élémentaire (C108, C109), médecin généraliste (D265), pharmacie (D307); the gamme's other types " +
			"(hairdressers, restaurants, trades…) are not in partons' taxonomy",
		Members: []Member{
			{Name: "boulangerie", Categories: []string{"bakery"}, Official: "boulangerie-pâtisserie (B207)"},
			{Name: "boucherie", Categories: []string{"butcher"}, Official: "boucherie charcuterie (B204)"},
			{Name: "epicerie", Categories: []string{"grocery"}, Official: "épicerie, supérette (B202, B201)"},
			{Name: "poste", Categories: []string{"post"}, Official: "bureau de poste, relais poste, agence postale (A206–A208)"},
			{Name: "ecole_maternelle", Categories: []string{"kindergarten"}, Official: "école maternelle (C107)"},
			{Name: "ecole_elementaire", Categories: []string{"primary_school", "school"}, Official: "école élémentaire (C108, C109)"},
			{Name: "medecin_generaliste", Categories: []string{"gp"}, Official: "médecin généraliste (D265)"},
			{Name: "pharmacie", Categories: []string{"pharmacy"}, Official: "pharmacie (D307)"},
		},
	},
}

// Lookup finds a built-in set by name.
func Lookup(name string) (Set, bool) {
	for _, s := range Builtin {
		if s.Name == name {
			return s, true
		}
	}
	return Set{}, false
}

// Names lists the built-in sets' names.
func Names() []string {
	var out []string
	for _, s := range Builtin {
		out = append(out, s.Name)
	}
	return out
}

// Member statuses in Table.
const (
	StatusOK         = "ok"
	StatusUnknown    = "unknown"     // the data does not tell (a country not covered, no road)
	StatusNotInData  = "not_in_data" // none of the member's categories is in the run
	StatusIncomplete = "incomplete"  // the set's "all" row when a member is unknown or not in the data
)

// Table is indicators.csv: per village (input order), set, basis and
// member the nearest distance (the nearest service of any of the member's
// categories: its id and country), the road time when routed, and for the
// set's thresholds whether it is within; then a row "all" per village,
// set and basis with the farthest member. The basis is "nearest" (any
// country, what partons adds) or "domestic" (the village's own country,
// as each office measures within its territory). An unknown member leaves
// "all" empty (status incomplete), never computed from the others.
func Table(res *analysis.Result, sets []Set) table.Table {
	var ts []float64
	for _, s := range sets {
		for _, t := range s.ThresholdsM {
			if !containsF(ts, t) {
				ts = append(ts, t)
			}
		}
	}
	cols := []table.Column{{Name: "village_id"}, {Name: "name"}, {Name: "country"}, {Name: "indicator"}, {Name: "basis"}, {Name: "member"},
		{Name: "status"}, {Name: "nearest_m", Kind: table.Number, Decimals: 1, Unit: "m"}, {Name: "nearest_id"}, {Name: "nearest_country"},
		{Name: "road_min", Kind: table.Number, Decimals: 1, Unit: "min"}}
	for _, t := range ts {
		cols = append(cols, table.Column{Name: "within_" + strconv.FormatFloat(t, 'f', -1, 64) + "m", Kind: table.Bool})
	}
	catIdx := map[string]int{}
	for i, c := range res.Categories {
		catIdx[c] = i
	}
	var rows [][]table.Cell
	for vi := range res.Villages {
		v := &res.Villages[vi]
		vr := &res.Rows[vi]
		for _, s := range sets {
			for _, basis := range []string{"nearest", "domestic"} {
				farthest, farMin, incomplete := 0.0, 0.0, false
				for _, m := range s.Members {
					best, bestMin, status := math.NaN(), math.NaN(), StatusNotInData
					bestSvc := int32(-1)
					for _, c := range m.Categories {
						ci, ok := catIdx[c]
						if !ok {
							continue
						}
						if status == StatusNotInData {
							status = StatusUnknown
						}
						cr := &vr.Cats[ci]
						d, svc := cr.NearestM, cr.NearestService
						if basis == "domestic" {
							d, svc = cr.DomesticM, cr.DomesticService
						}
						if !math.IsNaN(d) && !math.IsInf(d, 0) && (math.IsNaN(best) || d < best) {
							best, bestSvc, status = d, svc, StatusOK
						}
						if basis == "nearest" && len(vr.Road) > ci && !math.IsNaN(vr.Road[ci].TimeMin) && (math.IsNaN(bestMin) || vr.Road[ci].TimeMin < bestMin) {
							bestMin = vr.Road[ci].TimeMin
						}
					}
					if status != StatusOK {
						incomplete = true
					} else {
						farthest = math.Max(farthest, best)
						farMin = math.Max(farMin, bestMin)
					}
					id, country := "", ""
					if bestSvc >= 0 && int(bestSvc) < len(res.Services) {
						id, country = res.Services[bestSvc].ID, res.Services[bestSvc].Country
					}
					rows = append(rows, row(v, s, basis, m.Name, status, best, id, country, bestMin, ts))
				}
				if incomplete {
					rows = append(rows, row(v, s, basis, "all", StatusIncomplete, math.NaN(), "", "", math.NaN(), ts))
				} else {
					rows = append(rows, row(v, s, basis, "all", StatusOK, farthest, "", "", farMin, ts))
				}
			}
		}
	}
	return table.FromRows(cols, rows)
}

func row(v *datasets.Village, s Set, basis, member, status string, m float64, sid, scountry string, min float64, ts []float64) []table.Cell {
	r := []table.Cell{table.Str(v.ID), table.Str(v.Name), table.Str(v.Country), table.Str(s.Name), table.Str(basis), table.Str(member), table.Str(status),
		table.Float(m, 1), table.Str(sid), table.Str(scountry), table.Float(min, 1)}
	for _, t := range ts {
		if math.IsNaN(m) || !containsF(s.ThresholdsM, t) {
			r = append(r, table.NullCell)
		} else {
			r = append(r, table.Boolean(m <= t))
		}
	}
	return r
}

func containsF(l []float64, v float64) bool {
	for _, x := range l {
		if x == v {
			return true
		}
	}
	return false
}

// Describe is a one-line account of the sets, for the manifest.
func Describe(sets []Set) []string {
	var out []string
	for _, s := range sets {
		out = append(out, s.Name+": "+s.Title+". Source: "+s.Source+". Definition: "+s.Definition+". Not measured: "+s.Partial+".")
	}
	return out
}
