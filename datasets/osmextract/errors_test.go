package osmextract

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/osmfile"
)

// A malformed, truncated or unsupported file fails the whole extract with
// an *osmfile.FileError naming the file and the byte offset or the element;
// no partial result is returned.
func TestBadFiles(t *testing.T) {
	t.Parallel()
	edge := readTestdata(t, "edge.osm")
	liech := mustRead(t, liechtensteinPBF)
	cut := bytes.Index(edge, []byte(`<way id="602"`)) + 10
	cases := []struct {
		name    string
		src     osmfile.Source
		want    []error
		message string
	}{
		{"truncated pbf", bytesSource("li.osm.pbf", liech[:len(liech)/2]),
			[]error{osmfile.ErrMalformed, io.ErrUnexpectedEOF, datasets.ErrInvalid}, "li.osm.pbf (pbf): byte offset"},
		{"truncated xml", bytesSource("cut.osm", edge[:cut]),
			[]error{osmfile.ErrMalformed, datasets.ErrInvalid}, "cut.osm (xml): after way/601: osmfile: malformed OSM file: datasets: invalid input data: XML syntax error on line 100: unexpected EOF"},
		{"pbf with non-dense nodes", osmfile.FileSource("../osmroad/testdata/town-nondense.osm.pbf"),
			[]error{osmfile.ErrUnsupported}, "town-nondense.osm.pbf (pbf): byte offset"},
		{"relation role past the string table", osmfile.FileSource("../../testdata/hostile/osm/relation-role-index.osm.pbf"),
			[]error{osmfile.ErrMalformed}, "relation-role-index.osm.pbf (pbf): byte offset 2357: osmfile: malformed OSM file: datasets: invalid input data: primitive group 1: relation 1 (id 148194): roles: value 9: string index 127 not in string table of 27"},
		{"relation with more roles than member types", osmfile.FileSource("../../testdata/hostile/osm/relation-member-count.osm.pbf"),
			[]error{osmfile.ErrMalformed}, "relation 1 (id 148194): 34 roles, 35 member ids, 34 member types"},
		{"garbage", bytesSource("x.osm.pbf", []byte("not a pbf file at all, just text")),
			[]error{osmfile.ErrMalformed}, "x.osm.pbf (pbf): byte offset 0"},
		{"latitude out of range", bytesSource("bad.osm", []byte(`<osm><node id="7" lat="95" lon="0"><tag k="amenity" v="atm"/></node></osm>`)),
			[]error{osmfile.ErrCoordinate}, "bad.osm (xml): after node/7"},
		{"empty", bytesSource("empty.osm", nil), []error{osmfile.ErrMalformed}, "empty file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Extract(context.Background(), []osmfile.Source{testSource("edge.osm"), tc.src}, Options{})
			if err == nil || res != nil {
				t.Fatalf("result %v, error %v", res != nil, err)
			}
			var fe *osmfile.FileError
			if !errors.As(err, &fe) || fe.Source != tc.src.Name {
				t.Errorf("error %v is not a *FileError naming %q", err, tc.src.Name)
			}
			for _, w := range tc.want {
				if !errors.Is(err, w) {
					t.Errorf("error %v does not wrap %v", err, w)
				}
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %q does not contain %q", err, tc.message)
			}
		})
	}
}

// A source whose bytes change between passes is an error.
func TestSourceChangingBetweenPasses(t *testing.T) {
	t.Parallel()
	edge := readTestdata(t, "edge.osm")
	n := 0
	src := osmfile.Source{Name: "flaky.osm", Open: func() (io.ReadCloser, error) {
		n++
		b := edge
		if n > 1 {
			b = bytes.Replace(edge, []byte("Bakker Jan"), []byte("Bakker Jon"), 1)
		}
		return io.NopCloser(bytes.NewReader(b)), nil
	}}
	if _, err := Extract(context.Background(), []osmfile.Source{src}, Options{}); !errors.Is(err, osmfile.ErrChanged) {
		t.Errorf("error %v, want ErrChanged", err)
	}
}

func TestCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, []osmfile.Source{osmfile.FileSource(liechtensteinPBF)}, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}
