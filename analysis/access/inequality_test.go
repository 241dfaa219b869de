package access

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func near(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

func TestInequalityHandComputed(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name      string
		v, w      []float64
		T         float64
		gini      float64
		theil     float64
		palma     float64
		mean, p50 float64
		beyond    float64
	}{
		{"equal", []float64{2, 2, 2, 2}, []float64{1, 1, 1, 1}, 5, 0, 0, 0.25, 2, 2, 0},
		// One person holds everything: Gini (n−1)/n, Theil ln n.
		{"one holds all", []float64{0, 0, 0, 1}, []float64{1, 1, 1, 1}, 0.5, 0.75, math.Log(4), nan, 0.25, 0, 0.25},
		// Weights behave like repeated people.
		{"weighted", []float64{0, 1}, []float64{3, 1}, 0.5, 0.75, math.Log(4), nan, 0.25, 0, 0.25},
		// 1..10: top 10 % hold 10, bottom 40 % hold 1+2+3+4 = 10.
		{"one to ten", []float64{5, 3, 9, 1, 7, 2, 10, 4, 8, 6}, []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 8,
			// Σ|xi−xj| over ordered pairs = 330; G = 330 / (2·100·5.5).
			0.3, theil1to10(), 1, 5.5, 5, 0.2},
		// Missing values count in the population and as beyond T only.
		// Palma: the top 0.2 person holds 0.2·3, the bottom 0.8 holds 0.8·1.
		{"missing", []float64{1, nan, 3}, []float64{1, 2, 1}, 10, 0.25, (0.5*math.Log(0.5) + 1.5*math.Log(1.5)) / 2, 0.75, 2, 1, 0.5},
		{"all zero", []float64{0, 0}, []float64{1, 1}, 0, nan, nan, nan, 0, 0, 0},
	}
	for _, tc := range cases {
		st := Inequality(tc.v, tc.w, tc.T)
		if !near(st.Gini, tc.gini, 1e-12) || !near(st.Theil, tc.theil, 1e-12) || !near(st.Palma, tc.palma, 1e-12) ||
			!near(st.Mean, tc.mean, 1e-12) || !near(st.P50, tc.p50, 0) || !near(st.ShareBeyond, tc.beyond, 1e-12) {
			t.Errorf("%s: got gini %v theil %v palma %v mean %v p50 %v beyond %v", tc.name, st.Gini, st.Theil, st.Palma, st.Mean, st.P50, st.ShareBeyond)
		}
	}
}

func theil1to10() float64 {
	s := 0.0
	for x := 1.0; x <= 10; x++ {
		r := x / 5.5
		s += r * math.Log(r)
	}
	return s / 10
}

func TestInequalityCounts(t *testing.T) {
	st := Inequality([]float64{1, 2, 3, math.NaN(), 4}, []float64{1, -1, math.NaN(), 2, math.Inf(1)}, 0.5)
	if st.Locations != 2 || st.Skipped != 3 || st.Population != 3 || st.Reached != 1 || st.ShareBeyond != 1 {
		t.Errorf("%+v", st)
	}
	empty := Inequality(nil, nil, 1)
	if empty.Population != 0 || !math.IsNaN(empty.Gini) || !math.IsNaN(empty.ShareBeyond) || !math.IsNaN(empty.P90) {
		t.Errorf("empty: %+v", empty)
	}
	if st := Inequality([]float64{1, 2}, []float64{1, 1}, math.NaN()); !math.IsNaN(st.ShareBeyond) {
		t.Errorf("NaN threshold: %v", st.ShareBeyond)
	}
	if st := Inequality([]float64{-1, 2}, []float64{1, 1}, 0); !math.IsNaN(st.Gini) || st.Mean != 0.5 {
		t.Errorf("negative values: %+v", st)
	}
}

// Oracles on random data: the O(n²) Gini, the percentile and Palma of the
// population expanded to one entry per person (integer weights).
func TestInequalityOracles(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for trial := range 50 {
		n := 1 + rng.IntN(40)
		v := make([]float64, n)
		w := make([]float64, n)
		var people []float64
		for k := range v {
			v[k] = math.Round(rng.ExpFloat64() * 100)
			w[k] = float64(rng.IntN(6))
			for range int(w[k]) {
				people = append(people, v[k])
			}
		}
		st := Inequality(v, w, 80)
		if len(people) == 0 {
			if st.Population != 0 || !math.IsNaN(st.Mean) {
				t.Fatalf("no people: %+v", st)
			}
			continue
		}
		W, sum, num := 0.0, 0.0, 0.0
		for a := range v {
			W += w[a]
			sum += w[a] * v[a]
			for b := range v {
				num += w[a] * w[b] * math.Abs(v[a]-v[b])
			}
		}
		mu := sum / W
		if mu > 0 && !near(st.Gini, num/(2*W*W*mu), 1e-12) {
			t.Fatalf("trial %d: Gini %v, double sum %v", trial, st.Gini, num/(2*W*W*mu))
		}
		slices.Sort(people)
		P := len(people)
		for _, q := range []struct {
			p   float64
			got float64
		}{{0.1, st.P10}, {0.25, st.P25}, {0.5, st.P50}, {0.75, st.P75}, {0.9, st.P90}} {
			// Smallest value with at least p of the people at or below it.
			k := int(math.Ceil(q.p*float64(P))) - 1
			if want := people[max(k, 0)]; q.got != want {
				t.Fatalf("trial %d: P%v = %v, want %v (%v)", trial, q.p*100, q.got, want, people)
			}
		}
		if P%10 == 0 && mu > 0 {
			bottom, top := 0.0, 0.0
			for k, x := range people {
				if k < 4*P/10 {
					bottom += x
				}
				if k >= 9*P/10 {
					top += x
				}
			}
			if bottom > 0 && !near(st.Palma, top/bottom, 1e-12*top/bottom) {
				t.Fatalf("trial %d: Palma %v, want %v", trial, st.Palma, top/bottom)
			}
		}
		beyond := 0
		for _, x := range people {
			if x > 80 {
				beyond++
			}
		}
		if !near(st.ShareBeyond, float64(beyond)/float64(P), 1e-12) {
			t.Fatalf("trial %d: share beyond %v, want %v", trial, st.ShareBeyond, float64(beyond)/float64(P))
		}
	}
}

func TestInequalityByGroup(t *testing.T) {
	v := []float64{1, 2, 3, 4, 5}
	w := []float64{1, 1, 1, 1, 1}
	g := []string{"FR", "BE", "FR", "BE", "NL"}
	keys, stats := InequalityByGroup(v, w, g, 2.5)
	if !slices.Equal(keys, []string{"BE", "FR", "NL"}) {
		t.Fatalf("keys %v", keys)
	}
	want := []Stats{Inequality([]float64{2, 4}, []float64{1, 1}, 2.5), Inequality([]float64{1, 3}, []float64{1, 1}, 2.5),
		Inequality([]float64{5}, []float64{1}, 2.5)}
	for k := range keys {
		if stats[k].Mean != want[k].Mean || stats[k].Gini != want[k].Gini || stats[k].ShareBeyond != want[k].ShareBeyond {
			t.Errorf("%s: %+v, want %+v", keys[k], stats[k], want[k])
		}
	}
}
