package graphfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"os"
	"slices"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/road"
)

// decoder reads exactly the bytes it needs through a checksum.
type decoder struct {
	r      io.Reader
	crc    hash.Hash32
	buf    []byte
	remain int64 // bytes left in r when known (in-memory readers, files), else -1
	skip   bool  // verify sizes and checksum only, decode nothing
}

// remaining returns how many bytes r still holds, or -1 if unknown.
func remaining(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }: // bytes.Reader, bytes.Buffer, strings.Reader
		return int64(v.Len())
	case *os.File:
		fi, err := v.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return -1
		}
		if off, err := v.Seek(0, io.SeekCurrent); err == nil && off <= fi.Size() {
			return fi.Size() - off
		}
	}
	return -1
}

func (d *decoder) read(n int) ([]byte, error) {
	if cap(d.buf) < n {
		d.buf = make([]byte, n)
	}
	b := d.buf[:n]
	if d.remain >= 0 {
		d.remain -= int64(n)
	}
	if _, err := io.ReadFull(d.r, b); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	d.crc.Write(b)
	return b, nil
}

func (d *decoder) u32() (uint32, error) {
	b, err := d.read(4)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(b), nil
}

func (d *decoder) str(limit int, what string) (string, error) {
	n, err := d.u32()
	if err != nil {
		return "", err
	}
	if n > uint32(limit) {
		return "", fmt.Errorf("%w: %s of %d bytes exceeds %d", ErrCorrupt, what, n, limit)
	}
	b, err := d.read(int(n))
	return string(b), err
}

// readArray decodes n elements of size bytes in chunks. When the input's
// size is known, a count it cannot hold fails at once and the rest is
// allocated exactly; otherwise dst grows only as data actually arrives. In
// both cases a file claiming a huge count fails before allocating much more
// than its own size. In skip mode the bytes are read and checksummed, and
// nil is returned.
func readArray[T any](d *decoder, n, size int, get func(b []byte) T) ([]T, error) {
	var dst []T
	if d.skip {
		for n > 0 {
			k := min(n, chunkBytes/size)
			if _, err := d.read(k * size); err != nil {
				return nil, err
			}
			n -= k
		}
		return nil, nil
	}
	if d.remain >= 0 {
		if int64(n)*int64(size) > d.remain {
			return nil, fmt.Errorf("%w: %d elements of %d bytes announced, %d bytes left: %w",
				ErrCorrupt, n, size, d.remain, io.ErrUnexpectedEOF)
		}
		dst = make([]T, 0, n)
	}
	per := chunkBytes / size
	for n > 0 {
		k := min(n, per)
		b, err := d.read(k * size)
		if err != nil {
			return nil, err
		}
		dst = slices.Grow(dst, k)
		for i := 0; i < k; i++ {
			dst = append(dst, get(b[i*size:]))
		}
		n -= k
	}
	if dst == nil {
		dst = []T{}
	}
	return dst, nil
}

func getPoint(b []byte) orb.Point {
	return orb.Point{
		math.Float64frombits(binary.LittleEndian.Uint64(b)),
		math.Float64frombits(binary.LittleEndian.Uint64(b[8:])),
	}
}

// getPointE7 reads a point of version 4: two int32 of 10⁻⁷ degrees.
func getPointE7(b []byte) orb.Point {
	return orb.Point{road.FromE7(getI32(b)), road.FromE7(getI32(b[4:]))}
}

func getI32(b []byte) int32   { return int32(binary.LittleEndian.Uint32(b)) }
func getU32(b []byte) uint32  { return binary.LittleEndian.Uint32(b) }
func getI64(b []byte) int64   { return int64(binary.LittleEndian.Uint64(b)) }
func getF64(b []byte) float64 { return math.Float64frombits(binary.LittleEndian.Uint64(b)) }
func getU8(b []byte) uint8    { return b[0] }

// Read reads one graph written by Write. It reads exactly the
// graph's bytes and no further (graphs of several profiles may follow one
// another in a stream, see ReadProfile), and never panics on bad input.
// Errors wrap io.EOF when r holds no byte at all, ErrFormat (wrong magic or
// version) or ErrCorrupt (truncation, absurd sizes, bad checksum, or
// content failing road.Build's checks, then also wrapping road.ErrInvalid). Array
// sizes are capped (road.MaxVertices, road.MaxEdges, road.MaxGeometryPoints); when r's
// size is known (see remaining) the header's counts are checked against it
// before anything is allocated, otherwise memory grows only with the bytes
// actually read. Time O(V + E + G), dominated by decoding.
func Read(r io.Reader) (*road.Graph, error) {
	d := &decoder{r: r, crc: crc32.New(castagnoli), remain: remaining(r)}
	g, _, err := d.graph(func(road.Profile) bool { return true })
	if err != nil {
		return nil, fmt.Errorf("graphfile: read graph: %w", err)
	}
	return g, nil
}

// ReadProfile reads a whole stream of graphs written one after the other by
// Write (the file partons prepare writes), to its end: it decodes the
// graph of profile p and checks the sizes and checksum of every other one
// without decoding it, so that every byte of the stream is verified. It
// returns that graph, or nil if the stream holds none of p, and the
// profiles found, in order. A stream without any graph is ErrFormat; a
// profile present twice, or any byte after the last graph, is ErrCorrupt.
// Time O(size of the stream); memory that of the graph of p.
func ReadProfile(r io.Reader, p road.Profile) (*road.Graph, []road.Profile, error) {
	cr := &countingReader{r: r, left: remaining(r)}
	var (
		found    *road.Graph
		profiles []road.Profile
	)
	for {
		start := cr.n
		d := &decoder{r: cr, crc: crc32.New(castagnoli), remain: cr.left}
		g, prof, err := d.graph(func(q road.Profile) bool { return q == p })
		switch {
		case errors.Is(err, io.EOF) && !errors.Is(err, ErrCorrupt):
			if len(profiles) == 0 {
				return nil, nil, fmt.Errorf("graphfile: read graphs: %w: empty input", ErrFormat)
			}
			return found, profiles, nil
		case err != nil && len(profiles) > 0 && cr.n-start <= int64(len(Magic)):
			// What follows the last graph does not even start like one.
			return nil, nil, fmt.Errorf("graphfile: read graphs: %w: trailing data at byte %d, after the last graph (%s)",
				ErrCorrupt, start, profiles[len(profiles)-1])
		case err != nil:
			return nil, nil, fmt.Errorf("graphfile: read graphs: graph %d (from byte %d): %w", len(profiles)+1, start, err)
		}
		if slices.Contains(profiles, prof) {
			return nil, nil, fmt.Errorf("graphfile: read graphs: %w: a second %s graph at byte %d", ErrCorrupt, prof, start)
		}
		profiles = append(profiles, prof)
		if g != nil {
			found = g
		}
	}
}

// countingReader counts the bytes read through it and keeps r's remaining
// size (Len) when it is known.
type countingReader struct {
	r    io.Reader
	n    int64
	left int64 // -1: unknown
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n += int64(k)
	if c.left >= 0 {
		c.left = max(c.left-int64(k), 0)
	}
	return k, err
}

// graph reads one graph, decoding it only when keep(its profile) is true:
// otherwise it checks its sizes and checksum and returns a nil graph.
func (d *decoder) graph(keep func(road.Profile) bool) (*road.Graph, road.Profile, error) {
	magic := make([]byte, len(Magic))
	if n, err := io.ReadFull(d.r, magic); err != nil {
		if n == 0 && errors.Is(err, io.EOF) {
			return nil, "", io.EOF // clean end of a stream of graphs
		}
		return nil, "", fmt.Errorf("%w: %d bytes, too short for a graph: %w", ErrCorrupt, n, io.ErrUnexpectedEOF)
	}
	if d.remain >= 0 {
		d.remain -= int64(len(magic))
	}
	d.crc.Write(magic)
	if string(magic) != Magic {
		return nil, "", fmt.Errorf("%w: magic %q, want %q", ErrFormat, magic, Magic)
	}
	return d.body(keep)
}

func (d *decoder) body(keep func(road.Profile) bool) (*road.Graph, road.Profile, error) {
	version, err := d.u32()
	if err != nil {
		return nil, "", err
	}
	if version < fileVersion || version > fileVersionE7 {
		return nil, "", fmt.Errorf("%w: format version %d, this build reads %d to %d", ErrFormat, version, fileVersion, fileVersionE7)
	}
	pointBytes, getP := 16, getPoint
	if version >= fileVersionE7 {
		pointBytes, getP = 8, getPointE7
	}
	profile, err := d.str(maxProfileLen, "profile")
	if err != nil {
		return nil, "", err
	}
	d.skip = !keep(road.Profile(profile))
	nMeta, err := d.u32()
	if err != nil {
		return nil, "", err
	}
	if nMeta > maxMetaEntries {
		return nil, "", fmt.Errorf("%w: %d meta entries exceed %d", ErrCorrupt, nMeta, maxMetaEntries)
	}
	meta := make(map[string]string, nMeta)
	prev := ""
	for i := uint32(0); i < nMeta; i++ {
		k, err := d.str(maxMetaString, "meta key")
		if err != nil {
			return nil, "", err
		}
		v, err := d.str(maxMetaString, "meta value")
		if err != nil {
			return nil, "", err
		}
		if i > 0 && k <= prev {
			return nil, "", fmt.Errorf("%w: meta keys not sorted and unique at %q", ErrCorrupt, k)
		}
		meta[k], prev = v, k
	}
	var counts [4]uint32
	for i := range counts {
		if counts[i], err = d.u32(); err != nil {
			return nil, "", err
		}
	}
	nV, nE, nG, nL := int(counts[0]), int(counts[1]), int(counts[2]), int(counts[3])
	switch {
	case nV > road.MaxVertices, nE > road.MaxEdges, nG > road.MaxGeometryPoints:
		return nil, "", fmt.Errorf("%w: sizes %d vertices, %d edges, %d points exceed the limits", ErrCorrupt, nV, nE, nG)
	case nL != 0 && nL != nV:
		return nil, "", fmt.Errorf("%w: %d labels for %d vertices", ErrCorrupt, nL, nV)
	case nG < 2*nE:
		return nil, "", fmt.Errorf("%w: %d geometry points for %d edges", ErrCorrupt, nG, nE)
	}
	// Every array and the checksum must fit in what is left of the input
	// before any of them is allocated.
	need := int64(pointBytes)*int64(nV) + (4+4+8+8+1+8)*int64(nE) + 4*int64(nE+1) + int64(pointBytes)*int64(nG) + int64(nL) + 4
	if d.remain >= 0 && need > d.remain {
		return nil, "", fmt.Errorf("%w: the %s graph announces %d vertices, %d edges, %d geometry points and %d labels (%d bytes), but only %d bytes follow: %w",
			ErrCorrupt, profile, nV, nE, nG, nL, need, d.remain, io.ErrUnexpectedEOF)
	}
	a := road.Arrays{Meta: meta, Profile: road.Profile(profile)}
	if a.Vertices, err = readArray(d, nV, pointBytes, getP); err != nil {
		return nil, "", err
	}
	if a.From, err = readArray(d, nE, 4, getI32); err != nil {
		return nil, "", err
	}
	if a.To, err = readArray(d, nE, 4, getI32); err != nil {
		return nil, "", err
	}
	if a.LengthM, err = readArray(d, nE, 8, getF64); err != nil {
		return nil, "", err
	}
	if a.SpeedKmh, err = readArray(d, nE, 8, getF64); err != nil {
		return nil, "", err
	}
	if a.Dir, err = readArray(d, nE, 1, getU8); err != nil {
		return nil, "", err
	}
	if a.WayID, err = readArray(d, nE, 8, getI64); err != nil {
		return nil, "", err
	}
	off, err := readArray(d, nE+1, 4, getU32)
	if err != nil {
		return nil, "", err
	}
	if !d.skip {
		a.GeomOff = make([]int32, len(off))
	}
	for i, o := range off {
		if o > uint32(nG) || (i > 0 && o < off[i-1]) {
			return nil, "", fmt.Errorf("%w: geometry offset %d of edge %d out of order", ErrCorrupt, o, i)
		}
		a.GeomOff[i] = int32(o)
	}
	if a.Geometry, err = readArray(d, nG, pointBytes, getP); err != nil {
		return nil, "", err
	}
	if nL > 0 {
		if a.Labels, err = readArray(d, nL, 1, getU8); err != nil {
			return nil, "", err
		}
	}
	var hs []hierarchy
	if version >= fileVersionHierarchy {
		if hs, err = d.hierarchies(profile, nV, version); err != nil {
			return nil, "", err
		}
	}
	want := d.crc.Sum32()
	sum, err := d.read(4)
	if err != nil {
		return nil, "", err
	}
	if got := binary.LittleEndian.Uint32(sum); got != want {
		return nil, "", fmt.Errorf("%w: checksum of the %s graph %08x, computed %08x", ErrCorrupt, profile, got, want)
	}
	if d.skip {
		return nil, a.Profile, nil
	}
	g, err := road.FromArrays(a)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	for _, h := range hs {
		if err := g.SetHierarchyArrays(h.w, h.HierarchyArrays); err != nil {
			return nil, "", fmt.Errorf("%w: the %s graph's %v hierarchy: %w", ErrCorrupt, profile, h.w, err)
		}
	}
	return g, a.Profile, nil
}

// hierarchyArcBytes is the size of a stored hierarchy arc.
const hierarchyArcBytes = 4 + 8 + 8

// hierarchies reads the hierarchy section of version 2, 3 or 4 (3 and 4
// add the core size): at most one hierarchy per weight, in increasing weight
// order, each of at most nV positions and a core within them. Every count is checked against what the input still holds
// before its arrays are allocated (see readArray when that is unknown).
// The structure itself is checked by road.Graph.SetHierarchyArrays once
// the graph is rebuilt.
func (d *decoder) hierarchies(profile string, nV int, version uint32) ([]hierarchy, error) {
	nH, err := d.u32()
	if err != nil {
		return nil, err
	}
	if nH > 2 {
		return nil, fmt.Errorf("%w: %d hierarchies in the %s graph, at most 2", ErrCorrupt, nH, profile)
	}
	var hs []hierarchy
	for i := uint32(0); i < nH; i++ {
		var c [6]uint32
		nc := 5
		if version >= fileVersionCore {
			nc = 6
		}
		for k := range c[:nc] {
			if c[k], err = d.u32(); err != nil {
				return nil, err
			}
		}
		w, nJ, nOut, nIn, sc, core := c[0], int64(c[1]), int64(c[2]), int64(c[3]), int64(c[4]), int64(c[5])
		switch {
		case w > uint32(road.Time) || (i > 0 && road.Weight(w) <= hs[i-1].w):
			return nil, fmt.Errorf("%w: hierarchy %d of the %s graph: weight %d unknown or out of order", ErrCorrupt, i+1, profile, w)
		case nJ > int64(nV):
			return nil, fmt.Errorf("%w: hierarchy of the %s graph: %d junctions for %d vertices", ErrCorrupt, profile, nJ, nV)
		case nOut > math.MaxInt32 || nIn > math.MaxInt32 || nOut+nIn > math.MaxInt32:
			return nil, fmt.Errorf("%w: hierarchy of the %s graph: %d and %d arcs exceed the limits", ErrCorrupt, profile, nOut, nIn)
		case sc > nOut+nIn:
			return nil, fmt.Errorf("%w: hierarchy of the %s graph: %d shortcuts among %d arcs", ErrCorrupt, profile, sc, nOut+nIn)
		case core > nJ:
			return nil, fmt.Errorf("%w: hierarchy of the %s graph: a core of %d among %d junctions", ErrCorrupt, profile, core, nJ)
		}
		need := 4*nJ + 8*(nJ+1) + hierarchyArcBytes*(nOut+nIn) + 4
		if d.remain >= 0 && need > d.remain {
			return nil, fmt.Errorf("%w: the %s graph's hierarchy announces %d junctions and %d arcs (%d bytes), but only %d bytes follow: %w",
				ErrCorrupt, profile, nJ, nOut+nIn, need, d.remain, io.ErrUnexpectedEOF)
		}
		h := hierarchy{w: road.Weight(w)}
		h.Shortcuts, h.Core = int(sc), int(core)
		if h.Vert, err = readArray(d, int(nJ), 4, getI32); err != nil {
			return nil, err
		}
		if h.OutOff, err = readArray(d, int(nJ)+1, 4, getI32); err != nil {
			return nil, err
		}
		if h.InOff, err = readArray(d, int(nJ)+1, 4, getI32); err != nil {
			return nil, err
		}
		if h.Out, err = readArray(d, int(nOut), hierarchyArcBytes, getArc); err != nil {
			return nil, err
		}
		if h.In, err = readArray(d, int(nIn), hierarchyArcBytes, getArc); err != nil {
			return nil, err
		}
		hs = append(hs, h)
	}
	if version == fileVersionCore && !slices.ContainsFunc(hs, func(h hierarchy) bool { return h.Core > 0 }) {
		return nil, fmt.Errorf("%w: the %s graph is of version %d without a hierarchy with a core", ErrCorrupt, profile, version)
	}
	return hs, nil
}

func getArc(b []byte) road.HierarchyArc {
	return road.HierarchyArc{Other: getI32(b), W1: getF64(b[4:]), W2: getF64(b[12:])}
}
