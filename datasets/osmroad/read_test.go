package osmroad

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/road"
)

// wantEdge is one expected edge of the town fixture, keyed by
// "way:fromNode-toNode" (OSM ids).
type wantEdge struct {
	lengthM  float64
	fwd, bwd bool
	kmh      float64
}

// townEdges returns the hand-computed edges of town.osm for profile p.
func townEdges(p road.Profile) map[string]wantEdge {
	res, prim, sec, ter := 30.0, 70.0, 60.0, 50.0
	if p != road.Car {
		s := BicycleKmh
		if p == road.Foot {
			s = FootKmh
		}
		res, prim, sec, ter = s, s, s, s
	}
	two := func(l, kmh float64) wantEdge { return wantEdge{l, true, true, kmh} }
	fwd := func(l, kmh float64) wantEdge {
		if p == road.Foot {
			return two(l, kmh)
		}
		return wantEdge{l, true, false, kmh}
	}
	m := map[string]wantEdge{
		"101:3-6":   fwd(merM, res),                    // oneway=yes
		"103:5-8":   fwd(merM, res),                    // oneway=yes, oneway:bicycle=no
		"200:20-21": fwd(eqM, prim),                    // roundabout, two junctions
		"200:21-20": fwd(roundM, prim),                 //
		"201:24-20": two(eqM, prim),                    //
		"202:21-25": two(eqM, math.Min(prim, 50)),      // maxspeed=50
		"203:30-32": fwd(eqM+merM, ter),                // roundabout, one junction: split
		"203:32-30": fwd(parM+merM, ter),               //
		"204:34-30": two(eqM, ter),                     //
		"400:50-51": two(eqM, res),                     // island
		"500:60-61": two(eqM, res),                     // before the missing node 999
		"500:62-63": two(eqM, res),                     // after it
		"301:42-40": two(eqM, sec),                     //
		"300:40-41": two(2*eqM, sec),                   // the bridge across the border
		"302:41-43": two(eqM, math.Min(sec, 50)),       // maxspeed=FR:urban
		"102:4-7":   {merM, p == road.Foot, true, res}, // oneway=-1
	}
	if p == road.Bicycle {
		m["103:5-8"] = two(merM, res)
	}
	if p == road.Foot {
		m["100:1-2"] = two(eqM, res)
		m["100:2-3"] = two(eqM, res)
		m["104:2-9"] = two(merM, res) // footway
		m["106:1-11"] = two(eqM, res) // access=private, foot=yes
	} else {
		m["100:1-3"] = two(2*eqM, res)
	}
	m["100:3-4"] = two(eqM, res)
	m["100:4-5"] = two(eqM, res)
	return m
}

// checkTown compares a network of town.osm with townEdges, and checks the
// invariants every network must satisfy.
func checkTown(t *testing.T, net *Network) {
	t.Helper()
	want := townEdges(net.Profile)
	if len(net.Edges) != len(want) {
		t.Errorf("%s: %d edges, want %d", net.Profile, len(net.Edges), len(want))
	}
	checkInvariants(t, net)
	for _, e := range net.Edges {
		key := fmt.Sprintf("%d:%d-%d", e.WayID, net.NodeIDs[e.From], net.NodeIDs[e.To])
		w, ok := want[key]
		if !ok {
			t.Errorf("%s: unexpected edge %s", net.Profile, key)
			continue
		}
		if math.Abs(e.LengthM-w.lengthM) > lengthTol || e.Forward != w.fwd || e.Backward != w.bwd || e.SpeedKmh != w.kmh {
			t.Errorf("%s: edge %s = %.9f m fwd %v bwd %v %v km/h, want %.9f m fwd %v bwd %v %v km/h", net.Profile, key,
				e.LengthM, e.Forward, e.Backward, e.SpeedKmh, w.lengthM, w.fwd, w.bwd, w.kmh)
		}
	}
}

// checkInvariants: vertices are distinct OSM nodes, every vertex is used,
// geometry ends sit on the edge's vertices, lengths are the geodesic sums
// of the geometry, no self-loops, and road.Build accepts the network.
func checkInvariants(t *testing.T, net *Network) {
	t.Helper()
	if len(net.NodeIDs) != len(net.Vertices) {
		t.Fatalf("%d node ids for %d vertices", len(net.NodeIDs), len(net.Vertices))
	}
	seen := make(map[int64]bool, len(net.NodeIDs))
	for _, id := range net.NodeIDs {
		if seen[id] {
			t.Errorf("node %d is two vertices", id)
		}
		seen[id] = true
	}
	used := make([]bool, len(net.Vertices))
	for k, e := range net.Edges {
		used[e.From], used[e.To] = true, true
		g := e.Geometry
		if e.From == e.To || len(g) < 2 || g[0] != net.Vertices[e.From] || g[len(g)-1] != net.Vertices[e.To] {
			t.Errorf("edge %d (way %d): bad ends or self-loop", k, e.WayID)
			continue
		}
		var l float64
		for i := 1; i < len(g); i++ {
			l += geodesic.Distance(g[i-1], g[i])
		}
		if math.Abs(l-e.LengthM) > 1e-9*l {
			t.Errorf("edge %d: length %v, geometry %v", k, e.LengthM, l)
		}
		if !e.Forward && !e.Backward || !(e.SpeedKmh > 0) {
			t.Errorf("edge %d (way %d): untravellable", k, e.WayID)
		}
	}
	for v, u := range used {
		if !u {
			t.Errorf("vertex %d (node %d) has no edge", v, net.NodeIDs[v])
		}
	}
	g, err := road.Build(net.Profile, net.Vertices, net.Edges)
	if err != nil {
		t.Fatalf("road.Build: %v", err)
	}
	if err := g.Validate(); err != nil {
		t.Errorf("road.Validate: %v", err)
	}
}

// TestTownFormats reads the same fixture as XML, PBF, bzip2 XML and gzip
// XML (the last two also without a telling file name) and expects the
// same hand-computed networks.
func TestTownFormats(t *testing.T) {
	t.Parallel()
	xml := readTestdata(t, "town.osm")
	cases := []struct {
		name string
		src  osmfile.Source
		fmt  osmfile.Format
	}{
		{"xml", testSource("town.osm"), osmfile.FormatXML},
		{"pbf", testSource("town.osm.pbf"), osmfile.FormatPBF},
		{"bz2", testSource("town.osm.bz2"), osmfile.FormatXMLBz},
		{"gzip sniffed", bytesSource("town-download", gzipBytes(t, xml)), osmfile.FormatXMLGz},
		{"pbf sniffed", bytesSource("town-download", readTestdata(t, "town.osm.pbf")), osmfile.FormatPBF},
		{"bz2 sniffed", bytesSource("town-download", readTestdata(t, "town.osm.bz2")), osmfile.FormatXMLBz},
		{"xml sniffed", bytesSource("town-download", xml), osmfile.FormatXML},
	}
	var first map[road.Profile]*Network
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			nets, rep, err := ReadAll(context.Background(), []osmfile.Source{tc.src}, Options{Country: westOf})
			if err != nil {
				t.Fatal(err)
			}
			if got := rep.Files[0].Format; got != tc.fmt {
				t.Errorf("format %q, want %q", got, tc.fmt)
			}
			for _, p := range []road.Profile{road.Car, road.Bicycle, road.Foot} {
				checkTown(t, nets[p])
				if pr := rep.Profile(p); pr.BorderEdges != 1 {
					t.Errorf("%s: %d border edges, want 1 (the bridge)", p, pr.BorderEdges)
				}
			}
			for p, want := range map[road.Profile][3]int{road.Car: {15, 24, 19}, road.Bicycle: {15, 24, 19}, road.Foot: {17, 27, 22}} {
				pr := rep.Profile(p)
				if got := [3]int{pr.RoutableWays, pr.Vertices, pr.Edges}; got != want {
					t.Errorf("%s: ways, vertices, edges = %v, want %v", p, got, want)
				}
			}
			got := [8]int64{rep.WaysScanned, rep.WaysKept, rep.NodesScanned, rep.NodesKept,
				rep.DanglingRefs, rep.DanglingNodes, rep.ShortWays, rep.DuplicateWays + rep.DuplicateNodes}
			if want := [8]int64{19, 17, 33, 32, 2, 2, 1, 0}; got != want {
				t.Errorf("report counts %v, want %v", got, want)
			}
			if first == nil {
				first = nets
			} else {
				for p, n := range nets {
					sameNetwork(t, n, first[p])
				}
			}
		})
	}
}

// TestTownComponents: road.Build sees the island and the two halves of the
// way split at its missing node as separate components.
func TestTownComponents(t *testing.T) {
	t.Parallel()
	nets, _, err := ReadAll(context.Background(), []osmfile.Source{testSource("town.osm")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// main street, roundabout, single-junction roundabout, island, two
	// halves of way 500, the bridge.
	for p, want := range map[road.Profile][2]int{road.Car: {7, 7}, road.Bicycle: {7, 7}, road.Foot: {7, 10}} {
		g, err := road.Build(p, nets[p].Vertices, nets[p].Edges)
		if err != nil {
			t.Fatal(err)
		}
		if n, largest := g.Components(); n != want[0] || largest != want[1] {
			t.Errorf("%s: %d components, largest %d; want %v", p, n, largest, want)
		}
	}
}

// TestMergeAcrossExtracts: west.osm and east.osm overlap on node 40 and way
// 300 (the bridge); read together, in either order and either format, they
// give exactly the network of town.osm, with the duplicates counted once.
func TestMergeAcrossExtracts(t *testing.T) {
	t.Parallel()
	whole, _, err := ReadAll(context.Background(), []osmfile.Source{testSource("town.osm")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		files [2]string
	}{
		{"xml", [2]string{"west.osm", "east.osm"}},
		{"pbf reversed", [2]string{"east.osm.pbf", "west.osm.pbf"}},
		{"mixed", [2]string{"west.osm.pbf", "east.osm"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nets, rep, err := ReadAll(context.Background(),
				[]osmfile.Source{testSource(tc.files[0]), testSource(tc.files[1])}, Options{Country: westOf})
			if err != nil {
				t.Fatal(err)
			}
			for p, n := range nets {
				sameNetwork(t, n, whole[p])
			}
			got := [4]int64{rep.DuplicateWays, rep.DuplicateNodes, rep.DanglingRefs, rep.WaysScanned}
			if want := [4]int64{1, 1, 2, 20}; got != want {
				t.Errorf("duplicate ways, nodes, dangling refs, ways read = %v, want %v", got, want)
			}
			if rep.Profile(road.Car).BorderEdges != 1 {
				t.Errorf("border edges %d, want 1", rep.Profile(road.Car).BorderEdges)
			}
		})
	}
	// Alone, west.osm holds way 300 without node 41: the way crosses the
	// edge of the extract, one more dangling reference, and is too short.
	net, rep, err := Read(context.Background(), []osmfile.Source{testSource("west.osm")}, road.Car, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.DanglingRefs != 3 || rep.ShortWays != 2 || len(net.Edges) != 17 {
		t.Errorf("west alone: dangling %d short %d edges %d, want 3 2 17", rep.DanglingRefs, rep.ShortWays, len(net.Edges))
	}
}

// TestMergeKeepsNewestVersion: a node or way present in two sources with
// different versions is taken from the higher version, whatever the order.
func TestMergeKeepsNewestVersion(t *testing.T) {
	t.Parallel()
	v1 := `<osm version="0.6">
 <node id="1" version="1" lat="0" lon="0"/><node id="2" version="1" lat="0" lon="0.001"/>
 <node id="3" version="1" lat="0" lon="0.002"/>
 <way id="7" version="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
</osm>`
	v2 := `<osm version="0.6">
 <node id="2" version="2" lat="0" lon="0.002"/>
 <way id="7" version="2"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/><tag k="oneway" v="yes"/></way>
</osm>`
	for _, order := range [][2]string{{v1, v2}, {v2, v1}} {
		net, rep, err := Read(context.Background(), []osmfile.Source{
			bytesSource("a.osm", []byte(order[0])), bytesSource("b.osm", []byte(order[1]))}, road.Car, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(net.Edges) != 1 {
			t.Fatalf("%d edges, want 1", len(net.Edges))
		}
		e := net.Edges[0]
		// Node 2 moved onto node 3's position: 0.001° then 0 m.
		if math.Abs(e.LengthM-2*eqM) > lengthTol || e.Backward || len(e.Geometry) != 3 {
			t.Errorf("edge %+v, want way 7 version 2 with node 2 version 2", e)
		}
		if rep.DuplicateWays != 1 || rep.DuplicateNodes != 1 {
			t.Errorf("duplicates %d ways %d nodes, want 1 1", rep.DuplicateWays, rep.DuplicateNodes)
		}
	}
}

// TestWayShapes: self-touching ways, repeated refs and closed ways.
func TestWayShapes(t *testing.T) {
	t.Parallel()
	nodes := `<node id="1" lat="0" lon="0"/><node id="2" lat="0" lon="0.001"/><node id="3" lat="0.001" lon="0.001"/>
 <node id="4" lat="0.001" lon="0"/><node id="5" lat="0" lon="-0.001"/>`
	cases := []struct {
		name, ways string
		edges      []string // way:from-to
	}{
		{"repeated ref", `<way id="1"><nd ref="1"/><nd ref="2"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="path"/></way>`,
			[]string{"1:1-3"}},
		// Node 1 is used twice, so it is a vertex; the loop 1-2-3-4-1 is
		// split at its middle node 3.
		{"lasso", `<way id="1"><nd ref="5"/><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="highway" v="path"/></way>`,
			[]string{"1:5-1", "1:1-3", "1:3-1"}},
		{"isolated closed way", `<way id="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="highway" v="path"/></way>`,
			[]string{"1:1-3", "1:3-1"}},
		{"single node", `<way id="1"><nd ref="1"/><tag k="highway" v="path"/></way>`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := "<osm>" + nodes + tc.ways + "</osm>"
			net, _, err := Read(context.Background(), []osmfile.Source{bytesSource("x.osm", []byte(doc))}, road.Foot, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range net.Edges {
				got = append(got, fmt.Sprintf("%d:%d-%d", e.WayID, net.NodeIDs[e.From], net.NodeIDs[e.To]))
			}
			if !reflect.DeepEqual(got, tc.edges) {
				t.Errorf("edges %v, want %v", got, tc.edges)
			}
			checkInvariants(t, net)
		})
	}
}
