package analysis

import (
	"context"
	"fmt"
	"slices"

	"github.com/partons/partons/analysis/access"
	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
)

// Recompute computes a variant incrementally: when only services of some
// categories changed (v.Full false, same villages and parameters), only
// those categories are searched again and the others are taken from base
// (service references remapped by id); the basket is recombined. When
// v.Modes, the mode blocks of every category are computed again with
// p.Modes. p must carry the base's coverage, so that closing the last
// service of a kind reads as "no service" and not as "no data".
func Recompute(ctx context.Context, base *Result, v *variant.Variant, p Params) (*Result, error) {
	if v.Full || base == nil {
		return Compute(ctx, v.Villages, v.Services, p)
	}
	var touched []string
	for _, c := range base.Categories {
		if v.Touched[c] {
			touched = append(touched, c)
		}
	}
	var partial *Result
	if len(touched) > 0 {
		pp := p
		pp.Categories = touched
		if v.Modes {
			pp.Modes = nil // computed below for every category
		}
		// Services only closed: the villages they cannot reach keep the
		// base's rows.
		var ok bool
		var err error
		if partial, ok, err = closedOnly(ctx, base, v, pp, touched); err != nil {
			return nil, err
		}
		// Same villages as the base: their road snaps are the base's.
		if !ok {
			if partial, err = compute(ctx, v.Villages, v.Services, pp, base.road); err != nil {
				return nil, err
			}
		}
	}
	r, err := rebase(base, v.Services, partial, touched)
	if err != nil || !v.Modes {
		return r, err
	}
	// Keep the road's block; the blocks of Params.Modes are computed again.
	r.Modes = slices.Clip(r.Modes[:len(r.Modes)-len(r.Params.Modes)])
	r.Params.Modes = p.Modes
	r.from, r.same = nil, nil // every category's mode blocks change
	cats := make([]*catIndex, len(r.Categories))
	for c, name := range r.Categories {
		cats[c] = newCatIndex(name, r.Services, r)
	}
	if err := r.computeModes(ctx, cats); err != nil {
		return nil, err
	}
	return r, nil
}

// rebase builds a result for services from base, replacing the touched
// categories by partial's.
func rebase(base *Result, services []datasets.Service, partial *Result, touched []string) (*Result, error) {
	r := *base
	r.Services = services
	remap := serviceMap(base.Services, services)
	from := make(catFrom, len(base.Categories)) // category position in r -> position in partial, -1: the base's
	for c := range from {
		from[c] = -1
	}
	for pc, c := range touched {
		i := slices.Index(base.Categories, c)
		if i < 0 {
			return nil, fmt.Errorf("analysis: category %q not in the base", c)
		}
		from[i] = pc
	}
	// The basket is the base's unless a category of one of its members
	// changed.
	basketSame := true
	for _, members := range base.BasketCategories {
		for _, c := range members {
			if slices.Contains(touched, c) {
				basketSame = false
			}
		}
	}
	r.from, r.same = base, make([]bool, len(base.Categories)+1)
	for c := range base.Categories {
		r.same[c] = from[c] < 0
	}
	r.same[len(base.Categories)] = basketSame
	// One backing array for every village's categories: one allocation
	// instead of one per village.
	nc := len(base.Categories)
	cats := make([]CategoryResult, len(base.Rows)*nc)
	r.Rows = make([]VillageResult, len(base.Rows))
	for vi := range base.Rows {
		b := &base.Rows[vi]
		row := VillageResult{Cats: cats[vi*nc : (vi+1)*nc : (vi+1)*nc]}
		if len(b.Cats) != nc {
			row.Cats = make([]CategoryResult, len(b.Cats))
		}
		for c := range b.Cats {
			if pc, ok := from.get(c); ok {
				row.Cats[c] = partial.Rows[vi].Cats[pc]
				continue
			}
			cr := b.Cats[c]
			cr.NearestService, cr.DomesticService, cr.AbroadService = remap(cr.NearestService), remap(cr.DomesticService), remap(cr.AbroadService)
			row.Cats[c] = cr
		}
		switch {
		case basketSame:
			row.Basket, row.Domest = b.Basket, b.Domest
		default:
			row.Basket = r.basket(row.Cats, false)
			if r.Params.CrossBorder {
				row.Domest = r.basket(row.Cats, true)
			}
		}
		r.Rows[vi] = row
	}
	if partial != nil && partial.road != nil {
		r.road = partial.road
	}
	r.Modes = nil
	for _, b := range base.Modes {
		nb := &ModeBlock{Schema: b.Schema, road: b.road, Snapped: b.Snapped, Cells: make([][]ModeCell, len(b.Cells))}
		var pb *ModeBlock
		if partial != nil && len(r.Modes) < len(partial.Modes) {
			pb = partial.Modes[len(r.Modes)]
			nb.Snapped = pb.Snapped // snapped with the variant's services
		}
		cells := make([]ModeCell, len(b.Cells)*nc)
		for vi := range b.Cells {
			nb.Cells[vi] = cells[vi*nc : (vi+1)*nc : (vi+1)*nc]
			if len(b.Cells[vi]) != nc {
				nb.Cells[vi] = make([]ModeCell, len(b.Cells[vi]))
			}
			for c := range b.Cells[vi] {
				if pc, ok := from.get(c); ok && pb != nil {
					nb.Cells[vi][c] = pb.Cells[vi][pc]
					continue
				}
				cell := b.Cells[vi][c]
				cell.Service = remap(cell.Service)
				nb.Cells[vi][c] = cell
			}
		}
		r.Modes = append(r.Modes, nb)
	}
	if base.models != nil {
		r.models = make([][]modelOut, len(base.models))
		for c := range base.models {
			if pc, ok := from.get(c); ok {
				r.models[c] = partial.models[pc]
				continue
			}
			for _, mo := range base.models[c] {
				per := make(map[int32]access.ServiceStat, len(mo.perService))
				for s, st := range mo.perService {
					if n := remap(s); n >= 0 {
						per[n] = st
					}
				}
				r.models[c] = append(r.models[c], modelOut{values: mo.values, perService: per})
			}
		}
	}
	return &r, nil
}

// catFrom maps a category position of a rebased result to its position in
// the partial result (-1: taken from the base).
type catFrom []int

// get is the partial's position of category c, if it has it; positions
// beyond the base's categories have none.
func (f catFrom) get(c int) (int, bool) {
	if c < len(f) && f[c] >= 0 {
		return f[c], true
	}
	return 0, false
}

// serviceMap returns the function mapping a base service index to the
// position of the service with its id in services (-1: gone, or no
// service), through a table: one map lookup per service instead of one
// per reference.
func serviceMap(base, services []datasets.Service) func(int32) int32 {
	pos := make(map[string]int32, len(services))
	for i := range services {
		pos[services[i].ID] = int32(i)
	}
	to := make([]int32, len(base))
	for s := range base {
		if n, ok := pos[base[s].ID]; ok {
			to[s] = n
		} else {
			to[s] = -1
		}
	}
	return func(s int32) int32 {
		if s < 0 {
			return -1
		}
		return to[s]
	}
}
