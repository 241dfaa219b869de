package pbfblock

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// This file checks a decoded PrimitiveBlock against every assumption the
// decoder of github.com/paulmach/osm/osmpbf v0.8.0 (decode_data.go) makes
// without checking, so that a block that passes cannot make it panic:
//
//   - PrimitiveGroup field 1 (non-dense nodes): panics outright.
//   - Dense nodes: user_sid (running sum) and every keys_vals entry index the
//     string table; keys_vals is read node by node up to a 0 terminator; the
//     id, lat, lon and DenseInfo arrays are read in step with the ids.
//   - Ways: keys and vals index the string table and are read in step;
//     Info.user_sid indexes it; refs, lat and lon fill one slice sized by
//     whichever of them comes first, so a longer one writes past its end, as
//     does a second copy of any of them.
//   - Relations: roles_sid (signed) indexes the string table; roles, memids
//     and types fill one slice sized by the types.
//   - Every field is read with the wire type of its declaration, whatever
//     the wire type in the data says; a mismatch shifts the decoder into
//     the middle of other fields.
//
// The check is stricter than the PBF specification where a writer has no
// reason to do otherwise: a known field with a wire type other than its
// declared one, a packed array or sub-message given twice, parallel arrays
// of unequal lengths, and tags or members half present are all rejected.
// It also rejects delta-coded ids and coordinates whose sums overflow 64
// bits (the decoder would wrap them silently into plausible values) and a
// granularity that is not positive. Coordinates out of range are left to
// the reader, which names the node.

// blockCheck holds what the groups of one block are checked against, and
// scratch space for the fields of the message being checked.
type blockCheck struct {
	strings        uint64 // size of the string table
	gran           int64  // granularity, nanodegrees
	latOff, lonOff int64  // nanodegrees
	kinds          Kinds  // the kinds of elements met

	msg, sub parts
}

// errBlock wraps a block check failure.
func errBlock(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, a...))
}

// denseInfoNames names the fields of DenseInfo.
var denseInfoNames = [...]string{1: "version", 2: "timestamp", 3: "changeset", 4: "uid", 5: "user_sid", 6: "visible"}

// maxField bounds the field numbers the check looks at.
const maxField = 21

// wire lists the declared fields of a message and their wire types: 0
// varint, 2 length-delimited (packed arrays, strings, sub-messages); -1
// for an undeclared field number.
type wire [maxField]int8

func declare(wt map[int]int8) (w wire) {
	for i := range w {
		w[i] = -1
	}
	for n, t := range wt {
		w[n] = t
	}
	return w
}

var (
	blockWire     = declare(map[int]int8{1: 2, 2: 2, 17: 0, 18: 0, 19: 0, 20: 0})
	groupWire     = declare(map[int]int8{2: 2, 3: 2, 4: 2, 5: 2})
	denseWire     = declare(map[int]int8{1: 2, 5: 2, 8: 2, 9: 2, 10: 2})
	denseInfoWire = declare(map[int]int8{1: 2, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2})
	elemWire      = declare(map[int]int8{1: 0, 2: 2, 3: 2, 4: 2, 8: 2, 9: 2, 10: 2}) // Way and Relation
	infoWire      = declare(map[int]int8{1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0})
)

// declared returns the wire type of field num in w; ok false if undeclared.
func (w *wire) declared(num uint64) (int, bool) {
	if num >= maxField || w[num] < 0 {
		return 0, false
	}
	return int(w[num]), true
}

// parts are the declared fields of one message, each given at most once.
type parts struct {
	has  [maxField]bool
	data [maxField][]byte // wire type 2
	vals [maxField]uint64 // wire type 0
}

// split fills p from msg after checking every declared field's wire type
// and that none is given twice. Undeclared fields are skipped.
func (p *parts) split(msg []byte, w *wire) error {
	*p = parts{}
	for len(msg) > 0 {
		num, wt, v, data, rest, err := Field(msg)
		if err != nil {
			return err
		}
		msg = rest
		want, ok := w.declared(num)
		if !ok {
			continue
		}
		if wt != want {
			return fmt.Errorf("field %d has wire type %d, want %d", num, wt, want)
		}
		if p.has[num] {
			return fmt.Errorf("field %d given twice", num)
		}
		p.has[num], p.data[num], p.vals[num] = true, data, v
	}
	return nil
}

// Check checks a decoded PrimitiveBlock and returns the kinds of
// elements it holds. Its errors wrap ErrMalformed, or ErrUnsupported for
// non-dense nodes.
func Check(b []byte) (Kinds, error) {
	c, err := checkBlock(b)
	return c.kinds, err
}

func checkBlock(b []byte) (*blockCheck, error) {
	c := &blockCheck{gran: 100}
	tables := 0
	for rest := b; len(rest) > 0; {
		num, wt, v, data, r, err := Field(rest)
		if err != nil {
			return c, errBlock("primitive block: %v", err)
		}
		rest = r
		if want, ok := blockWire.declared(num); ok && wt != want {
			return c, errBlock("primitive block: field %d has wire type %d, want %d", num, wt, want)
		}
		switch num {
		case 1: // the decoder keeps only the last string table
			if tables++; tables > 1 {
				return c, errBlock("primitive block: string table given twice")
			}
			if c.strings, err = countStrings(data); err != nil {
				return c, errBlock("string table: %v", err)
			}
		case 17:
			if v == 0 || v > math.MaxInt32 {
				return c, errBlock("granularity %d is not in [1, 2³¹)", v)
			}
			c.gran = int64(v)
		case 18:
			if v > math.MaxInt32 {
				return c, errBlock("date granularity %d is not in [0, 2³¹)", v)
			}
		case 19:
			c.latOff = int64(v)
		case 20:
			c.lonOff = int64(v)
		}
	}
	g := 0
	for rest := b; len(rest) > 0; {
		num, _, _, data, r, _ := Field(rest) // checked above
		rest = r
		if num != 2 {
			continue
		}
		g++
		if err := c.group(data); err != nil {
			if errors.Is(err, ErrUnsupported) {
				return c, err
			}
			return c, errBlock("primitive group %d: %v", g, err)
		}
	}
	return c, nil
}

// countStrings returns the number of strings in a StringTable.
func countStrings(b []byte) (uint64, error) {
	var n uint64
	for len(b) > 0 {
		num, wt, _, _, rest, err := Field(b)
		if err != nil {
			return 0, err
		}
		b = rest
		if num == 1 {
			if wt != 2 {
				return 0, fmt.Errorf("string with wire type %d", wt)
			}
			n++
		}
	}
	return n, nil
}

// group checks one PrimitiveGroup.
func (c *blockCheck) group(b []byte) error {
	ways, rels := 0, 0
	for len(b) > 0 {
		num, wt, _, data, rest, err := Field(b)
		if err != nil {
			return err
		}
		b = rest
		if num == 1 {
			return ErrUnsupported
		}
		if want, ok := groupWire.declared(num); ok && wt != want {
			return fmt.Errorf("field %d has wire type %d, want %d", num, wt, want)
		}
		switch num {
		case 2:
			c.kinds |= Nodes
			err = c.dense(data)
		case 3:
			ways++
			c.kinds |= Ways
			err = c.way(data, ways)
		case 4:
			rels++
			c.kinds |= Relations
			err = c.relation(data, rels)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// varints iterates over a packed array of varints.
type varints []byte

func (p *varints) next() (uint64, error) {
	if b := *p; len(b) > 0 && b[0] < 0x80 { // most values fit one byte
		*p = b[1:]
		return uint64(b[0]), nil
	}
	v, n := binary.Uvarint(*p)
	if n <= 0 {
		return 0, errors.New("truncated or overlong varint")
	}
	*p = (*p)[n:]
	return v, nil
}

// count returns the number of values, checking each is a whole varint of
// at most 10 bytes.
func (p varints) count() (int, error) {
	n, run := 0, 0
	for _, c := range p {
		if c < 0x80 {
			n, run = n+1, 0
			continue
		}
		if run++; run == 10 {
			return 0, errors.New("overlong varint")
		}
	}
	if run > 0 {
		return 0, errors.New("truncated varint")
	}
	return n, nil
}

func unzig(v uint64) int64 { return int64(v>>1) ^ -int64(v&1) }

// add returns a+b, false on overflow.
func add(a, b int64) (int64, bool) {
	s := a + b
	return s, (s > a) == (b > 0)
}

// deltas checks a delta-coded packed sint64 array: every running sum, and
// if scale > 0 every off+scale×sum, fits in 64 bits. It returns the count.
func deltas(b []byte, scale, off int64) (int, error) {
	p := varints(b)
	var sum int64
	n := 0
	for len(p) > 0 {
		v, err := p.next()
		if err != nil {
			return 0, err
		}
		var ok bool
		if sum, ok = add(sum, unzig(v)); !ok {
			return 0, fmt.Errorf("delta sum overflows at value %d", n)
		}
		if scale > 0 {
			m := sum * scale
			if m/scale != sum {
				return 0, fmt.Errorf("coordinate overflows at value %d", n)
			}
			if _, ok := add(off, m); !ok {
				return 0, fmt.Errorf("coordinate overflows at value %d", n)
			}
		}
		n++
	}
	return n, nil
}

// indexes checks a packed array of string table indexes and returns the
// count.
func (c *blockCheck) indexes(b []byte) (int, error) {
	p := varints(b)
	n := 0
	for len(p) > 0 {
		v, err := p.next()
		if err != nil {
			return 0, err
		}
		if v >= c.strings {
			return 0, fmt.Errorf("value %d: string index %d not in string table of %d", n, v, c.strings)
		}
		n++
	}
	return n, nil
}

// dense checks DenseNodes.
func (c *blockCheck) dense(b []byte) error {
	f := &c.msg
	if err := f.split(b, &denseWire); err != nil {
		return fmt.Errorf("dense nodes: %v", err)
	}
	if !f.has[1] || !f.has[8] || !f.has[9] {
		return fmt.Errorf("dense nodes without id, lat or lon")
	}
	n, err := deltas(f.data[1], 0, 0)
	if err != nil {
		return fmt.Errorf("dense nodes: id: %v", err)
	}
	for _, a := range []struct {
		num  int
		name string
		off  int64
	}{{8, "lat", c.latOff}, {9, "lon", c.lonOff}} {
		m, err := deltas(f.data[a.num], c.gran, a.off)
		if err != nil {
			return fmt.Errorf("dense nodes: %s: %v", a.name, err)
		}
		if m != n {
			return fmt.Errorf("dense nodes: %d ids but %d %s values", n, m, a.name)
		}
	}
	if f.has[5] {
		if err := c.denseInfo(f.data[5], n); err != nil {
			return fmt.Errorf("dense nodes: info: %v", err)
		}
	}
	if f.has[10] {
		if err := c.keysVals(f.data[10], n); err != nil {
			return fmt.Errorf("dense nodes: keys_vals: %v", err)
		}
	}
	return nil
}

// denseInfo checks DenseInfo for n nodes: each array present has n values,
// and the running user_sid stays in the string table.
func (c *blockCheck) denseInfo(b []byte, n int) error {
	f := &c.sub
	if err := f.split(b, &denseInfoWire); err != nil {
		return err
	}
	for num := range f.has {
		if !f.has[num] {
			continue
		}
		m, err := varints(f.data[num]).count()
		if err != nil {
			return fmt.Errorf("%s: %v", denseInfoNames[num], err)
		}
		if m != n {
			return fmt.Errorf("%d %s values for %d nodes", m, denseInfoNames[num], n)
		}
	}
	var sid int64
	for p, k := varints(f.data[5]), 0; len(p) > 0; k++ {
		v, _ := p.next() // counted above
		z := unzig(v)
		if z < math.MinInt32 || z > math.MaxInt32 {
			return fmt.Errorf("node %d: user_sid delta %d does not fit 32 bits", k, z)
		}
		sid += z
		if sid < 0 || uint64(sid) >= c.strings {
			return fmt.Errorf("node %d: user_sid %d not in string table of %d", k, sid, c.strings)
		}
	}
	return nil
}

// keysVals checks the keys_vals of n dense nodes: per node, pairs of a key
// index (not 0) and a value index, then a 0; nothing after the last node.
func (c *blockCheck) keysVals(b []byte, n int) error {
	p := varints(b)
	for k := 0; k < n; k++ {
		for {
			if len(p) == 0 {
				return fmt.Errorf("ends at node %d of %d", k, n)
			}
			key, err := p.next()
			if err != nil {
				return err
			}
			if key == 0 {
				break
			}
			val, err := p.next()
			if err != nil {
				return fmt.Errorf("node %d: key without value: %v", k, err)
			}
			if key >= c.strings || val >= c.strings {
				return fmt.Errorf("node %d: tag %d=%d not in string table of %d", k, key, val, c.strings)
			}
		}
	}
	if len(p) > 0 {
		return fmt.Errorf("%d bytes after the last of %d nodes", len(p), n)
	}
	return nil
}

// tagsInfo checks the keys, vals and info of the way or relation in c.msg.
func (c *blockCheck) tagsInfo() error {
	f := &c.msg
	nk, err := c.indexes(f.data[2])
	if err != nil {
		return fmt.Errorf("keys: %v", err)
	}
	nv, err := c.indexes(f.data[3])
	if err != nil {
		return fmt.Errorf("vals: %v", err)
	}
	if nk != nv {
		return fmt.Errorf("%d keys but %d values", nk, nv)
	}
	if f.has[4] {
		inf := &c.sub
		if err := inf.split(f.data[4], &infoWire); err != nil {
			return fmt.Errorf("info: %v", err)
		}
		if inf.has[5] && inf.vals[5] >= c.strings {
			return fmt.Errorf("info: user_sid %d not in string table of %d", inf.vals[5], c.strings)
		}
	}
	return nil
}

// way checks the k-th Way of a group.
func (c *blockCheck) way(b []byte, k int) error {
	f := &c.msg
	if err := f.split(b, &elemWire); err != nil {
		return fmt.Errorf("way %d: %v", k, err)
	}
	id := int64(f.vals[1])
	if err := c.tagsInfo(); err != nil {
		return fmt.Errorf("way %d (id %d): %v", k, id, err)
	}
	n := -1
	for _, a := range []struct {
		num   int
		name  string
		scale int64
		off   int64
	}{{8, "refs", 0, 0}, {9, "lat", c.gran, c.latOff}, {10, "lon", c.gran, c.lonOff}} {
		if !f.has[a.num] {
			continue
		}
		m, err := deltas(f.data[a.num], a.scale, a.off)
		if err != nil {
			return fmt.Errorf("way %d (id %d): %s: %v", k, id, a.name, err)
		}
		if n >= 0 && m != n {
			return fmt.Errorf("way %d (id %d): %d %s values, want %d", k, id, m, a.name, n)
		}
		n = m
	}
	return nil
}

// relation checks the k-th Relation of a group.
func (c *blockCheck) relation(b []byte, k int) error {
	f := &c.msg
	if err := f.split(b, &elemWire); err != nil {
		return fmt.Errorf("relation %d: %v", k, err)
	}
	id := int64(f.vals[1])
	if err := c.tagsInfo(); err != nil {
		return fmt.Errorf("relation %d (id %d): %v", k, id, err)
	}
	roles, err := c.indexes(f.data[8])
	if err != nil {
		return fmt.Errorf("relation %d (id %d): roles: %v", k, id, err)
	}
	ids, err := deltas(f.data[9], 0, 0)
	if err != nil {
		return fmt.Errorf("relation %d (id %d): memids: %v", k, id, err)
	}
	types := 0
	for p := varints(f.data[10]); len(p) > 0; types++ {
		v, err := p.next()
		if err != nil {
			return fmt.Errorf("relation %d (id %d): types: %v", k, id, err)
		}
		if v > 2 {
			return fmt.Errorf("relation %d (id %d): member %d has type %d, want 0 (node), 1 (way) or 2 (relation)", k, id, types, v)
		}
	}
	if roles != ids || ids != types {
		return fmt.Errorf("relation %d (id %d): %d roles, %d member ids, %d member types", k, id, roles, ids, types)
	}
	return nil
}
