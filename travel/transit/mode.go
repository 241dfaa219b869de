package transit

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/travel"
	"github.com/partons/partons/travel/transit/ondemand"
)

// Mode is public transport as a travel.Mode: range-RAPTOR over Net with
// the walking, window and limits of Options. Costs and Reach.Cost are
// the median door-to-door minutes (see Metric).
//
// With OnDemand (ondemand.New on the same network) every category also
// gets flex_min: the median when the on-demand rides may be taken too.
//
// transit_vs_car compares with Car, a travel mode in minutes (the car
// road mode of the run), or, when nil, the car estimate: the straight
// line × CarDetour at CarKmh.
type Mode struct {
	Net      *Network
	Options  Options
	OnDemand *ondemand.Planner
	Car      travel.Mode
	// RoundTrip, when set, adds roundtrip_{slot} per category and slot:
	// whether a return trip fits the opening hours (RoundTrips).
	RoundTrip *RoundTrip
}

// RoundTrip configures the round-trip columns: the slots, week and
// timetables, and the services' schedules over Config.Week by service id
// (travel.Place.ID of the services given to Snap). A service without a
// schedule has unknown hours: its answers are never yes.
type RoundTrip struct {
	Config    RoundTripConfig
	Schedules map[string]hours.Schedule
}

// The car estimate of transit_vs_car without a car road network (as the
// road estimate of package analysis).
const (
	CarDetour = 1.3
	CarKmh    = 45
)

var _ travel.Mode = (*Mode)(nil)

// Codes of the transit statuses (travel.Code values of Schema).
const (
	CodeWalkOnly  travel.Code = 1
	CodeNoService travel.Code = 2
	CodeUnsnapped travel.Code = 3
)

// Schema implements travel.Mode: per category {cat}_transit_min (the
// median), _best_min, _p5_min, _p95_min, _share_{T}min per threshold,
// _transfers, _id and _status; per village stop_departures.
func (m *Mode) Schema() travel.Schema {
	ms := []travel.Metric{
		{Name: "min", Unit: travel.Minutes, Decimals: 2, Aggregate: true,
			Doc: "median over the departure minutes of the door-to-door time to the nearest service (waiting included)"},
		{Name: "best_min", Unit: travel.Minutes, Decimals: 2, Doc: "quickest door-to-door time over the departure minutes"},
		{Name: "p5_min", Unit: travel.Minutes, Decimals: 2, Doc: "5th percentile of the door-to-door time over the departure minutes"},
		{Name: "p95_min", Unit: travel.Minutes, Decimals: 2, Doc: "95th percentile of the door-to-door time over the departure minutes"},
	}
	for _, t := range m.Options.ThresholdsMin {
		ms = append(ms, travel.Metric{Name: fmt.Sprintf("share_%dmin", t), Unit: travel.Share, Decimals: 4,
			Doc: fmt.Sprintf("share of departure minutes from which a service is reached within %d minutes", t)})
	}
	ms = append(ms, travel.Metric{Name: "transfers", Unit: travel.Count, Decimals: 0, Doc: "transfers of the median journey"})
	if m.OnDemand != nil {
		ms = append(ms, travel.Metric{Name: "flex_min", Unit: travel.Minutes, Decimals: 2,
			Doc: "median door-to-door time when on-demand buses may be booked too (booking lead counted as waiting); empty when no journey then beats walking"})
	}
	if m.RoundTrip != nil {
		for _, sl := range m.RoundTrip.Config.Slots {
			ms = append(ms, travel.Metric{Name: "roundtrip_" + sl.Name, Unit: travel.Answer,
				Doc: fmt.Sprintf("yes when, on the first day of slot %s, a resident can leave home by fixed-route public transport (no on-demand ride) or on foot inside the slot, arrive while a service is open, stay %d minutes while it stays open and be taken home by a departure before midnight; unknown where opening hours are unknown", sl.Name, m.visitMin())})
		}
	}
	return travel.Schema{Name: "transit", Unit: travel.Minutes, Metrics: ms, Split: "min",
		Statuses: []travel.StatusDoc{
			{Code: string(StatusWalkOnly), Meaning: "no public-transport journey beats walking to the nearest service"},
			{Code: string(StatusNoService), Meaning: "no service reached within the maximum travel time at the median departure minute"},
			{Code: string(StatusUnsnapped), Meaning: "the village is not on the walking network"},
		},
		VillageColumns: []travel.Metric{{Name: "stop_departures", Unit: travel.Count, Decimals: 0, Unsnapped: true,
			Doc: "departures in the window from the stops within walking distance"},
			{Name: "transit_vs_car", Unit: travel.Count, Decimals: 3, Unsnapped: true,
				Doc: "public transport against the car: the transit medians over the car times, summed over the categories where both exist (empty where none); the car by road when the run routes cars, else the straight line × 1.3 at 45 km/h"}},
	}
}

// Snap implements travel.Mode. A place joins when its position is valid
// (and its Walker, if a Snapper, accepts it); its DistM is the straight
// line to the nearest stop within walking distance (NaN when none).
func (m *Mode) Snap(ctx context.Context, villages, services []travel.Place) (travel.Snapped, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if m.Net == nil {
		return nil, fmt.Errorf("transit: mode without a network: %w", travel.ErrInvalid)
	}
	opt := m.Options
	if err := opt.validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", err, travel.ErrInvalid)
	}
	if opt.Walker == nil {
		opt.Walker = Straight{Detour: DefaultDetourFactor, Kmh: DefaultWalkKmh}
	}
	s := &snapped{m: m, opt: opt, villages: toPlaces(villages), services: toPlaces(services), vp: villages, sp: services}
	if m.OnDemand != nil {
		pts := make([]orb.Point, len(services))
		for j, p := range services {
			pts[j] = p.Location
		}
		s.opt.OnDemand = m.OnDemand.For(pts)
	}
	s.vSnap = m.snaps(s.villages, opt)
	s.sSnap = m.snaps(s.services, opt)
	s.deps = make([]float64, len(villages))
	for i, v := range s.villages {
		if !s.vSnap[i].OK {
			s.deps[i] = math.NaN()
			continue
		}
		n := 0
		m.Net.StopsWithin(v.Point, opt.MaxWalkM, func(st int32, d float64) bool {
			if _, ok := opt.Walker.WalkSeconds(v.Point, m.Net.StopPoint(st), d); ok {
				n += m.Net.Departures(st, opt.From, opt.To)
			}
			return true
		})
		s.deps[i] = float64(n)
	}
	return s, ctx.Err()
}

func toPlaces(ps []travel.Place) []Place {
	out := make([]Place, len(ps))
	for i, p := range ps {
		out[i] = Place{Point: p.Location}
	}
	return out
}

func (m *Mode) snaps(ps []Place, opt Options) []travel.Snap {
	out := make([]travel.Snap, len(ps))
	for i, p := range ps {
		ok := validPoint(p.Point)
		if sn, is := opt.Walker.(Snapper); is && ok {
			ok = sn.Snaps(p.Point)
		}
		d := math.NaN()
		if ok {
			m.Net.StopsWithin(p.Point, opt.MaxWalkM, func(_ int32, dm float64) bool {
				d = dm
				return false
			})
		}
		out[i] = travel.Snap{DistM: d, OK: ok}
	}
	return out
}

type snapped struct {
	m                  *Mode
	opt                Options
	villages, services []Place
	vSnap, sSnap       []travel.Snap
	deps               []float64
	vp, sp             []travel.Place
	vsCar              []float64 // set by Nearest
}

func (s *snapped) Village(i int) travel.Snap { return s.vSnap[i] }
func (s *snapped) Service(j int) travel.Snap { return s.sSnap[j] }

func (s *snapped) VillageValue(i, k int) float64 {
	switch {
	case k == 0:
		return s.deps[i]
	case k == 1 && s.vsCar != nil:
		return s.vsCar[i]
	}
	return math.NaN()
}

// Nearest implements travel.Snapped with one range search per village
// for every part of every category at once.
func (s *snapped) Nearest(ctx context.Context, cats []travel.Category) ([][]travel.Reach, error) {
	var groups []Group
	for _, c := range cats {
		for _, p := range c.Parts {
			groups = append(groups, s.joined(p.Services))
		}
	}
	res, err := Compute(ctx, s.m.Net, s.villages, s.services, groups, s.opt)
	if err != nil {
		return nil, err
	}
	sch := s.m.Schema()
	nt := len(s.opt.ThresholdsMin)
	out := make([][]travel.Reach, len(cats))
	g := 0
	for c, cat := range cats {
		out[c] = make([]travel.Reach, len(cat.Parts))
		for p := range cat.Parts {
			r := travel.NewReach(len(s.villages), len(sch.Metrics), CodeNoService)
			r.Definite = make([]bool, len(s.villages))
			for i, vr := range res {
				mt := vr.Groups[g]
				r.Status[i] = code(mt.Status)
				if mt.Service >= 0 {
					r.Service[i], r.Cost[i] = mt.Service, mt.Median
				}
				r.Metrics[0][i], r.Metrics[1][i], r.Metrics[2][i], r.Metrics[3][i] = mt.Min, mt.BestMin, mt.P5Min, mt.P95Min
				for k := 0; k < nt; k++ {
					r.Metrics[4+k][i] = mt.Share[k]
				}
				if mt.Transfers >= 0 {
					r.Metrics[4+nt][i] = float64(mt.Transfers)
				}
				if s.m.OnDemand != nil {
					r.Metrics[5+nt][i] = mt.FlexMin
				}
				// The maximum travel time is a cut-off: reaching nothing
				// within it is a fact.
				r.Definite[i] = mt.Status == StatusNoService
			}
			out[c][p] = r
			g++
		}
	}
	if s.m.OnDemand != nil {
		// flex_min is a figure of the category: the quickest part.
		k := 5 + nt
		for c := range cats {
			for i := range s.villages {
				best := math.NaN()
				for p := range out[c] {
					if x := out[c][p].Metrics[k][i]; !math.IsNaN(x) && !(x >= best) {
						best = x
					}
				}
				for p := range out[c] {
					out[c][p].Metrics[k][i] = best
				}
			}
		}
	}
	if err := s.roundTrips(ctx, cats, out); err != nil {
		return nil, err
	}
	car, err := s.carMin(ctx, cats)
	if err != nil {
		return nil, err
	}
	s.vsCar = make([]float64, len(s.villages))
	for i, vr := range res {
		tr := make([]float64, len(cats))
		g := 0
		for c, cat := range cats {
			tr[c] = math.NaN()
			for range cat.Parts {
				if m := vr.Groups[g].Min; !math.IsNaN(m) && !(m >= tr[c]) {
					tr[c] = m
				}
				g++
			}
		}
		s.vsCar[i] = VsCar(VillageResult{Groups: metricsOfMin(tr)}, car[i])
	}
	return out, nil
}

func metricsOfMin(ms []float64) []Metric {
	out := make([]Metric, len(ms))
	for k, m := range ms {
		out[k].Min = m
	}
	return out
}

// carMin gives, per village and category, the car minutes to the
// nearest service of any part (NaN: none): by Car, else the estimate.
func (s *snapped) carMin(ctx context.Context, cats []travel.Category) ([][]float64, error) {
	car, scale := s.m.Car, 1.0
	if car == nil {
		car, scale = travel.Straight{Workers: s.opt.Workers}, CarDetour*60/(CarKmh*1000)
	} else if u := car.Schema().Unit; u != travel.Minutes {
		return nil, fmt.Errorf("transit: the car mode compared with is in %q, want minutes: %w", u, travel.ErrInvalid)
	}
	sn, err := car.Snap(ctx, s.vp, s.sp)
	if err != nil {
		return nil, fmt.Errorf("transit: car: %w", err)
	}
	reach, err := sn.Nearest(ctx, cats)
	if err != nil {
		return nil, fmt.Errorf("transit: car: %w", err)
	}
	out := make([][]float64, len(s.villages))
	for i := range out {
		out[i] = make([]float64, len(cats))
		for c := range cats {
			out[i][c] = math.NaN()
			for _, r := range reach[c] {
				if v := r.Cost[i] * scale; r.Status[i] == travel.CodeOK && !math.IsNaN(v) && !(v >= out[i][c]) {
					out[i][c] = v
				}
			}
		}
	}
	return out, nil
}

// joined drops the services that did not join (their index stays the
// caller's).
func (s *snapped) joined(svcs []int32) Group {
	g := make(Group, 0, len(svcs))
	for _, j := range svcs {
		if s.sSnap[j].OK {
			g = append(g, j)
		}
	}
	return g
}

func code(st Status) travel.Code {
	switch st {
	case StatusWalkOnly:
		return CodeWalkOnly
	case StatusNoService:
		return CodeNoService
	case StatusUnsnapped:
		return CodeUnsnapped
	}
	return travel.CodeOK
}

// Costs implements travel.Snapped: the median door-to-door minutes of
// every pair with a finite median at most maxCost.
func (s *snapped) Costs(ctx context.Context, services []int32, maxCost float64) (*travel.Costs, error) {
	sub := make([]Place, len(services))
	for k, j := range services {
		if j < 0 || int(j) >= len(s.services) {
			return nil, fmt.Errorf("transit: service %d out of range: %w", j, travel.ErrInvalid)
		}
		sub[k] = s.services[j]
		if !s.sSnap[j].OK {
			sub[k].Point[1] = math.NaN() // never reached
		}
	}
	var mu sync.Mutex
	var entries []travel.Entry
	err := PairMedians(ctx, s.m.Net, s.villages, sub, s.opt, func(i int, k int32, med float64) {
		if med > maxCost {
			return
		}
		mu.Lock()
		entries = append(entries, travel.Entry{Demand: int32(i), Supply: k, Cost: med})
		mu.Unlock()
	})
	if err != nil {
		return nil, err
	}
	return travel.NewCosts(len(s.villages), len(services), entries)
}

func (m *Mode) visitMin() int {
	if m.RoundTrip != nil && m.RoundTrip.Config.VisitMin > 0 {
		return m.RoundTrip.Config.VisitMin
	}
	return DefaultVisitMin
}

// roundTrips fills the roundtrip_{slot} metrics: one answer per
// category (its services in every part), the same in every part.
func (s *snapped) roundTrips(ctx context.Context, cats []travel.Category, out [][]travel.Reach) error {
	rt := s.m.RoundTrip
	if rt == nil || len(rt.Config.Slots) == 0 {
		return nil
	}
	sched := make([]hours.Schedule, len(s.sp))
	for j, p := range s.sp {
		sc, ok := rt.Schedules[p.ID]
		if !ok {
			sc = hours.Schedule{Status: hours.Missing, Reason: "no schedule for the round trips"}
		}
		sched[j] = sc
	}
	groups := make([]Group, len(cats))
	for c, cat := range cats {
		var all []int32
		for _, p := range cat.Parts {
			all = append(all, p.Services...)
		}
		slices.Sort(all)
		groups[c] = s.joined(slices.Compact(all))
	}
	opt := s.opt
	opt.OnDemand = nil
	res, err := RoundTrips(ctx, s.villages, s.services, sched, groups, opt, rt.Config)
	if err != nil {
		return err
	}
	first := s.m.Schema().MetricIndex("roundtrip_" + rt.Config.Slots[0].Name)
	for si := range rt.Config.Slots {
		for c := range cats {
			for p := range out[c] {
				col := out[c][p].Metrics[first+si]
				for i := range col {
					switch res[si][i][c] {
					case hours.Yes:
						col[i] = 1
					case hours.No:
						col[i] = 0
					default:
						col[i] = math.NaN()
					}
				}
			}
		}
	}
	return nil
}
