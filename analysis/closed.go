package analysis

import (
	"context"
	"maps"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
)

// Closing services without searching every village again.
//
// When a variant only closes services of a category (straight line, no
// road network, travel mode or model), a village's result for that category
// changes only if a closed service was among the few its search looked
// at: its nearest, a rival about as near, or one within the largest
// threshold. Every other village keeps the base's result, bit for bit;
// only the others are searched again, with the variant's index.
//
// Why bit for bit. Per country part (all services when cross-border is
// off) index.Set.NearestAndCount answers the exact nearest item (ties to
// the lowest id, which closing keeps in order), exact counts within the
// thresholds, and as distance either the exact geodesic or, for an item
// alone in its chord bracket [c, ub(c)] when ub(c) − c ≤ 2·tolM, the
// bracket's midpoint. Which of the two depends on the items with a chord
// up to ub(c) and, in principle, on the radius its rectangle search
// starts from (the index's startRadius, which closing a service
// changes). It does not when the largest threshold maxR exceeds the
// chords for which the bracket is narrow enough, bracketMaxChordM: an
// item that may answer by its bracket lies within maxR, so both the
// search of the threshold rectangle and the doubling search from a
// radius of at least maxR decide on the items of the rectangle of maxR
// alone, and a start radius beyond the search's 2,000 km range (which
// answers every item exactly) is excluded by startRadiusBoundM. The
// items that decide are then the nearest, the items whose chord is at
// most its geodesic or bracket, and those within maxR: a closed service
// farther than max(maxR, the part's nearest) by a margin
// (unaffectedFactor) changes nothing. The property test in
// closed_test.go checks this against the search from scratch.

// bracketMaxChordM bounds the chords c whose bracket can be narrow
// enough to answer by its midpoint: ub(c) − c ≥ κ²c³/24 (asin x ≥
// x + x³/6), so ub(c) − c ≤ 2·tolM needs c ≤ (48·tolM/κ²)^⅓ (9.9 km for
// tolM = 0.5 mm).
var bracketMaxChordM = math.Cbrt(48 * distanceTolM / (ellKappa * ellKappa))

const (
	ellA     = 6378137.0            // WGS84 semi-major axis, metres
	ellF     = 1 / 298.257223563    // flattening
	ellB     = ellA * (1 - ellF)    // semi-minor axis
	ellKappa = ellA / (ellB * ellB) // largest curvature, 1/m
	ellE2    = ellF * (2 - ellF)    // first eccentricity squared
	degRad   = math.Pi / 180        // radians per degree
	maxPartM = 1000e3               // parts' nearest beyond this: searched again
	maxRadM  = 1900e3               // start radii must stay below the search range (2,000 km)
)

// unaffectedFactor and unaffectedSlackM: a closed service whose chord
// from a village exceeds unaffectedFactor·max(maxR, d) +
// unaffectedSlackM, d the distance of the part's nearest, is farther than
// every bracket, geodesic and threshold the search decides on (ub(x) ≤
// x·1.0011 + 1e-5 m up to 1,000 km).
const (
	unaffectedFactor = 1.01
	unaffectedSlackM = 1.0
)

// closedOnly returns the partial result Recompute needs for the touched
// categories (their rows only), when every touched category only lost
// services and the search from scratch may be skipped for the villages
// those closures cannot reach; ok is false when it does not apply.
func closedOnly(ctx context.Context, base *Result, v *variant.Variant, p Params, touched []string) (*Result, bool, error) {
	ts := p.ThresholdsM
	if len(ts) == 0 || (p.Road != nil && (p.Road.Graph != nil || p.Road.ClosedBorder)) || base.road != nil || len(p.Modes) > 0 || len(base.Modes) > 0 ||
		len(p.Models) > 0 || base.models != nil || v.Modes || v.CloseBorder ||
		p.CrossBorder != base.Params.CrossBorder || !slices.Equal(ts, base.Params.ThresholdsM) {
		return nil, false, nil
	}
	maxR := ts[len(ts)-1]
	if !(maxR >= unaffectedFactor*bracketMaxChordM+unaffectedSlackM) || maxR > maxPartM || len(v.Villages) != len(base.Villages) {
		return nil, false, nil
	}
	if err := p.Validate(); err != nil {
		return nil, false, nil // compute says so
	}
	r := &Result{Params: p, Villages: v.Villages, Services: v.Services, Categories: touched}
	r.Countries = countries(v.Villages, v.Services)
	if !slices.Equal(r.Countries, base.Countries) {
		return nil, false, nil
	}
	r.Coverage, r.CoverageRules = effectiveCoverage(p, v.Services)
	r.BasketCategories = basketCategories(p.Basket, r.Categories)
	cats := make([]*catIndex, len(touched))
	basePos := make([]int, len(touched))
	closed := make([][]int32, len(touched)) // base service indices closed, per touched category
	for c, name := range touched {
		basePos[c] = slices.Index(base.Categories, name)
		if basePos[c] < 0 {
			return nil, false, nil
		}
		var ok bool
		if closed[c], ok = onlyClosed(base.Services, v.Services, name, p.CrossBorder); !ok {
			return nil, false, nil
		}
		cats[c] = newCatIndex(name, v.Services, r)
		if !sameIndexShape(newCatIndex(name, base.Services, base), cats[c]) {
			return nil, false, nil
		}
	}
	to := serviceMap(base.Services, v.Services)
	set := newCatSet(cats, len(ts))
	r.Rows = make([]VillageResult, len(v.Villages))
	nc := len(touched)
	slab := make([]CategoryResult, len(v.Villages)*nc)
	// The closed services' positions on the ellipsoid, per category.
	type closedAt struct {
		ecef    [3]float64
		country string
	}
	at := make([][]closedAt, nc)
	for c := range closed {
		for _, s := range closed[c] {
			sv := &base.Services[s]
			if e, ok := ecef(sv.Location); ok { // an invalid position is never indexed: it changes nothing
				at[c] = append(at[c], closedAt{e, sv.Country})
			}
		}
	}
	for vi := range v.Villages {
		if vi%4096 == 0 && ctx.Err() != nil {
			return nil, false, ctx.Err()
		}
		vl := &v.Villages[vi]
		brow := base.Rows[vi].Cats
		ve, valid := ecef(vl.Location)
		affected := !valid || len(brow) != len(base.Categories)
		for c := 0; c < nc && !affected; c++ {
			cr := &brow[basePos[c]]
			for k := 0; k < len(at[c]) && !affected; k++ {
				d := partNearestM(base, cr, vl.Country, at[c][k].country, p.CrossBorder)
				// NaN (unknown, or another part's best): searched again.
				affected = !(chordLowerBoundM(&ve, &at[c][k].ecef) > unaffectedFactor*math.Max(maxR, d)+unaffectedSlackM)
			}
		}
		row := slab[vi*nc : (vi+1)*nc : (vi+1)*nc]
		if affected {
			r.Rows[vi] = r.village(vl, cats, set, row, make([]int32, len(cats)*len(ts)))
			continue
		}
		for c := range row {
			cr := brow[basePos[c]]
			cr.NearestService, cr.DomesticService, cr.AbroadService = to(cr.NearestService), to(cr.DomesticService), to(cr.AbroadService)
			row[c] = cr
		}
		r.Rows[vi] = VillageResult{Cats: row}
	}
	if p.Progress != nil {
		p.Progress(len(v.Villages), len(v.Villages))
	}
	return r, true, nil
}

// partNearestM is the distance of the nearest service of the country
// part holding a closed service of the given country for a village, as
// the base found it (the part of every service when cross-border is off);
// NaN when the base result does not say (blanked by coverage, or the part
// is abroad and not the nearest abroad) or beyond maxPartM.
func partNearestM(base *Result, cr *CategoryResult, villageCountry, serviceCountry string, cross bool) float64 {
	d := math.NaN()
	switch {
	case !cross:
		d = cr.NearestM
	case villageCountry == serviceCountry:
		d = cr.DomesticM
	case cr.AbroadService >= 0 && base.Services[cr.AbroadService].Country == serviceCountry:
		d = cr.AbroadM
	}
	if !(d <= maxPartM) {
		return math.NaN()
	}
	return d
}

// onlyClosed returns the base services of category cat that variant
// services lacks, when those services are exactly the base's of cat
// without them, in the same order, each at the same place and in the same
// country; ok is false otherwise (a service opened or moved). It also
// requires every country part's start radius to stay within the search
// range (startRadiusBoundM).
func onlyClosed(base, services []datasets.Service, cat string, cross bool) (closed []int32, ok bool) {
	j := 0
	next := func() *datasets.Service {
		for ; j < len(services); j++ {
			if services[j].Category == cat {
				return &services[j]
			}
		}
		return nil
	}
	for i := range base {
		b := &base[i]
		if b.Category != cat {
			continue
		}
		s := next()
		if s == nil || s.ID != b.ID {
			// Closed (or moved in the order, which the check that every
			// variant service is matched catches); s stays next.
			closed = append(closed, int32(i))
			continue
		}
		if !samePoint(s.Location, b.Location) || s.Country != b.Country {
			return nil, false
		}
		j++
	}
	if next() != nil {
		return nil, false // services the base did not have
	}
	for _, list := range [][]datasets.Service{base, services} {
		for _, r := range startRadiusBoundsM(list, cat, cross) {
			if !(r < maxRadM) {
				return nil, false
			}
		}
	}
	return closed, true
}

// sameIndexShape says whether two indexes of a category answer with the
// same statuses: the same country parts, services in the same countries,
// the same coverage.
func sameIndexShape(a, b *catIndex) bool {
	if len(a.parts) != len(b.parts) || (a.total == 0) != (b.total == 0) || a.coveredAll != b.coveredAll ||
		!maps.Equal(a.coveredHome, b.coveredHome) || !maps.Equal(a.coveredAbroad, b.coveredAbroad) {
		return false
	}
	for i := range a.parts {
		if a.parts[i].country != b.parts[i].country {
			return false
		}
	}
	for k, n := range a.perCounty {
		if (n > 0) != (b.perCounty[k] > 0) {
			return false
		}
	}
	for k, n := range b.perCounty {
		if (n > 0) != (a.perCounty[k] > 0) {
			return false
		}
	}
	return true
}

// startRadiusBoundsM bounds, per country part of category cat, the radius
// the index starts its nearest searches from: twice the square root of
// the bounding box's area per indexed point, here with the box's sides
// taken at the equator's length per degree (an overestimate).
func startRadiusBoundsM(services []datasets.Service, cat string, cross bool) []float64 {
	type box struct {
		lo, hi [2]float64
		n      int
	}
	boxes := map[string]*box{}
	for i := range services {
		s := &services[i]
		if s.Category != cat {
			continue
		}
		lon, lat, ok := lonLat(s.Location)
		if !ok {
			continue
		}
		key := ""
		if cross {
			key = s.Country
		}
		b := boxes[key]
		if b == nil {
			b = &box{lo: [2]float64{lon, lat}, hi: [2]float64{lon, lat}}
			boxes[key] = b
		}
		b.lo = [2]float64{math.Min(b.lo[0], lon), math.Min(b.lo[1], lat)}
		b.hi = [2]float64{math.Max(b.hi[0], lon), math.Max(b.hi[1], lat)}
		b.n++
	}
	var out []float64
	for _, k := range slices.Sorted(maps.Keys(boxes)) {
		b := boxes[k]
		w := (b.hi[0] - b.lo[0]) * degRad * ellA
		h := (b.hi[1] - b.lo[1]) * degRad * ellA
		out = append(out, 2*math.Sqrt(w*h/float64(b.n))*1.01)
	}
	return out
}

// lonLat is p as the index takes it: longitude wrapped into [-180, 180];
// ok false for a position it does not index.
func lonLat(p orb.Point) (lon, lat float64, ok bool) {
	lon, lat = p[0], p[1]
	if math.IsNaN(lon) || math.IsInf(lon, 0) || math.IsNaN(lat) || lat < -90 || lat > 90 {
		return 0, 0, false
	}
	if lon < -180 || lon > 180 {
		lon = math.Remainder(lon, 360)
	}
	return lon, lat, true
}

// ecef is p on the WGS84 ellipsoid, geocentric metres.
func ecef(p orb.Point) ([3]float64, bool) {
	lon, lat, ok := lonLat(p)
	if !ok {
		return [3]float64{}, false
	}
	sinLat, cosLat := math.Sincos(lat * degRad)
	sinLon, cosLon := math.Sincos(lon * degRad)
	n := ellA / math.Sqrt(1-ellE2*sinLat*sinLat)
	return [3]float64{n * cosLat * cosLon, n * cosLat * sinLon, n * (1 - ellE2) * sinLat}, true
}

// chordLowerBoundM is the chord between two points of the ellipsoid less
// a margin far above its rounding: never more than their geodesic
// distance.
func chordLowerBoundM(a, b *[3]float64) float64 {
	dx, dy, dz := a[0]-b[0], a[1]-b[1], a[2]-b[2]
	return math.Sqrt(dx*dx+dy*dy+dz*dz)*(1-1e-9) - 1e-3
}

// samePoint compares coordinates bit for bit (NaN equal to itself).
func samePoint(a, b orb.Point) bool {
	return math.Float64bits(a[0]) == math.Float64bits(b[0]) && math.Float64bits(a[1]) == math.Float64bits(b[1])
}
