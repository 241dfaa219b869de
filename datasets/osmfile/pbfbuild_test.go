package osmfile

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"testing"

	"github.com/partons/partons/datasets/osmfile/internal/pbfblock"
)

// This file writes PBF files field by field, so that tests can give the
// decoder exactly the malformed block they mean to.

// pb is an encoded protobuf message.
type pb []byte

func (b pb) key(num, wt int) pb { return binary.AppendUvarint(b, uint64(num)<<3|uint64(wt)) }

// varint appends field num as a varint.
func (b pb) varint(num int, v uint64) pb { return binary.AppendUvarint(b.key(num, 0), v) }

// bytes appends field num as length-delimited data.
func (b pb) bytes(num int, d []byte) pb {
	b = binary.AppendUvarint(b.key(num, 2), uint64(len(d)))
	return append(b, d...)
}

// packed appends field num as a packed array of varints; nothing if vs is nil.
func (b pb) packed(num int, vs []uint64) pb {
	if vs == nil {
		return b
	}
	var d []byte
	for _, v := range vs {
		d = binary.AppendUvarint(d, v)
	}
	return b.bytes(num, d)
}

// zigzag encodes signed values for sint fields; nil stays nil.
func zigzag(vs []int64) []uint64 {
	if vs == nil {
		return nil
	}
	out := make([]uint64, len(vs))
	for i, v := range vs {
		out[i] = uint64(v<<1) ^ uint64(v>>63)
	}
	return out
}

// neg is a negative int32 as a protobuf int32 varint (sign-extended).
func neg(v int64) uint64 { return uint64(v) }

// denseSpec is a DenseNodes message; nil slices are absent fields.
type denseSpec struct {
	ids, lats, lons []int64 // deltas
	versions        []uint64
	userSids        []int64 // deltas
	noInfo          bool
	keysVals        []uint64
}

func (d denseSpec) encode() pb {
	m := pb{}.packed(1, zigzag(d.ids))
	if !d.noInfo {
		m = m.bytes(5, pb{}.packed(1, d.versions).packed(5, zigzag(d.userSids)))
	}
	return m.packed(8, zigzag(d.lats)).packed(9, zigzag(d.lons)).packed(10, d.keysVals)
}

// elemSpec is a Way or a Relation; nil slices are absent fields.
type elemSpec struct {
	id         int64
	keys, vals []uint64
	userSid    *uint64
	refs       []int64 // ways; deltas
	lats, lons []int64 // ways with locations; deltas
	roles      []uint64
	memids     []int64 // deltas
	types      []uint64
	extra      pb
}

func (e elemSpec) encode(way bool) pb {
	m := pb{}.varint(1, uint64(e.id)).packed(2, e.keys).packed(3, e.vals)
	info := pb{}.varint(1, 1)
	if e.userSid != nil {
		info = info.varint(5, *e.userSid)
	}
	m = m.bytes(4, info)
	if way {
		m = m.packed(8, zigzag(e.refs)).packed(9, zigzag(e.lats)).packed(10, zigzag(e.lons))
	} else {
		m = m.packed(8, e.roles).packed(9, zigzag(e.memids)).packed(10, e.types)
	}
	return append(m, e.extra...)
}

// blockSpec is a PrimitiveBlock with one group of each kind present.
type blockSpec struct {
	strings    []string
	gran       uint64 // 0: absent
	dense      *denseSpec
	ways, rels []elemSpec
	group      pb // appended to the last group
	extra      pb // appended to the block
}

func (s blockSpec) encode() []byte {
	var st pb
	for _, str := range s.strings {
		st = st.bytes(1, []byte(str))
	}
	b := pb{}.bytes(1, st)
	if s.gran != 0 {
		b = b.varint(17, s.gran)
	}
	var groups []pb
	if s.dense != nil {
		groups = append(groups, pb{}.bytes(2, s.dense.encode()))
	}
	if len(s.ways) > 0 {
		var g pb
		for _, w := range s.ways {
			g = g.bytes(3, w.encode(true))
		}
		groups = append(groups, g)
	}
	if len(s.rels) > 0 {
		var g pb
		for _, r := range s.rels {
			g = g.bytes(4, r.encode(false))
		}
		groups = append(groups, g)
	}
	if len(groups) == 0 {
		groups = append(groups, nil)
	}
	groups[len(groups)-1] = append(groups[len(groups)-1], s.group...)
	for _, g := range groups {
		b = b.bytes(2, g)
	}
	return append(b, s.extra...)
}

// okBlock is a valid block: three dense nodes (one tagged) at (0, 0),
// (0, 0.001) and (0.001, 0.001) lon/lat, a way through them and a relation
// holding the way.
func okBlock() blockSpec {
	u := uint64(6)
	return blockSpec{
		strings: []string{"", "highway", "residential", "name", "x", "outer", "user"},
		gran:    100,
		dense: &denseSpec{
			ids: []int64{1, 1, 1}, lats: []int64{0, 10000, 0}, lons: []int64{0, 0, 10000},
			versions: []uint64{1, 1, 1}, userSids: []int64{6, 0, 0},
			keysVals: []uint64{3, 4, 0, 0, 0},
		},
		ways: []elemSpec{{id: 10, keys: []uint64{1}, vals: []uint64{2}, userSid: &u, refs: []int64{1, 1, 1}}},
		rels: []elemSpec{{id: 20, keys: []uint64{3}, vals: []uint64{4}, roles: []uint64{5}, memids: []int64{10}, types: []uint64{1}}},
	}
}

// zlibBytes compresses b.
func zlibBytes(tb testing.TB, b []byte) []byte {
	tb.Helper()
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	if _, err := zw.Write(b); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return z.Bytes()
}

// blob wraps a block in a zlib Blob.
func blob(tb testing.TB, block []byte) pb {
	tb.Helper()
	return pb{}.varint(2, uint64(len(block))).bytes(3, zlibBytes(tb, block))
}

// fileblock frames a blob with its BlobHeader of type typ.
func fileblock(typ string, b pb) []byte {
	h := pb{}.bytes(1, []byte(typ)).varint(3, uint64(len(b)))
	out := binary.BigEndian.AppendUint32(nil, uint32(len(h)))
	return append(append(out, h...), b...)
}

// headerBlob is the blob of a minimal HeaderBlock.
func headerBlob(tb testing.TB) pb {
	tb.Helper()
	return blob(tb, pb{}.bytes(4, []byte("OsmSchema-V0.6")).bytes(4, []byte("DenseNodes")))
}

// pbfFile is a header block followed by one data block per element of blocks.
func pbfFile(tb testing.TB, blocks ...[]byte) []byte {
	tb.Helper()
	f := fileblock("OSMHeader", headerBlob(tb))
	for _, b := range blocks {
		f = append(f, fileblock("OSMData", blob(tb, b))...)
	}
	return f
}

// dataBlocks returns the inflated PrimitiveBlocks of a PBF file.
func dataBlocks(tb testing.TB, f []byte) [][]byte {
	tb.Helper()
	var out [][]byte
	for len(f) > 0 {
		hlen := int(binary.BigEndian.Uint32(f))
		typ, dlen, err := parseBlobHeader(f[4 : 4+hlen])
		if err != nil {
			tb.Fatal(err)
		}
		b := f[4+hlen : 4+hlen+int(dlen)]
		f = f[4+hlen+int(dlen):]
		if typ != "OSMData" {
			continue
		}
		for len(b) > 0 {
			num, _, _, data, rest, err := pbfblock.Field(b)
			if err != nil {
				tb.Fatal(err)
			}
			b = rest
			if num == 3 {
				zr, err := zlib.NewReader(bytes.NewReader(data))
				if err != nil {
					tb.Fatal(err)
				}
				raw, err := io.ReadAll(zr)
				if err != nil {
					tb.Fatal(err)
				}
				out = append(out, raw)
			}
		}
	}
	return out
}
