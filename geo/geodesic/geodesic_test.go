package geodesic

import (
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/paulmach/orb"
)

// refCase is one row of testdata/geod_wgs84.csv (pyproj / GeographicLib).
type refCase struct {
	name                   string
	lat1, lon1, lat2, lon2 float64
	s12, azi1, azi2        float64
}

func loadReference(tb testing.TB) []refCase {
	tb.Helper()
	f, err := os.Open("testdata/geod_wgs84.csv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	if len(rows) < 2 {
		tb.Fatal("empty reference file")
	}
	out := make([]refCase, 0, len(rows)-1)
	for i, r := range rows[1:] {
		var v [7]float64
		for j := range v {
			if v[j], err = strconv.ParseFloat(r[j+1], 64); err != nil {
				tb.Fatalf("line %d: %v", i+2, err)
			}
		}
		out = append(out, refCase{r[0], v[0], v[1], v[2], v[3], v[4], v[5], v[6]})
	}
	return out
}

// angleDiff returns |a − b| in degrees, modulo 360.
func angleDiff(a, b float64) float64 {
	return math.Abs(math.Remainder(a-b, 360))
}

func TestInverseReference(t *testing.T) {
	// Distances must agree to 1 µm. Azimuths must agree to 1e-7°, except
	// that the azimuth of a line s metres long is only defined to about
	// (ε/s) rad, where ε ≈ 1 nm is the rounding of the input coordinates
	// (ulp of 50° is 7e-15° ≈ 0.8 nm): below about 3 m that dominates.
	const (
		tolS   = 1e-6 // metres
		tolAzi = 1e-7 // degrees
		eps    = 5e-9 // metres
	)
	cases := loadReference(t)
	if len(cases) < 300 {
		t.Fatalf("reference has %d cases, want >= 300", len(cases))
	}
	var maxDS, maxDA float64
	for i, c := range cases {
		s12, azi1, azi2 := Inverse(c.lat1, c.lon1, c.lat2, c.lon2)
		ds := math.Abs(s12 - c.s12)
		maxDS = math.Max(maxDS, ds)
		if !(ds <= tolS) {
			t.Errorf("#%d %s (%v,%v)-(%v,%v): s12 = %.9f, want %.9f (diff %.3g m)",
				i, c.name, c.lat1, c.lon1, c.lat2, c.lon2, s12, c.s12, ds)
		}
		if d := Distance(orb.Point{c.lon1, c.lat1}, orb.Point{c.lon2, c.lat2}); d != s12 {
			t.Errorf("#%d: Distance = %v, Inverse s12 = %v", i, d, s12)
		}
		// Azimuths are undefined for coincident points and at the poles:
		// there only the distance is compared.
		if c.s12 == 0 || math.Abs(c.lat1) == 90 || math.Abs(c.lat2) == 90 {
			continue
		}
		da := math.Max(angleDiff(azi1, c.azi1), angleDiff(azi2, c.azi2))
		maxDA = math.Max(maxDA, da)
		if !(da <= tolAzi+eps/c.s12/deg) {
			t.Errorf("#%d %s (%v,%v)-(%v,%v): azi = (%.10f, %.10f), want (%.10f, %.10f)",
				i, c.name, c.lat1, c.lon1, c.lat2, c.lon2, azi1, azi2, c.azi1, c.azi2)
		}
	}
	t.Logf("%d cases: max |Δs12| = %.3g m, max |Δazi| = %.3g°", len(cases), maxDS, maxDA)
}

// TestInverseHardCases pins the degenerate geometries by hand.
func TestInverseHardCases(t *testing.T) {
	quarterMeridian := 10001965.729 // WGS84, metres
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		s12, tol               float64
	}{
		{"coincident", 50.85, 2.88, 50.85, 2.88, 0, 0},
		{"coincident pole", 90, 10, 90, -170, 0, 0},
		{"equator 1 degree", 0, 0, 0, 1, A * deg, 1e-9},
		{"equator 90 degrees", 0, 0, 0, 90, A * math.Pi / 2, 1e-8},
		{"equator to pole", 0, 0, 90, 0, quarterMeridian, 1e-3},
		{"pole to pole", -90, 0, 90, 0, 2 * quarterMeridian, 2e-3},
		{"equatorial antipodes go over the pole", 0, 0, 0, 180, 2 * quarterMeridian, 2e-3},
		{"longitude given as 360 + x", 50, 362, 50, 2, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s12, _, _ := Inverse(tc.lat1, tc.lon1, tc.lat2, tc.lon2)
			if math.Abs(s12-tc.s12) > tc.tol || math.Signbit(s12) {
				t.Errorf("s12 = %.6f, want %.6f ± %g", s12, tc.s12, tc.tol)
			}
		})
	}
}

// TestIeperPoperinge checks a regional distance against a hand
// computation: for an 11 km line the plane through the mid-latitude with
// the ellipsoid's radii of curvature is good to a few millimetres.
//
//	φm = 50.85295°, W² = 1 − e² sin²φm
//	M = a(1 − e²)/W³ = 6373895.329 m, N = a/W = 6391016.035 m
//	dy = M·Δφ = M·0.0053° = 589.601 m
//	dx = N·cos φm·Δλ = N·cos φm·(−0.1578°) = −11112.171 m
//	s ≈ √(dx² + dy²) = 11127.802 m, azimuth ≈ atan2(dx, dy) = −86.963°
func TestIeperPoperinge(t *testing.T) {
	ieper := orb.Point{2.8850, 50.8503}
	poperinge := orb.Point{2.7272, 50.8556}
	if got := Distance(ieper, poperinge); math.Abs(got-11127.802) > 0.01 {
		t.Errorf("Distance = %.4f m, want 11127.802 ± 0.01", got)
	}
	_, azi1, azi2 := Inverse(ieper[1], ieper[0], poperinge[1], poperinge[0])
	// The plane azimuth is that of the chord at mid-point: the mean of
	// the two end azimuths.
	if mid := (azi1 + azi2) / 2; math.Abs(mid-(-86.963)) > 0.001 {
		t.Errorf("mean azimuth = %.5f°, want -86.963°", mid)
	}
	if !(azi1 > azi2) {
		t.Errorf("westward line in the northern hemisphere must turn left: azi1 %v, azi2 %v", azi1, azi2)
	}
}

func randomPoint(r *rand.Rand) orb.Point {
	return orb.Point{r.Float64()*360 - 180, math.Asin(2*r.Float64()-1) / deg}
}

func westhoekPoint(r *rand.Rand) orb.Point {
	return orb.Point{2.0 + 1.3*r.Float64(), 50.55 + 0.65*r.Float64()}
}

// TestInvariants checks symmetry, the swap relation of the azimuths and the
// triangle inequality on random points, worldwide and regional.
func TestInvariants(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	gens := map[string]func(*rand.Rand) orb.Point{"world": randomPoint, "westhoek": westhoekPoint}
	for name, gen := range gens {
		t.Run(name, func(t *testing.T) {
			for i := 0; i < 2000; i++ {
				a, b, c := gen(r), gen(r), gen(r)
				s, azi1, azi2 := Inverse(a[1], a[0], b[1], b[0])
				sr, razi1, razi2 := Inverse(b[1], b[0], a[1], a[0])
				if math.Abs(s-sr) > 1e-8 {
					t.Fatalf("asymmetric: d(%v,%v) = %.9f, reverse %.9f", a, b, s, sr)
				}
				// Going back, the azimuths are reversed.
				if s > 0 && (angleDiff(razi1, azi2+180) > 1e-8 || angleDiff(razi2, azi1+180) > 1e-8) {
					t.Fatalf("azimuths (%v, %v) reversed to (%v, %v)", azi1, azi2, razi1, razi2)
				}
				ac, bc := Distance(a, c), Distance(b, c)
				if ac > s+bc+1e-6 {
					t.Fatalf("triangle inequality: d(a,c) = %v > d(a,b) + d(b,c) = %v", ac, s+bc)
				}
				if !(s >= 0) || s > math.Pi*A {
					t.Fatalf("d(%v,%v) = %v out of [0, πa]", a, b, s)
				}
			}
		})
	}
}

// TestDirectInverseRoundTrip solves the direct problem from the inverse
// solution and back: the end point and the azimuth must be recovered.
func TestDirectInverseRoundTrip(t *testing.T) {
	cases := loadReference(t)
	var maxErr float64
	for i, c := range cases {
		if math.Abs(c.lat1) == 90 || c.s12 == 0 {
			continue
		}
		lat2, lon2, azi2 := Direct(c.lat1, c.lon1, c.azi1, c.s12)
		// Compare positions as a distance, which is meaningful near poles.
		d := Distance(orb.Point{lon2, lat2}, orb.Point{c.lon2, c.lat2})
		maxErr = math.Max(maxErr, d)
		if d > 1e-6 {
			t.Errorf("#%d %s: Direct ends at (%v, %v), %.3g m from (%v, %v)", i, c.name, lat2, lon2, d, c.lat2, c.lon2)
		}
		if math.Abs(c.lat2) < 89.9 && angleDiff(azi2, c.azi2) > 1e-7 {
			t.Errorf("#%d %s: Direct azi2 = %v, want %v", i, c.name, azi2, c.azi2)
		}
	}
	t.Logf("max end-point error %.3g m", maxErr)

	// Backwards travel and whole turns along the equator.
	if lat, lon, azi := Direct(0, 10, 90, -A*deg); math.Abs(lat) > 1e-12 || math.Abs(lon-9) > 1e-12 || azi != 90 {
		t.Errorf("Direct backwards = (%v, %v, %v), want (0, 9, 90)", lat, lon, azi)
	}
	if lat, lon, _ := Direct(0, 0, 90, 2*math.Pi*A); math.Abs(lat) > 1e-12 || math.Abs(lon) > 1e-9 {
		t.Errorf("Direct full equator = (%v, %v), want (0, 0)", lat, lon)
	}
}

// TestSeriesAgainstIntegrands checks the transcription of the series
// coefficients: the derivative of each truncated series must equal the
// integrand it expands (Karney 2013, eqs. 7, 8, 38) up to the truncation
// error O(eps⁷).
func TestSeriesAgainstIntegrands(t *testing.T) {
	for _, eps := range []float64{1e-3, 5e-3, 1e-2} {
		k2 := 4 * eps / sq(1-eps)
		var cs1, cs2, cs3 series
		c1(eps, &cs1)
		c2(eps, &cs2)
		c3(eps, &cs3)
		A1, A2, A3 := 1+a1m1(eps), 1+a2m1(eps), a3(eps)
		for i := 0; i <= 40; i++ {
			sig := float64(i) * math.Pi / 40
			root := math.Sqrt(1 + k2*sq(math.Sin(sig)))
			checks := []struct {
				name      string
				integrand float64
				scale     float64
				c         *series
			}{
				{"I1", root, A1, &cs1},
				{"I2", 1 / root, A2, &cs2},
				{"I3", (2 - F) / (1 + f1*root), A3, &cs3},
			}
			for _, ch := range checks {
				sum := 1.0
				for l := 1; l <= order; l++ {
					sum += 2 * float64(l) * ch.c[l] * math.Cos(2*float64(l)*sig)
				}
				if d := math.Abs(ch.scale*sum - ch.integrand); d > 1e-11 {
					t.Errorf("%s eps=%g σ=%.3f: series derivative off by %.3g", ch.name, eps, sig, d)
				}
			}
		}
	}
}

// TestRevertedSeries checks that the C1' series (eq. 21) inverts the C1
// series: σ(τ(σ)) = σ to truncation error.
func TestRevertedSeries(t *testing.T) {
	for _, eps := range []float64{1e-3, 1e-2} {
		var cs, cp series
		c1(eps, &cs)
		c1p(eps, &cp)
		for i := 0; i <= 50; i++ {
			sig := float64(i) * math.Pi / 50
			tau := sig + sinSeries(math.Sin(sig), math.Cos(sig), &cs)
			back := tau + sinSeries(math.Sin(tau), math.Cos(tau), &cp)
			if d := math.Abs(back - sig); d > 1e-13 {
				t.Errorf("eps=%g σ=%.3f: reverted series off by %.3g", eps, sig, d)
			}
		}
	}
}

func TestInvalidInput(t *testing.T) {
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
	}{
		{"latitude above 90", 91, 0, 0, 0},
		{"latitude below -90", 0, 0, -90.0001, 0},
		{"NaN", math.NaN(), 0, 0, 0},
		{"NaN longitude", 0, math.NaN(), 0, 0},
		{"infinite longitude", 0, math.Inf(1), 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if s, _, _ := Inverse(tc.lat1, tc.lon1, tc.lat2, tc.lon2); !math.IsNaN(s) {
				t.Errorf("s12 = %v, want NaN", s)
			}
		})
	}
	if lat, lon, _ := Direct(95, 0, 0, 1000); !math.IsNaN(lat) || !math.IsNaN(lon) {
		t.Errorf("Direct from lat 95 = (%v, %v), want NaN", lat, lon)
	}
}

func TestConstants(t *testing.T) {
	if math.Abs(B-6356752.314245) > 1e-6 {
		t.Errorf("B = %.6f, want 6356752.314245", B)
	}
	if math.Abs(1/F-298.257223563) > 1e-9 {
		t.Errorf("1/F = %v", 1/F)
	}
}
