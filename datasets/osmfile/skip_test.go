package osmfile

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sync/atomic"
	"testing"

	"github.com/partons/partons/datasets/osmfile/internal/pbfblock"
	"github.com/paulmach/osm"
)

// kindBlocks are okBlock split by kind: nodes only, ways only, relations
// only, then okBlock itself holding all three.
func kindBlocks() [][]byte {
	nodes, ways, rels := okBlock(), okBlock(), okBlock()
	nodes.ways, nodes.rels = nil, nil
	ways.dense, ways.rels = nil, nil
	rels.dense, rels.ways = nil, nil
	return [][]byte{nodes.encode(), ways.encode(), rels.encode(), okBlock().encode()}
}

// TestGuardServesWantedKinds: a pass is served the header and the data
// blocks holding a kind of element it wants, and no other.
func TestGuardServesWantedKinds(t *testing.T) {
	t.Parallel()
	blocks := kindBlocks()
	f := pbfFile(t, blocks...)
	cases := []struct {
		name  string
		want  kinds
		serve []int // indexes into blocks
	}{
		{"every block", 0, []int{0, 1, 2, 3}},
		{"relations", kindBit(Relations), []int{2, 3}},
		{"ways", kindBit(Ways), []int{1, 3}},
		{"nodes", kindBit(Nodes), []int{0, 3}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := io.ReadAll(newPBFGuard(bytes.NewReader(f), nil, tc.want, 2))
			if err != nil {
				t.Fatal(err)
			}
			var want [][]byte
			for _, k := range tc.serve {
				want = append(want, blocks[k])
			}
			served := dataBlocks(t, got)
			if len(served) != len(want) {
				t.Fatalf("served %d data blocks, want %d", len(served), len(want))
			}
			for k := range want {
				if !bytes.Equal(served[k], want[k]) {
					t.Errorf("data block %d served is not block %d", k, tc.serve[k])
				}
			}
			if !bytes.HasPrefix(got, fileblock("OSMHeader", headerBlob(t))) {
				t.Error("the header block is not served first")
			}
		})
	}
}

// only is a Consumer wanting one kind of element and keeping all of it.
type only struct {
	kind    Kind
	visited int
}

func (o *only) Wants(k Kind) bool             { return k == o.kind }
func (*only) KeepNode(*osm.Node) bool         { return true }
func (*only) KeepWay(*osm.Way) bool           { return true }
func (*only) KeepRelation(*osm.Relation) bool { return true }
func (*only) Done(Kind)                       {}
func (o *only) Visit(osm.Object, int)         { o.visited++ }

// TestSkippedBlocksStillCountedAndChecked: skipping blocks changes neither
// what a read finds nor its counts, and a bad block fails a pass that
// does not want its elements.
func TestSkippedBlocksStillCountedAndChecked(t *testing.T) {
	t.Parallel()
	f := pbfFile(t, kindBlocks()...)
	var all keepAll
	rep, err := Read(context.Background(), []Source{bytesSource("k.osm.pbf", f)}, 1, &all)
	if err != nil {
		t.Fatal(err)
	}
	if all.visited != [3]int{Relations: 2, Ways: 2, Nodes: 6} ||
		rep.RelationsScanned != 2 || rep.WaysScanned != 2 || rep.NodesScanned != 6 {
		t.Errorf("visited %v, scanned %+v", all.visited, rep)
	}
	for _, k := range []Kind{Relations, Ways, Nodes} {
		o := &only{kind: k}
		if _, err := Read(context.Background(), []Source{bytesSource("k.osm.pbf", f)}, 1, o); err != nil || o.visited != all.visited[k] {
			t.Errorf("%s pass alone: %d visited, %v; want %d", k, o.visited, err, all.visited[k])
		}
	}

	bad := okBlock()
	bad.ways, bad.rels = nil, nil
	bad.dense.keysVals = []uint64{3, 40, 0, 0, 0} // value index past the string table
	f = pbfFile(t, bad.encode(), kindBlocks()[2])
	_, err = Read(context.Background(), []Source{bytesSource("bad.osm.pbf", f)}, 1, &only{kind: Relations})
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("a bad node block in a relation pass: %v, want ErrMalformed", err)
	}
}

// TestKindBits: the block check's kind bits are the bits of the passes'
// kinds, so a pass skips exactly the blocks holding none of its kind.
func TestKindBits(t *testing.T) {
	for k, want := range map[Kind]kinds{Relations: pbfblock.Relations, Ways: pbfblock.Ways, Nodes: pbfblock.Nodes} {
		if kindBit(k) != want {
			t.Errorf("kindBit(%v) = %b, block check says %b", k, kindBit(k), want)
		}
	}
	if allKinds != pbfblock.Relations|pbfblock.Ways|pbfblock.Nodes {
		t.Errorf("allKinds = %b", allKinds)
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// cancelOnVisit cancels its read at the first element it is given.
type cancelOnVisit struct {
	only
	cancel context.CancelFunc
}

func (c *cancelOnVisit) Visit(osm.Object, int) { c.cancel() }

// TestCancelStopsReading: a read cancelled early stops reading the file
// a few blocks ahead of where it was, instead of reading and checking the
// rest of it while the decoder shuts down.
func TestCancelStopsReading(t *testing.T) {
	t.Parallel()
	f := pbfFile(t, okBlock().encode())
	data := f[len(pbfFile(t)):]
	for range 5000 {
		f = append(f, data...)
	}
	var read atomic.Int64
	src := Source{Name: "long.osm.pbf", Open: func() (io.ReadCloser, error) {
		return io.NopCloser(countingReader{bytes.NewReader(f), &read}), nil
	}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := Read(ctx, []Source{src}, 2, &cancelOnVisit{only: only{kind: Relations}, cancel: cancel})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if n := read.Load(); n > int64(len(f)/2) {
		t.Errorf("read %d of %d bytes after cancelling at the first relation", n, len(f))
	}
}
