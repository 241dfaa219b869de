package access

import (
	"errors"
	"github.com/partons/partons/travel"
	"math"
	"math/rand/v2"
	"testing"
)

// hospital is PySAL access's three-tract example: populations {100, 50,
// 10}, doctors {15, 20, 100}, cost 1 within a tract, 40 between tract 3 and
// tracts 1 and 2 (both ways), 80 between tracts 1 and 2.
func hospital(t testing.TB) (*travel.Costs, []float64, []float64) {
	t.Helper()
	cost := [3][3]float64{{1, 80, 40}, {80, 1, 40}, {40, 40, 1}}
	var es []travel.Entry
	for i := range 3 {
		for j := range 3 {
			es = append(es, travel.Entry{Demand: int32(i), Supply: int32(j), Cost: cost[i][j]})
		}
	}
	c, err := travel.NewCosts(3, 3, es)
	if err != nil {
		t.Fatal(err)
	}
	return c, []float64{100, 50, 10}, []float64{15, 20, 100}
}

func within(t testing.TB, got, want []float64, tol float64, what string) {
	t.Helper()
	for k := range want {
		if math.Abs(got[k]-want[k]) > tol {
			t.Errorf("%s[%d] = %.8f, want %.8f", what, k, got[k], want[k])
		}
	}
}

// Published values of PySAL access (two_stage_fca / three_stage_fca with
// weight 1/cost and max_cost 60), to their 6 printed decimals.
func TestHospitalPySAL(t *testing.T) {
	c, pop, docs := hospital(t)
	inv := mustDecay(t, "power:alpha=-1,dmin=1") // 1/cost for cost >= 1
	cases := []struct {
		kind Kind
		want []float64
	}{
		{TwoStep, []float64{0.331444, 0.579828, 7.286418}},
		{ThreeStep, []float64{0.156257, 0.406216, 9.906352}},
	}
	for _, tc := range cases {
		for _, maxCost := range []float64{60, 61} {
			v, ok, ps, err := Compute(c, pop, docs, Model{Kind: tc.kind, MaxCost: maxCost}, inv)
			if err != nil {
				t.Fatal(err)
			}
			within(t, v, tc.want, 5e-7, Model{Kind: tc.kind}.String())
			for i := range ok {
				if !ok[i] {
					t.Errorf("%v: tract %d has no value", tc.kind, i+1)
				}
			}
			if tc.kind == TwoStep {
				// R_1 = 15 / (100 + 10/40): tract 2 is 80 away, outside.
				if st := ps[0]; st.Reached != 2 || st.Population != 110 || math.Abs(st.Ratio-15/100.25) > 1e-15 ||
					math.Abs(st.PerUnit-100.25/15) > 1e-12 {
					t.Errorf("service 1 = %+v", st)
				}
			}
		}
	}
	// Without max cost 2SFCA keeps the 80-cost pairs (weight 1/80).
	v, _, _, err := Compute(c, pop, docs, Model{Kind: TwoStep}, inv)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(v[0]-0.331444) < 1e-4 {
		t.Errorf("max cost had no effect: %v", v)
	}
}

// naive is the textbook definition on a dense matrix (NaN: unreachable),
// written independently of Compute's CSR loops.
func naive(cost [][]float64, pop, sup []float64, m Model, d Decay) ([]float64, []bool) {
	n, s := len(pop), len(sup)
	f := func(i, j int) float64 {
		c := cost[i][j]
		if math.IsNaN(c) || m.MaxCost > 0 && c > m.MaxCost {
			return 0
		}
		return d.F(c)
	}
	G := func(i, j int) float64 { return 1 }
	if m.Kind == ThreeStep {
		G = func(i, j int) float64 {
			tot := 0.0
			for k := range s {
				if !math.IsNaN(cost[i][k]) {
					tot += d.F(cost[i][k])
				}
			}
			if f(i, j) == 0 {
				return 0
			}
			return f(i, j) / tot
		}
	}
	val := make([]float64, n)
	ok := make([]bool, n)
	switch m.Kind {
	case Cumulative, Gravity:
		for i := range n {
			ok[i] = true
			for j := range s {
				if w := f(i, j); w > 0 {
					if m.Kind == Cumulative {
						w = 1
					}
					val[i] += sup[j] * w
				}
			}
		}
	case TwoStep, Enhanced, ThreeStep:
		R := make([]float64, s)
		for j := range s {
			den := 0.0
			for i := range n {
				den += G(i, j) * pop[i] * f(i, j)
			}
			R[j] = math.NaN()
			if den > 0 {
				R[j] = sup[j] / den
			}
		}
		for i := range n {
			for j := range s {
				if f(i, j) > 0 && !math.IsNaN(R[j]) {
					val[i] += G(i, j) * R[j] * f(i, j)
					ok[i] = true
				}
			}
		}
	case Nearest:
		for i := range n {
			var cs []float64
			for j := range s {
				if f(i, j) > 0 && sup[j] > 0 {
					cs = append(cs, cost[i][j])
				}
			}
			if len(cs) < m.N {
				continue
			}
			for a := range cs { // selection sort: obviously correct
				for b := a + 1; b < len(cs); b++ {
					if cs[b] < cs[a] {
						cs[a], cs[b] = cs[b], cs[a]
					}
				}
			}
			for _, c := range cs[:m.N] {
				val[i] += c
			}
			val[i] /= float64(m.N)
			ok[i] = true
		}
	}
	return val, ok
}

// randomInstance makes n villages and s services with about density of
// the pairs reachable, costs in [0, 60), some zero populations and
// capacities, and a few costs repeated to exercise ties.
func randomInstance(t testing.TB, rng *rand.Rand, n, s int, density float64) (*travel.Costs, [][]float64, []float64, []float64) {
	t.Helper()
	cost := make([][]float64, n)
	var es []travel.Entry
	for i := range n {
		cost[i] = make([]float64, s)
		for j := range s {
			cost[i][j] = math.NaN()
			if rng.Float64() < density {
				c := math.Round(rng.Float64()*600) / 10
				cost[i][j] = c
				es = append(es, travel.Entry{Demand: int32(i), Supply: int32(j), Cost: c})
			}
		}
	}
	rng.Shuffle(len(es), func(a, b int) { es[a], es[b] = es[b], es[a] })
	pop := make([]float64, n)
	for i := range pop {
		if rng.Float64() > 0.1 {
			pop[i] = math.Round(rng.Float64() * 1000)
		}
	}
	sup := make([]float64, s)
	for j := range sup {
		if rng.Float64() > 0.1 {
			sup[j] = 1 + float64(rng.IntN(5))
		}
	}
	c, err := travel.NewCosts(n, s, es)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
	return c, cost, pop, sup
}

var allModels = []Model{{Kind: Cumulative}, {Kind: Gravity}, {Kind: TwoStep}, {Kind: Enhanced}, {Kind: ThreeStep},
	{Kind: Nearest, N: 1}, {Kind: Nearest, N: 3}}

func TestComputeMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	decays := []string{"step", "step:30", "linear:45", "gaussian:sigma=20", "power:scale=20,alpha=-2,dmin=1",
		"exponential:beta=0.05", "logistic:mid=20,k=0.3", "bands:10=1,20=0.68,30=0.22"}
	for trial := range 40 {
		n, s := 1+rng.IntN(40), 1+rng.IntN(15)
		c, cost, pop, sup := randomInstance(t, rng, n, s, rng.Float64())
		d := mustDecay(t, decays[trial%len(decays)])
		for _, m := range allModels {
			if trial%3 == 0 {
				m.MaxCost = 35
			}
			got, gotOK, _, err := Compute(c, pop, sup, m, d)
			if err != nil {
				t.Fatal(err)
			}
			want, wantOK := naive(cost, pop, sup, m, d)
			for i := range want {
				if gotOK[i] != wantOK[i] || math.Abs(got[i]-want[i]) > 1e-9*math.Max(1, math.Abs(want[i])) {
					t.Fatalf("trial %d %v %v maxcost %v: village %d = %v (%v), naive %v (%v)",
						trial, m, d, m.MaxCost, i, got[i], gotOK[i], want[i], wantOK[i])
				}
				if !gotOK[i] && got[i] != 0 {
					t.Fatalf("undefined value %v is not 0", got[i])
				}
			}
		}
	}
}

// Σ_i P_i·A_i = Σ_j S_j over the services with people in their catchment,
// for 2SFCA, E2SFCA and 3SFCA.
func TestSupplyConservation(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 30 {
		c, _, pop, sup := randomInstance(t, rng, 5+rng.IntN(60), 1+rng.IntN(20), 0.05+0.5*rng.Float64())
		for _, m := range []Model{{Kind: TwoStep}, {Kind: Enhanced}, {Kind: ThreeStep}, {Kind: TwoStep, MaxCost: 20}, {Kind: ThreeStep, MaxCost: 20}} {
			d := Decay(nil)
			if trial%2 == 1 {
				d = mustDecay(t, "gaussian:sigma=15")
			}
			v, ok, ps, err := Compute(c, pop, sup, m, d)
			if err != nil {
				t.Fatal(err)
			}
			lhs, rhs, total := 0.0, 0.0, 0.0
			for i := range v {
				if ok[i] {
					lhs += pop[i] * v[i]
				}
			}
			for j, st := range ps {
				total += sup[j]
				if !math.IsNaN(st.Ratio) {
					rhs += sup[j]
				}
			}
			if math.Abs(lhs-rhs) > 1e-9*math.Max(1, rhs) {
				t.Fatalf("trial %d %v: Σ P·A = %v, Σ S = %v (all services: %v)", trial, m, lhs, rhs, total)
			}
		}
	}
}

// More supply never lowers anyone's access; a longer trip never raises the
// access of the village making it (2SFCA, 3SFCA, gravity, cumulative).
func TestMonotone(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	d := mustDecay(t, "gaussian:sigma=20")
	for range 30 {
		c, _, pop, sup := randomInstance(t, rng, 5+rng.IntN(30), 1+rng.IntN(10), 0.4)
		for _, m := range []Model{{Kind: TwoStep}, {Kind: ThreeStep}, {Kind: Gravity}, {Kind: Cumulative}} {
			base, baseOK, _, _ := Compute(c, pop, sup, m, d)
			more := append([]float64(nil), sup...)
			j := rng.IntN(len(more))
			more[j] += 3
			v, _, _, _ := Compute(c, pop, more, m, d)
			for i := range v {
				if baseOK[i] && v[i] < base[i]*(1-1e-12) {
					t.Fatalf("%v: more supply at %d lowered village %d from %v to %v", m, j, i, base[i], v[i])
				}
			}
			if m.Kind == ThreeStep {
				continue // lengthening one trip shifts selection weights between services
			}
			es := c.Entries()
			if len(es) == 0 {
				continue
			}
			k := rng.IntN(len(es))
			es[k].Cost += 10
			c2, err := travel.NewCosts(c.NumDemand(), c.NumSupply(), es)
			if err != nil {
				t.Fatal(err)
			}
			v2, _, _, _ := Compute(c2, pop, sup, m, d)
			i := es[k].Demand
			if baseOK[i] && v2[i] > base[i]*(1+1e-12) {
				t.Fatalf("%v: a longer trip raised village %d from %v to %v", m, i, base[i], v2[i])
			}
		}
	}
}

func TestComputeUndefinedAndZero(t *testing.T) {
	// Village 0 reaches service 0; village 1 reaches nothing; village 2
	// (no people) reaches service 1, whose catchment holds nobody else.
	c, err := travel.NewCosts(3, 2, []travel.Entry{{Demand: 0, Supply: 0, Cost: 5}, {Demand: 2, Supply: 1, Cost: 5}})
	if err != nil {
		t.Fatal(err)
	}
	pop, sup := []float64{10, 20, 0}, []float64{2, 4}
	cases := []struct {
		m    Model
		want []float64
		ok   []bool
	}{
		{Model{Kind: TwoStep}, []float64{0.2, 0, 0}, []bool{true, false, false}},
		{Model{Kind: Gravity}, []float64{2, 0, 4}, []bool{true, true, true}},
		{Model{Kind: Cumulative}, []float64{2, 0, 4}, []bool{true, true, true}},
		{Model{Kind: Nearest, N: 1}, []float64{5, 0, 5}, []bool{true, false, true}},
		{Model{Kind: Nearest, N: 2}, []float64{0, 0, 0}, []bool{false, false, false}},
	}
	for _, tc := range cases {
		v, ok, ps, err := Compute(c, pop, sup, tc.m, nil)
		if err != nil {
			t.Fatal(err)
		}
		within(t, v, tc.want, 1e-15, tc.m.String())
		for i := range ok {
			if ok[i] != tc.ok[i] {
				t.Errorf("%v: ok[%d] = %v", tc.m, i, ok[i])
			}
		}
		if !math.IsNaN(ps[1].Ratio) || ps[1].Reached != 1 || ps[1].PerUnit != 0 {
			t.Errorf("%v: service with nobody in reach = %+v", tc.m, ps[1])
		}
	}
}

type nanDecay struct{}

func (nanDecay) F(float64) float64 { return math.NaN() }
func (nanDecay) String() string    { return "nan" }

type negDecay struct{}

func (negDecay) F(float64) float64 { return -1 }
func (negDecay) String() string    { return "neg" }

func TestComputeRejects(t *testing.T) {
	c, pop, sup := hospital(t)
	bad := []struct {
		name     string
		pop, sup []float64
		m        Model
		d        Decay
	}{
		{"short demand", pop[:2], sup, Model{Kind: TwoStep}, nil},
		{"short supply", pop, sup[:1], Model{Kind: TwoStep}, nil},
		{"negative population", []float64{1, -1, 1}, sup, Model{Kind: TwoStep}, nil},
		{"NaN capacity", pop, []float64{1, math.NaN(), 1}, Model{Kind: TwoStep}, nil},
		{"infinite capacity", pop, []float64{1, math.Inf(1), 1}, Model{Kind: TwoStep}, nil},
		{"unknown model", pop, sup, Model{Kind: 99}, nil},
		{"nearest 0", pop, sup, Model{Kind: Nearest}, nil},
		{"NaN max cost", pop, sup, Model{Kind: TwoStep, MaxCost: math.NaN()}, nil},
		{"decay giving NaN", pop, sup, Model{Kind: Gravity}, nanDecay{}},
		{"decay giving -1", pop, sup, Model{Kind: TwoStep}, negDecay{}},
	}
	for _, tc := range bad {
		if _, _, _, err := Compute(c, tc.pop, tc.sup, tc.m, tc.d); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", tc.name, err)
		}
	}
}

func TestParseModel(t *testing.T) {
	for _, tc := range []struct {
		in, want string
	}{{"2SFCA", "2sfca"}, {"e2sfca", "e2sfca"}, {"3sfca", "3sfca"}, {"gravity", "gravity"},
		{"cumulative", "cumulative"}, {"nearest", "nearest3"}, {"nearest5", "nearest5"}, {"nearest:1", "nearest1"}} {
		m, err := ParseModel(tc.in)
		if err != nil || m.String() != tc.want {
			t.Errorf("ParseModel(%q) = %v, %v; want %s", tc.in, m, err, tc.want)
		}
	}
	for _, in := range []string{"", "4sfca", "nearest0", "nearest:x", "nearest1001", "near"} {
		if _, err := ParseModel(in); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseModel(%q) err = %v", in, err)
		}
	}
	if DefaultDecay(Model{Kind: Enhanced}).String() != LuoQi.String() || DefaultDecay(Model{Kind: TwoStep}).String() != "step" {
		t.Error("default decays")
	}
}
