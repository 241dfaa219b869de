package road

import (
	"bufio"
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
)

// File format errors; ReadGraph wraps them with detail.
var (
	// ErrFormat: not a partons graph file, or an unsupported version.
	ErrFormat = errors.New("road: not a partons graph file")
	// ErrCorrupt: truncated, inconsistent or failing its checksum.
	ErrCorrupt = errors.New("road: corrupt graph file")
)

// Graph file format, version 1. All integers and floats little-endian.
//
//	magic     [8]byte "PARTONSG"
//	version   uint32  = 1
//	profile   string  (uint32 length ≤ 256, bytes)
//	meta      uint32 count ≤ 4096, then count × (key, value) strings
//	          (each ≤ 64 KiB), sorted by key, keys unique
//	nV, nE, nG, nL uint32: vertices, edges, geometry points, labels (0 or nV)
//	vertices  nV × (lon, lat float64)
//	from, to  nE × int32 each
//	length    nE × float64 metres
//	speed     nE × float64 km/h
//	dir       nE × uint8 (bit 0 forward, bit 1 backward)
//	way       nE × int64
//	geomOff   (nE+1) × uint32
//	geometry  nG × (lon, lat float64)
//	labels    nL × uint8
//	crc       uint32 CRC-32C (Castagnoli) of every byte before it
//
// A graph file (partons prepare) is such graphs, one per profile, one after
// the other and nothing else; ReadProfile reads one back and verifies all.
//
// CSR adjacencies, times and components are rebuilt on reading (O(V+E)),
// which also re-validates everything; the R-tree is rebuilt on first Snap.
const (
	fileMagic      = "PARTONSG"
	fileVersion    = uint32(1)
	maxProfileLen  = 256
	maxMetaEntries = 4096
	maxMetaString  = 64 << 10
	chunkBytes     = 1 << 20
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// encoder writes little-endian data through a checksum; the first error
// sticks.
type encoder struct {
	w   *bufio.Writer
	crc hash.Hash32
	n   int64
	err error
	buf []byte
}

func (e *encoder) write(p []byte) {
	if e.err != nil {
		return
	}
	e.crc.Write(p)
	var k int
	k, e.err = e.w.Write(p)
	e.n += int64(k)
}

func (e *encoder) u32(v uint32) { e.write(binary.LittleEndian.AppendUint32(e.buf[:0], v)) }

func (e *encoder) str(s string) {
	e.u32(uint32(len(s)))
	e.write([]byte(s))
}

// array encodes n fixed-size elements through put in chunks.
func (e *encoder) array(n int, put func(b []byte, i int) []byte) {
	b := e.buf[:0]
	for i := 0; i < n; i++ {
		b = put(b, i)
		if len(b) >= chunkBytes-16 {
			e.write(b)
			b = b[:0]
		}
	}
	e.write(b)
	e.buf = b[:0]
}

func putF64(b []byte, v float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
}

// WriteTo writes the graph in the versioned binary format described above
// and returns the bytes written. Meta and vertex labels are included. It
// implements io.WriterTo. O(V + E + G) time, 1 MiB of buffers.
func (g *Graph) WriteTo(w io.Writer) (int64, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	e := &encoder{w: bw, crc: crc32.New(castagnoli), buf: make([]byte, 0, chunkBytes)}
	keys := make([]string, 0, len(g.Meta))
	for k := range g.Meta {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if len(g.profile) > maxProfileLen || len(keys) > maxMetaEntries {
		return 0, fmt.Errorf("road: write graph: profile or meta too large: %w", ErrInvalid)
	}
	for _, k := range keys {
		if len(k) > maxMetaString || len(g.Meta[k]) > maxMetaString {
			return 0, fmt.Errorf("road: write graph: meta %q longer than %d bytes: %w", k, maxMetaString, ErrInvalid)
		}
	}
	e.write([]byte(fileMagic))
	e.u32(fileVersion)
	e.str(string(g.profile))
	e.u32(uint32(len(keys)))
	for _, k := range keys {
		e.str(k)
		e.str(g.Meta[k])
	}
	nE := len(g.eFrom)
	for _, n := range []int{len(g.pts), nE, len(g.gPts), len(g.labels)} {
		e.u32(uint32(n))
	}
	points := func(ps []orb.Point) {
		e.array(len(ps), func(b []byte, i int) []byte { return putF64(putF64(b, ps[i][0]), ps[i][1]) })
	}
	points(g.pts)
	e.array(nE, func(b []byte, i int) []byte { return binary.LittleEndian.AppendUint32(b, uint32(g.eFrom[i])) })
	e.array(nE, func(b []byte, i int) []byte { return binary.LittleEndian.AppendUint32(b, uint32(g.eTo[i])) })
	e.array(nE, func(b []byte, i int) []byte { return putF64(b, g.eLen[i]) })
	e.array(nE, func(b []byte, i int) []byte { return putF64(b, g.eSpeed[i]) })
	e.write(g.eDir)
	e.array(nE, func(b []byte, i int) []byte { return binary.LittleEndian.AppendUint64(b, uint64(g.eWay[i])) })
	e.array(nE+1, func(b []byte, i int) []byte { return binary.LittleEndian.AppendUint32(b, uint32(g.gOff[i])) })
	points(g.gPts)
	e.write(g.labels)
	if e.err == nil {
		sum := binary.LittleEndian.AppendUint32(nil, e.crc.Sum32())
		var k int
		k, e.err = bw.Write(sum)
		e.n += int64(k)
	}
	if e.err == nil {
		e.err = bw.Flush()
	}
	if e.err != nil {
		return e.n, fmt.Errorf("road: write graph: %w", e.err)
	}
	return e.n, nil
}

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
func getI32(b []byte) int32   { return int32(binary.LittleEndian.Uint32(b)) }
func getU32(b []byte) uint32  { return binary.LittleEndian.Uint32(b) }
func getI64(b []byte) int64   { return int64(binary.LittleEndian.Uint64(b)) }
func getF64(b []byte) float64 { return math.Float64frombits(binary.LittleEndian.Uint64(b)) }
func getU8(b []byte) uint8    { return b[0] }

// ReadGraph reads one graph written by WriteTo. It reads exactly the
// graph's bytes and no further (graphs of several profiles may follow one
// another in a stream, see ReadProfile), and never panics on bad input.
// Errors wrap io.EOF when r holds no byte at all, ErrFormat (wrong magic or
// version) or ErrCorrupt (truncation, absurd sizes, bad checksum, or
// content failing Build's checks, then also wrapping ErrInvalid). Array
// sizes are capped (MaxVertices, MaxEdges, MaxGeometryPoints); when r's
// size is known (see remaining) the header's counts are checked against it
// before anything is allocated, otherwise memory grows only with the bytes
// actually read. Time O(V + E + G), dominated by decoding.
func ReadGraph(r io.Reader) (*Graph, error) {
	d := &decoder{r: r, crc: crc32.New(castagnoli), remain: remaining(r)}
	g, _, err := d.graph(func(Profile) bool { return true })
	if err != nil {
		return nil, fmt.Errorf("road: read graph: %w", err)
	}
	return g, nil
}

// ReadProfile reads a whole stream of graphs written one after the other by
// WriteTo (the file partons prepare writes), to its end: it decodes the
// graph of profile p and checks the sizes and checksum of every other one
// without decoding it, so that every byte of the stream is verified. It
// returns that graph, or nil if the stream holds none of p, and the
// profiles found, in order. A stream without any graph is ErrFormat; a
// profile present twice, or any byte after the last graph, is ErrCorrupt.
// Time O(size of the stream); memory that of the graph of p.
func ReadProfile(r io.Reader, p Profile) (*Graph, []Profile, error) {
	cr := &countingReader{r: r, left: remaining(r)}
	var (
		found    *Graph
		profiles []Profile
	)
	for {
		start := cr.n
		d := &decoder{r: cr, crc: crc32.New(castagnoli), remain: cr.left}
		g, prof, err := d.graph(func(q Profile) bool { return q == p })
		switch {
		case errors.Is(err, io.EOF) && !errors.Is(err, ErrCorrupt):
			if len(profiles) == 0 {
				return nil, nil, fmt.Errorf("road: read graphs: %w: empty input", ErrFormat)
			}
			return found, profiles, nil
		case err != nil && len(profiles) > 0 && cr.n-start <= int64(len(fileMagic)):
			// What follows the last graph does not even start like one.
			return nil, nil, fmt.Errorf("road: read graphs: %w: trailing data at byte %d, after the last graph (%s)",
				ErrCorrupt, start, profiles[len(profiles)-1])
		case err != nil:
			return nil, nil, fmt.Errorf("road: read graphs: graph %d (from byte %d): %w", len(profiles)+1, start, err)
		}
		if slices.Contains(profiles, prof) {
			return nil, nil, fmt.Errorf("road: read graphs: %w: a second %s graph at byte %d", ErrCorrupt, prof, start)
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
func (d *decoder) graph(keep func(Profile) bool) (*Graph, Profile, error) {
	magic := make([]byte, len(fileMagic))
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
	if string(magic) != fileMagic {
		return nil, "", fmt.Errorf("%w: magic %q, want %q", ErrFormat, magic, fileMagic)
	}
	return d.body(keep)
}

func (d *decoder) body(keep func(Profile) bool) (*Graph, Profile, error) {
	version, err := d.u32()
	if err != nil {
		return nil, "", err
	}
	if version != fileVersion {
		return nil, "", fmt.Errorf("%w: format version %d, this build reads %d", ErrFormat, version, fileVersion)
	}
	profile, err := d.str(maxProfileLen, "profile")
	if err != nil {
		return nil, "", err
	}
	d.skip = !keep(Profile(profile))
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
	case nV > MaxVertices, nE > MaxEdges, nG > MaxGeometryPoints:
		return nil, "", fmt.Errorf("%w: sizes %d vertices, %d edges, %d points exceed the limits", ErrCorrupt, nV, nE, nG)
	case nL != 0 && nL != nV:
		return nil, "", fmt.Errorf("%w: %d labels for %d vertices", ErrCorrupt, nL, nV)
	case nG < 2*nE:
		return nil, "", fmt.Errorf("%w: %d geometry points for %d edges", ErrCorrupt, nG, nE)
	}
	// Every array and the checksum must fit in what is left of the input
	// before any of them is allocated.
	need := 16*int64(nV) + (4+4+8+8+1+8)*int64(nE) + 4*int64(nE+1) + 16*int64(nG) + int64(nL) + 4
	if d.remain >= 0 && need > d.remain {
		return nil, "", fmt.Errorf("%w: the %s graph announces %d vertices, %d edges, %d geometry points and %d labels (%d bytes), but only %d bytes follow: %w",
			ErrCorrupt, profile, nV, nE, nG, nL, need, d.remain, io.ErrUnexpectedEOF)
	}
	g := &Graph{Meta: meta, profile: Profile(profile)}
	if g.pts, err = readArray(d, nV, 16, getPoint); err != nil {
		return nil, "", err
	}
	if g.eFrom, err = readArray(d, nE, 4, getI32); err != nil {
		return nil, "", err
	}
	if g.eTo, err = readArray(d, nE, 4, getI32); err != nil {
		return nil, "", err
	}
	if g.eLen, err = readArray(d, nE, 8, getF64); err != nil {
		return nil, "", err
	}
	if g.eSpeed, err = readArray(d, nE, 8, getF64); err != nil {
		return nil, "", err
	}
	if g.eDir, err = readArray(d, nE, 1, getU8); err != nil {
		return nil, "", err
	}
	if g.eWay, err = readArray(d, nE, 8, getI64); err != nil {
		return nil, "", err
	}
	off, err := readArray(d, nE+1, 4, getU32)
	if err != nil {
		return nil, "", err
	}
	if !d.skip {
		g.gOff = make([]int32, len(off))
	}
	for i, o := range off {
		if o > uint32(nG) || (i > 0 && o < off[i-1]) {
			return nil, "", fmt.Errorf("%w: geometry offset %d of edge %d out of order", ErrCorrupt, o, i)
		}
		g.gOff[i] = int32(o)
	}
	if g.gPts, err = readArray(d, nG, 16, getPoint); err != nil {
		return nil, "", err
	}
	if nL > 0 {
		if g.labels, err = readArray(d, nL, 1, getU8); err != nil {
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
		return nil, g.profile, nil
	}
	if err := g.checkInput(); err != nil {
		return nil, "", fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	g.finish()
	return g, g.profile, nil
}
