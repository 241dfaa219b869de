package osmextract

import (
	"bytes"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/partons/partons/datasets/osmarea"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/geo"
)

// The expectations below are worked out by hand from testdata/edge.osm (see
// the comments in the file); osmium tags-filter + export give the same
// place and category counts (gen_counts.py edge.osm.pbf).

type wantVillage struct {
	id, name, country, area, areaName string
	pop                               float64 // -1: unknown
	source                            string
	merged                            string
}

var edgeVillages = []wantVillage{
	{"node/30", "Alpha", "BE", "33011", "Alpha", 1234, PopOSM, "way/801"},
	{"node/31", "Beta", "BE", "", "", -1, PopUnknown, ""},            // in the hole of Alpha
	{"node/33", "Kappa", "BE", "33016", "Gamma", -1, PopUnknown, ""}, // "ca. 300" is not a number
	{"node/34", "Omega", "", "", "", -1, PopUnknown, ""},             // outside every boundary
}

type wantService struct{ id, category, raw, name, country, merged string }

var edgeServices = []wantService{
	{"node/20", "pharmacy", "amenity=pharmacy", "Apotheek Centrum", "BE", "way/601"},
	{"node/21", "bakery", "shop=bakery", "Bakker Jan", "BE", ""},
	{"node/22", "atm", "amenity=atm", "", "BE", "way/603"},
	{"node/24", "post", "amenity=post_office", "Post Alpha", "BE", "way/604"}, // 25 m, nearer than node 25 (46 m)
	{"node/25", "post", "amenity=post_office", "Post Alpha", "BE", ""},
	{"node/26/grocery", "grocery", "shop=convenience", "Buurtwinkel", "BE", ""},
	{"node/26/post", "post", "amenity=post_office", "Buurtwinkel", "BE", ""},
	{"way/602", "bakery", "shop=bakery", "Bakkerij Piet", "BE", ""}, // other name than node 21
	{"relation/7", "school", "amenity=school", "School Hole", "BE", ""},
}

func checkEdge(t *testing.T, res *Result) {
	t.Helper()
	if len(res.Villages) != len(edgeVillages) {
		t.Fatalf("%d villages, want %d: %+v", len(res.Villages), len(edgeVillages), res.Villages)
	}
	for i, w := range edgeVillages {
		v, in := res.Villages[i], res.VillageInfo[i]
		pop := -1.0
		if v.HasPopulation {
			pop = v.Population
		}
		got := wantVillage{v.ID, v.Name, v.Country, v.AreaCode, v.AreaName, pop, in.PopulationSource, joinIDs(in.MergedWith)}
		if got != w {
			t.Errorf("village %d = %+v, want %+v", i, got, w)
		}
	}
	if in := res.VillageInfo[0]; in.NameNL != "Alfa" || in.NameFR != "Alphe" || in.Place != "village" {
		t.Errorf("village 0 info %+v", in)
	}
	if len(res.Services) != len(edgeServices) {
		t.Fatalf("%d services, want %d: %+v", len(res.Services), len(edgeServices), res.Services)
	}
	for i, w := range edgeServices {
		s := res.Services[i]
		got := wantService{s.ID, s.Category, s.Raw, s.Name, s.Country, joinIDs(res.ServiceInfo[i].MergedWith)}
		if got != w {
			t.Errorf("service %d = %+v, want %+v", i, got, w)
		}
	}
	// The school's point lies in its outer ring and not in its hole.
	school := res.Services[len(res.Services)-1].Location
	if !(school[0] > 0.1 && school[0] < 0.9 && school[1] > 1.1 && school[1] < 1.9) ||
		(school[0] >= 0.3 && school[0] <= 0.7 && school[1] >= 1.3 && school[1] <= 1.7) {
		t.Errorf("school point %v not in the outer ring outside the hole", school)
	}

	rep := res.Report
	wantCats := map[string]Count{
		"atm": {Nodes: 1, Ways: 1}, "bakery": {Nodes: 1, Ways: 1}, "grocery": {Nodes: 1},
		"pharmacy": {Nodes: 1, Ways: 1}, "post": {Nodes: 3, Ways: 1}, "school": {Relations: 1},
	}
	if !reflect.DeepEqual(rep.Categories, wantCats) {
		t.Errorf("categories %v, want %v", rep.Categories, wantCats)
	}
	wantPlaces := map[string]Count{"village": {Nodes: 3, Ways: 1}, "hamlet": {Nodes: 2}}
	if !reflect.DeepEqual(rep.Places, wantPlaces) {
		t.Errorf("places %v, want %v", rep.Places, wantPlaces)
	}
	if rep.ServicesMerged != 3 || rep.VillagesMerged != 1 || rep.PlacesUnnamed != 1 || rep.PopulationTagsUnparsed != 1 {
		t.Errorf("merged %d/%d, unnamed %d, unparsed %d; want 3/1, 1, 1",
			rep.ServicesMerged, rep.VillagesMerged, rep.PlacesUnnamed, rep.PopulationTagsUnparsed)
	}
	if rep.VillagesWithoutCountry != 1 || rep.VillagesWithoutArea != 2 || rep.ServicesWithoutCountry != 0 {
		t.Errorf("without country/area: %d %d %d", rep.VillagesWithoutCountry, rep.VillagesWithoutArea, rep.ServicesWithoutCountry)
	}
	if !rep.NewestElement.Equal(time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)) || !rep.DataDate.Equal(rep.NewestElement) {
		t.Errorf("newest element %v, data date %v", rep.NewestElement, rep.DataDate)
	}
}

func TestExtractEdgeFixture(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"edge.osm", "edge.osm.pbf"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res := extract(t, Options{}, testSource(name))
			checkEdge(t, res)
			rep := res.Report
			want := Artefacts{
				MissingNodes: 2, MissingNodeRefs: 2, // 998 (way 605), 999 (way 501)
				MissingMembers: 2, // way 402 (Delta), way 899 (hospital)
				UnclosedRings:  1, // Delta's way 401 alone
				IncompleteWays: 1, // way 605
				OpenWays:       1, // way 606
			}
			if rep.Artefacts != want {
				t.Errorf("artefacts %+v, want %+v", rep.Artefacts, want)
			}
			var skipped []string
			for _, s := range rep.Skipped {
				skipped = append(skipped, s.Kind+" "+s.OSM.String()+": "+s.Reason)
			}
			wantSkipped := []string{
				"boundary relation/4: 1 member ways missing (extract edge), 1 rings do not close",
				"boundary relation/5: 1 node references missing (extract edge)",
				"service relation/8: 1 member ways missing (extract edge)",
			}
			if !slices.Equal(skipped, wantSkipped) {
				t.Errorf("skipped %q, want %q", skipped, wantSkipped)
			}
			checkEdgeBoundaries(t, res, false)
		})
	}
}

// checkEdgeBoundaries checks the polygons against hand-computed rings and
// exact spherical areas of lon/lat rectangles.
func checkEdgeBoundaries(t *testing.T, res *Result, withDelta bool) {
	t.Helper()
	type want struct {
		id, country, code, name string
		polys                   []int // rings per polygon
		km2                     float64
	}
	ws := []want{
		{"relation/2", "BE", "33011", "Alpha", []int{2}, rectKm2(0, 0, 2, 2) - rectKm2(0.5, 0.5, 1, 1)},
		{"relation/3", "BE", "33016", "Gamma", []int{1, 1}, rectKm2(2.5, 0.5, 3, 1) + rectKm2(2.5, 1.5, 3, 2)},
		{"relation/1", "BE", "", "", []int{1}, rectKm2(0, 0, 4, 3)},
	}
	if withDelta { // outside the country polygon: FR from its ref:INSEE tag
		ws = slices.Insert(ws, 2, want{"relation/4", "FR", "59001", "Delta", []int{1}, rectKm2(4, 0, 5, 1)})
	}
	if len(res.Boundaries) != len(ws) {
		t.Fatalf("%d boundaries, want %d", len(res.Boundaries), len(ws))
	}
	for i, w := range ws {
		b, in := res.Boundaries[i], res.BoundaryInfo[i]
		var rings []int
		for _, p := range b.Geometry {
			rings = append(rings, len(p))
			for k, r := range p {
				if r[0] != r[len(r)-1] || len(r) < 4 {
					t.Errorf("%s: ring %d not closed: %v", b.ID, k, r)
				}
				if (osmarea.SignedArea(r) > 0) != (k == 0) {
					t.Errorf("%s: ring %d has the wrong orientation (RFC 7946: outer counter-clockwise)", b.ID, k)
				}
			}
		}
		if b.ID != w.id || b.Country != w.country || b.AreaCode != w.code || b.AreaName != w.name || !slices.Equal(rings, w.polys) {
			t.Errorf("boundary %d = %s %s %s %s %v, want %+v", i, b.ID, b.Country, b.AreaCode, b.AreaName, rings, w)
		}
		if !near(in.AreaKm2, w.km2, 1e-6*w.km2) {
			t.Errorf("%s: %.6f km², want %.6f", b.ID, in.AreaKm2, w.km2)
		}
	}
	// The hole of Alpha excludes Beta (0.75, 0.75).
	if geo.Contains(res.Boundaries[0].Geometry, orb.Point{0.75, 0.75}) || !geo.Contains(res.Boundaries[0].Geometry, orb.Point{1.5, 1.5}) {
		t.Error("Alpha's hole is not a hole")
	}
}

// Two extracts: edge-rest.osm holds the way Delta lacks in edge.osm, node 2
// again, and a newer version of the pharmacy node.
func TestExtractMergesExtracts(t *testing.T) {
	t.Parallel()
	res := extract(t, Options{}, testSource("edge.osm.pbf"), testSource("edge-rest.osm"))
	checkEdgeBoundaries(t, res, true)
	rep := res.Report
	if rep.Artefacts.MissingMembers != 1 || rep.Artefacts.UnclosedRings != 0 || len(rep.Skipped) != 2 {
		t.Errorf("artefacts %+v, skipped %+v", rep.Artefacts, rep.Skipped)
	}
	if rep.Duplicates != (Count{Nodes: 3, Relations: 1}) {
		t.Errorf("duplicates %+v, want 3 nodes (2, 20, 43), 1 relation (4)", rep.Duplicates)
	}
	if got := res.ServiceInfo[0].OpeningHours; got != "Mo-Sa 09:00-18:00" {
		t.Errorf("pharmacy opening hours %q: the newest version must win", got)
	}
	if got := res.Services[0].OpeningHours; got != "Mo-Sa 09:00-18:00" {
		t.Errorf("pharmacy record's opening hours %q, want the tag's", got)
	}
	if len(rep.Files) != 2 || rep.Files[1].Format != osmfile.FormatXML || rep.Files[0].Format != osmfile.FormatPBF {
		t.Errorf("files %+v", rep.Files)
	}
}

// The same extract twice is the extract once: every object is merged.
func TestExtractSameFileTwiceIsIdempotent(t *testing.T) {
	t.Parallel()
	once := extract(t, Options{}, testSource("edge.osm"))
	twice := extract(t, Options{}, testSource("edge.osm"), testSource("edge.osm.pbf"))
	if !reflect.DeepEqual(stripOrigin(once), stripOrigin(twice)) {
		t.Error("reading the same data twice changed the result")
	}
	// Kept: 7 area relations (not the route), 19 ways, the 67 nodes.
	if d := twice.Report.Duplicates; d != (Count{Nodes: 67, Ways: 19, Relations: 7}) {
		t.Errorf("duplicates %+v, want 67 nodes, 19 ways, 7 relations", d)
	}
}

// stripOrigin drops what legitimately differs between reads (source
// names, reports).
func stripOrigin(r *Result) *Result {
	c := *r
	c.Report = nil
	c.Villages = slices.Clone(r.Villages)
	for i := range c.Villages {
		c.Villages[i].Origin.Source = ""
	}
	c.Services = slices.Clone(r.Services)
	for i := range c.Services {
		c.Services[i].Origin.Source = ""
	}
	c.Boundaries = slices.Clone(r.Boundaries)
	for i := range c.Boundaries {
		c.Boundaries[i].Origin.Source = ""
	}
	return &c
}

// Output bytes do not depend on the number of decoding goroutines or on
// the run.
func TestExtractDeterministic(t *testing.T) {
	t.Parallel()
	var first [3][]byte
	for k, procs := range []int{1, 4, 1} {
		res := extract(t, Options{Procs: procs}, testSource("edge.osm.pbf"), osmfile.FileSource(liechtensteinPBF))
		var got [3][]byte
		for i, fn := range []func(w *bytes.Buffer) error{
			func(w *bytes.Buffer) error { return res.WriteVillages(w) },
			func(w *bytes.Buffer) error { return res.WriteServices(w) },
			func(w *bytes.Buffer) error { return res.WriteBoundaries(w) },
		} {
			var b bytes.Buffer
			if err := fn(&b); err != nil {
				t.Fatal(err)
			}
			got[i] = b.Bytes()
		}
		if k == 0 {
			first = got
			continue
		}
		for i := range got {
			if !bytes.Equal(got[i], first[i]) {
				t.Errorf("procs %d: output %d differs", procs, i)
			}
		}
	}
}

func TestExtractOptions(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name                    string
		opts                    Options
		villages, services, bds int
		merged                  int
	}{
		{"defaults", Options{}, 4, 9, 3, 3},
		{"no merging", Options{MergeDistanceM: -1}, 5, 12, 3, 0},
		{"merge by containment only", Options{MergeDistanceM: 1}, 4, 10, 3, 2},
		{"villages only", Options{Places: []string{"village"}}, 3, 9, 3, 3},
		{"countries only", Options{AdminLevels: []int{2}}, 4, 9, 1, 3},
		{"no category", Options{Taxonomy: emptyTaxonomy(t)}, 4, 0, 3, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := extract(t, tc.opts, testSource("edge.osm"))
			if len(res.Villages) != tc.villages || len(res.Services) != tc.services || len(res.Boundaries) != tc.bds || res.Report.ServicesMerged != tc.merged {
				t.Errorf("villages %d services %d boundaries %d merged %d, want %d %d %d %d",
					len(res.Villages), len(res.Services), len(res.Boundaries), res.Report.ServicesMerged,
					tc.villages, tc.services, tc.bds, tc.merged)
			}
		})
	}
	if _, err := Extract(t.Context(), []osmfile.Source{testSource("edge.osm")}, Options{AdminLevels: []int{13}}); err == nil {
		t.Error("admin level 13 accepted")
	}
	if _, err := Extract(t.Context(), nil, Options{}); err == nil {
		t.Error("no sources accepted")
	}
}

func emptyTaxonomy(tb testing.TB) *taxonomy.Taxonomy {
	tb.Helper()
	return &taxonomy.Taxonomy{}
}
