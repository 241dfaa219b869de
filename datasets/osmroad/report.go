package osmroad

import (
	"fmt"
	"strings"

	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/geo/road"
)

// Attribution must accompany any network or result derived from OSM data.
const Attribution = "© OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)"

// Report describes what a read found. Counts are over all sources after
// merging, unless stated otherwise.
type Report struct {
	Files    []osmfile.FileReport
	Profiles []ProfileReport // in the order the profiles were requested

	WaysScanned   int64 // way elements read, in every source (duplicates included)
	WaysKept      int64 // distinct ways routable by at least one profile
	DuplicateWays int64 // way elements dropped because their id was already read

	NodesScanned   int64 // node elements read, in every source (duplicates included)
	NodesKept      int64 // distinct nodes referenced by kept ways and found
	DuplicateNodes int64 // referenced node elements met again in a later source

	// DanglingRefs counts references from kept ways to nodes that no
	// source contains (extract edges, broken files); DanglingNodes counts
	// those nodes once each. A way is split at a missing node.
	DanglingRefs  int64
	DanglingNodes int64
	// ShortWays counts kept ways left without any stretch of two present
	// nodes (single-node ways, ways whose nodes are all missing).
	ShortWays int64
}

// ProfileReport summarises one profile's network.
type ProfileReport struct {
	Profile      road.Profile
	RoutableWays int     // merged ways in the profile's network
	Vertices     int     // junctions and way ends
	Edges        int     // road.EdgeSpec values
	LengthKm     float64 // sum of edge lengths
	// BorderEdges counts edges whose end vertices carry different non-empty
	// country labels; 0 when Options.Country is nil, and BordersCounted
	// false.
	BorderEdges    int
	BordersCounted bool
}

// Profile returns the report of profile p, or nil.
func (r *Report) Profile(p road.Profile) *ProfileReport {
	for k := range r.Profiles {
		if r.Profiles[k].Profile == p {
			return &r.Profiles[k]
		}
	}
	return nil
}

// String renders the report as plain text, one fact per line, ending with
// the data attribution.
func (r *Report) String() string {
	var b strings.Builder
	for _, f := range r.Files {
		f.WriteSummary(&b)
		if f.WritingProgram != "" {
			fmt.Fprintf(&b, "  written by %s\n", f.WritingProgram)
		}
		if f.Bounds != nil {
			fmt.Fprintf(&b, "  bounds lon %.5f…%.5f lat %.5f…%.5f\n",
				f.Bounds.Min[0], f.Bounds.Max[0], f.Bounds.Min[1], f.Bounds.Max[1])
		}
	}
	fmt.Fprintf(&b, "ways: %d read, %d routable kept, %d duplicates merged, %d too short\n",
		r.WaysScanned, r.WaysKept, r.DuplicateWays, r.ShortWays)
	fmt.Fprintf(&b, "nodes: %d read, %d kept, %d duplicates merged\n",
		r.NodesScanned, r.NodesKept, r.DuplicateNodes)
	fmt.Fprintf(&b, "dangling node references: %d (%d distinct nodes)\n", r.DanglingRefs, r.DanglingNodes)
	for _, p := range r.Profiles {
		borders := "border-crossing edges not counted (no country boundaries)"
		if p.BordersCounted {
			borders = fmt.Sprintf("%d border-crossing edges", p.BorderEdges)
		}
		fmt.Fprintf(&b, "%s: %d ways, %d vertices, %d edges, %.3f km, %s\n",
			p.Profile, p.RoutableWays, p.Vertices, p.Edges, p.LengthKm, borders)
	}
	b.WriteString("data " + Attribution + "\n")
	return b.String()
}
