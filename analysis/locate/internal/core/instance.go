package core

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/partons/partons/travel"
)

// ErrInvalid marks an invalid instance or configuration.
var ErrInvalid = errors.New("locate: invalid input")

// ErrInfeasible is returned when no choice of sites satisfies the model,
// e.g. a p-median whose p sites cannot reach every demand point.
var ErrInfeasible = errors.New("locate: infeasible")

// ErrNodeLimit is returned when the node limit ran out before any
// feasible solution was found (none is then proven not to exist).
var ErrNodeLimit = errors.New("locate: node limit reached")

// Instance is a location problem's data: demand weights, a number of
// candidate sites and the finite demand→site costs, stored twice in
// compressed sparse row form: by demand, each row sorted by (cost, site),
// and by site, each column sorted by demand. An Instance is immutable and
// safe for concurrent use.
type Instance struct {
	// W are the demand weights; read-only.
	W      []float64
	nSites int
	// by demand
	dOff  []int32
	dSite []int32
	dCost []float64
	// by site
	sOff  []int32
	sDem  []int32
	sCost []float64
}

// MaxArcs is the largest number of demand→site costs an Instance accepts.
const MaxArcs = math.MaxInt32 - 1

// NewInstance builds an instance over len(weights) demand points and the
// costs' supply locations as candidate sites; costs (from any travel mode,
// or travel.NewCosts) must have len(weights) demand locations. Weights
// must be finite and ≥ 0. Every problem is reported wrapping ErrInvalid.
// costs is not retained. O(A) time for A pairs, 24 bytes of memory per
// pair.
func NewInstance(weights []float64, costs *travel.Costs) (*Instance, error) {
	n := len(weights)
	if costs == nil {
		return nil, fmt.Errorf("%w: no costs", ErrInvalid)
	}
	numSites := costs.NumSupply()
	if costs.NumDemand() != n || numSites >= math.MaxInt32 || n >= math.MaxInt32 {
		return nil, fmt.Errorf("%w: %d demand weights for costs of %d demand points and %d sites", ErrInvalid, n, costs.NumDemand(), numSites)
	}
	if costs.Len() > MaxArcs {
		return nil, fmt.Errorf("%w: %d costs (at most %d)", ErrInvalid, costs.Len(), MaxArcs)
	}
	for i, w := range weights {
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			return nil, fmt.Errorf("%w: demand %d has weight %v (want a finite number ≥ 0)", ErrInvalid, i, w)
		}
	}
	in := &Instance{W: slices.Clone(weights), nSites: numSites}
	// travel.Costs keeps the same two layouts: rows by (cost, supply),
	// columns by demand.
	in.dOff = make([]int32, n+1)
	in.dSite = make([]int32, 0, costs.Len())
	in.dCost = make([]float64, 0, costs.Len())
	for i := range n {
		sup, cost := costs.Demand(i)
		in.dSite = append(in.dSite, sup...)
		in.dCost = append(in.dCost, cost...)
		in.dOff[i+1] = int32(len(in.dSite))
	}
	off := costs.SupplyOffsets()
	in.sOff = make([]int32, numSites+1)
	for j := range in.sOff {
		in.sOff[j] = int32(off[j])
	}
	in.sDem = slices.Clone(costs.SupplyDemand())
	in.sCost = slices.Clone(costs.SupplyCost())
	return in, nil
}

// NumDemand is the number of demand points.
func (in *Instance) NumDemand() int { return len(in.W) }

// NumSites is the number of candidate sites.
func (in *Instance) NumSites() int { return in.nSites }

// NumArcs is the number of finite demand→site costs.
func (in *Instance) NumArcs() int { return len(in.dSite) }

// Weight is demand point i's weight.
func (in *Instance) Weight(i int) float64 { return in.W[i] }

// TotalWeight is the sum of all demand weights.
func (in *Instance) TotalWeight() float64 {
	s := 0.0
	for _, w := range in.W {
		s += w
	}
	return s
}

// Cost is the cost between demand i and site j, +Inf when unreachable.
// O(log deg(j)).
func (in *Instance) Cost(i, j int32) float64 {
	lo, hi := in.sOff[j], in.sOff[j+1]
	k, ok := slices.BinarySearch(in.sDem[lo:hi], i)
	if !ok {
		return math.Inf(1)
	}
	return in.sCost[lo+int32(k)]
}

// Row returns demand i's sites and costs, sorted by (cost, site).
func (in *Instance) Row(i int32) ([]int32, []float64) {
	lo, hi := in.dOff[i], in.dOff[i+1]
	return in.dSite[lo:hi], in.dCost[lo:hi]
}

// Col returns site j's demands (ascending) and costs.
func (in *Instance) Col(j int32) ([]int32, []float64) {
	lo, hi := in.sOff[j], in.sOff[j+1]
	return in.sDem[lo:hi], in.sCost[lo:hi]
}

// Within returns how many of demand i's sites lie at cost ≤ r: they are
// the first ones of its row.
func (in *Instance) Within(i int32, r float64) int {
	_, c := in.Row(i)
	k, _ := slices.BinarySearchFunc(c, r, func(x, r float64) int {
		if x <= r {
			return -1
		}
		return 1
	})
	return k
}

// Coverage is the bipartite "within radius" relation restricted to the
// allowed sites, in CSR form both ways.
type Coverage struct {
	n, m    int
	dOff    []int32 // demand → covering sites, ascending cost
	dSite   []int32
	sOff    []int32 // site → covered demands, ascending
	sDem    []int32
	allowed []bool
}

// NewCoverage builds the relation cost ≤ r over the allowed sites.
// O(A) time and memory.
func NewCoverage(in *Instance, r float64, allowed []bool) *Coverage {
	n, m := in.NumDemand(), in.nSites
	c := &Coverage{n: n, m: m, dOff: make([]int32, n+1), sOff: make([]int32, m+1), allowed: allowed}
	for i := int32(0); int(i) < n; i++ {
		s, _ := in.Row(i)
		for _, j := range s[:in.Within(i, r)] {
			if allowed[j] {
				c.dSite = append(c.dSite, j)
				c.sOff[j+1]++
			}
		}
		c.dOff[i+1] = int32(len(c.dSite))
	}
	for j := 0; j < m; j++ {
		c.sOff[j+1] += c.sOff[j]
	}
	c.sDem = make([]int32, len(c.dSite))
	fill := slices.Clone(c.sOff[:m])
	for i := int32(0); int(i) < n; i++ {
		for _, j := range c.Sites(i) {
			c.sDem[fill[j]] = i
			fill[j]++
		}
	}
	return c
}

// Sites are the allowed sites covering demand i, by ascending cost.
func (c *Coverage) Sites(i int32) []int32 { return c.dSite[c.dOff[i]:c.dOff[i+1]] }

// Dems are the demands site j covers, ascending.
func (c *Coverage) Dems(j int32) []int32 { return c.sDem[c.sOff[j]:c.sOff[j+1]] }
