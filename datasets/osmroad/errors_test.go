package osmroad

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/geo/road"
)

// TestBadFiles: every malformed, truncated or unsupported input fails the
// whole read with a *osmfile.FileError naming the source; no network is returned
// and nothing panics.
func TestBadFiles(t *testing.T) {
	t.Parallel()
	town := readTestdata(t, "town.osm")
	townPBF := readTestdata(t, "town.osm.pbf")
	monaco := readTestdata(t, "monaco-2015-04-28.osm.pbf")
	bz := readTestdata(t, "town.osm.bz2")
	cut := bytes.Index(town, []byte(`<way id="300"`)) + 20
	cases := []struct {
		name    string
		src     osmfile.Source
		want    []error // all must match with errors.Is
		message string  // substring of the error text
	}{
		{"truncated pbf mid-block", bytesSource("monaco.osm.pbf", monaco[:len(monaco)/2]),
			[]error{osmfile.ErrMalformed, io.ErrUnexpectedEOF, datasets.ErrInvalid}, "monaco.osm.pbf (pbf): byte offset"},
		{"truncated pbf in block length", bytesSource("town.osm.pbf", townPBF[:len(townPBF)-len(townPBF)+2]),
			[]error{osmfile.ErrMalformed, io.ErrUnexpectedEOF}, "truncated block length"},
		{"truncated xml", bytesSource("town.osm", town[:cut]),
			[]error{osmfile.ErrMalformed}, "town.osm (xml): after way/301: osmfile: malformed OSM file: datasets: invalid input data: XML syntax error on line 140: unexpected EOF"},
		{"truncated bz2", bytesSource("town.osm.bz2", bz[:len(bz)*2/3]),
			[]error{osmfile.ErrMalformed}, "town.osm.bz2 (xml+bz2)"},
		{"pbf with non-dense nodes", testSource("town-nondense.osm.pbf"),
			[]error{osmfile.ErrUnsupported, datasets.ErrInvalid}, "town-nondense.osm.pbf (pbf): byte offset"},
		{"xml named pbf", bytesSource("town.osm.pbf", town),
			[]error{osmfile.ErrMalformed}, "blob header size"},
		{"unknown content", bytesSource("roads.dat", []byte("highway,lat,lon\nresidential,0,0\n")),
			[]error{osmfile.ErrMalformed}, "not an OSM PBF or XML file"},
		{"empty", bytesSource("empty.osm", nil), []error{osmfile.ErrMalformed}, "empty file"},
		{"xml not osm", bytesSource("kml.xml", []byte(`<?xml version="1.0"?><kml><Placemark/></kml>`)),
			[]error{osmfile.ErrMalformed}, "root element is not <osm>"},
		{"whitespace only", bytesSource("blank.osm", []byte("  \n\n")), []error{osmfile.ErrMalformed}, "root element"},
		{"latitude out of range", bytesSource("bad.osm", []byte(`<osm><node id="1" lat="95" lon="0"/><node id="2" lat="0" lon="0"/>
			<way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="path"/></way></osm>`)),
			[]error{osmfile.ErrCoordinate, datasets.ErrInvalid}, "bad.osm (xml): after node/1"},
		{"missing file", osmfile.FileSource("testdata/no-such-file.osm.pbf"), []error{fs.ErrNotExist}, "no-such-file.osm.pbf"},
		{"nil open", osmfile.Source{Name: "nil"}, []error{osmfile.ErrMalformed}, "nil Open"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			nets, rep, err := ReadAll(context.Background(), []osmfile.Source{tc.src}, Options{})
			if err == nil {
				t.Fatalf("no error; report:\n%v", rep)
			}
			if nets != nil || rep != nil {
				t.Errorf("partial result returned with %v", err)
			}
			var fe *osmfile.FileError
			if !errors.As(err, &fe) || fe.Source != tc.src.Name {
				t.Errorf("error %v is not a *osmfile.FileError naming %q", err, tc.src.Name)
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

// TestSourceChangedBetweenPasses: a source that returns other bytes on its
// second opening is rejected rather than mixing two versions.
func TestSourceChangedBetweenPasses(t *testing.T) {
	t.Parallel()
	town := readTestdata(t, "town.osm")
	moved := bytes.Replace(town, []byte(`lat="0.0000000" lon="0.0010000"`), []byte(`lat="0.0000000" lon="0.0011000"`), 1)
	for _, name := range []string{"town.osm", "town.osm.pbf"} {
		versions := [][]byte{town, moved}
		if name == "town.osm.pbf" {
			versions = [][]byte{readTestdata(t, name), readTestdata(t, "west.osm.pbf")}
		}
		calls := 0
		src := osmfile.Source{Name: name, Open: func() (io.ReadCloser, error) {
			b := versions[min(calls, 1)]
			calls++
			return io.NopCloser(bytes.NewReader(b)), nil
		}}
		_, _, err := Read(context.Background(), []osmfile.Source{src}, road.Foot, Options{})
		if !errors.Is(err, osmfile.ErrChanged) {
			t.Errorf("%s: error %v, want osmfile.ErrChanged", name, err)
		}
	}
}

// TestCancelled: a cancelled context stops the read with ctx.Err().
func TestCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, name := range []string{"monaco-2015-04-28.osm.pbf", "town.osm"} {
		nets, _, err := ReadAll(ctx, []osmfile.Source{testSource(name)}, Options{})
		if !errors.Is(err, context.Canceled) || nets != nil {
			t.Errorf("%s: %v, want context.Canceled and no network", name, err)
		}
		if errors.Is(err, datasets.ErrInvalid) {
			t.Errorf("%s: cancellation reported as invalid data: %v", name, err)
		}
	}
}

// TestBadArguments: programmer errors are errors, not panics.
func TestBadArguments(t *testing.T) {
	t.Parallel()
	src := []osmfile.Source{testSource("town.osm")}
	for name, ps := range map[string][]road.Profile{
		"none": nil, "unknown": {"horse"}, "twice": {road.Car, road.Car},
		"too many": {road.Car, road.Bicycle, road.Foot, road.Car},
	} {
		if _, _, err := ReadProfiles(context.Background(), src, ps, Options{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, _, err := ReadAll(context.Background(), nil, Options{}); err == nil {
		t.Error("no sources: no error")
	}
}
