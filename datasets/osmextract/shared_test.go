package osmextract

import (
	"context"
	"io"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/datasets/osmroad"
	"github.com/partons/partons/geo/road"
)

// countingSource serves a file, counting the times it is opened and the
// bytes read from it.
type countingSource struct {
	opens int
	bytes int64
}

func (c *countingSource) source(tb testing.TB, path, name string) osmfile.Source {
	tb.Helper()
	src := bytesSource(name, mustRead(tb, path))
	open := src.Open
	src.Open = func() (io.ReadCloser, error) {
		c.opens++
		rc, err := open()
		return &countingReadCloser{rc, &c.bytes}, err
	}
	return src
}

type countingReadCloser struct {
	io.ReadCloser
	n *int64
}

func (c *countingReadCloser) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	*c.n += int64(n)
	return n, err
}

// TestSharedReadOnce: one shared read gives the extract and the road
// network exactly what the two separate reads give, opening each file
// three times (relations, ways, nodes) instead of five, and the country
// extract of a closed border rides on the same passes too.
func TestSharedReadOnce(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, path string
		opts       Options
		roads      bool // the file has car roads
	}{
		{"monaco pbf", monacoPBF, Options{}, true},
		{"edge xml (no roads)", "testdata/edge.osm", Options{}, false},
		{"countries of liechtenstein", liechtensteinPBF, Options{BoundariesOnly: true, AdminLevels: []int{2}}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var alone countingSource
			src := alone.source(t, tc.path, filepath.Base(tc.path))
			wantRes, err := Extract(ctx, []osmfile.Source{src}, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			wantNets, wantRep, err := osmroad.ReadProfiles(ctx, []osmfile.Source{src}, []road.Profile{road.Car, road.Foot}, osmroad.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if alone.opens != 5 {
				t.Errorf("separate reads opened the file %d times, want 3 + 2", alone.opens)
			}

			var once countingSource
			src = once.source(t, tc.path, filepath.Base(tc.path))
			ec, err := NewCollector(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			rc, err := osmroad.NewCollector([]road.Profile{road.Car, road.Foot}, osmroad.Options{})
			if err != nil {
				t.Fatal(err)
			}
			read, err := osmfile.Read(ctx, []osmfile.Source{src}, 0, ec, rc)
			if err != nil {
				t.Fatal(err)
			}
			if once.opens != 3 || read.Passes != 3 {
				t.Errorf("shared read opened the file %d times in %d passes, want 3 and 3", once.opens, read.Passes)
			}
			if size := int64(len(mustRead(t, tc.path))); once.bytes != 3*size || alone.bytes != 5*size {
				t.Errorf("bytes read: shared %d, separate %d; want 3 and 5 times %d", once.bytes, alone.bytes, size)
			}
			gotRes, err := ec.Result(ctx, []osmfile.Source{src}, read)
			if err != nil {
				t.Fatal(err)
			}
			gotNets, gotRep, err := rc.Networks(ctx, read, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotRes, wantRes) {
				t.Errorf("extract differs from a read of its own:\n got %+v\nwant %+v", gotRes.Report, wantRes.Report)
			}
			if !reflect.DeepEqual(gotNets, wantNets) || !reflect.DeepEqual(gotRep, wantRep) {
				t.Errorf("road networks differ from a read of their own:\n got %v\nwant %v", gotRep, wantRep)
			}
			if len(gotRes.Villages)+len(gotRes.Boundaries) == 0 || (len(gotNets[0].Edges) > 0) != tc.roads {
				t.Errorf("nothing read: %d villages, %d boundaries, %d car edges", len(gotRes.Villages), len(gotRes.Boundaries), len(gotNets[0].Edges))
			}
		})
	}
}

// TestSharedReadRoadsAlone: the road network alone takes two passes (no
// relation pass).
func TestSharedReadRoadsAlone(t *testing.T) {
	var c countingSource
	src := c.source(t, monacoPBF, "monaco.osm.pbf")
	if _, _, err := osmroad.Read(context.Background(), []osmfile.Source{src}, road.Car, osmroad.Options{}); err != nil {
		t.Fatal(err)
	}
	if c.opens != 2 {
		t.Errorf("opened %d times, want 2", c.opens)
	}
}
