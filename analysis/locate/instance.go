package locate

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// ErrInvalid marks an invalid instance or configuration.
var ErrInvalid = errors.New("locate: invalid input")

// ErrInfeasible is returned when no choice of sites satisfies the model,
// e.g. a p-median whose p sites cannot reach every demand point.
var ErrInfeasible = errors.New("locate: infeasible")

// ErrNodeLimit is returned when the node limit ran out before any
// feasible solution was found (none is then proven not to exist).
var ErrNodeLimit = errors.New("locate: node limit reached")

// Arc is one finite cost between demand point Demand and candidate site
// Site. A pair without an arc is unreachable (infinite cost).
type Arc struct {
	Demand, Site int32
	Cost         float64
}

// Instance is a location problem's data: demand weights, a number of
// candidate sites and the finite demand→site costs, stored twice in
// compressed sparse row form: by demand, each row sorted by (cost, site),
// and by site, each column sorted by demand. An Instance is immutable and
// safe for concurrent use.
type Instance struct {
	w      []float64
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

// MaxArcs is the largest number of arcs an Instance accepts.
const MaxArcs = math.MaxInt32 - 1

// NewInstance builds an instance over len(weights) demand points and
// numSites candidate sites. Weights must be finite and ≥ 0; arcs must name
// existing points and sites, carry a finite cost ≥ 0 and not repeat a pair.
// Every problem is reported wrapping ErrInvalid. The arcs slice is not
// retained. O(A log A) time for A arcs, 32 bytes of memory per arc.
func NewInstance(weights []float64, numSites int, arcs []Arc) (*Instance, error) {
	n := len(weights)
	if numSites < 0 || numSites >= math.MaxInt32 || n >= math.MaxInt32 {
		return nil, fmt.Errorf("%w: %d demand points, %d sites", ErrInvalid, n, numSites)
	}
	if len(arcs) > MaxArcs {
		return nil, fmt.Errorf("%w: %d arcs (at most %d)", ErrInvalid, len(arcs), MaxArcs)
	}
	for i, w := range weights {
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			return nil, fmt.Errorf("%w: demand %d has weight %v (want a finite number ≥ 0)", ErrInvalid, i, w)
		}
	}
	for k, a := range arcs {
		if a.Demand < 0 || int(a.Demand) >= n || a.Site < 0 || int(a.Site) >= numSites {
			return nil, fmt.Errorf("%w: arc %d (%d→%d) out of range", ErrInvalid, k, a.Demand, a.Site)
		}
		if math.IsNaN(a.Cost) || math.IsInf(a.Cost, 0) || a.Cost < 0 {
			return nil, fmt.Errorf("%w: arc %d (%d→%d) has cost %v (want a finite number ≥ 0)", ErrInvalid, k, a.Demand, a.Site, a.Cost)
		}
	}
	in := &Instance{w: slices.Clone(weights), nSites: numSites}
	order := make([]int32, len(arcs))
	for k := range order {
		order[k] = int32(k)
	}
	slices.SortFunc(order, func(x, y int32) int {
		a, b := &arcs[x], &arcs[y]
		return cmp.Or(cmp.Compare(a.Demand, b.Demand), cmp.Compare(a.Cost, b.Cost), cmp.Compare(a.Site, b.Site))
	})
	in.dOff = make([]int32, n+1)
	in.dSite = make([]int32, len(arcs))
	in.dCost = make([]float64, len(arcs))
	in.sOff = make([]int32, numSites+1)
	for k, o := range order {
		a := arcs[o]
		in.dOff[a.Demand+1]++
		in.dSite[k], in.dCost[k] = a.Site, a.Cost
		in.sOff[a.Site+1]++
	}
	for i := 0; i < n; i++ {
		in.dOff[i+1] += in.dOff[i]
	}
	for j := 0; j < numSites; j++ {
		in.sOff[j+1] += in.sOff[j]
	}
	// Duplicate pairs: within a row, equal sites are not necessarily
	// adjacent (sorted by cost first), so check with a stamp per site.
	seen := make([]int32, numSites)
	for j := range seen {
		seen[j] = -1
	}
	for i := 0; i < n; i++ {
		for k := in.dOff[i]; k < in.dOff[i+1]; k++ {
			j := in.dSite[k]
			if seen[j] == int32(i) {
				return nil, fmt.Errorf("%w: demand %d and site %d have two costs", ErrInvalid, i, j)
			}
			seen[j] = int32(i)
		}
	}
	in.sDem = make([]int32, len(arcs))
	in.sCost = make([]float64, len(arcs))
	fill := slices.Clone(in.sOff[:numSites])
	for i := 0; i < n; i++ { // demands in order: columns come out sorted by demand
		for k := in.dOff[i]; k < in.dOff[i+1]; k++ {
			j := in.dSite[k]
			in.sDem[fill[j]], in.sCost[fill[j]] = int32(i), in.dCost[k]
			fill[j]++
		}
	}
	return in, nil
}

// NumDemand is the number of demand points.
func (in *Instance) NumDemand() int { return len(in.w) }

// NumSites is the number of candidate sites.
func (in *Instance) NumSites() int { return in.nSites }

// NumArcs is the number of finite demand→site costs.
func (in *Instance) NumArcs() int { return len(in.dSite) }

// Weight is demand point i's weight.
func (in *Instance) Weight(i int) float64 { return in.w[i] }

// TotalWeight is the sum of all demand weights.
func (in *Instance) TotalWeight() float64 {
	s := 0.0
	for _, w := range in.w {
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

// row returns demand i's sites and costs, sorted by (cost, site).
func (in *Instance) row(i int32) ([]int32, []float64) {
	lo, hi := in.dOff[i], in.dOff[i+1]
	return in.dSite[lo:hi], in.dCost[lo:hi]
}

// col returns site j's demands (ascending) and costs.
func (in *Instance) col(j int32) ([]int32, []float64) {
	lo, hi := in.sOff[j], in.sOff[j+1]
	return in.sDem[lo:hi], in.sCost[lo:hi]
}

// within returns how many of demand i's sites lie at cost ≤ r: they are
// the first ones of its row.
func (in *Instance) within(i int32, r float64) int {
	_, c := in.row(i)
	k, _ := slices.BinarySearchFunc(c, r, func(x, r float64) int {
		if x <= r {
			return -1
		}
		return 1
	})
	return k
}

// coverage is the bipartite "within radius" relation restricted to the
// allowed sites, in CSR form both ways.
type coverage struct {
	n, m    int
	dOff    []int32 // demand → covering sites, ascending cost
	dSite   []int32
	sOff    []int32 // site → covered demands, ascending
	sDem    []int32
	allowed []bool
}

// newCoverage builds the relation cost ≤ r over the allowed sites.
// O(A) time and memory.
func newCoverage(in *Instance, r float64, allowed []bool) *coverage {
	n, m := in.NumDemand(), in.nSites
	c := &coverage{n: n, m: m, dOff: make([]int32, n+1), sOff: make([]int32, m+1), allowed: allowed}
	for i := int32(0); int(i) < n; i++ {
		s, _ := in.row(i)
		for _, j := range s[:in.within(i, r)] {
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
		for _, j := range c.sites(i) {
			c.sDem[fill[j]] = i
			fill[j]++
		}
	}
	return c
}

func (c *coverage) sites(i int32) []int32 { return c.dSite[c.dOff[i]:c.dOff[i+1]] }
func (c *coverage) dems(j int32) []int32  { return c.sDem[c.sOff[j]:c.sOff[j+1]] }
