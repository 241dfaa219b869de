package crs

import (
	"encoding/csv"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

var projected = []int{3035, 2154, 32631, 31370}

// metresApart returns the approximate ground distance between two nearby
// lon/lat points in metres (local flat approximation, ample for errors).
func metresApart(lon1, lat1, lon2, lat2 float64) float64 {
	const m = 111320.0 // metres per degree, roughly
	return math.Hypot((lon1-lon2)*m*math.Cos(lat1*deg), (lat1-lat2)*m)
}

func mustTo(tb testing.TB, code int) func(x, y float64) (float64, float64) {
	tb.Helper()
	f, err := ToWGS84(code)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

func mustFrom(tb testing.TB, code int) func(lon, lat float64) (float64, float64) {
	tb.Helper()
	f, err := FromWGS84(code)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// TestIeper checks one point against coordinates computed with PROJ 9.1
// (cs2cs EPSG:4326 EPSG:code; for 31370 PROJ's "BD72 to WGS 84 (3)").
func TestIeper(t *testing.T) {
	const lon, lat = 2.8850, 50.8503
	tests := []struct {
		code int
		x, y float64
	}{
		{3035, 3820834.088, 3106433.888},
		{31370, 45520.462, 172142.988},
		{2154, 691885.247, 7083782.051},
		{32631, 491904.558, 5633184.198},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.code), func(t *testing.T) {
			x, y := mustFrom(t, tc.code)(lon, lat)
			// The reference is rounded to the millimetre.
			if d := math.Hypot(x-tc.x, y-tc.y); d > 0.0015 {
				t.Errorf("FromWGS84 = (%.4f, %.4f), want (%.3f, %.3f): %.4f m off", x, y, tc.x, tc.y, d)
			}
			glon, glat := mustTo(t, tc.code)(tc.x, tc.y)
			if d := metresApart(glon, glat, lon, lat); d > 0.0015 {
				t.Errorf("ToWGS84 = (%.9f, %.9f), want (%v, %v): %.4f m off", glon, glat, lon, lat, d)
			}
		})
	}
}

type refPoint struct {
	name             string
	lon, lat         float64
	xy               map[int][2]float64
	lonBD72, latBD72 float64
}

func loadReference(tb testing.TB) []refPoint {
	tb.Helper()
	f, err := os.Open("testdata/proj_reference.csv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var out []refPoint
	for i, r := range rows[1:] {
		v := make([]float64, len(r)-1)
		for j := range v {
			if v[j], err = strconv.ParseFloat(r[j+1], 64); err != nil {
				tb.Fatalf("line %d: %v", i+2, err)
			}
		}
		p := refPoint{name: r[0], lon: v[0], lat: v[1], xy: map[int][2]float64{}}
		for k, c := range projected {
			p.xy[c] = [2]float64{v[2+2*k], v[3+2*k]}
		}
		p.lonBD72, p.latBD72 = v[10], v[11]
		out = append(out, p)
	}
	if len(out) < 50 {
		tb.Fatalf("%d reference points, want 50", len(out))
	}
	return out
}

// TestProjReference compares both directions with PROJ on 50 points across
// the Westhoek. We agree with PROJ to a fraction of a millimetre; for 31370
// the reverse direction is compared with PROJ's transformation in the
// defining BD72 → WGS84 direction.
func TestProjReference(t *testing.T) {
	const tol = 0.001 // metres
	pts := loadReference(t)
	for _, code := range projected {
		from, to := mustFrom(t, code), mustTo(t, code)
		var maxFwd, maxInv float64
		for _, p := range pts {
			want := p.xy[code]
			x, y := from(p.lon, p.lat)
			d := math.Hypot(x-want[0], y-want[1])
			maxFwd = math.Max(maxFwd, d)
			if d > tol {
				t.Errorf("EPSG:%d %s: FromWGS84 = (%.4f, %.4f), PROJ (%.4f, %.4f)", code, p.name, x, y, want[0], want[1])
			}
			wlon, wlat := p.lon, p.lat
			if code == 31370 {
				wlon, wlat = p.lonBD72, p.latBD72
			}
			lon, lat := to(want[0], want[1])
			d = metresApart(lon, lat, wlon, wlat)
			maxInv = math.Max(maxInv, d)
			if d > tol {
				t.Errorf("EPSG:%d %s: ToWGS84 = (%.10f, %.10f), PROJ (%.10f, %.10f)", code, p.name, lon, lat, wlon, wlat)
			}
		}
		t.Logf("EPSG:%d: max difference from PROJ %.2g m (from WGS84), %.2g m (to WGS84)", code, maxFwd, maxInv)
	}
}

// TestRoundTrip checks that FromWGS84 and ToWGS84 are inverse to 1 mm (in
// practice to micrometres) over each system's area of use.
func TestRoundTrip(t *testing.T) {
	areas := map[int][4]float64{ // lon min, lon max, lat min, lat max
		4326:  {-180, 180, -90, 90},
		3035:  {-16, 40, 32, 72},
		2154:  {-5, 10, 41, 51.5},
		32631: {0, 6, 0, 84},
		31370: {2.5, 6.4, 49.5, 51.5},
	}
	r := rand.New(rand.NewPCG(4, 2))
	for code, a := range areas {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			from, to := mustFrom(t, code), mustTo(t, code)
			var worst float64
			for i := 0; i < 2000; i++ {
				lon := a[0] + (a[1]-a[0])*r.Float64()
				lat := a[2] + (a[3]-a[2])*r.Float64()
				x, y := from(lon, lat)
				blon, blat := to(x, y)
				d := metresApart(lon, lat, blon, blat)
				// And from projected coordinates back to themselves.
				x2, y2 := from(blon, blat)
				if code != 4326 {
					d = math.Max(d, math.Hypot(x2-x, y2-y))
				}
				worst = math.Max(worst, d)
				if !(d < 0.001) {
					t.Fatalf("(%v, %v) -> (%v, %v) -> (%v, %v): %.3g m", lon, lat, x, y, blon, blat, d)
				}
			}
			t.Logf("worst round trip %.2g m", worst)
		})
	}
}

func TestIdentity4326(t *testing.T) {
	to, from := mustTo(t, 4326), mustFrom(t, 4326)
	for _, p := range [][2]float64{{2.885, 50.8503}, {-180, -90}, {179.999, 89.5}} {
		if lon, lat := to(p[0], p[1]); lon != p[0] || lat != p[1] {
			t.Errorf("ToWGS84(4326)(%v) = (%v, %v)", p, lon, lat)
		}
		if x, y := from(p[0], p[1]); x != p[0] || y != p[1] {
			t.Errorf("FromWGS84(4326)(%v) = (%v, %v)", p, x, y)
		}
	}
}

func TestUnsupported(t *testing.T) {
	for _, code := range []int{0, -1, 3857, 4258, 999999} {
		if f, err := ToWGS84(code); f != nil || !errors.Is(err, ErrUnsupported) {
			t.Errorf("ToWGS84(%d): nil func %v, err %v; want nil, ErrUnsupported", code, f == nil, err)
		}
		_, err := FromWGS84(code)
		if !errors.Is(err, ErrUnsupported) {
			t.Fatalf("FromWGS84(%d) err = %v", code, err)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "crs: ") || !strings.Contains(msg, "EPSG:"+strconv.Itoa(code)) {
			t.Errorf("error %q does not name the code", msg)
		}
		for _, c := range Supported() {
			if !strings.Contains(msg, "EPSG:"+strconv.Itoa(c)) {
				t.Errorf("error %q does not list EPSG:%d", msg, c)
			}
		}
	}
}

func TestSupportedAndName(t *testing.T) {
	want := []int{2154, 3035, 4326, 31370, 32631}
	got := Supported()
	if len(got) != len(want) {
		t.Fatalf("Supported() = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Supported() = %v, want %v", got, want)
		}
	}
	got[0] = -1 // the caller owns the slice
	if Supported()[0] != 2154 {
		t.Error("Supported shares its slice")
	}
	if n, err := Name(31370); err != nil || n != "BD72 / Belgian Lambert 72" {
		t.Errorf("Name(31370) = %q, %v", n, err)
	}
	if _, err := Name(1); !errors.Is(err, ErrUnsupported) {
		t.Errorf("Name(1) err = %v", err)
	}
}

// TestNonFinite checks that bad input never panics and is not silently
// turned into a plausible coordinate.
func TestNonFinite(t *testing.T) {
	for _, code := range Supported() {
		to, from := mustTo(t, code), mustFrom(t, code)
		for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			for _, xy := range [][2]float64{{v, 1}, {1, v}} {
				lon, lat := to(xy[0], xy[1])
				x, y := from(xy[0], xy[1])
				if code != 4326 && (isFinite(lon) && isFinite(lat) || isFinite(x) && isFinite(y)) {
					t.Errorf("EPSG:%d %v: got (%v, %v) and (%v, %v), want non-finite", code, xy, lon, lat, x, y)
				}
			}
		}
	}
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func TestHelmertInverseMatrix(t *testing.T) {
	h := systems[31370].datum
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			var s float64
			for k := 0; k < 3; k++ {
				s += h.m[i][k] * h.inv[k][j]
			}
			want := 0.0
			if i == j {
				want = 1
			}
			if math.Abs(s-want) > 1e-15 {
				t.Errorf("(m·inv)[%d][%d] = %v", i, j, s)
			}
		}
	}
}

// TestGeocentric checks the geodetic ↔ Earth-centred conversion on hand
// values: the equator on the prime meridian is (a, 0, 0), the pole (0, 0, b).
func TestGeocentric(t *testing.T) {
	x, y, z := wgs84.toCartesian(0, 0, 0)
	if x != 6378137 || y != 0 || z != 0 {
		t.Errorf("equator = (%v, %v, %v)", x, y, z)
	}
	_, _, z = wgs84.toCartesian(0, math.Pi/2, 0)
	if math.Abs(z-6356752.314245) > 1e-6 {
		t.Errorf("pole z = %.6f, want b = 6356752.314245", z)
	}
	r := rand.New(rand.NewPCG(9, 9))
	for i := 0; i < 1000; i++ {
		lam, phi, h := (r.Float64()*2-1)*math.Pi, (r.Float64()*2-1)*1.55, r.Float64()*2000-500
		lam2, phi2 := intl1924.fromCartesian(intl1924.toCartesian(lam, phi, h))
		if math.Abs(lam2-lam) > 1e-15 || math.Abs(phi2-phi) > 2e-15 {
			t.Fatalf("(%v, %v, %v) came back as (%v, %v)", lam, phi, h, lam2, phi2)
		}
	}
}
