// Package traveltest provides test doubles of travel.Mode: a Scripted
// mode whose costs are given by the test, so that consumers of the seam
// (analysis, access models, locate) are tested without a graph, and a
// Check of the contract every Mode must keep.
package traveltest

import (
	"context"
	"fmt"
	"math"

	"github.com/partons/partons/travel"
)

// Scripted is a travel.Mode whose costs come from Cost. Every place joins
// except those listed in Unsnapped (by village index) and
// UnsnappedServices (by service index), which report status code
// UnsnappedCode. A (village, service) pair with Cost NaN or +Inf is
// unreachable (status UnreachableCode). Metrics of a reached pair come
// from Metric (nil: Metrics[k] is the cost for every k).
type Scripted struct {
	S                 travel.Schema
	Cost              func(village, service int) float64
	Metric            func(village, service, k int) float64
	Unsnapped         map[int]bool
	UnsnappedServices map[int]bool
	UnsnappedCode     travel.Code
	UnreachableCode   travel.Code
	// Calls counts Snap calls (a consumer should snap once per run).
	Calls int
}

var _ travel.Mode = (*Scripted)(nil)

// Schema implements travel.Mode.
func (m *Scripted) Schema() travel.Schema { return m.S }

// Snap implements travel.Mode.
func (m *Scripted) Snap(ctx context.Context, villages, services []travel.Place) (travel.Snapped, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.Calls++
	return &scripted{m: m, nv: len(villages), ns: len(services)}, nil
}

type scripted struct {
	m      *Scripted
	nv, ns int
}

func (s *scripted) Village(i int) travel.Snap {
	if s.m.Unsnapped[i] {
		return travel.Snap{DistM: math.NaN()}
	}
	return travel.Snap{OK: true}
}

func (s *scripted) Service(j int) travel.Snap {
	if s.m.UnsnappedServices[j] {
		return travel.Snap{DistM: math.NaN()}
	}
	return travel.Snap{OK: true}
}

func (s *scripted) VillageValue(i, k int) float64 { return s.Village(i).DistM }

func (s *scripted) cost(i, j int) (float64, bool) {
	if s.m.Unsnapped[i] || s.m.UnsnappedServices[j] {
		return 0, false
	}
	c := s.m.Cost(i, j)
	return c, !math.IsNaN(c) && !math.IsInf(c, 0)
}

func (s *scripted) Nearest(ctx context.Context, cats []travel.Category) ([][]travel.Reach, error) {
	nm := len(s.m.S.Metrics)
	out := make([][]travel.Reach, len(cats))
	for c, cat := range cats {
		for _, part := range cat.Parts {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			r := travel.NewReach(s.nv, nm, s.m.UnreachableCode)
			for i := range s.nv {
				if s.m.Unsnapped[i] {
					r.Status[i] = s.m.UnsnappedCode
					continue
				}
				for _, j := range part.Services {
					if j < 0 || int(j) >= s.ns {
						return nil, fmt.Errorf("traveltest: service %d outside [0, %d): %w", j, s.ns, travel.ErrInvalid)
					}
					c, ok := s.cost(i, int(j))
					if !ok || (r.Service[i] >= 0 && !(c < r.Cost[i])) {
						continue
					}
					r.Service[i], r.Cost[i], r.Status[i] = j, c, travel.CodeOK
					for k := range nm {
						v := c
						if s.m.Metric != nil {
							v = s.m.Metric(i, int(j), k)
						}
						r.Metrics[k][i] = v
					}
				}
			}
			out[c] = append(out[c], r)
		}
	}
	return out, nil
}

func (s *scripted) Costs(ctx context.Context, services []int32, maxCost float64) (*travel.Costs, error) {
	var es []travel.Entry
	for i := range s.nv {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for k, j := range services {
			if c, ok := s.cost(i, int(j)); ok && c <= maxCost {
				es = append(es, travel.Entry{Demand: int32(i), Supply: int32(k), Cost: c})
			}
		}
	}
	return travel.NewCosts(s.nv, len(services), es)
}
