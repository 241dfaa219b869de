package graphfile

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/road"
)

// randomGraph returns n vertices in a 20 km box with about 2n edges of 2
// to 4 points, including parallel edges, self-loops, isolated vertices,
// one-ways and a few non-routable edges.
func randomGraph(rng *rand.Rand, n int) ([]orb.Point, []road.EdgeSpec) {
	vs := make([]orb.Point, n)
	for i := range vs {
		vs[i] = orb.Point{2.6 + 0.28*rng.Float64(), 50.8 + 0.18*rng.Float64()}
	}
	slices.SortFunc(vs, func(a, b orb.Point) int { return cmp.Compare(a[0], b[0]) })
	jitter := func(p orb.Point) orb.Point {
		return orb.Point{p[0] + 0.002*(rng.Float64()-0.5), p[1] + 0.002*(rng.Float64()-0.5)}
	}
	var es []road.EdgeSpec
	add := func(a, b int32) {
		geom := orb.LineString{vs[a]}
		for k := rng.IntN(3); k > 0 || (a == b && len(geom) < 3); k-- {
			geom = append(geom, jitter(vs[a]))
		}
		geom = append(geom, vs[b])
		var l float64
		for i := 1; i < len(geom); i++ {
			l += geodesic.Distance(geom[i-1], geom[i])
		}
		e := road.EdgeSpec{From: a, To: b, LengthM: l, SpeedKmh: 5 + 85*rng.Float64(),
			Geometry: geom, WayID: int64(len(es) + 1), Forward: true, Backward: true}
		switch r := rng.Float64(); {
		case r < 0.15:
			e.Backward = false
		case r < 0.27:
			e.Forward = false
		case r < 0.30:
			e.Forward, e.Backward = false, false
		}
		es = append(es, e)
	}
	live := n - n/50 // the last ids stay isolated
	for i := 1; i < live; i++ {
		add(int32(i), int32(max(0, i-1-rng.IntN(6))))
	}
	for k := 0; k < live; k++ {
		a := rng.IntN(live)
		add(int32(a), int32(min(live-1, max(0, a+rng.IntN(21)-10))))
	}
	return vs, es
}

// sampleGraph is a random graph of n vertices with labels and meta.
func sampleGraph(tb testing.TB, p road.Profile, n int, seed uint64) *road.Graph {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 17))
	vs, es := randomGraph(rng, n)
	return labelled(tb, p, vs, es)
}

// labelled builds the graph with three vertex labels and meta.
func labelled(tb testing.TB, p road.Profile, vs []orb.Point, es []road.EdgeSpec) *road.Graph {
	tb.Helper()
	n := len(vs)
	g, err := road.Build(p, vs, es)
	if err != nil {
		tb.Fatal(err)
	}
	labels := make([]uint8, n)
	for v := range labels {
		labels[v] = uint8(1 + v*3/n)
	}
	if err := g.SetVertexLabels(labels); err != nil {
		tb.Fatal(err)
	}
	g.Meta = map[string]string{"osm.replication": "2024-06-01T20:21:02Z", "source.sha256": "9f86d081884c7d65", "empty": ""}
	return g
}

func encode(tb testing.TB, g *road.Graph) []byte {
	tb.Helper()
	var buf bytes.Buffer
	n, err := Write(&buf, g)
	if err != nil {
		tb.Fatal(err)
	}
	if n != int64(buf.Len()) {
		tb.Fatalf("Write reported %d bytes, wrote %d", n, buf.Len())
	}
	return buf.Bytes()
}

// sameGraph compares every stored array; what searches use is derived
// from them, checked by Validate and by TestRoundTrip's searches.
func sameGraph(t *testing.T, a, b *road.Graph) {
	t.Helper()
	if err := b.Validate(); err != nil {
		t.Fatal(err)
	}
	if x, y := a.Arrays(), b.Arrays(); !reflect.DeepEqual(x, y) {
		t.Errorf("the arrays differ after the round trip")
	}
	ca, la := a.Components()
	cb, lb := b.Components()
	if ca != cb || la != lb || a.MemoryBytes() != b.MemoryBytes() {
		t.Errorf("components or sizes differ after the round trip")
	}
}

// randomSnaps returns snaps on random routable edges.
func randomSnaps(rng *rand.Rand, g *road.Graph, k int) []road.Snap {
	var out []road.Snap
	for len(out) < k {
		e := int32(rng.IntN(g.NumEdges()))
		if g.Routable(e) {
			out = append(out, road.Snap{Edge: e, Frac: [3]float64{0, rng.Float64(), 1}[rng.IntN(3)]})
		}
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	g := sampleGraph(t, road.Car, 700, 1)
	data := encode(t, g)
	h, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Validate(); err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, h)
	// Same answers from both graphs.
	rng := rand.New(rand.NewPCG(2, 3))
	seeds := randomSnaps(rng, g, 10)
	targets := randomSnaps(rng, g, 100)
	wa, wb := road.NewWorkspace(g), road.NewWorkspace(h)
	for _, s := range []road.Search{{Weight: road.Time}, {Weight: road.Length, ClosedBorders: true}} {
		if err := g.Nearest(wa, seeds, s); err != nil {
			t.Fatal(err)
		}
		if err := h.Nearest(wb, seeds, s); err != nil {
			t.Fatal(err)
		}
		for _, tg := range targets {
			ra, oka := wa.Cost(tg)
			rb, okb := wb.Cost(tg)
			if ra != rb || oka != okb {
				t.Fatalf("target %+v: %+v before, %+v after", tg, ra, rb)
			}
		}
	}
	if again := encode(t, h); !bytes.Equal(again, data) {
		t.Error("re-encoding the read graph changed the bytes")
	}
}

func TestReadFileAndPipe(t *testing.T) {
	g := sampleGraph(t, road.Car, 300, 9)
	name := filepath.Join(t.TempDir(), "car.graph")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(f, g); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	f, err = os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fromFile, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, fromFile)
	fromPipe, err := Read(opaque(encode(t, g)))
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, fromPipe)
}

func TestReadStream(t *testing.T) {
	car := sampleGraph(t, road.Car, 50, 4)
	foot := sampleGraph(t, road.Foot, 60, 5)
	var buf bytes.Buffer
	for _, g := range []*road.Graph{car, foot} {
		if _, err := Write(&buf, g); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []*road.Graph{car, foot} {
		got, err := Read(&buf)
		if err != nil {
			t.Fatal(err)
		}
		sameGraph(t, want, got)
	}
	if _, err := Read(&buf); !errors.Is(err, io.EOF) || errors.Is(err, ErrCorrupt) {
		t.Errorf("reading past the last graph: %v, want io.EOF", err)
	}
}

func TestReadCorrupt(t *testing.T) {
	data := encode(t, sampleGraph(t, road.Car, 40, 6))
	t.Run("flipped bytes", func(t *testing.T) {
		for i := 0; i < len(data); i += 3 {
			bad := bytes.Clone(data)
			bad[i] ^= 0x5a
			_, err := Read(bytes.NewReader(bad))
			want := ErrCorrupt
			if i < 12 { // magic and version
				want = ErrFormat
			}
			if !errors.Is(err, want) {
				t.Fatalf("byte %d flipped: %v, want %v", i, err, want)
			}
		}
	})
	t.Run("truncated", func(t *testing.T) {
		for n := 1; n < len(data); n += 5 {
			for _, r := range []io.Reader{bytes.NewReader(data[:n]), opaque(data[:n])} {
				if _, err := Read(r); !errors.Is(err, ErrCorrupt) || !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Fatalf("truncated to %d bytes (%T): %v, want ErrCorrupt and io.ErrUnexpectedEOF", n, r, err)
				}
			}
		}
	})
	t.Run("foreign", func(t *testing.T) {
		for name, b := range map[string][]byte{
			"geojson": []byte(`{"type":"FeatureCollection","features":[]}`),
			"pbf":     {0, 0, 0, 13, 10, 9, 'O', 'S', 'M', 'H', 'e', 'a', 'd', 'e', 'r'},
			"version": append([]byte("PARTONSG"), 5, 0, 0, 0),
		} {
			if _, err := Read(bytes.NewReader(b)); !errors.Is(err, ErrFormat) {
				t.Errorf("%s: %v, want ErrFormat", name, err)
			}
		}
	})
}

// corruptWithin16MiB checks that b, whose counts announce far more than
// it holds, reads as ErrCorrupt from a sized and an unsized reader
// without allocating more than 16 MiB.
func corruptWithin16MiB(t *testing.T, what string, b []byte) {
	t.Helper()
	for _, r := range []io.Reader{bytes.NewReader(b), opaque(b)} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := Read(r)
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("%T: %s: %v, want ErrCorrupt", r, what, err)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
			t.Errorf("%T: %s: allocated %d MiB", r, what, grew>>20)
		}
	}
}

// opaque hides the size of an in-memory reader, as a pipe or socket would.
func opaque(b []byte) io.Reader { return struct{ io.Reader }{bytes.NewReader(b)} }

// header builds a file prefix with the given counts and no arrays.
func header(counts ...uint32) []byte {
	b := append([]byte(Magic), 1, 0, 0, 0)
	b = binary.LittleEndian.AppendUint32(b, 3)
	b = append(b, "car"...)
	b = binary.LittleEndian.AppendUint32(b, 0) // no meta
	for _, c := range counts {
		b = binary.LittleEndian.AppendUint32(b, c)
	}
	return b
}

func TestReadAbsurdSizes(t *testing.T) {
	for name, b := range map[string][]byte{
		"too many vertices":  header(road.MaxVertices+1, 0, 0, 0),
		"too many edges":     header(0, road.MaxEdges+1, 0, 0),
		"labels mismatch":    header(10, 0, 0, 3),
		"geometry too small": header(2, 5, 9, 0),
		"huge profile":       append(append([]byte(Magic), 1, 0, 0, 0), 0xff, 0xff, 0xff, 0x7f),
	} {
		if _, err := Read(bytes.NewReader(b)); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v, want ErrCorrupt", name, err)
		}
	}
	// A header claiming 2²⁹ vertices, followed by 3 MiB of zeros, must
	// fail without allocating the 8 GiB the count implies, whether or not
	// the reader's size is known.
	b := append(header(1<<29, 1<<28, 1<<29, 0), make([]byte, 3<<20)...)
	corruptWithin16MiB(t, "huge counts, 3 MiB body", b)
}

func TestReadInvalidContent(t *testing.T) {
	g := sampleGraph(t, road.Car, 30, 7)
	g.Arrays().From[0] = 999 // out of range, but with a valid checksum
	_, err := Read(bytes.NewReader(encode(t, g)))
	var ie *road.InputError
	if !errors.Is(err, ErrCorrupt) || !errors.Is(err, road.ErrInvalid) || !errors.As(err, &ie) || ie.Index != 0 {
		t.Errorf("got %v, want ErrCorrupt wrapping an InputError for edge 0", err)
	}
}

// FuzzRead checks that Read never panics and that what it
// accepts is a valid graph that re-encodes to the same bytes.
// Run: go test -run=^$ -fuzz=FuzzRead -fuzztime=60s ./geo/road/graphfile/
func FuzzRead(f *testing.F) {
	data := encode(f, sampleGraph(f, road.Car, 12, 8))
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add(append(bytes.Clone(data), data...))
	f.Add(header(1, 0, 0, 0))
	f.Add([]byte{})
	_, _, hier := withHierarchy(f, 12, 8, road.Time)
	f.Add(hier)
	f.Add(hier[:len(hier)-30])
	_, _, core := withHierarchy(f, 12, 8, road.Time, road.CoreDegree(1e-9))
	f.Add(core)
	f.Add(core[:len(core)-30])
	e7 := encode(f, e7Graph(f, 12, 8)) // version 4
	f.Add(e7)
	f.Add(e7[:len(e7)-30])
	g7 := e7Graph(f, 12, 8)
	if err := g7.BuildHierarchy(road.Time, road.CoreDegree(1e-9)); err != nil {
		f.Fatal(err)
	}
	f.Add(encode(f, g7))
	f.Fuzz(func(t *testing.T, b []byte) {
		// A whole stream: never a panic, only the documented errors, and
		// a graph only when every byte was accepted.
		for _, p := range []road.Profile{road.Car, road.Foot} {
			pg, _, perr := ReadProfile(bytes.NewReader(b), p)
			if perr != nil && !errors.Is(perr, ErrCorrupt) && !errors.Is(perr, ErrFormat) {
				t.Fatalf("ReadProfile: unexpected error class: %v", perr)
			}
			if pg != nil && pg.Validate() != nil {
				t.Fatalf("ReadProfile accepted an invalid graph")
			}
		}
		g, err := Read(bytes.NewReader(b))
		if g2, err2 := Read(opaque(b)); (err == nil) != (err2 == nil) || (err == nil && g2.NumEdges() != g.NumEdges()) {
			t.Fatalf("sized and unsized readers disagree: %v vs %v", err, err2)
		}
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrFormat) && !errors.Is(err, io.EOF) {
				t.Fatalf("unexpected error class: %v", err)
			}
			return
		}
		if err := g.Validate(); err != nil {
			t.Fatalf("accepted an invalid graph: %v", err)
		}
		if again := encode(t, g); !bytes.Equal(again, b[:len(again)]) {
			t.Fatal("accepted bytes do not re-encode identically")
		}
	})
}

// twoGraphs is a stream of a car and a foot graph, and where the second
// starts.
func twoGraphs(t *testing.T) (data []byte, second int) {
	t.Helper()
	car := sampleGraph(t, road.Car, 50, 4)
	foot := sampleGraph(t, road.Foot, 60, 5)
	a := encode(t, car)
	return append(a, encode(t, foot)...), len(a)
}

func TestReadProfile(t *testing.T) {
	data, second := twoGraphs(t)
	for _, r := range []func([]byte) io.Reader{func(b []byte) io.Reader { return bytes.NewReader(b) }, opaque} {
		g, profiles, err := ReadProfile(r(data), road.Foot)
		if err != nil || g == nil || g.Profile() != road.Foot || !reflect.DeepEqual(profiles, []road.Profile{road.Car, road.Foot}) {
			t.Fatalf("foot: %v %v %v", g, profiles, err)
		}
		g, profiles, err = ReadProfile(r(data), road.Bicycle)
		if err != nil || g != nil || len(profiles) != 2 {
			t.Fatalf("bicycle: %v %v %v, want no graph and no error", g, profiles, err)
		}
	}
	// Every byte is verified, also those of the graphs not decoded.
	for i := 0; i < len(data); i += 41 {
		bad := bytes.Clone(data)
		bad[i] ^= 0x20
		for _, p := range []road.Profile{road.Car, road.Foot} {
			if _, _, err := ReadProfile(bytes.NewReader(bad), p); !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrFormat) {
				t.Fatalf("byte %d flipped, reading %s: %v, want an error", i, p, err)
			}
		}
	}
	for name, c := range map[string]struct {
		b    []byte
		want error
		msg  string
	}{
		"one byte appended":    {append(bytes.Clone(data), 0), ErrCorrupt, "trailing data at byte"},
		"text appended":        {append(bytes.Clone(data), "trailing garbage"...), ErrCorrupt, "trailing data at byte"},
		"magic appended":       {append(bytes.Clone(data), Magic...), ErrCorrupt, "trailing data at byte"},
		"header appended":      {append(bytes.Clone(data), header(1, 0, 0, 0)...), ErrCorrupt, "graph 3 (from byte"},
		"graph twice":          {append(bytes.Clone(data), data[second:]...), ErrCorrupt, "a second foot graph"},
		"empty":                {nil, ErrFormat, "empty input"},
		"truncated second":     {data[:len(data)-1], ErrCorrupt, "but only"},
		"truncated after head": {data[:second+60], ErrCorrupt, "graph 2 (from byte"},
	} {
		_, _, err := ReadProfile(bytes.NewReader(c.b), road.Car)
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v, want %v saying %q", name, err, c.want, c.msg)
		}
	}
}

// A header announcing more than the input holds fails naming the counts
// and the bytes left, before any array is read: 16 bytes per vertex, 33
// per edge, 4 per geometry offset (edges + 1), 16 per geometry point, one
// per label and 4 of checksum.
func TestReadCountsAgainstSize(t *testing.T) {
	b := append(header(1000, 10, 20, 0), make([]byte, 100)...)
	_, err := Read(bytes.NewReader(b))
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "announces 1000 vertices, 10 edges, 20 geometry points and 0 labels (16698 bytes), but only 100 bytes follow") {
		t.Errorf("got %v", err)
	}
}
