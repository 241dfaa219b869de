package report

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/render/report/draw"
)

// basis says which distance a value is: across the border (the nearest
// service anywhere) or within the village's own country (when the other
// side is not covered by the data).
type basis uint8

const (
	basisUnknown basis = iota
	basisNearest
	basisDomestic
)

// distanceOn is a village's distance to category c on a basis, with the
// conventions of analysis' aggregates: NaN unknown (data not covering the
// category), +Inf covered but no service.
func distanceOn(r *analysis.Result, v, c int, b basis) float64 {
	cr := &r.Rows[v].Cats[c]
	switch cr.Status {
	case analysis.StatusNotCovered, analysis.StatusDomesticNotCovered:
		return math.NaN()
	case analysis.StatusAbroadNotCovered:
		if b == basisNearest {
			return math.NaN()
		}
	}
	d := cr.NearestM
	if b == basisDomestic {
		d = cr.DomesticM
	}
	if math.IsNaN(d) {
		return math.Inf(1)
	}
	return d
}

// value is the distance the report shows for village v and category
// position c (c == len(Categories) is the basket): across the border when
// known, else within the country, else NaN.
func value(r *analysis.Result, v, c int) (float64, basis) {
	if c == len(r.Categories) {
		row := &r.Rows[v]
		switch {
		case row.Basket.Known:
			return row.Basket.MaxM, basisNearest
		case r.Params.CrossBorder && row.Domest.Known:
			return row.Domest.MaxM, basisDomestic
		}
		return math.NaN(), basisUnknown
	}
	if d := distanceOn(r, v, c, basisNearest); !math.IsNaN(d) {
		return d, basisNearest
	}
	if r.Params.CrossBorder {
		if d := distanceOn(r, v, c, basisDomestic); !math.IsNaN(d) {
			return d, basisDomestic
		}
	}
	return math.NaN(), basisUnknown
}

// farthestNeed returns the basket member that is farthest for village v
// on basis b ("" when unknown).
func farthestNeed(r *analysis.Result, v int, b basis) string {
	idx := map[string]int{}
	for i, c := range r.Categories {
		idx[c] = i
	}
	best, bestD := "", -1.0
	for m, cats := range r.BasketCategories {
		d, unknown := math.Inf(1), false
		for _, c := range cats {
			x := distanceOn(r, v, idx[c], b)
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

// series is one category's values for every village.
type series struct {
	cat    int // category position; len(Categories) for the basket
	name   string
	d      []float64
	basis  []basis
	known  int // villages with a value
	domest int // of which within the country only
}

func newSeries(r *analysis.Result, c int) series {
	s := series{cat: c, d: make([]float64, len(r.Villages)), basis: make([]basis, len(r.Villages))}
	if c < len(r.Categories) {
		s.name = r.Categories[c]
	} else {
		s.name = analysis.BasketCategory
	}
	for v := range r.Villages {
		s.d[v], s.basis[v] = value(r, v, c)
		if s.basis[v] != basisUnknown {
			s.known++
		}
		if s.basis[v] == basisDomestic {
			s.domest++
		}
	}
	return s
}

// curve is a population-weighted cumulative distribution of distance for
// one country: Share[i] of PopulationMeasured lives within X[i] metres.
type curve struct {
	Country            string
	X, Share           []float64
	PopulationMeasured float64
	Basis              basis // basisNearest, basisDomestic, or basisUnknown when mixed or empty
	// ByVillages: no population is known in the country, so each village
	// with a known distance weighs 1 and PopulationMeasured counts them.
	ByVillages bool
}

// cdf samples the curve of each country at n+1 evenly spaced distances
// from 0 to xmax. Complexity O(V log V + n) per country.
func cdf(r *analysis.Result, s series, countries []string, xmax float64, n int) []curve {
	var out []curve
	for _, ctry := range countries {
		type pw struct{ d, w float64 }
		var pts []pw
		cv := curve{Country: ctry}
		first := true
		for pass := 0; pass < 2 && cv.PopulationMeasured == 0; pass++ {
			pts, cv.ByVillages = pts[:0], pass == 1
			for v := range r.Villages {
				vl := &r.Villages[v]
				if vl.Country != ctry || (!cv.ByVillages && !vl.HasPopulation) || math.IsNaN(s.d[v]) {
					continue
				}
				w := 1.0
				if !cv.ByVillages {
					w = vl.Population
				}
				pts = append(pts, pw{s.d[v], w})
				cv.PopulationMeasured += w
				switch {
				case first:
					cv.Basis, first = s.basis[v], false
				case cv.Basis != s.basis[v]:
					cv.Basis = basisUnknown
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

// newFrame is the map frame of a report: its villages, and its sites
// within the extent.
func newFrame(in *Input) (*draw.Frame, error) {
	r := in.Result
	places := make([]draw.Place, len(r.Villages))
	for v := range r.Villages {
		places[v] = draw.Place{Geometry: r.Villages[v].Geometry, Location: r.Villages[v].Location}
	}
	extra := make([]orb.Point, len(in.Sites))
	for i, s := range in.Sites {
		extra[i] = s.Location
	}
	f, err := draw.NewFrame(places, extra, len(in.Areas))
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return f, nil
}

// lines are the drawn curves of a chart, coloured by their country's
// position (a country with nobody measured keeps its colour unused).
func lines(curves []curve) []draw.Line {
	var out []draw.Line
	for i, c := range curves {
		if c.PopulationMeasured > 0 {
			out = append(out, draw.Line{X: c.X, Share: c.Share, Color: draw.Color(i)})
		}
	}
	return out
}

// niceMax returns a round axis maximum (m) at or above the 95th
// population-weighted percentile of the known finite distances, at least
// the largest threshold.
func niceMax(r *analysis.Result, s series) float64 {
	var xs []float64
	for v := range r.Villages {
		if d := s.d[v]; !math.IsNaN(d) && !math.IsInf(d, 0) {
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

// worst returns up to n villages of country with the largest known
// values, farthest first (no service at all ranks first); ties by input
// order.
func worst(r *analysis.Result, s series, country string, n int) []int {
	var vs []int
	for v := range r.Villages {
		if r.Villages[v].Country == country && !math.IsNaN(s.d[v]) {
			vs = append(vs, v)
		}
	}
	sort.SliceStable(vs, func(i, j int) bool { return s.d[vs[i]] > s.d[vs[j]] })
	if len(vs) > n {
		vs = vs[:n]
	}
	return vs
}

// aggregate finds the country-level aggregate of a category on a basis.
func aggregate(aggs []analysis.Aggregate, level analysis.Level, code, cat string, b analysis.Basis) *analysis.Aggregate {
	for i := range aggs {
		a := &aggs[i]
		if a.Level == level && a.Code == code && a.Category == cat && a.Basis == b {
			return a
		}
	}
	return nil
}

// headline picks the aggregate the report shows for a group and
// category: across the border when anyone's distance is known that way,
// else within the country.
func headline(aggs []analysis.Aggregate, level analysis.Level, code, cat string) (*analysis.Aggregate, basis) {
	if a := aggregate(aggs, level, code, cat, analysis.BasisNearest); a != nil && a.PopulationMeasured > 0 {
		return a, basisNearest
	}
	if a := aggregate(aggs, level, code, cat, analysis.BasisDomestic); a != nil && a.PopulationMeasured > 0 {
		return a, basisDomestic
	}
	return aggregate(aggs, level, code, cat, analysis.BasisNearest), basisUnknown
}
