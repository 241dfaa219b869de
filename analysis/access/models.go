package access

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/partons/partons/travel"
)

// Kind is an accessibility model.
type Kind uint8

// The models. See Compute for their definitions.
const (
	Cumulative Kind = iota + 1 // capacity in reach
	Gravity                    // Σ_j S_j·f(d_ij)
	TwoStep                    // 2SFCA
	Enhanced                   // E2SFCA: 2SFCA with banded weights
	ThreeStep                  // 3SFCA: 2SFCA with selection weights
	Nearest                    // mean cost to the N nearest services
)

// GISCON is the number of nearest services Eurostat's GISCO averages over.
const GISCON = 3

// maxNearest caps Model.N.
const maxNearest = 1000

// Model selects an accessibility model.
type Model struct {
	Kind Kind
	// N is the number of nearest services averaged by Nearest.
	N int
	// MaxCost, when > 0, bounds every catchment: pairs costing more than
	// MaxCost (in the cost unit) weigh 0, exactly as if they were not
	// stored, except that ThreeStep still counts them in the denominator
	// of its selection weights, as PySAL access does with max_cost. To
	// normalise the selection weights within the catchment only, cut the
	// costs with Costs.Within instead. <= 0: no bound.
	MaxCost float64
}

var kindNames = map[Kind]string{
	Cumulative: "cumulative", Gravity: "gravity", TwoStep: "2sfca",
	Enhanced: "e2sfca", ThreeStep: "3sfca", Nearest: "nearest",
}

// String returns the model's name, used in column names (access_{name}):
// "cumulative", "gravity", "2sfca", "e2sfca", "3sfca", or "nearest3" for
// the mean cost to the 3 nearest services.
func (m Model) String() string {
	name, ok := kindNames[m.Kind]
	if !ok {
		return fmt.Sprintf("Kind(%d)", m.Kind)
	}
	if m.Kind == Nearest {
		return name + strconv.Itoa(m.N)
	}
	return name
}

// ParseModel reads a model name as written by String, case-insensitively;
// "nearest" alone is nearest3 (GISCO) and "nearest:N" is accepted too,
// with 1 <= N <= 1000. Errors wrap ErrInvalid.
func ParseModel(s string) (Model, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for k, name := range kindNames {
		if k == Nearest {
			continue
		}
		if t == name {
			return Model{Kind: k}, nil
		}
	}
	if rest, ok := strings.CutPrefix(t, "nearest"); ok {
		rest = strings.TrimPrefix(rest, ":")
		if rest == "" {
			return Model{Kind: Nearest, N: GISCON}, nil
		}
		n, err := strconv.Atoi(rest)
		if err == nil && n >= 1 && n <= maxNearest {
			return Model{Kind: Nearest, N: n}, nil
		}
	}
	return Model{}, fmt.Errorf("access: unknown model %q (want cumulative, gravity, 2sfca, e2sfca, 3sfca or nearest[N], N in 1..%d): %w",
		s, maxNearest, ErrInvalid)
}

// DefaultDecay returns the decay Compute uses when given nil: Luo & Qi's
// bands for E2SFCA (LuoQi, in minutes), and otherwise Step{+Inf}, weight
// 1 for every stored pair, which with Costs cut at T (Costs.Within) is
// the classic step catchment.
func DefaultDecay(m Model) Decay {
	if m.Kind == Enhanced {
		return LuoQi
	}
	return Step{T: math.Inf(1)}
}

// ServiceStat describes one service's catchment: the demand locations i
// with a stored pair and weight f(d_ij) > 0.
type ServiceStat struct {
	Reached    int     // demand locations in the catchment
	Population float64 // Σ P_i over the catchment (unweighted)
	Weighted   float64 // Σ P_i·f(d_ij), for 3SFCA Σ G_ij·P_i·f(d_ij): the demand the service faces
	Ratio      float64 // supply-to-demand ratio S_j / Weighted (2SFCA's R_j); NaN when Weighted = 0
	PerUnit    float64 // people per unit of supply, Weighted / S_j; NaN when S_j = 0
}

// Compute evaluates model m with decay d (nil: DefaultDecay(m)) for every
// demand location. demand[i] is the population P_i of demand location i
// and supply[j] the capacity S_j of service j (use 1 per service to count
// services); lengths must match costs. A service j is in reach of demand
// i when the pair is stored in costs and f(d_ij) > 0.
//
// values[i] is valid only when ok[i]; otherwise it is 0 and the demand
// location has no defined value (write it as empty):
//
//   - Cumulative: Σ_j S_j over the services in reach ("capacity within T"
//     with the decay step:T). Always defined: nothing in reach is 0.
//   - Gravity: Σ_j S_j·f(d_ij) (Hansen 1959). Always defined; 0 when
//     nothing is in reach.
//   - TwoStep, Enhanced: R_j = S_j / Σ_i P_i·f(d_ij), A_i = Σ_j R_j·f(d_ij)
//     (Luo & Wang 2003; Luo & Qi 2009 with banded weights). Services whose
//     catchment holds no people have no R_j and are left out; A_i is
//     undefined when no service with an R_j is in reach. Σ_i P_i·A_i equals
//     Σ_j S_j over the services with an R_j.
//   - ThreeStep: the same with selection weights G_ij = f(d_ij) / Σ_k
//     f(d_ik) over every stored pair of i (Wan, Zou & Sternberg 2012; see
//     Model.MaxCost): R_j = S_j / Σ_i G_ij·P_i·f(d_ij),
//     A_i = Σ_j G_ij·R_j·f(d_ij); same conservation law.
//   - Nearest: the mean cost to the N nearest services in reach with
//     S_j > 0 (GISCO uses N = 3); undefined when fewer than N are in reach.
//
// perService[j] gives each service's catchment with the 2SFCA weights
// (3SFCA's for ThreeStep), whatever the model.
//
// Errors (wrapping ErrInvalid): lengths that do not match costs, a
// population or capacity that is negative, NaN or infinite, a weight f(d)
// that is negative, NaN or infinite, an unknown model. Sums run in a fixed
// order, so results are deterministic. O(p + n + m) time and memory for p
// stored pairs (plus O(p) for ThreeStep); single goroutine.
func Compute(costs *travel.Costs, demand, supply []float64, m Model, d Decay) (values []float64, ok []bool, perService []ServiceStat, err error) {
	if _, known := kindNames[m.Kind]; !known || m.Kind == Nearest && (m.N < 1 || m.N > maxNearest) || math.IsNaN(m.MaxCost) {
		return nil, nil, nil, fmt.Errorf("access: model %v: %w", m, ErrInvalid)
	}
	if len(demand) != costs.NumDemand() || len(supply) != costs.NumSupply() {
		return nil, nil, nil, fmt.Errorf("access: %d demand and %d supply values for costs of %d × %d: %w",
			len(demand), len(supply), costs.NumDemand(), costs.NumSupply(), ErrInvalid)
	}
	if err := checkQuantities("population", demand); err != nil {
		return nil, nil, nil, err
	}
	if err := checkQuantities("capacity", supply); err != nil {
		return nil, nil, nil, err
	}
	if d == nil {
		d = DefaultDecay(m)
	}
	w, err := weights(costs, d)
	if err != nil {
		return nil, nil, nil, err
	}
	var g []float64 // selection weights, by-supply layout
	if m.Kind == ThreeStep {
		g = selection(costs, w)
	}
	if m.MaxCost > 0 {
		for k, x := range costs.SupplyCost() {
			if x > m.MaxCost {
				w[k] = 0
			}
		}
	}
	perService = catchments(costs, demand, supply, w, g)
	values = make([]float64, costs.NumDemand())
	ok = make([]bool, costs.NumDemand())
	switch m.Kind {
	case Cumulative, Gravity:
		for i := range ok {
			ok[i] = true
		}
		for j := range costs.NumSupply() {
			for k := costs.SupplyOffsets()[j]; k < costs.SupplyOffsets()[j+1]; k++ {
				if w[k] == 0 {
					continue
				}
				f := w[k]
				if m.Kind == Cumulative {
					f = 1
				}
				values[costs.SupplyDemand()[k]] += supply[j] * f
			}
		}
	case TwoStep, Enhanced, ThreeStep:
		for j, st := range perService {
			if math.IsNaN(st.Ratio) {
				continue
			}
			for k := costs.SupplyOffsets()[j]; k < costs.SupplyOffsets()[j+1]; k++ {
				if w[k] == 0 {
					continue
				}
				f := w[k]
				if g != nil {
					f *= g[k]
				}
				i := costs.SupplyDemand()[k]
				values[i] += st.Ratio * f
				ok[i] = true
			}
		}
	case Nearest:
		nearest(costs, supply, d, m, values, ok)
	}
	return values, ok, perService, nil
}

func checkQuantities(what string, v []float64) error {
	for k, x := range v {
		if !(x >= 0) || math.IsInf(x, 1) {
			return fmt.Errorf("access: %s %d is %v, not finite and >= 0: %w", what, k, x, ErrInvalid)
		}
	}
	return nil
}

// weights returns f(d) for every pair, in the by-supply layout.
func weights(c *travel.Costs, d Decay) ([]float64, error) {
	w := make([]float64, len(c.SupplyCost()))
	for k, x := range c.SupplyCost() {
		f := d.F(x)
		if !(f >= 0) || math.IsInf(f, 1) {
			return nil, fmt.Errorf("access: decay %v gives %v at cost %v: %w", d, f, x, ErrInvalid)
		}
		w[k] = f
	}
	return w, nil
}

// selection returns the 3SFCA selection weights G_ij = f(d_ij) / Σ_k
// f(d_ik) over every stored pair, in the by-supply layout (0 where f is 0).
func selection(c *travel.Costs, w []float64) []float64 {
	sum := make([]float64, c.NumDemand())
	for k, i := range c.SupplyDemand() { // fixed order: supply, then demand
		sum[i] += w[k]
	}
	g := make([]float64, len(w))
	for k, i := range c.SupplyDemand() {
		if w[k] > 0 {
			g[k] = w[k] / sum[i]
		}
	}
	return g
}

// catchments computes every service's ServiceStat; g nil means G = 1.
func catchments(c *travel.Costs, demand, supply, w, g []float64) []ServiceStat {
	out := make([]ServiceStat, c.NumSupply())
	for j := range out {
		st := &out[j]
		for k := c.SupplyOffsets()[j]; k < c.SupplyOffsets()[j+1]; k++ {
			if w[k] == 0 {
				continue
			}
			p := demand[c.SupplyDemand()[k]]
			st.Reached++
			st.Population += p
			f := w[k]
			if g != nil {
				f *= g[k]
			}
			st.Weighted += p * f
		}
		st.Ratio, st.PerUnit = math.NaN(), math.NaN()
		if st.Weighted > 0 {
			st.Ratio = supply[j] / st.Weighted
		}
		if supply[j] > 0 {
			st.PerUnit = st.Weighted / supply[j]
		}
	}
	return out
}

// nearest fills the mean cost to the n nearest services in reach with
// supply > 0. The by-demand rows are sorted by cost, so the first n in
// reach are the nearest.
func nearest(c *travel.Costs, supply []float64, d Decay, m Model, values []float64, ok []bool) {
	n := m.N
	for i := range c.NumDemand() {
		sup, cost := c.Demand(i)
		sum, got := 0.0, 0
		for k, j := range sup {
			if supply[j] <= 0 || m.MaxCost > 0 && cost[k] > m.MaxCost || d.F(cost[k]) <= 0 {
				continue
			}
			sum += cost[k]
			if got++; got == n {
				break
			}
		}
		if got == n {
			values[i], ok[i] = sum/float64(n), true
		}
	}
}

// ErrInvalid is wrapped by errors about invalid models, decays, demand or
// supply given to this package.
var ErrInvalid = errors.New("access: invalid input")
