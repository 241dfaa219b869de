package road

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func sampleGraph(tb testing.TB, n int, seed uint64) *Graph {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 17))
	vs, es := randomGraph(rng, n, false)
	g := mustBuild(tb, Car, vs, es)
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

func encode(tb testing.TB, g *Graph) []byte {
	tb.Helper()
	var buf bytes.Buffer
	n, err := g.WriteTo(&buf)
	if err != nil {
		tb.Fatal(err)
	}
	if n != int64(buf.Len()) {
		tb.Fatalf("WriteTo reported %d bytes, wrote %d", n, buf.Len())
	}
	return buf.Bytes()
}

// arcBits returns an adjacency with its weights as bits, comparable
// with reflect.DeepEqual (chain arcs hold a NaN).
func arcBits(c csr) [][3]uint32 {
	out := make([][3]uint32, 0, len(c.arcs)+len(c.off))
	for _, o := range c.off {
		out = append(out, [3]uint32{uint32(o)})
	}
	for _, a := range c.arcs {
		out = append(out, [3]uint32{uint32(a.head), math.Float32bits(a.lenM), math.Float32bits(a.timeS)})
	}
	return out
}

// sameGraph compares every stored and derived array.
func sameGraph(t *testing.T, a, b *Graph) {
	t.Helper()
	for _, f := range []struct {
		name string
		x, y any
	}{
		{"profile", a.profile, b.profile}, {"meta", a.Meta, b.Meta}, {"pts", a.pts, b.pts},
		{"from", a.eFrom, b.eFrom}, {"to", a.eTo, b.eTo}, {"len", a.eLen, b.eLen}, {"speed", a.eSpeed, b.eSpeed},
		{"time", a.eTime, b.eTime}, {"dir", a.eDir, b.eDir}, {"way", a.eWay, b.eWay},
		{"gOff", a.gOff, b.gOff}, {"gPts", a.gPts, b.gPts}, {"labels", a.labels, b.labels},
		{"fwd", arcBits(a.fwd), arcBits(b.fwd)}, {"rev", arcBits(a.rev), arcBits(b.rev)}, {"comp", a.comp, b.comp},
		{"jid", a.jid, b.jid}, {"cEdge", a.cEdge, b.cEdge}, {"cW", a.cW, b.cW},
	} {
		if !reflect.DeepEqual(f.x, f.y) {
			t.Errorf("%s differs after the round trip", f.name)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	g := sampleGraph(t, 700, 1)
	data := encode(t, g)
	h, err := ReadGraph(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Validate(); err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, h)
	// Same answers from both graphs.
	rng := rand.New(rand.NewPCG(2, 3))
	seeds := randomSnaps(rng, g, 10, nil)
	targets := randomSnaps(rng, g, 100, nil)
	wa, wb := NewWorkspace(g), NewWorkspace(h)
	for _, s := range []Search{{Weight: Time}, {Weight: Length, ClosedBorders: true}} {
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

func TestReadGraphFileAndPipe(t *testing.T) {
	g := sampleGraph(t, 300, 9)
	name := filepath.Join(t.TempDir(), "car.graph")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.WriteTo(f); err != nil {
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
	fromFile, err := ReadGraph(f)
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, fromFile)
	fromPipe, err := ReadGraph(opaque(encode(t, g)))
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, fromPipe)
}

func TestReadGraphStream(t *testing.T) {
	car := sampleGraph(t, 50, 4)
	foot := sampleGraph(t, 60, 5)
	foot.profile = Foot
	var buf bytes.Buffer
	for _, g := range []*Graph{car, foot} {
		if _, err := g.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []*Graph{car, foot} {
		got, err := ReadGraph(&buf)
		if err != nil {
			t.Fatal(err)
		}
		sameGraph(t, want, got)
	}
	if _, err := ReadGraph(&buf); !errors.Is(err, io.EOF) || errors.Is(err, ErrCorrupt) {
		t.Errorf("reading past the last graph: %v, want io.EOF", err)
	}
}

func TestReadGraphCorrupt(t *testing.T) {
	data := encode(t, sampleGraph(t, 40, 6))
	t.Run("flipped bytes", func(t *testing.T) {
		for i := 0; i < len(data); i += 3 {
			bad := bytes.Clone(data)
			bad[i] ^= 0x5a
			_, err := ReadGraph(bytes.NewReader(bad))
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
				if _, err := ReadGraph(r); !errors.Is(err, ErrCorrupt) || !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Fatalf("truncated to %d bytes (%T): %v, want ErrCorrupt and io.ErrUnexpectedEOF", n, r, err)
				}
			}
		}
	})
	t.Run("foreign", func(t *testing.T) {
		for name, b := range map[string][]byte{
			"geojson": []byte(`{"type":"FeatureCollection","features":[]}`),
			"pbf":     {0, 0, 0, 13, 10, 9, 'O', 'S', 'M', 'H', 'e', 'a', 'd', 'e', 'r'},
			"version": append([]byte("PARTONSG"), 2, 0, 0, 0),
		} {
			if _, err := ReadGraph(bytes.NewReader(b)); !errors.Is(err, ErrFormat) {
				t.Errorf("%s: %v, want ErrFormat", name, err)
			}
		}
	})
}

// opaque hides the size of an in-memory reader, as a pipe or socket would.
func opaque(b []byte) io.Reader { return struct{ io.Reader }{bytes.NewReader(b)} }

// header builds a file prefix with the given counts and no arrays.
func header(counts ...uint32) []byte {
	b := append([]byte(fileMagic), 1, 0, 0, 0)
	b = binary.LittleEndian.AppendUint32(b, 3)
	b = append(b, "car"...)
	b = binary.LittleEndian.AppendUint32(b, 0) // no meta
	for _, c := range counts {
		b = binary.LittleEndian.AppendUint32(b, c)
	}
	return b
}

func TestReadGraphAbsurdSizes(t *testing.T) {
	for name, b := range map[string][]byte{
		"too many vertices":  header(MaxVertices+1, 0, 0, 0),
		"too many edges":     header(0, MaxEdges+1, 0, 0),
		"labels mismatch":    header(10, 0, 0, 3),
		"geometry too small": header(2, 5, 9, 0),
		"huge profile":       append(append([]byte(fileMagic), 1, 0, 0, 0), 0xff, 0xff, 0xff, 0x7f),
	} {
		if _, err := ReadGraph(bytes.NewReader(b)); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v, want ErrCorrupt", name, err)
		}
	}
	// A header claiming 2²⁹ vertices, followed by 3 MiB of zeros, must
	// fail without allocating the 8 GiB the count implies, whether or not
	// the reader's size is known.
	b := append(header(1<<29, 1<<28, 1<<29, 0), make([]byte, 3<<20)...)
	for _, r := range []io.Reader{bytes.NewReader(b), opaque(b)} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := ReadGraph(r)
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("%T: huge counts, short body: %v, want ErrCorrupt", r, err)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
			t.Errorf("%T: allocated %d MiB for a 3 MiB body", r, grew>>20)
		}
	}
}

func TestReadGraphInvalidContent(t *testing.T) {
	g := sampleGraph(t, 30, 7)
	g.eFrom[0] = 999 // out of range, but with a valid checksum
	_, err := ReadGraph(bytes.NewReader(encode(t, g)))
	var ie *InputError
	if !errors.Is(err, ErrCorrupt) || !errors.Is(err, ErrInvalid) || !errors.As(err, &ie) || ie.Index != 0 {
		t.Errorf("got %v, want ErrCorrupt wrapping an InputError for edge 0", err)
	}
}

// FuzzReadGraph checks that ReadGraph never panics and that what it
// accepts is a valid graph that re-encodes to the same bytes.
// Run: go test -run=^$ -fuzz=FuzzReadGraph -fuzztime=60s ./geo/road/
func FuzzReadGraph(f *testing.F) {
	data := encode(f, sampleGraph(f, 12, 8))
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add(append(bytes.Clone(data), data...))
	f.Add(header(1, 0, 0, 0))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		// A whole stream: never a panic, only the documented errors, and
		// a graph only when every byte was accepted.
		for _, p := range []Profile{Car, Foot} {
			pg, _, perr := ReadProfile(bytes.NewReader(b), p)
			if perr != nil && !errors.Is(perr, ErrCorrupt) && !errors.Is(perr, ErrFormat) {
				t.Fatalf("ReadProfile: unexpected error class: %v", perr)
			}
			if pg != nil && pg.Validate() != nil {
				t.Fatalf("ReadProfile accepted an invalid graph")
			}
		}
		g, err := ReadGraph(bytes.NewReader(b))
		if g2, err2 := ReadGraph(opaque(b)); (err == nil) != (err2 == nil) || (err == nil && g2.NumEdges() != g.NumEdges()) {
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
	car := sampleGraph(t, 50, 4)
	foot := sampleGraph(t, 60, 5)
	foot.profile = Foot
	a := encode(t, car)
	return append(a, encode(t, foot)...), len(a)
}

func TestReadProfile(t *testing.T) {
	data, second := twoGraphs(t)
	for _, r := range []func([]byte) io.Reader{func(b []byte) io.Reader { return bytes.NewReader(b) }, opaque} {
		g, profiles, err := ReadProfile(r(data), Foot)
		if err != nil || g == nil || g.Profile() != Foot || !reflect.DeepEqual(profiles, []Profile{Car, Foot}) {
			t.Fatalf("foot: %v %v %v", g, profiles, err)
		}
		g, profiles, err = ReadProfile(r(data), Bicycle)
		if err != nil || g != nil || len(profiles) != 2 {
			t.Fatalf("bicycle: %v %v %v, want no graph and no error", g, profiles, err)
		}
	}
	// Every byte is verified, also those of the graphs not decoded.
	for i := 0; i < len(data); i += 41 {
		bad := bytes.Clone(data)
		bad[i] ^= 0x20
		for _, p := range []Profile{Car, Foot} {
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
		"magic appended":       {append(bytes.Clone(data), fileMagic...), ErrCorrupt, "trailing data at byte"},
		"header appended":      {append(bytes.Clone(data), header(1, 0, 0, 0)...), ErrCorrupt, "graph 3 (from byte"},
		"graph twice":          {append(bytes.Clone(data), data[second:]...), ErrCorrupt, "a second foot graph"},
		"empty":                {nil, ErrFormat, "empty input"},
		"truncated second":     {data[:len(data)-1], ErrCorrupt, "but only"},
		"truncated after head": {data[:second+60], ErrCorrupt, "graph 2 (from byte"},
	} {
		_, _, err := ReadProfile(bytes.NewReader(c.b), Car)
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v, want %v saying %q", name, err, c.want, c.msg)
		}
	}
}

// A header announcing more than the input holds fails naming the counts
// and the bytes left, before any array is read: 16 bytes per vertex, 33
// per edge, 4 per geometry offset (edges + 1), 16 per geometry point, one
// per label and 4 of checksum.
func TestReadGraphCountsAgainstSize(t *testing.T) {
	b := append(header(1000, 10, 20, 0), make([]byte, 100)...)
	_, err := ReadGraph(bytes.NewReader(b))
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "announces 1000 vertices, 10 edges, 20 geometry points and 0 labels (16698 bytes), but only 100 bytes follow") {
		t.Errorf("got %v", err)
	}
}
