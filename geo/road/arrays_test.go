package road

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// FromArrays of a graph's arrays gives the same graph, answers included;
// arrays of mismatched lengths are an InputError, never a panic.
func TestFromArrays(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	vs, es := randomGraph(rng, 200, false)
	g := mustBuild(t, Car, vs, es)
	labels := make([]uint8, len(vs))
	for v := range labels {
		labels[v] = uint8(1 + v%2)
	}
	if err := g.SetVertexLabels(labels); err != nil {
		t.Fatal(err)
	}
	a := g.Arrays()
	c := Arrays{Profile: a.Profile, Meta: a.Meta, Vertices: slices.Clone(a.Vertices),
		From: slices.Clone(a.From), To: slices.Clone(a.To), LengthM: slices.Clone(a.LengthM),
		SpeedKmh: slices.Clone(a.SpeedKmh), Dir: slices.Clone(a.Dir), WayID: slices.Clone(a.WayID),
		GeomOff: slices.Clone(a.GeomOff), Geometry: slices.Clone(a.Geometry), Labels: slices.Clone(a.Labels)}
	h, err := FromArrays(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Validate(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(h.Arrays(), a) || h.MemoryBytes() != g.MemoryBytes() || h.ix.NumChains() != g.ix.NumChains() {
		t.Error("FromArrays of a graph's arrays differs from the graph")
	}
	for v := range int32(len(vs)) {
		if h.ix.JunctionOf(v) != g.ix.JunctionOf(v) {
			t.Fatalf("vertex %d: junction %d, want %d", v, h.ix.JunctionOf(v), g.ix.JunctionOf(v))
		}
	}
	for name, bad := range map[string]func(a *Arrays){
		"short to":       func(a *Arrays) { a.To = a.To[1:] },
		"short offsets":  func(a *Arrays) { a.GeomOff = a.GeomOff[1:] },
		"no offsets":     func(a *Arrays) { a.GeomOff = nil },
		"short speeds":   func(a *Arrays) { a.SpeedKmh = nil },
		"labels":         func(a *Arrays) { a.Labels = a.Labels[1:] },
		"vertex range":   func(a *Arrays) { a.From = slices.Clone(a.From); a.From[3] = -1 },
		"empty profile":  func(a *Arrays) { a.Profile = "" },
		"unknown dir":    func(a *Arrays) { a.Dir = slices.Clone(a.Dir); a.Dir[0] = 4 },
		"offsets beyond": func(a *Arrays) { a.GeomOff = slices.Clone(a.GeomOff); a.GeomOff[len(a.GeomOff)-1]++ },
	} {
		b := g.Arrays()
		bad(&b)
		var ie *InputError
		if _, err := FromArrays(b); !errors.Is(err, ErrInvalid) || !errors.As(err, &ie) {
			t.Errorf("%s: %v, want an InputError", name, err)
		}
	}
}
