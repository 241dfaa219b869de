package figures

import (
	"math"
	"sort"

	"github.com/partons/partons/analysis"
)

// Basis says which distance a value is: across the border (the nearest
// service anywhere) or within the village's own country (when the other
// side is not covered by the data).
type Basis uint8

const (
	Unknown Basis = iota
	Nearest
	Domestic
)

// DistanceOn is a village's distance to category c on a Basis, with the
// conventions of analysis' aggregates: NaN unknown (data not covering the
// category), +Inf covered but no service.
func DistanceOn(r *analysis.Result, v, c int, b Basis) float64 {
	cr := &r.Rows[v].Cats[c]
	switch cr.Status {
	case analysis.StatusNotCovered, analysis.StatusDomesticNotCovered:
		return math.NaN()
	case analysis.StatusAbroadNotCovered:
		if b == Nearest {
			return math.NaN()
		}
	}
	d := cr.NearestM
	if b == Domestic {
		d = cr.DomesticM
	}
	if math.IsNaN(d) {
		return math.Inf(1)
	}
	return d
}

// Value is the distance the report shows for village v and category
// position c (c == len(Categories) is the basket): across the border when
// known, else within the country, else NaN.
func Value(r *analysis.Result, v, c int) (float64, Basis) {
	if c == len(r.Categories) {
		row := &r.Rows[v]
		switch {
		case row.Basket.Known:
			return row.Basket.MaxM, Nearest
		case r.Params.CrossBorder && row.Domest.Known:
			return row.Domest.MaxM, Domestic
		}
		return math.NaN(), Unknown
	}
	if d := DistanceOn(r, v, c, Nearest); !math.IsNaN(d) {
		return d, Nearest
	}
	if r.Params.CrossBorder {
		if d := DistanceOn(r, v, c, Domestic); !math.IsNaN(d) {
			return d, Domestic
		}
	}
	return math.NaN(), Unknown
}

// FarthestNeed returns the basket member that is farthest for village v
// on Basis b ("" when unknown).
func FarthestNeed(r *analysis.Result, v int, b Basis) string {
	idx := map[string]int{}
	for i, c := range r.Categories {
		idx[c] = i
	}
	best, bestD := "", -1.0
	for m, cats := range r.BasketCategories {
		d, unknown := math.Inf(1), false
		for _, c := range cats {
			x := DistanceOn(r, v, idx[c], b)
			if math.IsNaN(x) {
				unknown = true
				break
			}
			d = math.Min(d, x)
		}
		if !unknown && d > bestD {
			best, bestD = r.Params.Basket[m].Name, d
		}
	}
	return best
}

// Series is one category's values for every village.
type Series struct {
	Cat      int // category position; len(Categories) for the basket
	Name     string
	D        []float64
	Basis    []Basis
	Known    int // villages with a value
	Domestic int // of which within the country only
}

// NewSeries is category position c's Value for every village (c ==
// len(Categories) is the basket). Complexity O(villages).
func NewSeries(r *analysis.Result, c int) Series {
	s := Series{Cat: c, D: make([]float64, len(r.Villages)), Basis: make([]Basis, len(r.Villages))}
	if c < len(r.Categories) {
		s.Name = r.Categories[c]
	} else {
		s.Name = analysis.BasketCategory
	}
	for v := range r.Villages {
		s.D[v], s.Basis[v] = Value(r, v, c)
		if s.Basis[v] != Unknown {
			s.Known++
		}
		if s.Basis[v] == Domestic {
			s.Domestic++
		}
	}
	return s
}

// Curve is a population-weighted cumulative distribution of distance for
// one country: Share[i] of PopulationMeasured lives within X[i] metres.
type Curve struct {
	Country            string
	X, Share           []float64
	PopulationMeasured float64
	Basis              Basis // Nearest, Domestic, or Unknown when mixed or empty
	// ByVillages: no population is known in the country, so each village
	// with a known distance weighs 1 and PopulationMeasured counts them.
	ByVillages bool
}

// CDF samples the Curve of each country at n+1 evenly spaced distances
// from 0 to xmax. Complexity O(V log V + n) per country.
func CDF(r *analysis.Result, s Series, countries []string, xmax float64, n int) []Curve {
	var out []Curve
	for _, ctry := range countries {
		type pw struct{ d, w float64 }
		var pts []pw
		cv := Curve{Country: ctry}
		first := true
		for pass := 0; pass < 2 && cv.PopulationMeasured == 0; pass++ {
			pts, cv.ByVillages = pts[:0], pass == 1
			for v := range r.Villages {
				vl := &r.Villages[v]
				if vl.Country != ctry || (!cv.ByVillages && !vl.HasPopulation) || math.IsNaN(s.D[v]) {
					continue
				}
				w := 1.0
				if !cv.ByVillages {
					w = vl.Population
				}
				pts = append(pts, pw{s.D[v], w})
				cv.PopulationMeasured += w
				switch {
				case first:
					cv.Basis, first = s.Basis[v], false
				case cv.Basis != s.Basis[v]:
					cv.Basis = Unknown
				}
			}
		}
		if cv.PopulationMeasured == 0 {
			cv.ByVillages = false
		}
		sort.SliceStable(pts, func(i, j int) bool { return pts[i].d < pts[j].d })
		cum, k := 0.0, 0
		for i := 0; i <= n; i++ {
			x := xmax * float64(i) / float64(n)
			for k < len(pts) && pts[k].d <= x {
				cum += pts[k].w
				k++
			}
			cv.X = append(cv.X, x)
			if cv.PopulationMeasured > 0 {
				cv.Share = append(cv.Share, cum/cv.PopulationMeasured)
			} else {
				cv.Share = append(cv.Share, math.NaN())
			}
		}
		out = append(out, cv)
	}
	return out
}

// NiceMax returns a round axis maximum (m) at or above the 95th
// population-weighted percentile of the known finite distances, at least
// the largest threshold.
func NiceMax(r *analysis.Result, s Series) float64 {
	var xs []float64
	for v := range r.Villages {
		if d := s.D[v]; !math.IsNaN(d) && !math.IsInf(d, 0) {
			xs = append(xs, d)
		}
	}
	hi := 0.0
	if ts := r.Params.ThresholdsM; len(ts) > 0 {
		hi = ts[len(ts)-1]
	}
	if len(xs) > 0 {
		sort.Float64s(xs)
		hi = math.Max(hi, xs[int(0.95*float64(len(xs)-1))])
	}
	for _, m := range []float64{2e3, 5e3, 10e3, 15e3, 20e3, 30e3, 50e3, 100e3, 200e3, 500e3} {
		if hi <= m {
			return m
		}
	}
	return math.Ceil(hi/1e6) * 1e6
}

// Worst returns up to n villages of country with the largest known
// values, farthest first (no service at all ranks first); ties by input
// order.
func Worst(r *analysis.Result, s Series, country string, n int) []int {
	var vs []int
	for v := range r.Villages {
		if r.Villages[v].Country == country && !math.IsNaN(s.D[v]) {
			vs = append(vs, v)
		}
	}
	sort.SliceStable(vs, func(i, j int) bool { return s.D[vs[i]] > s.D[vs[j]] })
	if len(vs) > n {
		vs = vs[:n]
	}
	return vs
}

// Aggregate finds the aggregate of a category on a Basis.
func Aggregate(aggs []analysis.Aggregate, level analysis.Level, code, cat string, b analysis.Basis) *analysis.Aggregate {
	for i := range aggs {
		a := &aggs[i]
		if a.Level == level && a.Code == code && a.Category == cat && a.Basis == b {
			return a
		}
	}
	return nil
}

// Headline picks the aggregate the report shows for a group and
// category: across the border when anyone's distance is known that way,
// else within the country.
func Headline(aggs []analysis.Aggregate, level analysis.Level, code, cat string) (*analysis.Aggregate, Basis) {
	if a := Aggregate(aggs, level, code, cat, analysis.BasisNearest); a != nil && a.PopulationMeasured > 0 {
		return a, Nearest
	}
	if a := Aggregate(aggs, level, code, cat, analysis.BasisDomestic); a != nil && a.PopulationMeasured > 0 {
		return a, Domestic
	}
	return Aggregate(aggs, level, code, cat, analysis.BasisNearest), Unknown
}
