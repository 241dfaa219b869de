package pbfblock

import (
	"errors"
	"testing"
)

// TestField decodes hand-encoded fields of each wire type.
func TestField(t *testing.T) {
	// field 1 varint 150 (08 96 01), then field 2 bytes "ab" (12 02 61 62)
	b := []byte{0x08, 0x96, 0x01, 0x12, 0x02, 'a', 'b'}
	num, wt, v, data, rest, err := Field(b)
	if err != nil || num != 1 || wt != 0 || v != 150 || data != nil || len(rest) != 4 {
		t.Fatalf("Field = %d %d %d %q %v %v", num, wt, v, data, rest, err)
	}
	num, wt, _, data, rest, err = Field(rest)
	if err != nil || num != 2 || wt != 2 || string(data) != "ab" || len(rest) != 0 {
		t.Fatalf("Field = %d %d %q %v %v", num, wt, data, rest, err)
	}
	for _, bad := range [][]byte{{0x12, 0x05, 'a'}, {0x08}, {0x0b}, {0x80}} {
		if _, _, _, _, _, err := Field(bad); err == nil {
			t.Errorf("Field(% x) accepted", bad)
		}
	}
}

// TestCheckKinds: a block with a string table and one group of each kind
// reports the three kinds; a group of non-dense nodes is unsupported; a
// truncated block is malformed.
func TestCheckKinds(t *testing.T) {
	strtab := []byte{0x0a, 0x02, 0x0a, 0x00} // field 1: StringTable{s: ""}
	// field 2: PrimitiveGroup{dense: {id: [1], lat: [0], lon: [0]}}
	dense := []byte{0x12, 0x0b, 0x12, 0x09, 0x0a, 0x01, 0x02, 0x42, 0x01, 0x00, 0x4a, 0x01, 0x00}
	way := []byte{0x12, 0x04, 0x1a, 0x02, 0x08, 1} // PrimitiveGroup{ways: [{id: 1}]}
	rel := []byte{0x12, 0x04, 0x22, 0x02, 0x08, 1} // PrimitiveGroup{relations: [{id: 1}]}
	block := append(append(append(append([]byte{}, strtab...), dense...), way...), rel...)
	k, err := Check(block)
	if err != nil || k != Relations|Ways|Nodes {
		t.Fatalf("Check = %b, %v; want every kind", k, err)
	}
	if k, err := Check(append(append([]byte{}, strtab...), way...)); err != nil || k != Ways {
		t.Errorf("ways only: Check = %b, %v", k, err)
	}
	nodes := append(append([]byte{}, strtab...), 0x12, 0x02, 0x0a, 0x00) // PrimitiveGroup{nodes: [{}]}
	if _, err := Check(nodes); !errors.Is(err, ErrUnsupported) {
		t.Errorf("non-dense nodes: err = %v, want ErrUnsupported", err)
	}
	if _, err := Check(block[:len(block)-1]); !errors.Is(err, ErrMalformed) {
		t.Errorf("truncated: err = %v, want ErrMalformed", err)
	}
}
