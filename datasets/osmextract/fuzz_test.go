package osmextract

import (
	"context"
	"errors"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/geo"
)

// FuzzExtractXML feeds arbitrary bytes to the XML path and checks that
// Extract never panics, fails only with errors wrapping datasets.ErrInvalid,
// and otherwise returns closed rings and points inside their areas.
//
// Run: go test -run=^$ -fuzz=FuzzExtractXML -fuzztime=60s ./datasets/osmextract/
func FuzzExtractXML(f *testing.F) {
	f.Add(readTestdata(f, "edge.osm"))
	f.Add(readTestdata(f, "edge-rest.osm"))
	f.Add([]byte(`<osm><node id="1" lat="0" lon="0"/><node id="2" lat="0" lon="1"/><node id="3" lat="1" lon="1"/>
<way id="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="1"/><tag k="shop" v="bakery"/></way>
<relation id="1"><member type="way" ref="1" role="outer"/><member type="way" ref="1" role="inner"/><tag k="type" v="multipolygon"/><tag k="place" v="village"/><tag k="name" v="X"/></relation></osm>`))
	f.Add([]byte(`<osm><node id="1" lat="NaN" lon="0"><tag k="amenity" v="atm"/></node></osm>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := Extract(context.Background(), []osmfile.Source{bytesSource("fuzz.osm", b)}, Options{Procs: 1})
		if err != nil {
			if !errors.Is(err, datasets.ErrInvalid) {
				t.Fatalf("error not wrapping ErrInvalid: %v", err)
			}
			return
		}
		for _, bd := range res.Boundaries {
			for _, p := range bd.Geometry {
				for _, r := range p {
					if len(r) < 4 || r[0] != r[len(r)-1] {
						t.Fatalf("%s: open ring %v", bd.ID, r)
					}
				}
			}
		}
		for _, v := range res.Villages {
			if pt, ok := v.Geometry.(orb.Point); ok {
				if pt != v.Location {
					t.Fatalf("%s: location %v is not the node %v", v.ID, v.Location, pt)
				}
			} else if !geo.Contains(v.Geometry, v.Location) {
				t.Fatalf("%s: location %v outside its geometry", v.ID, v.Location)
			}
		}
	})
}
