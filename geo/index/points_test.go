package index

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
)

// bruteForce returns every valid item sorted by (geodesic distance, id),
// the obvious oracle for all queries.
func bruteForce(tb testing.TB, pts []orb.Point, p orb.Point) []Neighbor {
	tb.Helper()
	var out []Neighbor
	for i, s := range pts {
		if _, _, ok := normalise(s); !ok {
			continue
		}
		out = append(out, Neighbor{ID: int32(i), DistM: geodesic.Distance(p, s)})
	}
	slices.SortFunc(out, func(a, b Neighbor) int {
		return cmp.Or(cmp.Compare(a.DistM, b.DistM), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// filter keeps the neighbours accepted by accept (nil: all).
func filter(ns []Neighbor, accept func(int32) bool) []Neighbor {
	var out []Neighbor
	for _, n := range ns {
		if accept == nil || accept(n.ID) {
			out = append(out, n)
		}
	}
	return out
}

// dataset is a named point set with query points.
type dataset struct {
	name    string
	pts     []orb.Point
	queries []orb.Point
}

func randomIn(rng *rand.Rand, n int, lon0, lon1, lat0, lat1 float64) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{uniform(rng, lon0, lon1), uniform(rng, lat0, lat1)}
	}
	return pts
}

// datasets covers the region, the globe and awkward inputs: many identical
// points, points on a meridian and on a parallel, one point, none, and
// invalid positions mixed in (which must never be returned).
func datasets() []dataset {
	rng := rand.New(rand.NewPCG(42, 1))
	westhoek := func(n int) []orb.Point { return randomIn(rng, n, 2.0, 3.3, 50.55, 51.2) }
	var dup []orb.Point
	for i := range 300 {
		if i%10 == 0 {
			dup = append(dup, orb.Point{uniform(rng, 2.7, 2.9), uniform(rng, 50.8, 50.9)})
		} else {
			dup = append(dup, orb.Point{2.8, 50.85}) // 270 copies
		}
	}
	var meridian, parallel []orb.Point
	for i := range 200 {
		meridian = append(meridian, orb.Point{2.8, 50.55 + float64(i%50)*0.013})
		parallel = append(parallel, orb.Point{2.0 + float64(i%50)*0.026, 50.9})
	}
	invalid := westhoek(300)
	for i := 0; i < len(invalid); i += 7 {
		invalid[i] = [...]orb.Point{{math.NaN(), 50.9}, {2.8, math.NaN()}, {2.8, 91}, {math.Inf(-1), 0}}[i%4]
	}
	invalid[5] = orb.Point{2.8 + 360, 50.9} // wraps: valid
	return []dataset{
		{"westhoek", westhoek(2000), westhoek(60)},
		{"westhoek outside queries", westhoek(500), randomIn(rng, 100, -1, 6, 49, 53)},
		{"globe", randomIn(rng, 2000, -180, 180, -90, 90), randomIn(rng, 40, -180, 180, -90, 90)},
		{"antimeridian", randomIn(rng, 500, 175, 180, -10, 10), randomIn(rng, 60, -180, -175, -10, 10)},
		{"identical", dup, append(westhoek(50), orb.Point{2.8, 50.85})},
		{"meridian line", meridian, append(westhoek(50), orb.Point{2.8, 50.7}, orb.Point{2.8, 50.9})},
		{"parallel line", parallel, append(westhoek(50), orb.Point{2.5, 50.9}, orb.Point{2.5, 50.8})},
		{"one point", []orb.Point{{2.8, 50.85}}, westhoek(20)},
		{"no points", nil, westhoek(5)},
		{"invalid points", invalid, westhoek(50)},
	}
}

func everyThird(i int32) bool { return i%3 == 0 }

func acceptNone(int32) bool { return false }

// TestAgainstBruteForce compares Nearby, Nearest, KNearest, Within and
// CountWithin with the sorted brute-force list, with and without accept
// filters. Distances must be equal exactly: both sides call
// geodesic.Distance with the same arguments.
func TestAgainstBruteForce(t *testing.T) {
	t.Parallel()
	for _, ds := range datasets() {
		t.Run(ds.name, func(t *testing.T) {
			t.Parallel()
			ix := New(ds.pts)
			if ix.Len() != len(ds.pts) {
				t.Fatalf("Len = %d, want %d", ix.Len(), len(ds.pts))
			}
			var buf []Neighbor
			queries := ds.queries[:iterations(len(ds.queries), min(len(ds.queries), 10))]
			for _, p := range queries {
				all := bruteForce(t, ds.pts, p)
				if ix.Indexed() != len(all) {
					t.Fatalf("Indexed = %d, want %d", ix.Indexed(), len(all))
				}
				var got []Neighbor
				ix.Nearby(p, func(i int32, d float64) bool {
					got = append(got, Neighbor{i, d})
					return true
				})
				if !slices.Equal(got, all) {
					t.Fatalf("Nearby(%v): order differs from brute force\n got %v\nwant %v", p, head(got), head(all))
				}
				for _, acc := range []func(int32) bool{nil, everyThird, acceptNone} {
					want := filter(all, acc)
					i, d, ok := ix.Nearest(p, acc)
					if ok != (len(want) > 0) || ok && (i != want[0].ID || d != want[0].DistM) || !ok && i != -1 {
						t.Fatalf("Nearest(%v) = %d, %v, %v; want %v", p, i, d, ok, head(want))
					}
					for _, k := range []int{0, 1, 3, 10, len(ds.pts) + 1} {
						buf = ix.KNearest(buf, p, k, acc)
						if w := want[:min(k, len(want))]; !slices.Equal(buf, w) {
							t.Fatalf("KNearest(%v, %d) = %v, want %v", p, k, head(buf), head(w))
						}
					}
					for _, r := range radii(all) {
						n := 0
						for _, w := range want {
							if w.DistM <= r {
								n++
							}
						}
						if c := ix.CountWithin(p, r, acc); c != n {
							t.Fatalf("CountWithin(%v, %v) = %d, want %d", p, r, c, n)
						}
					}
				}
				for _, r := range append(radii(all), math.Inf(1)) {
					var in []Neighbor
					ix.Within(p, r, func(i int32, d float64) bool {
						in = append(in, Neighbor{i, d})
						return true
					})
					n, _ := slices.BinarySearchFunc(all, r, func(a Neighbor, r float64) int {
						if a.DistM <= r {
							return -1
						}
						return 1
					})
					if !slices.Equal(in, all[:n]) {
						t.Fatalf("Within(%v, %v): %d items, want %d", p, r, len(in), n)
					}
				}
			}
		})
	}
}

// radii returns radii that hit item distances exactly (inclusive bound),
// fall just short of them or just beyond, and the edge cases 0, negative and
// NaN. Large radii are left to TestAgainstBruteForce's +Inf case to keep the
// test quick.
func radii(all []Neighbor) []float64 {
	rs := []float64{0, -1, math.NaN(), 1000, 5000}
	for _, k := range []int{0, 1, 5, 20} {
		if k >= 0 && k < len(all) {
			d := all[k].DistM
			rs = append(rs, d, math.Nextafter(d, 0), math.Nextafter(d, math.Inf(1)))
		}
	}
	return rs
}

func head(ns []Neighbor) []Neighbor { return ns[:min(len(ns), 5)] }

// TestTies: identical points are returned by increasing id, whatever the
// insertion order in the tree, and a filtered Nearest takes the smallest
// accepted id among them.
func TestTies(t *testing.T) {
	t.Parallel()
	p := orb.Point{2.8, 50.85}
	pts := []orb.Point{{3.0, 51.0}}
	for range 150 {
		pts = append(pts, orb.Point{2.9, 50.9}) // ids 1..150, all equidistant
	}
	pts = append(pts, orb.Point{2.7, 50.6})
	ix := New(pts)
	i, d, ok := ix.Nearest(p, nil)
	if !ok || i != 1 {
		t.Fatalf("Nearest = %d, %v, %v; want id 1", i, d, ok)
	}
	i, _, _ = ix.Nearest(p, func(i int32) bool { return i > 1 && i%7 == 0 })
	if i != 7 {
		t.Fatalf("filtered Nearest = %d, want 7", i)
	}
	got := ix.KNearest(nil, p, 150, nil)
	for k, n := range got {
		if n.ID != int32(k+1) || n.DistM != d {
			t.Fatalf("KNearest[%d] = %v, want id %d at %v", k, n, k+1, d)
		}
	}
	if c := ix.CountWithin(p, d, nil); c != 150 {
		t.Fatalf("CountWithin(tie distance) = %d, want 150", c)
	}
	if c := ix.CountWithin(p, math.Nextafter(d, 0), nil); c != 0 {
		t.Fatalf("CountWithin(just below tie) = %d, want 0", c)
	}
}

// TestEarlyStopAndInvalidQuery: callbacks are not called again after
// returning false; invalid query points visit nothing.
func TestEarlyStopAndInvalidQuery(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 1))
	ix := New(randomIn(rng, 1000, 2.0, 3.3, 50.55, 51.2))
	for _, stop := range []int{1, 2, 17, 999} {
		calls := 0
		ix.Nearby(orb.Point{2.8, 50.85}, func(int32, float64) bool {
			calls++
			return calls < stop
		})
		if calls != stop {
			t.Errorf("Nearby stop after %d: %d calls", stop, calls)
		}
	}
	for _, p := range []orb.Point{{math.NaN(), 50}, {2.8, 95}, {2.8, math.Inf(1)}} {
		ix.Nearby(p, func(int32, float64) bool { t.Fatalf("Nearby(%v) visited an item", p); return false })
		if i, _, ok := ix.Nearest(p, nil); ok || i != -1 {
			t.Errorf("Nearest(%v) = %d, %v; want -1, false", p, i, ok)
		}
		if n := ix.CountWithin(p, 1e9, nil); n != 0 {
			t.Errorf("CountWithin(%v) = %d, want 0", p, n)
		}
	}
	if got := ix.KNearest(make([]Neighbor, 3), orb.Point{2.8, 50.85}, 0, nil); len(got) != 0 {
		t.Errorf("KNearest k=0 returned %d items", len(got))
	}
}

// TestConcurrentQueries runs queries from several goroutines (meaningful
// under -race) and checks them against sequential answers.
func TestConcurrentQueries(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(2, 2))
	pts := randomIn(rng, 3000, 2.0, 3.3, 50.55, 51.2)
	queries := randomIn(rng, 400, 2.0, 3.3, 50.55, 51.2)
	ix := New(pts)
	want := make([][]Neighbor, len(queries))
	for i, q := range queries {
		want[i] = ix.KNearest(nil, q, 4, nil)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Go(func() {
			var buf []Neighbor
			for i := g; i < len(queries); i += 8 {
				buf = ix.KNearest(buf, queries[i], 4, nil)
				if !slices.Equal(buf, want[i]) {
					errs <- "concurrent KNearest differs"
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}
