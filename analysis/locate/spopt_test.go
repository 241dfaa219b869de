package locate

import (
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// sfDir holds PySAL spopt's San Francisco benchmark (BSD-3-Clause, see its
// README.md): 205 census tracts, 16 candidate stores, network distances.
var sfDir = filepath.Join("..", "..", "testdata", "spopt-sf")

type sfData struct {
	inst   *Instance
	tracts []string
	stores []string
}

var (
	sfOnce sync.Once
	sf     sfData
	sfErr  error
)

func readCSV(tb testing.TB, name string) []map[string]string {
	tb.Helper()
	f, err := os.Open(filepath.Join(sfDir, name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for k, h := range recs[0] {
			m[h] = r[k]
		}
		out = append(out, m)
	}
	return out
}

// loadSF builds the instance: demand = tracts (weight POP2000), sites =
// stores, cost = network distance in metres.
func loadSF(tb testing.TB) sfData {
	tb.Helper()
	sfOnce.Do(func() {
		dem := readCSV(tb, "SF_demand_205_centroid_uniform_weight.csv")
		dist := readCSV(tb, "SF_network_distance_candidateStore_16_censusTract_205_new.csv")
		tix := map[string]int32{}
		var w []float64
		for _, r := range dem {
			pop, err := strconv.ParseFloat(r["POP2000"], 64)
			if err != nil {
				sfErr = err
				return
			}
			tix[r["NAME"]] = int32(len(sf.tracts))
			sf.tracts = append(sf.tracts, r["NAME"])
			w = append(w, pop)
		}
		six := map[string]int32{}
		var arcs []arc
		for _, r := range dist {
			s, ok := six[r["name"]]
			if !ok {
				s = int32(len(sf.stores))
				six[r["name"]] = s
				sf.stores = append(sf.stores, r["name"])
			}
			d, err := strconv.ParseFloat(r["distance"], 64)
			if err != nil {
				sfErr = err
				return
			}
			arcs = append(arcs, arc{Demand: tix[r["DestinationName"]], Site: s, Cost: d})
		}
		sf.inst, sfErr = newInstance(w, len(sf.stores), arcs)
	})
	if sfErr != nil {
		tb.Fatal(sfErr)
	}
	return sf
}

// TestSpoptSanFrancisco reproduces spopt's published results on its San
// Francisco benchmark with every solver.
func TestSpoptSanFrancisco(t *testing.T) {
	t.Parallel()
	d := loadSF(t)
	if d.inst.NumDemand() != 205 || d.inst.NumSites() != 16 || d.inst.NumArcs() != 205*16 {
		t.Fatalf("instance %d × %d with %d arcs, want 205 × 16 full", d.inst.NumDemand(), d.inst.NumSites(), d.inst.NumArcs())
	}
	if got := d.inst.TotalWeight(); got != 955113 {
		t.Fatalf("total population %v, want 955,113", got)
	}
	cases := []struct {
		name      string
		cfg       Config
		objective float64
		tol       float64
		covered   int // tracts covered, for coverage models
	}{
		{"lscp R=5000", Config{Model: LSCP, Radius: 5000}, 8, 0, 205},
		{"mclp p=4 R=5000", Config{Model: MCLP, P: 4, Radius: 5000}, 875247, 0, 184},
		{"pmedian p=4", Config{Model: PMedian, P: 4}, 2848268129.7145, 1e-3, -1},
		{"pcenter p=4", Config{Model: PCenter, P: 4}, 7403.0638, 1e-4, -1},
	}
	for _, tc := range cases {
		for _, s := range []Solver{Exact, Auto, Heuristic} {
			cfg := tc.cfg
			cfg.Solver = s
			t.Run(tc.name+"/"+s.String(), func(t *testing.T) {
				sol, err := Solve(context.Background(), d.inst, cfg)
				if err != nil {
					t.Fatal(err)
				}
				names := make([]string, len(sol.Sites))
				for k, j := range sol.Sites {
					names[k] = d.stores[j]
				}
				t.Logf("%s: objective %.4f bound %.4f gap %.2g optimal %v nodes %d sites %v", sol.Method, sol.Objective, sol.Bound, sol.Gap, sol.Optimal, sol.Nodes, names)
				if s != Heuristic && !sol.Optimal {
					t.Errorf("optimality not proven")
				}
				if math.Abs(sol.Objective-tc.objective) > tc.tol {
					if s == Heuristic && !sol.Optimal && worse(cfg.Model, sol.Objective, tc.objective) {
						t.Logf("heuristic above the optimum (allowed), bound %v", sol.Bound)
					} else {
						t.Errorf("objective %.4f, spopt %.4f", sol.Objective, tc.objective)
					}
				}
				if tc.covered >= 0 && sol.Optimal && sol.CoveredPoints != tc.covered {
					t.Errorf("covered tracts %d, spopt %d", sol.CoveredPoints, tc.covered)
				}
				if len(sol.Uncoverable) != 0 {
					t.Errorf("uncoverable tracts %v", sol.Uncoverable)
				}
				if cfg.Model == PMedian && sol.Optimal {
					if mean := sol.Objective / d.inst.TotalWeight(); math.Abs(mean-2982.1269) > 5e-5 {
						t.Errorf("mean distance %.5f, spopt 2982.1269", mean)
					}
				}
			})
		}
	}
}

// worse reports whether v is a worse objective than opt for the model.
func worse(m Model, v, opt float64) bool {
	if m.Maximise() {
		return v < opt
	}
	return v > opt
}

// TestSpoptLSCPTies checks that every 8-site set covering all tracts is an
// accepted LSCP answer: the reported sites cover every tract, and no
// 7-site set does (brute force over the 11,440 sets of 7 stores).
func TestSpoptLSCPTies(t *testing.T) {
	t.Parallel()
	d := loadSF(t)
	sol, err := Solve(context.Background(), d.inst, Config{Model: LSCP, Radius: 5000, Solver: Exact})
	if err != nil {
		t.Fatal(err)
	}
	covers := func(sites []int32) bool {
		for i := int32(0); i < 205; i++ {
			if !slices.ContainsFunc(sites, func(j int32) bool { return d.inst.Cost(i, j) <= 5000 }) {
				return false
			}
		}
		return true
	}
	if !covers(sol.Sites) {
		t.Fatalf("sites %v leave a tract uncovered", sol.Sites)
	}
	n7, n8 := 0, 0
	for mask := 0; mask < 1<<16; mask++ {
		var s []int32
		for j := int32(0); j < 16; j++ {
			if mask>>j&1 == 1 {
				s = append(s, j)
			}
		}
		if len(s) != 7 && len(s) != 8 {
			continue
		}
		if covers(s) {
			if len(s) == 7 {
				n7++
			} else {
				n8++
			}
		}
	}
	if n7 != 0 || n8 == 0 {
		t.Fatalf("%d covering 7-sets, %d covering 8-sets", n7, n8)
	}
	t.Logf("%d optimal 8-store covers tie; partons picked %v", n8, sol.Sites)
}

// Example_spoptSanFrancisco solves spopt's San Francisco MCLP (p = 4,
// R = 5000 m) on the committed benchmark data.
func Example_spoptSanFrancisco() {
	d := loadSF(exampleTB{})
	sol, err := Solve(context.Background(), d.inst, Config{Model: MCLP, P: 4, Radius: 5000})
	if err != nil {
		fmt.Println(err)
		return
	}
	names := make([]string, len(sol.Sites))
	for k, j := range sol.Sites {
		names[k] = d.stores[j]
	}
	fmt.Printf("%s\n%v people in %d of %d tracts, optimal %v\n", strings.Join(names, " "), sol.CoveredWeight, sol.CoveredPoints, d.inst.NumDemand(), sol.Optimal)
	// Output:
	// Store_2 Store_11 Store_12 Store_15
	// 875247 people in 184 of 205 tracts, optimal true
}

// exampleTB lets examples use the test loaders; a failure panics.
type exampleTB struct{ testing.TB }

func (exampleTB) Helper()           {}
func (exampleTB) Fatal(args ...any) { panic(fmt.Sprint(args...)) }
