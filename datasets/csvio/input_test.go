package csvio

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
)

// shortLen is a reader whose Len understates what it holds.
type shortLen struct{ *strings.Reader }

func (shortLen) Len() int { return 3 }

// chunky returns at most 5 bytes a call, then err instead of io.EOF.
type chunky struct {
	s   string
	err error
}

func (c *chunky) Read(p []byte) (int, error) {
	if c.s == "" {
		return 0, c.err
	}
	n := copy(p[:min(len(p), 5)], c.s)
	c.s = c.s[n:]
	return n, nil
}

func TestReadAll(t *testing.T) {
	t.Parallel()
	const in = "id,name,lon,lat\na,A,2.9,50.8\n"
	for _, tc := range []struct {
		name    string
		r       io.Reader
		want    string
		wantErr error
	}{
		{"exact Len", strings.NewReader(in), in, nil},
		{"short Len", shortLen{strings.NewReader(in)}, in, nil},
		{"empty", strings.NewReader(""), "", nil},
		{"small reads", &chunky{s: in, err: io.EOF}, in, nil},
		{"read error", &chunky{s: in, err: io.ErrClosedPipe}, in, io.ErrClosedPipe},
	} {
		got, err := datasets.ReadAll(tc.r)
		if string(got) != tc.want || !errors.Is(err, tc.wantErr) {
			t.Errorf("%s: readAll = %q, %v; want %q, %v", tc.name, got, err, tc.want, tc.wantErr)
		}
	}
}

// TestEstimateRows: after 64 rows the table expects as many rows as the
// input size predicts, plus 1/32; the result is unaffected.
func TestEstimateRows(t *testing.T) {
	t.Parallel()
	const header = "id,name,lon,lat\n" // 16 bytes
	var b strings.Builder
	b.WriteString(header)
	for i := range 1000 {
		fmt.Fprintf(&b, "v%03d,V,2.9,50.8\n", i) // 16 bytes
	}
	probs := datasets.NewProblems("e.csv")
	tb, err := openTable("e.csv", strings.NewReader(b.String()), probs, []string{"id", "name"}, nil, datasets.DefaultVillageSchema().Coords)
	if err != nil || tb == nil {
		t.Fatal(err, probs.Err())
	}
	n := 0
	if err := tb.rows(func(*rowCtx) { n++ }); err != nil {
		t.Fatal(err)
	}
	// 64 rows took 16+64*16 = 1040 bytes of 16016: 64 + 64*14976/1040
	// = 64 + 921 = 985 rows (921.6 truncated), plus 985/32 = 30.
	if n != 1000 || tb.estimate != 1015 {
		t.Fatalf("%d rows, estimate %d; want 1000 and 1015", n, tb.estimate)
	}
	vs, err := ReadVillages("e.csv", strings.NewReader(b.String()), datasets.DefaultVillageSchema())
	// Reserved once, to the estimate rounded up to a size class.
	if err != nil || len(vs) != 1000 || cap(vs) < 1015 || cap(vs) > 1100 || vs[999].ID != "v999" || vs[999].Origin.Line != 1001 {
		t.Fatalf("%d villages (cap %d), %v", len(vs), cap(vs), err)
	}
}

// TestReplayAfterReadError: rows before a failure are read and reported
// as they were when the reader was read directly; then the failure wins.
func TestReplayAfterReadError(t *testing.T) {
	t.Parallel()
	in := "id,name,lon,lat\na,A,2.9,50.8\nb,B,2.9,95\n"
	_, err := ReadVillages("r.csv", &chunky{s: in, err: io.ErrClosedPipe}, datasets.DefaultVillageSchema())
	if !errors.Is(err, io.ErrClosedPipe) || errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), "r.csv") {
		t.Fatalf("err = %v", err)
	}
}
