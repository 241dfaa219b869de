package osmextract

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/partons/partons/datasets/osmfile"
)

// Report describes what Extract read, kept, merged and could not use.
// Counts are over all sources after merging by OSM id, unless stated.
type Report struct {
	Files []osmfile.FileReport `json:"files"`
	// DataDate is the newest replication timestamp of the PBF headers or,
	// when no header has one, the newest element timestamp read.
	DataDate time.Time `json:"data_date"`
	// NewestElement is the newest timestamp of any element read.
	NewestElement time.Time `json:"newest_element"`

	Scanned    Count `json:"scanned"`    // elements read, every source, duplicates included
	Duplicates Count `json:"duplicates"` // kept elements met again in a later source (merged)

	// Places and Categories count the matching OSM objects before
	// node–area merging, by place value and by service category: nodes,
	// closed ways and relations whose polygons assembled. They are what
	// osmium tags-filter + osmium export report for the same tags.
	Places     map[string]Count `json:"places"`
	Categories map[string]Count `json:"categories"`

	Villages       int `json:"villages"`        // written
	Services       int `json:"services"`        // written
	Boundaries     int `json:"boundaries"`      // written
	VillagesMerged int `json:"villages_merged"` // areas merged into a node of the same place
	ServicesMerged int `json:"services_merged"` // areas merged into a node of the same service

	VillagesWithoutCountry int `json:"villages_without_country"`
	VillagesWithoutArea    int `json:"villages_without_area"`
	ServicesWithoutCountry int `json:"services_without_country"`
	// PopulationTagsUnparsed counts population tags that are not a plain
	// non-negative integer ("ca. 300", "1.234"); those villages have no
	// population.
	PopulationTagsUnparsed int `json:"population_tags_unparsed"`

	// PlacesUnnamed counts places without a name tag (not written: a
	// village needs a name).
	PlacesUnnamed int `json:"places_unnamed"`

	Artefacts Artefacts `json:"artefacts"`
	// Skipped lists the relations not written: polygons that could not be
	// assembled (cut by the extract edge, rings not closing) and
	// boundaries whose country is unknown.
	Skipped []Skipped `json:"skipped"`
}

// Count counts OSM objects by type.
type Count struct {
	Nodes     int64 `json:"nodes"`
	Ways      int64 `json:"ways"`
	Relations int64 `json:"relations"`
}

// Total is Nodes + Ways + Relations.
func (c Count) Total() int64 { return c.Nodes + c.Ways + c.Relations }

func (c *Count) add(typ string) {
	switch typ {
	case "node":
		c.Nodes++
	case "way":
		c.Ways++
	default:
		c.Relations++
	}
}

// Artefacts counts extract-edge and data problems, per kind. None of them
// is an error; every object they affect is either still usable or listed
// in Report.Skipped (relations) or counted here (ways).
type Artefacts struct {
	// MissingNodes counts distinct nodes referenced by kept ways that no
	// source holds; MissingNodeRefs counts the references.
	MissingNodes    int64 `json:"missing_nodes"`
	MissingNodeRefs int64 `json:"missing_node_refs"`
	// MissingMembers counts way members of kept relations that no source
	// holds.
	MissingMembers int64 `json:"missing_members"`
	// UnclosedRings counts rings of kept relations that the member ways
	// present do not close.
	UnclosedRings int64 `json:"unclosed_rings"`
	// OrphanInners counts inner rings lying in no outer ring (dropped).
	OrphanInners int64 `json:"orphan_inners"`
	// IncompleteWays counts tagged closed ways with missing nodes (skipped).
	IncompleteWays int64 `json:"incomplete_ways"`
	// OpenWays counts place or service ways that are not closed, or are
	// tagged area=no: not areas, skipped (osmium exports them as lines).
	OpenWays int64 `json:"open_ways"`
	// EmptyAreas counts areas with no interior (zero area), skipped.
	EmptyAreas int64 `json:"empty_areas"`
}

// Skipped is a relation that was not written, and why.
type Skipped struct {
	OSM            ObjectID `json:"osm"`
	Name           string   `json:"name,omitempty"`
	Kind           string   `json:"kind"` // "boundary", "place" or "service"
	AdminLevel     int      `json:"admin_level,omitempty"`
	MissingMembers int      `json:"missing_members,omitempty"`
	MissingNodes   int      `json:"missing_nodes,omitempty"`
	UnclosedRings  int      `json:"unclosed_rings,omitempty"`
	Reason         string   `json:"reason"`
}

// String renders the report as plain text, one fact per line, ending with
// the data attribution.
func (r *Report) String() string {
	var b strings.Builder
	for _, f := range r.Files {
		f.WriteSummary(&b)
	}
	if !r.DataDate.IsZero() {
		fmt.Fprintf(&b, "data date: %s\n", r.DataDate.UTC().Format(time.RFC3339))
	}
	fmt.Fprintf(&b, "read: %d nodes, %d ways, %d relations (%d, %d, %d kept elements merged across files)\n",
		r.Scanned.Nodes, r.Scanned.Ways, r.Scanned.Relations, r.Duplicates.Nodes, r.Duplicates.Ways, r.Duplicates.Relations)
	writeCounts(&b, "place", r.Places)
	writeCounts(&b, "category", r.Categories)
	fmt.Fprintf(&b, "villages: %d (%d node/area duplicates merged, %d without country, %d without area)\n",
		r.Villages, r.VillagesMerged, r.VillagesWithoutCountry, r.VillagesWithoutArea)
	fmt.Fprintf(&b, "services: %d (%d node/area duplicates merged, %d without country)\n",
		r.Services, r.ServicesMerged, r.ServicesWithoutCountry)
	fmt.Fprintf(&b, "boundaries: %d (%d relations skipped, listed below)\n", r.Boundaries, len(r.Skipped))
	a := r.Artefacts
	fmt.Fprintf(&b, "extract edge: %d missing nodes (%d references), %d missing relation members, %d unclosed rings, %d incomplete closed ways\n",
		a.MissingNodes, a.MissingNodeRefs, a.MissingMembers, a.UnclosedRings, a.IncompleteWays)
	fmt.Fprintf(&b, "skipped: %d open ways, %d areas without interior, %d inner rings outside every outer, %d unnamed places; %d unparsable population tags\n",
		a.OpenWays, a.EmptyAreas, a.OrphanInners, r.PlacesUnnamed, r.PopulationTagsUnparsed)
	for _, u := range r.Skipped {
		fmt.Fprintf(&b, "skipped %s %s", u.Kind, u.OSM)
		if u.AdminLevel > 0 {
			fmt.Fprintf(&b, " (admin_level %d)", u.AdminLevel)
		}
		if u.Name != "" {
			fmt.Fprintf(&b, " %q", u.Name)
		}
		fmt.Fprintf(&b, ": %s\n", u.Reason)
	}
	b.WriteString("data " + Attribution + "\n")
	return b.String()
}

func writeCounts(b *strings.Builder, what string, m map[string]Count) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		c := m[k]
		fmt.Fprintf(b, "%s %s: %d (%d nodes, %d ways, %d relations)\n", what, k, c.Total(), c.Nodes, c.Ways, c.Relations)
	}
}
