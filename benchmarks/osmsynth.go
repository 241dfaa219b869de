package benchmarks

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// SynthRoads describes a synthetic national road network written as an
// OSM PBF by WriteOSM: a jittered lattice of junctions 400 m apart, every
// link a way with 2–10 shape nodes, three in ten links split into two ways
// meeting end to end, motorways (dual one-way carriageways) every 40th row
// and column, primary roads every 8th, residential streets around towns
// (one in ten one-way) and tertiary or unclassified roads between them,
// a third of the rural links missing (long chains, dead ends). Two
// countries, FR south and BE north of a slanting border; only motorways,
// primaries and one in five other links cross it. The same Nodes and Seed
// give the same bytes.
type SynthRoads struct {
	Nodes int    // about how many OSM nodes to write
	Seed  uint64 // changes jitter, classes and splits
}

// Lattice size and spacing.
const (
	synthShapeSlots = 10    // shape node ids reserved per carriageway
	synthSpacingKm  = 0.4   // between junctions
	synthLon0       = 2.0   // south-west corner
	synthLat0       = 48.6  // up to 5M nodes, both countries stay where partons expects FR and BE
	synthKmPerDeg   = 111.2 // of latitude
	synthNodeBlock  = 8000  // nodes per PBF block
	synthWayBlock   = 4000  // ways per PBF block
)

// Side returns the number of junctions per lattice side: about 10 OSM
// nodes per junction (two links of six shape nodes on average, a fifth
// of the links missing).
func (s SynthRoads) Side() int { return max(2, int(math.Sqrt(float64(s.Nodes)/10))) }

// hash mixes the seed and up to four integers into a uniform float in
// [0,1) (splitmix64 finaliser), so that any part of the network can be
// computed in any order.
func (s SynthRoads) hash(a, b, c, d int) float64 {
	x := s.Seed*0x9E3779B97F4A7C15 ^ uint64(a)*0xBF58476D1CE4E5B9 ^ uint64(b)*0x94D049BB133111EB ^ uint64(c)*0xD6E8FEB86659FD93 ^ uint64(d)*0xA0761D6478BD642F
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return float64(x>>11) / (1 << 53)
}

// deg returns the lattice step in degrees of longitude and latitude.
func (s SynthRoads) deg() (dlon, dlat float64) {
	dlat = synthSpacingKm / synthKmPerDeg
	midLat := synthLat0 + dlat*float64(s.Side())/2
	return dlat / math.Cos(midLat*math.Pi/180), dlat
}

// junction returns the position (lattice units) of junction (r, c).
func (s SynthRoads) junction(r, c int) (x, y float64) {
	return float64(c) + 0.3*(s.hash(1, r, c, 0)-0.5), float64(r) + 0.3*(s.hash(2, r, c, 0)-0.5)
}

// lonLat converts lattice units to degrees.
func (s SynthRoads) lonLat(x, y float64) (lon, lat float64) {
	dlon, dlat := s.deg()
	return synthLon0 + x*dlon, synthLat0 + y*dlat
}

// borderY returns the lattice row of the border at column x.
func (s SynthRoads) borderY(x float64) float64 {
	n := float64(s.Side())
	return 0.45*n + 0.2*x + 0.02*n*math.Sin(x/n*9)
}

// Country returns "FR" or "BE" for a point in lattice units.
func (s SynthRoads) Country(x, y float64) string {
	if y < s.borderY(x) {
		return "FR"
	}
	return "BE"
}

// CountryAt returns "FR" or "BE" for a point in degrees.
func (s SynthRoads) CountryAt(lon, lat float64) string {
	dlon, dlat := s.deg()
	return s.Country((lon-synthLon0)/dlon, (lat-synthLat0)/dlat)
}

// town returns how close (0–1) lattice point (r, c) is to the centre of
// its 16 × 16 block's town, 0 beyond 4 links.
func (s SynthRoads) town(r, c int) float64 {
	br, bc := r/16, c/16
	tr, tc := br*16+2+int(12*s.hash(3, br, bc, 0)), bc*16+2+int(12*s.hash(4, br, bc, 0))
	d := math.Hypot(float64(r-tr), float64(c-tc))
	return max(0, 1-d/4)
}

// link describes the lattice link from junction (r, c) to the right
// (vertical false) or up (vertical true).
type link struct {
	r, c     int
	vertical bool
	class    string // "" when the link is missing
	oneway   bool
	shapes   int // shape nodes per carriageway
	split    int // index of the shape node where a second way starts; -1: one way
	index    int // position in link order, for node ids
}

// link returns link number i (horizontal links first, row by row, then
// vertical), with its class and shape.
func (s SynthRoads) link(i int) link {
	n := s.Side()
	l := link{index: i, split: -1}
	if h := n * (n - 1); i < h {
		l.r, l.c = i/(n-1), i%(n-1)
	} else {
		l.vertical = true
		l.r, l.c = (i-h)/n, (i-h)%n
	}
	line := l.r // the row (horizontal) or column (vertical) the link runs along
	if l.vertical {
		line = l.c
	}
	r2, c2 := l.r, l.c+1
	if l.vertical {
		r2, c2 = l.r+1, l.c
	}
	u := s.hash(5, l.r, l.c, b2i(l.vertical))
	urban := max(s.town(l.r, l.c), s.town(r2, c2))
	switch {
	case line%40 == 20:
		l.class = "motorway"
	case line%8 == 4:
		l.class = "primary"
	case urban > 0:
		l.class = "residential"
		l.oneway = u < 0.1
	case u < 0.33:
		l.class = "" // missing rural link
	case u < 0.6:
		l.class = "tertiary"
	default:
		l.class = "unclassified"
	}
	x1, y1 := s.junction(l.r, l.c)
	x2, y2 := s.junction(r2, c2)
	if l.class != "" && l.class != "motorway" && l.class != "primary" && s.Country(x1, y1) != s.Country(x2, y2) && s.hash(6, l.r, l.c, b2i(l.vertical)) >= 0.2 {
		l.class = "" // no crossing here
	}
	l.shapes = 2 + int(9*s.hash(7, l.r, l.c, b2i(l.vertical)))
	if s.hash(8, l.r, l.c, b2i(l.vertical)) < 0.3 {
		l.split = 1 + int(float64(l.shapes-1)*s.hash(9, l.r, l.c, b2i(l.vertical)))
	}
	return l
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// numLinks returns the number of lattice links.
func (s SynthRoads) numLinks() int { n := s.Side(); return 2 * n * (n - 1) }

// shapeID returns the OSM id of shape node k of carriageway w of link l.
func (s SynthRoads) shapeID(l link, w, k int) int64 {
	n := s.Side()
	return int64(n*n) + 1 + int64(l.index)*2*synthShapeSlots + int64(w*synthShapeSlots+k)
}

// shapePoint returns shape node k of carriageway w (lattice units): along
// the link with a lateral wiggle, carriageways 8 m apart.
func (s SynthRoads) shapePoint(l link, w, k int) (x, y float64) {
	x1, y1 := s.junction(l.r, l.c)
	var x2, y2 float64
	if l.vertical {
		x2, y2 = s.junction(l.r+1, l.c)
	} else {
		x2, y2 = s.junction(l.r, l.c+1)
	}
	t := float64(k+1) / float64(l.shapes+1)
	side := 0.12 * math.Sin(math.Pi*t) * (s.hash(10, l.index, 0, 0) - 0.5)
	if l.class == "motorway" {
		side = 0.02 * float64(2*w-1)
	}
	dx, dy := x2-x1, y2-y1
	return x1 + t*dx - side*dy, y1 + t*dy + side*dx
}

// carriageways returns how many ways run along a present link.
func (l link) carriageways() int {
	if l.class == "motorway" {
		return 2
	}
	if l.class == "" {
		return 0
	}
	return 1
}

// pbfWriter writes PBF file blocks.
type pbfWriter struct {
	w   *bufio.Writer
	buf bytes.Buffer
	err error
}

type pbMsg []byte

func (b pbMsg) key(num, wt int) pbMsg { return binary.AppendUvarint(b, uint64(num)<<3|uint64(wt)) }
func (b pbMsg) varint(num int, v uint64) pbMsg {
	return binary.AppendUvarint(b.key(num, 0), v)
}
func (b pbMsg) bytes(num int, d []byte) pbMsg {
	b = binary.AppendUvarint(b.key(num, 2), uint64(len(d)))
	return append(b, d...)
}
func zz(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

// block writes one file block of type typ holding message m, compressed.
func (p *pbfWriter) block(typ string, m pbMsg) {
	if p.err != nil {
		return
	}
	p.buf.Reset()
	zw, _ := zlib.NewWriterLevel(&p.buf, zlib.BestSpeed)
	zw.Write(m)
	if p.err = zw.Close(); p.err != nil {
		return
	}
	blob := pbMsg{}.varint(2, uint64(len(m))).bytes(3, p.buf.Bytes())
	h := pbMsg{}.bytes(1, []byte(typ)).varint(3, uint64(len(blob)))
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(h)))
	p.w.Write(n[:])
	p.w.Write(h)
	_, p.err = p.w.Write(blob)
}

// wayStrings is the string table of every way block.
var wayStrings = []string{"", "highway", "motorway", "primary", "tertiary", "unclassified", "residential", "oneway", "yes", "maxspeed", "70"}

func stringIndex(v string) uint64 {
	for i, s := range wayStrings {
		if s == v {
			return uint64(i)
		}
	}
	panic("benchmarks: no string " + v)
}

// RoadStats counts what WriteOSM wrote.
type RoadStats struct {
	Nodes, Ways, Crossings int64
}

// WriteOSM writes the network as an OSM PBF to w: junction nodes, then
// each link's shape nodes, then the ways. Memory O(block), time O(Nodes).
func (s SynthRoads) WriteOSM(w io.Writer) (RoadStats, error) {
	p := &pbfWriter{w: bufio.NewWriterSize(w, 1<<20)}
	n := s.Side()
	lon1, lat1 := s.lonLat(float64(n), float64(n))
	bbox := pbMsg{}.varint(1, zz(int64(synthLon0*1e9))).varint(2, zz(int64(lon1*1e9))).
		varint(3, zz(int64(lat1*1e9))).varint(4, zz(int64(synthLat0*1e9)))
	p.block("OSMHeader", pbMsg{}.bytes(1, bbox).bytes(4, []byte("OsmSchema-V0.6")).bytes(4, []byte("DenseNodes")).
		bytes(16, []byte("partons benchmarks/synth")))

	var st RoadStats
	var ids, lats, lons []int64
	flushNodes := func() {
		if len(ids) == 0 {
			return
		}
		var di, dla, dlo []byte
		var pi, pla, plo int64
		for k := range ids {
			di = binary.AppendUvarint(di, zz(ids[k]-pi))
			dla = binary.AppendUvarint(dla, zz(lats[k]-pla))
			dlo = binary.AppendUvarint(dlo, zz(lons[k]-plo))
			pi, pla, plo = ids[k], lats[k], lons[k]
		}
		dense := pbMsg{}.bytes(1, di).bytes(8, dla).bytes(9, dlo)
		group := pbMsg{}.bytes(2, dense)
		p.block("OSMData", pbMsg{}.bytes(1, pbMsg{}.bytes(1, nil)).bytes(2, group))
		st.Nodes += int64(len(ids))
		ids, lats, lons = ids[:0], lats[:0], lons[:0]
	}
	node := func(id int64, x, y float64) {
		lon, lat := s.lonLat(x, y)
		ids = append(ids, id)
		lats = append(lats, int64(math.Round(lat*1e7)))
		lons = append(lons, int64(math.Round(lon*1e7)))
		if len(ids) == synthNodeBlock {
			flushNodes()
		}
	}
	for r := range n {
		for c := range n {
			x, y := s.junction(r, c)
			node(int64(r*n+c)+1, x, y)
		}
	}
	for i := range s.numLinks() {
		l := s.link(i)
		for w := range l.carriageways() {
			for k := range l.shapes {
				x, y := s.shapePoint(l, w, k)
				node(s.shapeID(l, w, k), x, y)
			}
		}
	}
	flushNodes()

	var group pbMsg
	nWays := 0
	flushWays := func() {
		if nWays == 0 {
			return
		}
		var table pbMsg
		for _, str := range wayStrings {
			table = table.bytes(1, []byte(str))
		}
		p.block("OSMData", pbMsg{}.bytes(1, table).bytes(2, group))
		group, nWays = group[:0], 0
	}
	way := func(refs []int64, l link) {
		st.Ways++
		keys, vals := []byte{}, []byte{}
		keys = binary.AppendUvarint(keys, stringIndex("highway"))
		vals = binary.AppendUvarint(vals, stringIndex(l.class))
		if l.oneway {
			keys = binary.AppendUvarint(keys, stringIndex("oneway"))
			vals = binary.AppendUvarint(vals, stringIndex("yes"))
		}
		if l.class == "primary" {
			keys = binary.AppendUvarint(keys, stringIndex("maxspeed"))
			vals = binary.AppendUvarint(vals, stringIndex("70"))
		}
		var dr []byte
		var prev int64
		for _, id := range refs {
			dr = binary.AppendUvarint(dr, zz(id-prev))
			prev = id
		}
		m := pbMsg{}.varint(1, uint64(st.Ways)).bytes(2, keys).bytes(3, vals).bytes(8, dr)
		group = group.bytes(3, m)
		if nWays++; nWays == synthWayBlock {
			flushWays()
		}
	}
	var refs []int64
	for i := range s.numLinks() {
		l := s.link(i)
		a, b := int64(l.r*n+l.c)+1, int64(l.r*n+l.c+1)+1
		if l.vertical {
			b = int64((l.r+1)*n+l.c) + 1
		}
		if l.class != "" {
			x1, y1 := s.junction(l.r, l.c)
			x2, y2 := s.junction(int(b-1)/n, int(b-1)%n)
			if s.Country(x1, y1) != s.Country(x2, y2) {
				st.Crossings++
			}
		}
		for w := range l.carriageways() {
			refs = append(refs[:0], a)
			for k := range l.shapes {
				refs = append(refs, s.shapeID(l, w, k))
			}
			refs = append(refs, b)
			if w == 1 { // the second carriageway runs the other way
				for x, y := 0, len(refs)-1; x < y; x, y = x+1, y-1 {
					refs[x], refs[y] = refs[y], refs[x]
				}
			}
			if l.split > 0 {
				way(refs[:l.split+1], l)
				way(refs[l.split:], l)
			} else {
				way(refs, l)
			}
		}
	}
	flushWays()
	if p.err == nil {
		p.err = p.w.Flush()
	}
	if p.err != nil {
		return st, fmt.Errorf("benchmarks: write synthetic OSM: %w", p.err)
	}
	return st, nil
}

// Places returns villages (GeoJSON points with id, name, country and
// population, as Synth), services (CSV, the Categories in rotation) and the
// two countries' boundaries (GeoJSON polygons with id and country) over
// the network: seven in ten points around towns, the rest anywhere.
func (s SynthRoads) Places(villages, services int) (v, sv, boundaries []byte) {
	n := float64(s.Side())
	blocks := max(1, s.Side()/16)
	k := 0
	point := func() (x, y float64) {
		k++
		if s.hash(11, k, 0, 0) < 0.7 {
			br, bc := int(float64(blocks)*s.hash(12, k, 0, 0)), int(float64(blocks)*s.hash(13, k, 0, 0))
			x = float64(bc*16+2) + 12*s.hash(4, br, bc, 0) + 4*(s.hash(14, k, 0, 0)-0.5)
			y = float64(br*16+2) + 12*s.hash(3, br, bc, 0) + 4*(s.hash(15, k, 0, 0)-0.5)
		} else {
			x, y = (n-1)*s.hash(14, k, 0, 0), (n-1)*s.hash(15, k, 0, 0)
		}
		return min(max(x, 0), n-1), min(max(y, 0), n-1)
	}
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := range villages {
		x, y := point()
		lon, lat := s.lonLat(x, y)
		if i > 0 {
			b.WriteByte(',')
		}
		pop := "null"
		if s.hash(16, i, 0, 0) >= 0.1 {
			pop = fmt.Sprint(50 + int(5000*s.hash(17, i, 0, 0)))
		}
		fmt.Fprintf(&b, "\n"+`{"type":"Feature","geometry":{"type":"Point","coordinates":[%.7f,%.7f]},"properties":{"id":"v%d","name":"Village %d","country":"%s","population":%s}}`,
			lon, lat, i, i, s.Country(x, y), pop)
	}
	b.WriteString("\n]}\n")
	v = bytes.Clone(b.Bytes())

	b.Reset()
	b.WriteString("id,name,category,country,lon,lat\n")
	for i := range services {
		x, y := point()
		lon, lat := s.lonLat(x, y)
		fmt.Fprintf(&b, "s%d,Service %d,%s,%s,%.7f,%.7f\n", i, i, Categories[i%len(Categories)], s.Country(x, y), lon, lat)
	}
	sv = bytes.Clone(b.Bytes())

	// The border as a polyline across the box, 64 steps, a little outside.
	ring := func(south bool) string {
		var pts []string
		add := func(x, y float64) {
			lon, lat := s.lonLat(x, y)
			pts = append(pts, fmt.Sprintf("[%.7f,%.7f]", lon, lat))
		}
		lo, hi := -1.0, n+1
		for i := 0; i <= 64; i++ {
			x := lo + (hi-lo)*float64(i)/64
			add(x, s.borderY(x))
		}
		if south {
			add(hi, lo)
			add(lo, lo)
		} else {
			add(hi, hi)
			add(lo, hi)
		}
		if south { // counter-clockwise, as RFC 7946 asks
			for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
				pts[i], pts[j] = pts[j], pts[i]
			}
		}
		pts = append(pts, pts[0])
		out := pts[0]
		for _, p := range pts[1:] {
			out += "," + p
		}
		return out
	}
	b.Reset()
	fmt.Fprintf(&b, `{"type":"FeatureCollection","features":[`+"\n"+
		`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[%s]]},"properties":{"id":"FR","country":"FR"}},`+"\n"+
		`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[%s]]},"properties":{"id":"BE","country":"BE"}}`+"\n]}\n",
		ring(true), ring(false))
	return v, sv, bytes.Clone(b.Bytes())
}
