package travel

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Entry is one reachable (demand, supply) pair and its travel cost from
// the demand location to the service.
type Entry struct {
	Demand, Supply int32   // indexes into the demand and supply slices
	Cost           float64 // finite, >= 0, in the source's unit
}

// Costs is the one sparse cost type of the project: a demand × supply
// cost matrix (villages × services for the access models, demand points ×
// candidate sites for location-allocation) in two compressed sparse
// row (CSR) layouts: by supply (for each service, the demand locations in
// its catchment, by increasing demand index) and by demand (for each
// demand location, the services it reaches, by increasing cost then
// supply index). A pair that is not stored is unreachable, never cost 0.
//
// A Costs is immutable once built and safe for concurrent use. Memory is
// 2 × 12 bytes per pair plus 2 × 8 bytes per demand and supply location.
type Costs struct {
	nDemand, nSupply int

	sOff  []int // len nSupply+1: pairs of service j are sOff[j]:sOff[j+1]
	sDem  []int32
	sCost []float64

	dOff  []int // len nDemand+1: pairs of demand i are dOff[i]:dOff[i+1]
	dSup  []int32
	dCost []float64
}

// NewCosts builds Costs for nDemand demand and nSupply supply locations
// from entries in any order. Errors (wrapping ErrInvalid) for a negative
// count, an index out of range, a cost that is negative, NaN or infinite,
// or a pair given twice. entries is not modified.
// O(p + Σ r log r) for p entries in rows of r pairs (counting sort into
// rows, then a sort per row).
func NewCosts(nDemand, nSupply int, entries []Entry) (*Costs, error) {
	if nDemand < 0 || nSupply < 0 || nDemand > math.MaxInt32 || nSupply > math.MaxInt32 {
		return nil, fmt.Errorf("travel: %d demand and %d supply locations: %w", nDemand, nSupply, ErrInvalid)
	}
	for k, e := range entries {
		switch {
		case e.Demand < 0 || int(e.Demand) >= nDemand:
			return nil, fmt.Errorf("travel: entry %d: demand index %d outside [0, %d): %w", k, e.Demand, nDemand, ErrInvalid)
		case e.Supply < 0 || int(e.Supply) >= nSupply:
			return nil, fmt.Errorf("travel: entry %d: supply index %d outside [0, %d): %w", k, e.Supply, nSupply, ErrInvalid)
		case !(e.Cost >= 0) || math.IsInf(e.Cost, 1):
			return nil, fmt.Errorf("travel: entry %d: cost %v is not finite and >= 0: %w", k, e.Cost, ErrInvalid)
		}
	}
	c := &Costs{nDemand: nDemand, nSupply: nSupply}
	// By supply: bucket (counting sort), then sort each row by demand.
	c.sOff = make([]int, nSupply+1)
	for _, e := range entries {
		c.sOff[e.Supply+1]++
	}
	for j := range nSupply {
		c.sOff[j+1] += c.sOff[j]
	}
	c.sDem = make([]int32, len(entries))
	c.sCost = make([]float64, len(entries))
	next := slices.Clone(c.sOff[:nSupply])
	for _, e := range entries {
		k := next[e.Supply]
		next[e.Supply]++
		c.sDem[k], c.sCost[k] = e.Demand, e.Cost
	}
	var row []cell
	for j := range nSupply {
		a, b := c.sOff[j], c.sOff[j+1]
		row = loadRow(row, c.sDem[a:b], c.sCost[a:b])
		slices.SortFunc(row, func(x, y cell) int { return cmp.Compare(x.idx, y.idx) })
		for k := 1; k < len(row); k++ {
			if row[k-1].idx == row[k].idx {
				return nil, fmt.Errorf("travel: pair (demand %d, supply %d) given twice: %w", row[k].idx, j, ErrInvalid)
			}
		}
		storeRow(row, c.sDem[a:b], c.sCost[a:b])
	}
	// By demand: transpose (rows come out by increasing supply), then a
	// stable sort of each row by cost.
	c.dOff = make([]int, nDemand+1)
	for _, i := range c.sDem {
		c.dOff[i+1]++
	}
	for i := range nDemand {
		c.dOff[i+1] += c.dOff[i]
	}
	c.dSup = make([]int32, len(entries))
	c.dCost = make([]float64, len(entries))
	next = slices.Clone(c.dOff[:nDemand])
	for j := range nSupply {
		for k := c.sOff[j]; k < c.sOff[j+1]; k++ {
			i := c.sDem[k]
			p := next[i]
			next[i]++
			c.dSup[p], c.dCost[p] = int32(j), c.sCost[k]
		}
	}
	for i := range nDemand {
		a, b := c.dOff[i], c.dOff[i+1]
		row = loadRow(row, c.dSup[a:b], c.dCost[a:b])
		slices.SortStableFunc(row, func(x, y cell) int { return cmp.Compare(x.cost, y.cost) })
		storeRow(row, c.dSup[a:b], c.dCost[a:b])
	}
	return c, nil
}

// cell is one entry of a CSR row while it is sorted.
type cell struct {
	idx  int32
	cost float64
}

func loadRow(row []cell, idx []int32, cost []float64) []cell {
	row = row[:0]
	for k, i := range idx {
		row = append(row, cell{i, cost[k]})
	}
	return row
}

func storeRow(row []cell, idx []int32, cost []float64) {
	for k, x := range row {
		idx[k], cost[k] = x.idx, x.cost
	}
}

// NumDemand returns the number of demand locations.
func (c *Costs) NumDemand() int { return c.nDemand }

// NumSupply returns the number of supply locations.
func (c *Costs) NumSupply() int { return c.nSupply }

// Len returns the number of stored (reachable) pairs.
func (c *Costs) Len() int { return len(c.sDem) }

// Service returns the demand locations that reach service j
// and their costs, by increasing demand index. The slices alias c: do not
// modify them. It panics if j is out of range. O(1).
func (c *Costs) Service(j int) (demand []int32, cost []float64) {
	a, b := c.sOff[j], c.sOff[j+1]
	return c.sDem[a:b:b], c.sCost[a:b:b]
}

// Demand returns the services reachable from demand location i and their
// costs, by increasing cost then supply index. The slices alias c: do not
// modify them. It panics if i is out of range. O(1).
func (c *Costs) Demand(i int) (supply []int32, cost []float64) {
	a, b := c.dOff[i], c.dOff[i+1]
	return c.dSup[a:b:b], c.dCost[a:b:b]
}

// Entries returns every pair, by supply then demand index. O(p).
func (c *Costs) Entries() []Entry {
	out := make([]Entry, 0, c.Len())
	for j := range c.nSupply {
		dem, cost := c.Service(j)
		for k, i := range dem {
			out = append(out, Entry{Demand: i, Supply: int32(j), Cost: cost[k]})
		}
	}
	return out
}

// Scale returns a copy of c with every cost multiplied by f (e.g. 1/60 to
// turn seconds into minutes). f must be finite and > 0; otherwise an
// error wrapping ErrInvalid. O(p).
func (c *Costs) Scale(f float64) (*Costs, error) {
	if !(f > 0) || math.IsInf(f, 1) {
		return nil, fmt.Errorf("travel: scale factor %v must be finite and > 0: %w", f, ErrInvalid)
	}
	s := *c
	s.sCost = slices.Clone(c.sCost)
	s.dCost = slices.Clone(c.dCost)
	for k := range s.sCost {
		s.sCost[k] *= f
	}
	for k := range s.dCost {
		s.dCost[k] *= f
	}
	return &s, nil
}

// Within returns a copy of c keeping only the pairs with cost <= maxCost
// (inclusive). maxCost must not be NaN or negative; +Inf keeps all.
// O(p).
func (c *Costs) Within(maxCost float64) (*Costs, error) {
	if !(maxCost >= 0) {
		return nil, fmt.Errorf("travel: maximum cost %v must be >= 0: %w", maxCost, ErrInvalid)
	}
	var kept []Entry
	for _, e := range c.Entries() {
		if e.Cost <= maxCost {
			kept = append(kept, e)
		}
	}
	return NewCosts(c.nDemand, c.nSupply, kept)
}

// Check verifies the CSR invariants: offsets monotone and complete, rows
// sorted, both layouts holding the same pairs. For tests of builders and
// of modes. O(p log p).
func (c *Costs) Check() error {
	if len(c.sOff) != c.nSupply+1 || len(c.dOff) != c.nDemand+1 || c.sOff[0] != 0 || c.dOff[0] != 0 ||
		c.sOff[c.nSupply] != len(c.sDem) || c.dOff[c.nDemand] != len(c.dSup) || len(c.sDem) != len(c.dSup) {
		return errors.New("offset arrays inconsistent")
	}
	pairs := map[[2]int32]float64{}
	for j := range c.nSupply {
		if c.sOff[j] > c.sOff[j+1] {
			return fmt.Errorf("supply offsets decrease at %d", j)
		}
		dem, cost := c.Service(j)
		for k, i := range dem {
			if k > 0 && dem[k-1] >= i {
				return fmt.Errorf("service %d: demand not strictly increasing", j)
			}
			pairs[[2]int32{i, int32(j)}] = cost[k]
		}
	}
	for i := range c.nDemand {
		if c.dOff[i] > c.dOff[i+1] {
			return fmt.Errorf("demand offsets decrease at %d", i)
		}
		sup, cost := c.Demand(i)
		for k, j := range sup {
			if k > 0 && (cost[k-1] > cost[k] || cost[k-1] == cost[k] && sup[k-1] >= j) {
				return fmt.Errorf("demand %d: not sorted by (cost, supply)", i)
			}
			if v, ok := pairs[[2]int32{int32(i), j}]; !ok || v != cost[k] {
				return fmt.Errorf("pair (%d, %d) differs between layouts", i, j)
			}
		}
	}
	return nil
}

// SupplyOffsets, SupplyDemand and SupplyCost expose the by-supply layout
// for models that keep one value per stored pair: the pairs of service j
// are positions SupplyOffsets()[j]:SupplyOffsets()[j+1] of SupplyDemand
// (demand index, ascending) and SupplyCost. The slices alias c: do not
// modify them. O(1).
func (c *Costs) SupplyOffsets() []int { return c.sOff }

// SupplyDemand: see SupplyOffsets.
func (c *Costs) SupplyDemand() []int32 { return c.sDem }

// SupplyCost: see SupplyOffsets.
func (c *Costs) SupplyCost() []float64 { return c.sCost }
