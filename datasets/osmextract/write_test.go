package osmextract

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/load"
)

// The three files read back through partons' own strict readers with the
// default schemas, record for record.
func TestOutputsReadBackWithDefaultSchemas(t *testing.T) {
	t.Parallel()
	res := extract(t, Options{}, testSource("edge.osm.pbf"), testSource("edge-rest.osm"), realSource(t, liechtensteinPBF))
	write := func(fn func(*bytes.Buffer) error) []byte {
		var b bytes.Buffer
		if err := fn(&b); err != nil {
			t.Fatal(err)
		}
		var head struct {
			Type        string `json:"type"`
			Attribution string `json:"attribution"`
		}
		if err := json.Unmarshal(b.Bytes(), &head); err != nil || head.Type != "FeatureCollection" || head.Attribution != Attribution {
			t.Errorf("collection header %+v (%v)", head, err)
		}
		return b.Bytes()
	}
	vb := write(func(b *bytes.Buffer) error { return res.WriteVillages(b) })
	sb := write(func(b *bytes.Buffer) error { return res.WriteServices(b) })
	bb := write(func(b *bytes.Buffer) error { return res.WriteBoundaries(b) })

	vs, _, err := load.Villages([]load.Source{load.Bytes(VillagesFile, vb)}, datasets.DefaultVillageSchema())
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != len(res.Villages) {
		t.Fatalf("%d villages read back, %d written", len(vs), len(res.Villages))
	}
	for i, v := range vs {
		w := res.Villages[i]
		if v.ID != w.ID || v.Name != w.Name || v.Country != w.Country || v.AreaCode != w.AreaCode || v.AreaName != w.AreaName ||
			v.HasPopulation != w.HasPopulation || v.Population != w.Population || v.Location != w.Location {
			t.Errorf("village %d read back as %+v, written %+v", i, v, w)
		}
	}
	ss, _, err := load.Services([]load.Source{load.Bytes(ServicesFile, sb)}, datasets.DefaultServiceSchema())
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != len(res.Services) {
		t.Fatalf("%d services read back, %d written", len(ss), len(res.Services))
	}
	for i, s := range ss {
		w := res.Services[i]
		if s.ID != w.ID || s.Name != w.Name || s.Category != w.Category || s.Country != w.Country || s.Location != w.Location {
			t.Errorf("service %d read back as %+v, written %+v", i, s, w)
		}
	}
	bs, _, err := load.Boundaries([]load.Source{load.Bytes(BoundariesFile, bb)}, datasets.DefaultBoundarySchema())
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != len(res.Boundaries) {
		t.Fatalf("%d boundaries read back, %d written", len(bs), len(res.Boundaries))
	}
	for i, b := range bs {
		w := res.Boundaries[i]
		if b.ID != w.ID || b.Country != w.Country || b.AreaCode != w.AreaCode || b.AreaName != w.AreaName || len(b.Geometry) != len(w.Geometry) {
			t.Errorf("boundary %d read back as %s %s %s %s, written %s %s %s %s", i, b.ID, b.Country, b.AreaCode, b.AreaName, w.ID, w.Country, w.AreaCode, w.AreaName)
		}
	}
}
