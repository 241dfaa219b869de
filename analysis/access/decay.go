package access

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// ErrDecay is wrapped by every error of ParseDecay.
var ErrDecay = errors.New("access: invalid decay")

// Decay is a distance-decay function: the weight f(d) of a pair at cost d
// (d >= 0, in the cost unit of the Costs it is used with). Every Decay of
// this package is non-increasing in d and non-negative, and String returns
// a spec that ParseDecay reads back to the same function. Implementations
// must be safe for concurrent use.
type Decay interface {
	F(d float64) float64
	String() string
}

var (
	_ Decay = Step{}
	_ Decay = Linear{}
	_ Decay = Exponential{}
	_ Decay = Gaussian{}
	_ Decay = Power{}
	_ Decay = Logistic{}
	_ Decay = Bands{}
)

// Step is the cumulative-opportunities (classic 2SFCA) weight: 1 for
// d <= T (inclusive), 0 beyond. T = +Inf weighs every pair 1.
// Spec "step:T" or "step:t=T"; "step" alone is T = +Inf.
type Step struct{ T float64 }

// F implements Decay.
func (s Step) F(d float64) float64 {
	if d <= s.T {
		return 1
	}
	return 0
}

func (s Step) String() string {
	if math.IsInf(s.T, 1) {
		return "step"
	}
	return "step:" + num(s.T)
}

// Linear falls from 1 at d = 0 to 0 at d = T: max(0, 1 − d/T).
// Spec "linear:T" or "linear:t=T".
type Linear struct{ T float64 }

// F implements Decay.
func (l Linear) F(d float64) float64 { return math.Max(0, 1-d/l.T) }

func (l Linear) String() string { return "linear:" + num(l.T) }

// Exponential is exp(−β·d), β >= 0 per cost unit. Spec "exponential:beta=β"
// (or "exp:beta=β").
type Exponential struct{ Beta float64 }

// F implements Decay.
func (e Exponential) F(d float64) float64 { return math.Exp(-e.Beta * d) }

func (e Exponential) String() string { return "exponential:beta=" + num(e.Beta) }

// Gaussian is exp(−d²/2σ²), so that f(0) = 1 (PySAL access weights.gaussian).
// Spec "gaussian:sigma=σ".
type Gaussian struct{ Sigma float64 }

// F implements Decay.
func (g Gaussian) F(d float64) float64 { return math.Exp(-d * d / (2 * g.Sigma * g.Sigma)) }

func (g Gaussian) String() string { return "gaussian:sigma=" + num(g.Sigma) }

// Power is the gravity weight (max(d, DMin)/Scale)^Alpha with Alpha <= 0
// (PySAL access weights.gravity). DMin > 0 is required when Alpha < 0 so
// that f stays finite at d = 0. Spec "power:scale=s,alpha=a,dmin=m"
// (defaults scale=1, dmin=0; alpha is required).
type Power struct{ Scale, Alpha, DMin float64 }

// F implements Decay.
func (p Power) F(d float64) float64 { return math.Pow(math.Max(d, p.DMin)/p.Scale, p.Alpha) }

func (p Power) String() string {
	return "power:scale=" + num(p.Scale) + ",alpha=" + num(p.Alpha) + ",dmin=" + num(p.DMin)
}

// Logistic is the S-shaped weight (1 + e^(−K·Mid)) / (1 + e^(K·(d − Mid))),
// scaled so that f(0) = 1; it is about 1/2 at d = Mid for K·Mid >> 1 and
// falls more steeply with larger K (per cost unit). Spec
// "logistic:mid=m,k=K".
type Logistic struct{ Mid, K float64 }

// F implements Decay.
func (l Logistic) F(d float64) float64 {
	den := 1 + math.Exp(l.K*(d-l.Mid))
	if math.IsInf(den, 1) {
		return 0
	}
	return (1 + math.Exp(-l.K*l.Mid)) / den
}

func (l Logistic) String() string { return "logistic:mid=" + num(l.Mid) + ",k=" + num(l.K) }

// Band is one piece of a piecewise-constant decay: weight W up to cost
// Upper (inclusive).
type Band struct{ Upper, W float64 }

// Bands is a piecewise-constant decay: f(d) is the weight of the first
// band with d <= Upper, 0 beyond the last. Uppers increase strictly and
// weights do not increase. Spec "bands:10=1,20=0.68,30=0.22".
type Bands []Band

// LuoQi is the E2SFCA weighting of Luo & Qi (2009): 0–10, 10–20 and 20–30
// minutes weighted 1, 0.68 and 0.22 (Gaussian weights at the band
// midpoints). Its uppers are in minutes.
var LuoQi = Bands{{10, 1}, {20, 0.68}, {30, 0.22}}

// F implements Decay. O(log bands).
func (b Bands) F(d float64) float64 {
	k, _ := slices.BinarySearchFunc(b, d, func(x Band, d float64) int {
		if x.Upper < d {
			return -1
		}
		return 1
	})
	if k == len(b) {
		return 0
	}
	return b[k].W
}

func (b Bands) String() string {
	parts := make([]string, len(b))
	for i, x := range b {
		parts[i] = num(x.Upper) + "=" + num(x.W)
	}
	return "bands:" + strings.Join(parts, ",")
}

// num formats a parameter so that ParseFloat reads it back exactly.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// ParseDecay reads a decay spec "kind" or "kind:params", where params are
// comma-separated key=value pairs (a single bare value for step and
// linear). Kinds and parameters (all in the cost unit; see the types):
//
//	step[:T]                      1 for d <= T, else 0 (T absent: always 1)
//	linear:T                      max(0, 1 − d/T)
//	exponential:beta=β            exp(−β·d)        (alias exp)
//	gaussian:sigma=σ              exp(−d²/2σ²)
//	power:scale=s,alpha=a,dmin=m  (max(d, m)/s)^a  (scale 1 and dmin 0 by default)
//	logistic:mid=m,k=K            (1+e^(−K·m)) / (1+e^(K·(d−m)))
//	bands:u1=w1,u2=w2,…           w_k for u_(k−1) < d <= u_k, 0 beyond the last
//
// Numbers must be finite; T, σ, s, K > 0; β, m >= 0; a <= 0 (a < 0 needs
// dmin > 0); band uppers > 0 and strictly increasing, weights >= 0 and
// non-increasing. Errors wrap ErrDecay. O(len(spec)).
func ParseDecay(spec string) (Decay, error) {
	kind, params, _ := strings.Cut(strings.TrimSpace(spec), ":")
	kind = strings.ToLower(strings.TrimSpace(kind))
	fail := func(format string, args ...any) (Decay, error) {
		return nil, fmt.Errorf("%w %q: %s", ErrDecay, spec, fmt.Sprintf(format, args...))
	}
	switch kind {
	case "step", "linear", "exponential", "exp", "gaussian", "power", "logistic", "bands":
	default:
		return fail("unknown kind %q (want step, linear, exponential, gaussian, power, logistic or bands)", kind)
	}
	kv, order, err := parseParams(params, kind == "step" || kind == "linear")
	if err != nil {
		return fail("%v", err)
	}
	get := func(key string, def float64, required bool) (float64, error) {
		v, ok := kv[key]
		if !ok {
			if required {
				return 0, fmt.Errorf("missing parameter %q", key)
			}
			return def, nil
		}
		delete(kv, key)
		return v, nil
	}
	var d Decay
	var perr error
	switch kind {
	case "step", "linear":
		t, e := get("t", math.Inf(1), kind == "linear")
		switch {
		case e != nil:
			perr = e
		case !(t > 0):
			perr = fmt.Errorf("threshold %v must be > 0", t)
		case kind == "step":
			d = Step{T: t}
		default:
			d = Linear{T: t}
		}
	case "exponential", "exp":
		b, e := get("beta", 0, true)
		if perr = e; e == nil {
			if b < 0 {
				perr = fmt.Errorf("beta %v must be >= 0", b)
			}
			d = Exponential{Beta: b}
		}
	case "gaussian":
		s, e := get("sigma", 0, true)
		if perr = e; e == nil {
			if !(s > 0) {
				perr = fmt.Errorf("sigma %v must be > 0", s)
			}
			d = Gaussian{Sigma: s}
		}
	case "power":
		var p Power
		var e1, e2, e3 error
		p.Scale, e1 = get("scale", 1, false)
		p.Alpha, e2 = get("alpha", 0, true)
		p.DMin, e3 = get("dmin", 0, false)
		switch perr = errors.Join(e1, e2, e3); {
		case perr != nil:
		case !(p.Scale > 0):
			perr = fmt.Errorf("scale %v must be > 0", p.Scale)
		case p.Alpha > 0:
			perr = fmt.Errorf("alpha %v must be <= 0 for a decay", p.Alpha)
		case p.DMin < 0:
			perr = fmt.Errorf("dmin %v must be >= 0", p.DMin)
		case p.Alpha < 0 && p.DMin == 0:
			perr = errors.New("alpha < 0 needs dmin > 0 (the weight is infinite at d = 0)")
		}
		d = p
	case "logistic":
		var l Logistic
		var e1, e2 error
		l.Mid, e1 = get("mid", 0, true)
		l.K, e2 = get("k", 0, true)
		switch perr = errors.Join(e1, e2); {
		case perr != nil:
		case l.Mid < 0:
			perr = fmt.Errorf("mid %v must be >= 0", l.Mid)
		case !(l.K > 0):
			perr = fmt.Errorf("k %v must be > 0", l.K)
		}
		d = l
	case "bands":
		b, e := parseBands(kv, order)
		clear(kv)
		d, perr = b, e
	}
	if perr != nil {
		return fail("%v", perr)
	}
	for _, k := range order {
		if _, left := kv[k]; left {
			return fail("unknown parameter %q for %s", k, kind)
		}
	}
	return d, nil
}

// parseParams splits "k=v,k=v" into numbers. With bare, a single value
// without key is taken as "t".
func parseParams(s string, bare bool) (map[string]float64, []string, error) {
	kv := map[string]float64{}
	var order []string
	if strings.TrimSpace(s) == "" {
		return kv, nil, nil
	}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			if !bare || len(order) > 0 || strings.Contains(s, ",") {
				return nil, nil, fmt.Errorf("%q is not key=value", strings.TrimSpace(part))
			}
			k, v = "t", part
		}
		k = strings.ToLower(strings.TrimSpace(k))
		if k == "" {
			return nil, nil, fmt.Errorf("empty key in %q", part)
		}
		if _, dup := kv[k]; dup {
			return nil, nil, fmt.Errorf("parameter %q given twice", k)
		}
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, nil, fmt.Errorf("parameter %q: %q is not a finite number", k, strings.TrimSpace(v))
		}
		kv[k] = x
		order = append(order, k)
	}
	return kv, order, nil
}

// parseBands turns upper=weight pairs, in the order given, into Bands.
func parseBands(kv map[string]float64, order []string) (Bands, error) {
	if len(order) == 0 {
		return nil, errors.New("bands need at least one upper=weight pair")
	}
	b := make(Bands, 0, len(order))
	for i, k := range order {
		u, err := strconv.ParseFloat(k, 64)
		if err != nil || math.IsNaN(u) || math.IsInf(u, 0) {
			return nil, fmt.Errorf("band upper %q is not a finite number", k)
		}
		w := kv[k]
		switch {
		case !(u > 0):
			return nil, fmt.Errorf("band upper %v must be > 0", u)
		case i > 0 && u <= b[i-1].Upper:
			return nil, fmt.Errorf("band uppers must increase: %v after %v", u, b[i-1].Upper)
		case w < 0:
			return nil, fmt.Errorf("band weight %v must be >= 0", w)
		case i > 0 && w > b[i-1].W:
			return nil, fmt.Errorf("band weights must not increase: %v after %v", w, b[i-1].W)
		}
		b = append(b, Band{Upper: u, W: w})
	}
	return b, nil
}
