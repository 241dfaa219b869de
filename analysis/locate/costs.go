package locate

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/index"
	"github.com/partons/partons/geo/road"
)

// MaxDenseArcs is the largest number of arcs StraightArcs computes without
// a cost limit; beyond it a limit must be given.
const MaxDenseArcs = 50_000_000

// StraightArcs returns the WGS84 geodesic distances in metres between
// every demand point and every site, or with maxM > 0 only the pairs at
// most maxM apart (found with an R-tree over the demand points, so the
// work grows with the pairs kept). Points that are not valid lon/lat get no
// arc. Arcs come out site by site, demand ascending within a site's
// distance order. Runs on GOMAXPROCS goroutines.
func StraightArcs(ctx context.Context, demand, sites []orb.Point, maxM float64) ([]Arc, error) {
	if !(maxM > 0) && float64(len(demand))*float64(len(sites)) > MaxDenseArcs {
		return nil, fmt.Errorf("%w: %d × %d pairs: give a cost limit", ErrInvalid, len(demand), len(sites))
	}
	var ix *index.Points
	if maxM > 0 {
		ix = index.New(demand)
	}
	per := make([][]Arc, len(sites))
	err := parallel(ctx, len(sites), func(j int) {
		p := sites[j]
		if !validLonLat(p) {
			return
		}
		if ix != nil {
			ix.Within(p, maxM, func(i int32, d float64) bool {
				per[j] = append(per[j], Arc{Demand: i, Site: int32(j), Cost: d})
				return true
			})
			return
		}
		arcs := make([]Arc, 0, len(demand))
		for i, q := range demand {
			if validLonLat(q) {
				arcs = append(arcs, Arc{Demand: int32(i), Site: int32(j), Cost: geodesic.Distance(q, p)})
			}
		}
		per[j] = arcs
	})
	if err != nil {
		return nil, err
	}
	return concat(per), nil
}

// RoadArcs returns road costs from every snapped demand point to every
// snapped site: one bounded search per site (seeded at the site, on the
// reverse graph, so one-way streets count in the demand → site
// direction) with s.Cutoff as the bound. The cost is the minimised
// quantity: metres for road.Length, seconds for road.Time. A nil snap (ok
// false) gets no arc. Runs on GOMAXPROCS goroutines, one workspace each.
func RoadArcs(ctx context.Context, g *road.Graph, demand []road.Snap, demandOK []bool, sites []road.Snap, siteOK []bool, s road.Search) ([]Arc, error) {
	var targets []road.Snap
	var tIdx []int32
	for i, sn := range demand {
		if demandOK[i] {
			targets = append(targets, sn)
			tIdx = append(tIdx, int32(i))
		}
	}
	s.Origins = false
	per := make([][]Arc, len(sites))
	workers := runtime.GOMAXPROCS(0)
	wss := make(chan *road.Workspace, workers)
	for range workers {
		wss <- road.NewWorkspace(g)
	}
	var mu sync.Mutex
	var firstErr error
	err := parallel(ctx, len(sites), func(j int) {
		if !siteOK[j] {
			return
		}
		ws := <-wss
		defer func() { wss <- ws }()
		if err := g.Nearest(ws, []road.Snap{sites[j]}, s); err != nil {
			mu.Lock()
			firstErr = fmt.Errorf("locate: site %d: %w", j, err)
			mu.Unlock()
			return
		}
		for k, t := range targets {
			r, ok := ws.Cost(t)
			if !ok {
				continue
			}
			c := r.LengthM
			if s.Weight == road.Time {
				c = r.TimeS
			}
			per[j] = append(per[j], Arc{Demand: tIdx[k], Site: int32(j), Cost: c})
		}
	})
	if err == nil {
		err = firstErr
	}
	if err != nil {
		return nil, err
	}
	return concat(per), nil
}

// parallel runs fn(0..n-1) on GOMAXPROCS goroutines, stopping early when
// ctx is cancelled.
func parallel(ctx context.Context, n int, fn func(k int)) error {
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for k := range next {
				fn(k)
			}
		})
	}
	var err error
	for k := 0; k < n; k++ {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- k
	}
	close(next)
	wg.Wait()
	return err
}

func concat(per [][]Arc) []Arc {
	n := 0
	for _, a := range per {
		n += len(a)
	}
	out := make([]Arc, 0, n)
	for _, a := range per {
		out = append(out, a...)
	}
	return out
}

func validLonLat(p orb.Point) bool {
	return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90 && !math.IsNaN(p[0]+p[1])
}
