package access

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func mustDecay(t testing.TB, spec string) Decay {
	t.Helper()
	d, err := ParseDecay(spec)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Reference values published with PySAL access (access/tests/test_weights.py):
// gaussian(sigma=20) and gravity(scale=20, alpha=-2, min_dist=1).
func TestDecayPySALReference(t *testing.T) {
	cases := []struct {
		spec string
		d    []float64
		want []float64
		tol  float64
	}{
		{"gaussian:sigma=20", []float64{0, 20, 40, 60}, []float64{1, 0.60653066, 0.13533528, 0.01110900}, 5e-9},
		// PySAL prints 0.11 at 60: (60/20)^-2 = 1/9 = 0.1111…; checked to 1e-12 below.
		{"power:scale=20,alpha=-2,dmin=1", []float64{0, 1, 2, 20, 40, 60}, []float64{400, 400, 100, 1, 0.25, 1.0 / 9}, 1e-12},
	}
	for _, tc := range cases {
		d := mustDecay(t, tc.spec)
		for k, x := range tc.d {
			if got := d.F(x); math.Abs(got-tc.want[k]) > tc.tol {
				t.Errorf("%s: f(%v) = %.10g, want %.10g", tc.spec, x, got, tc.want[k])
			}
		}
	}
	if got := mustDecay(t, "power:scale=20,alpha=-2,dmin=1").F(60); math.Round(got*100)/100 != 0.11 {
		t.Errorf("f(60) = %v does not round to PySAL's published 0.11", got)
	}
}

func TestDecayValues(t *testing.T) {
	cases := []struct {
		spec string
		d    float64
		want float64
	}{
		{"step:30", 30, 1}, // inclusive
		{"step:30", 30.000001, 0},
		{"step:t=30", 0, 1},
		{"step", 1e300, 1},
		{"linear:20", 5, 0.75},
		{"linear:20", 20, 0},
		{"linear:20", 40, 0},
		{"exponential:beta=0.1", 10, math.Exp(-1)},
		{"exp:beta=0", 1e9, 1},
		{"gaussian:sigma=10", 10, math.Exp(-0.5)},
		{"power:alpha=-1,dmin=1", 0.5, 1}, // 1/max(d,1)
		{"power:alpha=-1,dmin=1", 40, 0.025},
		{"power:alpha=0", 123, 1},
		{"logistic:mid=20,k=0.5", 0, 1}, // f(0) = 1 by construction
		{"logistic:mid=20,k=0.5", 20, (1 + math.Exp(-10)) / 2},
		{"logistic:mid=20,k=0.5", 1e6, 0},
		{"bands:10=1,20=0.68,30=0.22", 0, 1},
		{"bands:10=1,20=0.68,30=0.22", 10, 1},
		{"bands:10=1,20=0.68,30=0.22", 10.5, 0.68},
		{"bands:10=1,20=0.68,30=0.22", 30, 0.22},
		{"bands:10=1,20=0.68,30=0.22", 31, 0},
	}
	for _, tc := range cases {
		if got := mustDecay(t, tc.spec).F(tc.d); math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("%s: f(%v) = %v, want %v", tc.spec, tc.d, got, tc.want)
		}
	}
	if LuoQi.String() != "bands:10=1,20=0.68,30=0.22" {
		t.Errorf("LuoQi = %v", LuoQi)
	}
}

var goodSpecs = []string{
	"step", "step:30", "step:t=2.5", "linear:20", "exponential:beta=0.05", "exp:beta=1e-3",
	"gaussian:sigma=20", "power:scale=20,alpha=-2,dmin=1", "power:alpha=-0.5,dmin=0.1",
	"logistic:mid=15,k=0.3", "bands:10=1,20=0.68,30=0.22", "bands:5=0.5", " Gaussian : sigma = 3 ",
}

// String gives a spec that parses back to the same function, and every
// decay is non-negative, at most f(0) and non-increasing.
func TestDecayRoundTripAndMonotone(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, spec := range goodSpecs {
		d := mustDecay(t, spec)
		back := mustDecay(t, d.String())
		if back.String() != d.String() {
			t.Errorf("%s: %q reparsed as %q", spec, d.String(), back.String())
		}
		prev := math.Inf(1)
		for k := 0; k <= 2000; k++ {
			x := (float64(k) + 0.5*rng.Float64()) * 0.05
			f := d.F(x)
			if f != back.F(x) {
				t.Fatalf("%s: reparsed f(%v) differs", spec, x)
			}
			if !(f >= 0) || math.IsInf(f, 0) || f > prev {
				t.Fatalf("%s: f(%v) = %v after %v: not a finite non-increasing weight", spec, x, f, prev)
			}
			prev = f
		}
	}
}

func TestParseDecayRejects(t *testing.T) {
	cases := []struct{ spec, reason string }{
		{"", "unknown kind"},
		{"cubic:3", "unknown kind"},
		{"step:0", "must be > 0"},
		{"step:-3", "must be > 0"},
		{"step:nan", "not a finite number"},
		{"step:inf", "not a finite number"},
		{"step:1,2", "not key=value"},
		{"step:x=3", "unknown parameter \"x\""},
		{"linear", "missing parameter \"t\""},
		{"gaussian", "missing parameter \"sigma\""},
		{"gaussian:sigma=0", "must be > 0"},
		{"gaussian:sigma=1,sigma=2", "given twice"},
		{"gaussian:s=20", "missing parameter \"sigma\""},
		{"exponential:beta=-1", "must be >= 0"},
		{"power:scale=20", "missing parameter \"alpha\""},
		{"power:alpha=-2", "needs dmin > 0"},
		{"power:alpha=2,dmin=1", "must be <= 0"},
		{"power:alpha=-2,dmin=1,scale=0", "must be > 0"},
		{"power:alpha=-2,dmin=-1", "must be >= 0"},
		{"logistic:mid=20", "missing parameter \"k\""},
		{"logistic:mid=20,k=0", "must be > 0"},
		{"bands:", "at least one"},
		{"bands:20=1,10=0.5", "must increase"},
		{"bands:10=0.5,20=1", "must not increase"},
		{"bands:0=1", "must be > 0"},
		{"bands:10=-1", "must be >= 0"},
		{"bands:ten=1", "not a finite number"},
		{"bands:10", "not key=value"},
		{"gaussian:sigma=abc", "not a finite number"},
		{"gaussian:=3", "empty key"},
	}
	for _, tc := range cases {
		d, err := ParseDecay(tc.spec)
		if d != nil || !errors.Is(err, ErrDecay) || !strings.Contains(err.Error(), tc.reason) {
			t.Errorf("ParseDecay(%q) = %v, %v; want ErrDecay with %q", tc.spec, d, err, tc.reason)
		}
	}
}

// Run with: go test -run=^$ -fuzz=FuzzParseDecay -fuzztime=30s ./analysis/access/
func FuzzParseDecay(f *testing.F) {
	for _, s := range goodSpecs {
		f.Add(s, 12.5)
	}
	f.Fuzz(func(t *testing.T, spec string, x float64) {
		d, err := ParseDecay(spec)
		if err != nil {
			if !errors.Is(err, ErrDecay) {
				t.Fatalf("error %v does not wrap ErrDecay", err)
			}
			return
		}
		if !(x >= 0) || math.IsInf(x, 0) {
			return
		}
		fx := d.F(x)
		if !(fx >= 0) || math.IsInf(fx, 0) || fx > d.F(0) {
			t.Fatalf("%s: f(%v) = %v, f(0) = %v", spec, x, fx, d.F(0))
		}
		back, err := ParseDecay(d.String())
		if err != nil || back.F(x) != fx {
			t.Fatalf("%s: String %q does not round-trip: %v", spec, d.String(), err)
		}
	})
}
