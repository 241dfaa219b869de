package pbfblock

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/partons/partons/datasets"
)

// Sentinel errors, re-exported by osmfile. Each wraps datasets.ErrInvalid.
var (
	// ErrMalformed: the file is not valid OSM PBF or XML, or is truncated.
	ErrMalformed = fmt.Errorf("osmfile: malformed OSM file: %w", datasets.ErrInvalid)
	// ErrUnsupported: valid OSM data this reader cannot decode (PBF
	// blocks with non-dense nodes).
	ErrUnsupported = fmt.Errorf("osmfile: unsupported OSM encoding (PBF non-dense nodes): %w", datasets.ErrInvalid)
)

// Kinds is a set of kinds of OSM elements, as bits. The bit of a kind is
// 1 << osmfile.Kind (relations, ways, nodes: the order of the passes).
type Kinds uint8

// The kinds a block can hold.
const (
	Relations Kinds = 1 << iota
	Ways
	Nodes
)

// Field decodes one protobuf field: its number, wire type, varint
// value (wire type 0) or payload (wire type 2), and the remaining bytes.
func Field(b []byte) (num uint64, wt int, v uint64, data, rest []byte, err error) {
	key, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, 0, 0, nil, nil, errors.New("bad field key")
	}
	b = b[n:]
	num, wt = key>>3, int(key&7)
	switch wt {
	case 0:
		v, n = binary.Uvarint(b)
		if n <= 0 {
			return 0, 0, 0, nil, nil, errors.New("bad varint")
		}
		return num, wt, v, nil, b[n:], nil
	case 1:
		if len(b) < 8 {
			return 0, 0, 0, nil, nil, errors.New("short fixed64")
		}
		return num, wt, 0, nil, b[8:], nil
	case 2:
		l, n := binary.Uvarint(b)
		if n <= 0 || l > uint64(len(b)-n) {
			return 0, 0, 0, nil, nil, errors.New("bad length")
		}
		return num, wt, 0, b[n : n+int(l)], b[n+int(l):], nil
	case 5:
		if len(b) < 4 {
			return 0, 0, 0, nil, nil, errors.New("short fixed32")
		}
		return num, wt, 0, nil, b[4:], nil
	}
	return 0, 0, 0, nil, nil, fmt.Errorf("unsupported wire type %d", wt)
}
