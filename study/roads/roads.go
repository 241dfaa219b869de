package roads

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/areas"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/osmroad"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/geo/road/graphfile"
	"github.com/partons/partons/study/usage"
)

// GraphMagic starts every graph file written by partons prepare.
var GraphMagic = []byte(graphfile.Magic)

// IsGraphFile reports whether path starts with the graph file magic.
func IsGraphFile(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, len(GraphMagic))
	n, _ := io.ReadFull(f, head)
	return bytes.Equal(head[:n], GraphMagic), nil
}

// CountryLabeller returns a point → country function over boundary
// polygons, or nil without boundaries. Land outside every polygon is
// OutsideCountries: one more country, foreign to all the others, so that a
// closed border leaks neither through land the boundaries leave out (the
// countries an extract's edge cuts, the neighbours of a study area) nor
// through gaps between neighbouring polygons.
func CountryLabeller(bs []datasets.Boundary) func(orb.Point) string {
	if len(bs) == 0 {
		return nil
	}
	ix := areas.Index(bs)
	return func(p orb.Point) string {
		if i, ok := ix.Locate(p); ok && bs[i].Country != "" {
			return bs[i].Country
		}
		return OutsideCountries
	}
}

// Load reads OSM extracts (merged into one network) or a prepared
// graph file for profile, and labels vertices with countries when
// boundaries are known (except for an open border on a graph file with a
// contraction hierarchy, which the labels would drop: the counts are the
// same). A closed border without boundaries takes the
// countries from the complete admin_level=2 relations of the OSM extracts.
func Load(ctx context.Context, files []string, profile road.Profile, bs []datasets.Boundary, closed bool) (*road.Graph, *reportdir.RoadInfo, func(string) uint8, error) {
	return LoadFrom(ctx, files, profile, bs, closed, nil)
}

// LoadFrom is Load taking the network from read when it holds
// that of files and profile (collected in the read of the run's inputs).
func LoadFrom(ctx context.Context, files []string, profile road.Profile, bs []datasets.Boundary, closed bool, read *OSMRoads) (*road.Graph, *reportdir.RoadInfo, func(string) uint8, error) {
	if !read.Holds(files, profile) {
		read = nil
	}
	info := &reportdir.RoadInfo{Profile: string(profile)}
	if len(bs) > 0 {
		info.CountryLabels = "boundaries"
	}
	var g *road.Graph
	isGraph := false
	if len(files) == 1 {
		var err error
		if isGraph, err = IsGraphFile(files[0]); err != nil {
			return nil, nil, nil, err
		}
	}
	if closed && len(bs) == 0 {
		if isGraph {
			return nil, nil, nil, usage.Errorf("a closed border on the prepared graph %s needs {boundaries} to know which side of the border each road is on", files[0])
		}
		// The countries and the roads of the extracts in one read.
		res, roads, err := ReadOSM(ctx, files, CountryExtract(), []road.Profile{profile})
		if err != nil {
			return nil, nil, nil, err
		}
		var why string
		if bs, info.CountriesCut, why = CountriesIn(res, files); why != "" {
			return nil, nil, nil, usage.Errorf("a closed border needs country boundaries: %s; give {boundaries}", why)
		}
		read = roads
		info.CountryLabels = "osm admin_level=2"
	}
	// Land outside the countries given (for an extract's own relations,
	// the countries its edge cuts) gets a label of its own rather than 0,
	// which a closed border lets through. (The countries outside share
	// it: crossings between them stay open.)
	country := CountryLabeller(bs)
	if isGraph {
		var err error
		if g, err = ReadGraphProfile(files[0], profile); err != nil {
			return nil, nil, nil, err
		}
		info.Source = "graph file"
		for _, w := range []road.Weight{road.Length, road.Time} {
			if g.HasHierarchy(w) {
				info.Hierarchy = &reportdir.RoadHierarchy{Weight: w.String()}
			}
		}
		info.GraphMeta = g.Meta
		info.DataDate = g.Meta["osm_replication_time"]
	} else {
		if read == nil {
			var err error
			if _, read, err = ReadOSM(ctx, files, nil, []road.Profile{profile}); err != nil {
				return nil, nil, nil, err
			}
		}
		rep, err := read.EachArrays(ctx, country, func(a road.Arrays) error {
			var err error
			g, err = road.FromArrays(a) // keeps the arrays: no copy of the network
			return err
		})
		if err != nil {
			return nil, nil, nil, err
		}
		g.Meta = GraphMeta(rep)
		info.Source = "osm"
		for _, f := range rep.Files {
			info.Files = append(info.Files, reportdir.RoadFile{Name: f.Name, SHA256: f.SHA256, Bytes: f.Size})
		}
		info.DanglingRefs = rep.DanglingRefs
		info.NodesRead, info.WaysRead = rep.NodesScanned, rep.WaysScanned
		if pr := rep.Profile(profile); pr != nil {
			info.BorderEdges = pr.BorderEdges
			info.WaysRoutable = pr.RoutableWays
		}
		info.DataDate = g.Meta["osm_replication_time"]
	}
	if ReserveMemory != nil {
		ReserveMemory(g.MemoryBytes())
	}
	info.Vertices, info.Edges = g.NumVertices(), g.NumEdges()
	info.Components, info.LargestComp = g.Components()
	var label func(string) uint8
	if len(bs) > 0 {
		named := []string{OutsideCountries} // labelled even without a road vertex
		for _, b := range bs {
			if b.Country != "" {
				named = append(named, b.Country)
			}
		}
		// An open border searches and snaps without the labels: a graph
		// file's contraction hierarchy, made for the file's junctions, is
		// kept by counting on the labels without setting them (labels
		// split chains into more junctions, see road.SetVertexLabels).
		set := closed || info.Hierarchy == nil
		codes, labels, err := labelVertices(g, country, named, set)
		if err != nil {
			return nil, nil, nil, err
		}
		if h := info.Hierarchy; h != nil && !g.HasHierarchy(road.Length) && !g.HasHierarchy(road.Time) {
			h.Note = "dropped: a closed border labels the roads with countries, which splits them otherwise than the graph file's"
		}
		// A village or service of a country without a polygon is outside;
		// one without a country is unlabelled (it snaps anywhere).
		out := codes[OutsideCountries]
		label = func(c string) uint8 {
			if l, ok := codes[c]; ok || c == "" {
				return l
			}
			return out
		}
		for _, l := range labels {
			if l == out {
				info.UnlabelledVtxs++
			}
		}
		if isGraph { // the OSM reader counted them for extracts
			for e := range int32(g.NumEdges()) {
				// g.CrossesBorder(e) once the labels are set
				from, to := g.EdgeEnds(e)
				if a, b := labels[from], labels[to]; g.Routable(e) && a != 0 && b != 0 && a != b {
					info.BorderEdges++
				}
			}
		}
	}
	return g, info, label, nil
}

// OutsideCountries names, in the vertex labels, the land outside every
// country polygon (given, or taken from an extract's own relations).
const OutsideCountries = "(outside every country given)"

// GraphMeta is the provenance stored in graph files and manifests.
func GraphMeta(rep *osmroad.Report) map[string]string {
	m := map[string]string{"attribution": osmroad.Attribution}
	var names []string
	var newest time.Time
	for _, f := range rep.Files {
		names = append(names, filepath.Base(f.Name)+" sha256:"+f.SHA256)
		if f.ReplicationTime.After(newest) {
			newest = f.ReplicationTime
		}
	}
	if !newest.IsZero() {
		m["osm_replication_time"] = newest.UTC().Format(time.RFC3339)
	}
	m["sources"] = strings.Join(names, "; ")
	return m
}

// labelVertices computes for each vertex the 1-based index of its country
// in sorted order (0: no country, where country returns "") and, when set,
// gives the graph these labels so a closed border can be enforced.
func labelVertices(g *road.Graph, country func(orb.Point) string, named []string, set bool) (map[string]uint8, []uint8, error) {
	n := g.NumVertices()
	names := make([]string, n)
	seen := map[string]bool{}
	for _, c := range named {
		seen[c] = true
	}
	for v := 0; v < n; v++ {
		names[v] = country(g.Vertex(int32(v)))
		if names[v] != "" {
			seen[names[v]] = true
		}
	}
	var order []string
	for c := range seen {
		order = append(order, c)
	}
	sort.Strings(order)
	if len(order) > 255 {
		return nil, nil, fmt.Errorf("roads: more than 255 countries in the boundaries")
	}
	code := map[string]uint8{}
	for i, c := range order {
		code[c] = uint8(i + 1)
	}
	labels := make([]uint8, n)
	for v := range labels {
		labels[v] = code[names[v]]
	}
	if !set {
		return code, labels, nil
	}
	return code, labels, g.SetVertexLabels(labels)
}

// ReadGraphProfile reads the graph of profile from a graph file holding
// one graph per prepared profile, verifying every byte of the file (the
// other graphs' checksums too; trailing bytes are an error).
func ReadGraphProfile(path string, profile road.Profile) (*road.Graph, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	br := &sizedReader{r: bufio.NewReaderSize(f, 1<<20), left: fi.Size()}
	g, have, err := graphfile.ReadProfile(br, profile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", path, datasets.ErrInvalid, err)
	}
	if g == nil {
		var names []string
		for _, p := range have {
			names = append(names, string(p))
		}
		return nil, usage.Errorf("%s holds no %s graph (it has: %s); prepare it with {profiles}", path, profile, strings.Join(names, ", "))
	}
	return g, nil
}

// sizedReader is a buffered file that tells graphfile.ReadProfile how many
// bytes it has left (Len), so that a header announcing more than the file
// holds fails before allocating, and the graph's arrays are allocated once
// at their final size instead of growing as the data arrives.
type sizedReader struct {
	r    *bufio.Reader
	left int64
}

func (s *sizedReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	s.left -= int64(n)
	return n, err
}

func (s *sizedReader) Len() int { return int(max(s.left, 0)) }

// ReserveMemory, when set, is told the bytes of every graph Load builds
// (with its snapping index): long-lived data the process may raise its
// soft memory limit by. The binary sets it once, before any command runs.
var ReserveMemory func(n int64)
