package analysis

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/geo/index"
)

// Result holds every per-village metric of a run, aligned with the input
// villages, plus the effective settings they were computed with.
type Result struct {
	Params     Params
	Categories []string // analysed categories, in column order
	Countries  []string // countries seen in villages and services, sorted
	Coverage   Coverage // effective coverage (given or inferred), per category
	// CoverageRules says what decided each category's coverage: every
	// category of Coverage has one.
	CoverageRules map[string]CoverageRule
	Villages      []datasets.Village
	Services      []datasets.Service
	Rows          []VillageResult // one per village, input order

	// BasketCategories lists, per basket member, the member's categories
	// present in the data (absent ones cannot meet a need).
	BasketCategories [][]string

	// OpenHours is the opening-hours part, when ComputeOpenHours ran: the
	// services and villages tables then carry its columns.
	OpenHours *OpenHours

	// Modes are the travel modes' blocks: the road network's first when
	// routed (see RoadBlock), then those of Params.Modes in their order.
	Modes []*ModeBlock

	road   *roadState   // snapping, when routed on a network
	models [][]modelOut // [category][model], when Params.Models

	// from is the base a variant's result was rebuilt from (Recompute),
	// and same[c] says that category position c (the basket at
	// len(Categories)) holds the base's values, so its aggregates are the
	// base's; nil otherwise.
	from *Result
	same []bool

	// basketPos[m] holds the positions in Categories of
	// BasketCategories[m], when Compute set it (basket looks them up
	// otherwise).
	basketPos [][]int
}

// VillageResult is one village's metrics.
type VillageResult struct {
	Cats   []CategoryResult // aligned with Result.Categories
	Basket BasketResult
	Domest BasketResult // the basket within the village's own country
}

// CategoryResult holds one village's metrics for one category. Absent
// distances are NaN; absent service references are -1.
//
// The service references sit beside the status, packed, and the
// distances after them: 64 bytes instead of 80 with each reference after
// its distance, for the million of them a 100k-village run holds.
type CategoryResult struct {
	Status Status

	NearestService  int32 // index into Result.Services
	DomesticService int32
	AbroadService   int32

	NearestM  float64
	DomesticM float64
	AbroadM   float64

	// Within[t] counts services at most ThresholdsM[t] metres away; nil
	// when the count is unknown (data not covering every country).
	Within []int32
}

// BasketResult is the distance to the farthest basket member, each
// member met by its nearest service of any of its categories.
type BasketResult struct {
	// MaxM is the distance to the farthest member; NaN when unknown, +Inf
	// when some member has no service at all in covered data.
	MaxM float64
	// LowerM is the largest distance among the members that are known; a
	// lower bound of MaxM, so a village can be known not to be served
	// within T even when another member is unknown.
	LowerM float64
	Known  bool
}

// WithinKnown reports whether the basket is entirely within t metres and
// whether that answer is known.
func (b BasketResult) WithinKnown(t float64) (within, known bool) {
	if b.Known {
		return b.MaxM <= t, true
	}
	if b.LowerM > t {
		return false, true
	}
	return false, false
}

// Compute runs the straight-line accessibility analysis.
//
// Every village gets a VillageResult, whatever its data. With
// p.CrossBorder, a village or service without a country is an error
// (a datasets.ErrorList naming each record). Categories name columns:
// they must be column-safe names (taxonomy.Name, taxonomy.CheckNames), or
// Compute returns an error. Complexity: one R-tree walk
// per (village, category), O(log n + k) geodesics where k is the number of
// services within the largest threshold or before the nearest domestic and
// abroad ones.
func Compute(ctx context.Context, villages []datasets.Village, services []datasets.Service, p Params) (*Result, error) {
	return compute(ctx, villages, services, p, nil)
}

// compute is Compute; prevRoad, when set, is the road state of a result
// over the same villages, whose village snaps are reused when the road
// settings snap the same way (see travel.Road.SnapReusing).
func compute(ctx context.Context, villages []datasets.Village, services []datasets.Service, p Params, prevRoad *roadState) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if p.Road != nil && p.Road.ClosedBorder && p.Road.Graph == nil {
		return nil, fmt.Errorf("analysis: a closed border needs a road network")
	}
	if p.CrossBorder {
		if err := requireCountries(villages, services); err != nil {
			return nil, err
		}
	}
	r := &Result{Params: p, Villages: villages, Services: services}
	r.Categories = categories(services, p.Categories)
	if err := taxonomy.CheckNames(r.Categories); err != nil {
		// Categories name columns; see taxonomy.Name and taxonomy.Names.
		return nil, fmt.Errorf("analysis: %w", err)
	}
	r.Countries = countries(villages, services)
	r.Coverage, r.CoverageRules = effectiveCoverage(p, services)
	r.BasketCategories = basketCategories(p.Basket, r.Categories)
	r.basketPos = make([][]int, len(r.BasketCategories))
	for m, members := range r.BasketCategories {
		for _, c := range members {
			r.basketPos[m] = append(r.basketPos[m], catPos(r.Categories, c))
		}
	}

	cats := make([]*catIndex, len(r.Categories))
	for c, name := range r.Categories {
		cats[c] = newCatIndex(name, services, r)
	}
	set := newCatSet(cats, len(p.ThresholdsM))

	r.Rows = make([]VillageResult, len(villages))
	// One backing array per chunk of villages for their categories, and
	// one for every count. The category results hold pointers (Within):
	// a single array for all villages, allocated before they are
	// computed, would be scanned by a collection while still untouched,
	// mapping its pages to the shared zero page only to copy them on the
	// first write (twice the page faults). A chunk's array is written as
	// soon as it is allocated.
	nc, nts := len(cats), len(p.ThresholdsM)
	allWithin := make([]int32, len(villages)*nc*nts)
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	const chunk = 256
	var (
		next int
		done int
		mu   sync.Mutex
		wg   sync.WaitGroup
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				lo := next
				next += chunk
				mu.Unlock()
				if lo >= len(villages) || ctx.Err() != nil {
					return
				}
				hi := min(lo+chunk, len(villages))
				allCats := make([]CategoryResult, (hi-lo)*nc)
				for v := lo; v < hi; v++ {
					k := v - lo
					r.Rows[v] = r.village(&villages[v], cats, set, allCats[k*nc:(k+1)*nc:(k+1)*nc],
						allWithin[v*nc*nts:(v+1)*nc*nts:(v+1)*nc*nts])
				}
				if p.Progress != nil {
					mu.Lock()
					done += hi - lo
					p.Progress(done, len(villages))
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if p.Road != nil && p.Road.Graph != nil {
		if err := r.computeRoads(ctx, cats, prevRoad); err != nil {
			return nil, err
		}
	}
	if err := r.computeModes(ctx, cats); err != nil {
		return nil, err
	}
	if err := r.computeModels(ctx, cats); err != nil {
		return nil, err
	}
	return r, nil
}

func requireCountries(villages []datasets.Village, services []datasets.Service) error {
	var errs datasets.ErrorList
	add := func(o datasets.Origin, what string) {
		errs.Add(&datasets.RecordError{Source: o.Source, Line: o.Line, Feature: o.Feature, Field: "country",
			Reason: what + " has no country; give one in the data or country boundaries, or switch cross-border metrics off"})
	}
	for i := range villages {
		if villages[i].Country == "" {
			add(villages[i].Origin, fmt.Sprintf("village %q", villages[i].ID))
		}
	}
	for i := range services {
		if services[i].Country == "" {
			add(services[i].Origin, fmt.Sprintf("service %q", services[i].ID))
		}
	}
	return errs.Err()
}

func categories(services []datasets.Service, want []string) []string {
	if len(want) > 0 {
		return append([]string(nil), want...)
	}
	seen := map[string]bool{}
	var out []string
	for i := range services {
		if c := services[i].Category; !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

func countries(villages []datasets.Village, services []datasets.Service) []string {
	seen := map[string]bool{}
	for i := range villages {
		seen[villages[i].Country] = true
	}
	for i := range services {
		seen[services[i].Country] = true
	}
	delete(seen, "")
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// effectiveCoverage is the given coverage for the categories it names
// and the inferred one for the others, with the rule behind each
// category. Declaring one category leaves the others to inference.
func effectiveCoverage(p Params, services []datasets.Service) (Coverage, map[string]CoverageRule) {
	c := Coverage{}
	rules := map[string]CoverageRule{}
	for cat, m := range p.Coverage {
		rule := p.CoverageRules[cat]
		if rule == "" {
			rule = CoverageDeclared
		}
		rules[cat] = rule
		for country, ok := range m {
			c.Set(cat, country, ok)
		}
	}
	for i := range services {
		cat := services[i].Category
		if _, given := p.Coverage[cat]; given {
			continue
		}
		rules[cat] = CoverageInferred
		c.Set(cat, services[i].Country, true)
	}
	return c, rules
}

// CoveragePairs lists, for every category of the coverage and every
// country of the run (or named by the coverage), whether the category is
// covered there and the rule that decided it; sorted by category and
// country.
func (r *Result) CoveragePairs() []CoveragePair {
	var out []CoveragePair
	for cat, rule := range r.CoverageRules {
		countries := append([]string(nil), r.Countries...)
		for country := range r.Coverage[cat] {
			if !slices.Contains(countries, country) {
				countries = append(countries, country)
			}
		}
		for _, country := range countries {
			out = append(out, CoveragePair{Category: cat, Country: country, Covered: r.Coverage.Covered(cat, country), Rule: rule})
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

func basketCategories(basket []BasketMember, cats []string) [][]string {
	have := map[string]bool{}
	for _, c := range cats {
		have[c] = true
	}
	out := make([][]string, len(basket))
	for i, m := range basket {
		for _, c := range m.Categories {
			if have[c] {
				out[i] = append(out[i], c)
			}
		}
	}
	return out
}

// catIndex holds one category's services, indexed separately per country
// so that the nearest domestic and the nearest abroad service are each a
// short nearest-neighbour search, not a walk across a whole country.
type catIndex struct {
	name      string
	parts     []catPart      // one per country (one in all when !CrossBorder)
	perCounty map[string]int // services per country
	total     int
	// coveredHome[X]: covered in X; coveredAbroad[X]: covered in every
	// analysed country other than X.
	coveredHome, coveredAbroad map[string]bool
	coveredAll                 bool
}

// catPart is the R-tree of one category's services in one country.
type catPart struct {
	country string
	idx     *index.Points
	svc     []int32 // index position -> service index
}

func newCatIndex(name string, services []datasets.Service, r *Result) *catIndex {
	ci := &catIndex{name: name, perCounty: map[string]int{},
		coveredHome: map[string]bool{}, coveredAbroad: map[string]bool{}}
	byCountry := map[string]*catPart{}
	var pts = map[string][]orb.Point{}
	for i := range services {
		if services[i].Category != name {
			continue
		}
		key := ""
		if r.Params.CrossBorder {
			key = services[i].Country
		}
		p := byCountry[key]
		if p == nil {
			p = &catPart{country: key}
			byCountry[key] = p
		}
		p.svc = append(p.svc, int32(i))
		pts[key] = append(pts[key], services[i].Location)
		ci.perCounty[services[i].Country]++
		ci.total++
	}
	keys := make([]string, 0, len(byCountry))
	for k := range byCountry {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := byCountry[k]
		p.idx = index.New(pts[k])
		ci.parts = append(ci.parts, *p)
	}
	ci.coveredAll = len(r.Countries) > 0
	for _, x := range r.Countries {
		ci.coveredHome[x] = r.Coverage.Covered(name, x)
		if !ci.coveredHome[x] {
			ci.coveredAll = false
		}
	}
	for _, x := range r.Countries {
		ok := true
		for _, y := range r.Countries {
			if y != x && !ci.coveredHome[y] {
				ok = false
			}
		}
		ci.coveredAbroad[x] = ok
	}
	if !r.Params.CrossBorder {
		// Without countries, a category is covered when any country (or
		// the data as a whole) covers it.
		ci.coveredAll = false
		for _, m := range r.Coverage[name] {
			ci.coveredAll = ci.coveredAll || m
		}
	}
	return ci
}

var nan = math.NaN()

// distanceTolM is the largest error allowed on a reported distance: the
// index may answer from the chord bracket instead of an exact geodesic
// when that is this close (outputs are rounded to 0.1 m; PostGIS and PROJ
// agree with each other to the millimetre).
const distanceTolM = 0.5e-3

// village computes the metrics of v into dst, as long as cats, and its
// counts within the thresholds into counts (one per category and
// threshold).
func (r *Result) village(v *datasets.Village, cats []*catIndex, set *catSet, dst []CategoryResult, counts []int32) VillageResult {
	out := VillageResult{Cats: dst}
	q := index.NewQuery(v.Location)
	ws := set.search(&q, r.Params.ThresholdsM, counts)
	for c, ci := range cats {
		out.Cats[c] = r.measure(v, ci, ws.answers[set.first[c]:set.first[c+1]], ws.within[c])
	}
	set.done(ws)
	out.Basket = r.basket(out.Cats, false)
	if r.Params.CrossBorder {
		out.Domest = r.basket(out.Cats, true)
	}
	return out
}

// measure asks each country's R-tree of the category for its nearest
// service and its counts within every threshold; the nearest overall, at
// home and abroad follow. Ties in distance go to the lowest service index
// (within a country the index breaks ties by position, which follows the
// service index).
func (r *Result) measure(v *datasets.Village, ci *catIndex, answers []index.Answer, within []int32) CategoryResult {
	cr := CategoryResult{NearestM: nan, DomesticM: nan, AbroadM: nan,
		NearestService: -1, DomesticService: -1, AbroadService: -1}
	x := v.Country
	cross := r.Params.CrossBorder
	better := func(d float64, s int32, bestD float64, bestS int32) bool {
		return bestS < 0 || d < bestD || (d == bestD && s < bestS)
	}
	for pi := range ci.parts {
		part := &ci.parts[pi]
		a := answers[pi]
		i, d, ok := a.ID, a.DistM, a.OK
		if !ok {
			continue
		}
		s := part.svc[i]
		if better(d, s, cr.NearestM, cr.NearestService) {
			cr.NearestM, cr.NearestService = d, s
		}
		if !cross {
			continue
		}
		if part.country == x {
			cr.DomesticM, cr.DomesticService = d, s
		} else if better(d, s, cr.AbroadM, cr.AbroadService) {
			cr.AbroadM, cr.AbroadService = d, s
		}
	}

	// Apply coverage: blank what the data cannot vouch for.
	if !cross {
		switch {
		case !ci.coveredAll:
			cr.Status = StatusNotCovered
		case ci.total == 0:
			cr.Status = StatusNoService
		}
		if cr.Status == StatusNotCovered {
			cr.NearestM, cr.NearestService = nan, -1
		} else {
			cr.Within = within
		}
		return cr
	}
	home := ci.perCounty[x]
	homeOK, abroadOK := ci.coveredHome[x], ci.coveredAbroad[x]
	switch {
	case !homeOK && !abroadOK:
		cr.Status = StatusNotCovered
	case !homeOK:
		cr.Status = StatusDomesticNotCovered
	case !abroadOK:
		cr.Status = StatusAbroadNotCovered
	case ci.total == 0:
		cr.Status = StatusNoService
	case home == 0:
		cr.Status = StatusNoDomesticService
	}
	if !homeOK {
		cr.DomesticM, cr.DomesticService = nan, -1
	}
	if !abroadOK {
		cr.AbroadM, cr.AbroadService = nan, -1
	}
	if homeOK && abroadOK {
		cr.Within = within
	} else {
		cr.NearestM, cr.NearestService = nan, -1
	}
	return cr
}

// catPos is the position of category c in cats; a basket member absent
// from them reads position 0.
func catPos(cats []string, c string) int { return max(0, slices.Index(cats, c)) }

// basket combines the members' categories. A member is met by its nearest
// service of any of its categories present in the data; it is known when
// none of those categories is blanked by coverage.
func (r *Result) basket(cats []CategoryResult, domestic bool) BasketResult {
	b := BasketResult{MaxM: math.Inf(-1), LowerM: math.Inf(-1), Known: true}
	if len(r.Params.Basket) == 0 {
		return BasketResult{MaxM: nan, LowerM: nan}
	}
	for m := range r.Params.Basket {
		best, known := math.Inf(1), true
		members := r.BasketCategories[m]
		if len(members) == 0 {
			known = false
		}
		for i, c := range members {
			var cr *CategoryResult
			if r.basketPos != nil {
				cr = &cats[r.basketPos[m][i]]
			} else {
				cr = &cats[catPos(r.Categories, c)]
			}
			d := cr.NearestM
			if domestic {
				d = cr.DomesticM
			}
			if unknownFor(cr.Status, domestic) {
				known = false
				continue
			}
			if !math.IsNaN(d) && d < best {
				best = d
			}
		}
		if !known {
			b.Known = false
			continue
		}
		b.LowerM = math.Max(b.LowerM, best)
		b.MaxM = math.Max(b.MaxM, best)
	}
	if !b.Known {
		b.MaxM = nan
	}
	if math.IsInf(b.LowerM, -1) {
		b.LowerM = nan
	}
	return b
}

// unknownFor reports whether a status blanks the nearest (or domestic)
// distance for coverage reasons.
func unknownFor(s Status, domestic bool) bool {
	switch s {
	case StatusNotCovered, StatusDomesticNotCovered:
		return true
	case StatusAbroadNotCovered:
		return !domestic
	}
	return false
}
