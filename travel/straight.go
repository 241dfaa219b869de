package travel

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/index"
)

// MaxDensePairs is the largest number of pairs Straight computes for
// Costs without a cost limit; beyond it a limit must be given.
const MaxDensePairs = 50_000_000

// Straight is travel along WGS84 geodesics, in metres. Every valid lon/lat
// position joins it (Snap.DistM 0); an invalid one reaches nothing.
type Straight struct {
	// Workers bounds the goroutines of a search (<= 0: GOMAXPROCS).
	Workers int
}

var _ Mode = Straight{}

// StraightSchema is the schema of Straight: one metric, the distance.
var StraightSchema = Schema{Name: "straight", Unit: Metres,
	Metrics: []Metric{{Name: "m", Unit: Metres, Decimals: 1, Aggregate: true, Doc: "WGS84 geodesic distance"}}, Split: "m",
	Statuses: []StatusDoc{
		{Code: "unsnapped", Meaning: "the village's position is not a valid lon/lat"},
		{Code: "unreachable", Meaning: "no service in the part"},
	}}

// Schema implements Mode.
func (Straight) Schema() Schema { return StraightSchema }

// Snap implements Mode. O(villages + services).
func (m Straight) Snap(ctx context.Context, villages, services []Place) (Snapped, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := &straight{workers: m.Workers, v: points(villages), s: points(services)}
	return s, nil
}

func points(ps []Place) []orb.Point {
	out := make([]orb.Point, len(ps))
	for i := range ps {
		out[i] = ps[i].Location
	}
	return out
}

type straight struct {
	workers int
	v, s    []orb.Point
}

func snapOf(p orb.Point) Snap {
	if ValidLonLat(p) {
		return Snap{OK: true}
	}
	return Snap{DistM: nan}
}

func (s *straight) Village(i int) Snap            { return snapOf(s.v[i]) }
func (s *straight) Service(j int) Snap            { return snapOf(s.s[j]) }
func (s *straight) VillageValue(i, k int) float64 { return nan }

// Nearest implements Snapped: one R-tree per part, one nearest-neighbour
// walk per village. O(S log S + V·P·log S) for P parts.
func (s *straight) Nearest(ctx context.Context, cats []Category) ([][]Reach, error) {
	out := make([][]Reach, len(cats))
	for c, cat := range cats {
		out[c] = make([]Reach, len(cat.Parts))
		for p, part := range cat.Parts {
			pts := make([]orb.Point, len(part.Services))
			for k, j := range part.Services {
				if j < 0 || int(j) >= len(s.s) {
					return nil, fmt.Errorf("travel: %s: service %d outside [0, %d): %w", cat.Name, j, len(s.s), ErrInvalid)
				}
				pts[k] = s.s[j]
			}
			ix := index.New(pts)
			r := NewReach(len(s.v), 1, 2)
			err := Parallel(ctx, len(s.v), s.workers, func(i int) {
				if !ValidLonLat(s.v[i]) {
					r.Status[i] = 1
					return
				}
				k, d, ok := ix.Nearest(s.v[i], nil)
				if ok {
					r.Service[i], r.Cost[i], r.Metrics[0][i], r.Status[i] = part.Services[k], d, d, CodeOK
				}
			})
			if err != nil {
				return nil, err
			}
			out[c][p] = r
		}
	}
	return out, nil
}

// Costs implements Snapped: with a finite maxCost, the pairs within it
// found with an R-tree over the services (work grows with the pairs
// kept); with +Inf every pair of valid positions, at most MaxDensePairs.
func (s *straight) Costs(ctx context.Context, services []int32, maxCost float64) (*Costs, error) {
	if !(maxCost >= 0) {
		return nil, fmt.Errorf("travel: radius %v m must be >= 0: %w", maxCost, ErrInvalid)
	}
	pts := make([]orb.Point, len(services))
	for k, j := range services {
		if j < 0 || int(j) >= len(s.s) {
			return nil, fmt.Errorf("travel: service %d outside [0, %d): %w", j, len(s.s), ErrInvalid)
		}
		pts[k] = s.s[j]
	}
	return GeodesicCosts(ctx, s.v, pts, maxCost, s.workers)
}

// GeodesicCosts returns the WGS84 geodesic distances in metres between
// every demand point and every supply point at most maxM apart
// (inclusive; +Inf: every pair, at most MaxDensePairs of them). Points
// that are not valid lon/lat positions reach nothing. Runs on workers
// goroutines (<= 0: GOMAXPROCS); the result does not depend on
// scheduling.
func GeodesicCosts(ctx context.Context, demand, supply []orb.Point, maxM float64, workers int) (*Costs, error) {
	if !(maxM >= 0) {
		return nil, fmt.Errorf("travel: radius %v m must be >= 0: %w", maxM, ErrInvalid)
	}
	if len(demand) > math.MaxInt32 || len(supply) > math.MaxInt32 {
		return nil, fmt.Errorf("travel: too many points: %w", ErrInvalid)
	}
	dense := math.IsInf(maxM, 1)
	if dense && float64(len(demand))*float64(len(supply)) > MaxDensePairs {
		return nil, fmt.Errorf("travel: %d × %d pairs without a cost limit (at most %d): %w", len(demand), len(supply), MaxDensePairs, ErrInvalid)
	}
	var ix *index.Points
	if !dense {
		ix = index.New(supply)
	}
	rows := make([][]Entry, len(demand))
	err := Parallel(ctx, len(demand), workers, func(i int) {
		p := demand[i]
		if !ValidLonLat(p) {
			return
		}
		var row []Entry
		if ix != nil {
			ix.Within(p, maxM, func(j int32, d float64) bool {
				row = append(row, Entry{Demand: int32(i), Supply: j, Cost: d})
				return true
			})
		} else {
			for j, q := range supply {
				if ValidLonLat(q) {
					row = append(row, Entry{Demand: int32(i), Supply: int32(j), Cost: geodesic.Distance(p, q)})
				}
			}
		}
		rows[i] = row
	})
	if err != nil {
		return nil, err
	}
	return NewCosts(len(demand), len(supply), concat(rows))
}

// ValidLonLat reports whether p is a finite lon/lat position.
func ValidLonLat(p orb.Point) bool {
	return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}

// Parallel calls fn(0…n-1) on up to workers goroutines (<= 0:
// GOMAXPROCS) and returns ctx.Err() when ctx is cancelled before every
// call started (calls already running finish).
func Parallel(ctx context.Context, n, workers int, fn func(i int)) error {
	return ParallelWith(ctx, n, workers, func() struct{} { return struct{}{} }, func(_ struct{}, i int) { fn(i) })
}

// ParallelWith is Parallel with per-goroutine state made by newState (a
// search workspace, say), created lazily, one per goroutine.
func ParallelWith[S any](ctx context.Context, n, workers int, newState func() S, fn func(s S, i int)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var s S
			made := false
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				if !made {
					s, made = newState(), true
				}
				fn(s, i)
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

func concat(rows [][]Entry) []Entry {
	n := 0
	for _, r := range rows {
		n += len(r)
	}
	out := make([]Entry, 0, n)
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}
