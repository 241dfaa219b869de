// Package graphfile reads and writes road graphs (geo/road) in partons'
// versioned, checksummed binary graph format. A graph file, as partons
// prepare writes it, is such graphs one after the other, one per profile.
//
// Write stores one graph; Read reads one back and stops at its last byte,
// so that graphs of several profiles may follow one another in a stream;
// ReadProfile reads a whole file to its end, decoding only the wanted
// graph and verifying the others' sizes and checksums. Trailing bytes are
// an error, and a header announcing more than the input holds fails before
// anything is allocated. Reading rebuilds what searches use (O(V + E)),
// which also re-validates every array with the checks of road.Build.
//
// # Format, version 1
//
// All integers and floats are little-endian.
//
//	magic     [8]byte "PARTONSG"
//	version   uint32  = 1
//	profile   string  (uint32 length ≤ 256, bytes)
//	meta      uint32 count ≤ 4096, then count × (key, value) strings
//	          (each ≤ 64 KiB), sorted by key, keys unique
//	nV, nE, nG, nL uint32: vertices, edges, geometry points, labels (0 or nV)
//	vertices  nV × (lon, lat float64)
//	from, to  nE × int32 each
//	length    nE × float64 metres
//	speed     nE × float64 km/h
//	dir       nE × uint8 (bit 0 forward, bit 1 backward)
//	way       nE × int64
//	geomOff   (nE+1) × uint32
//	geometry  nG × (lon, lat float64)
//	labels    nL × uint8
//	crc       uint32 CRC-32C (Castagnoli) of every byte before it
//
// Lengths and speeds are stored as float64, so they round-trip exactly.
//
// # Format, version 2
//
// Write uses version 2 for a graph with a contraction hierarchy without
// a core (road.Graph.BuildHierarchy, partons prepare --hierarchy); a graph
// without one is written as version 1, byte for byte. Version 2 is
// version 1 with a hierarchy section between the labels and the crc:
//
//	nH        uint32 ≤ 2 hierarchies, then each, by increasing weight:
//	weight    uint32 (0 length, 1 time: road.Weight)
//	nJ, nOut, nIn, shortcuts uint32: junctions (≤ nV), arcs, shortcuts
//	          among them (≤ nOut + nIn)
//	vert      nJ × int32: the junction at each position, by decreasing rank
//	outOff    (nJ+1) × int32, inOff (nJ+1) × int32
//	out, in   nOut, nIn × (other int32, w1, w2 float64)
//
// (see road.HierarchyArrays). Junctions are numbered as the search index
// that road.FromArrays rebuilds from the graph's arrays and labels
// numbers them, deterministically, so the hierarchy is that of the
// labelled graph the file holds. Counts are checked against the bytes
// left before any array is allocated, and the structure (ranks a
// permutation of the junctions, offsets spanning the arcs, every arc
// towards a higher rank, weights finite and ≥ 0) by
// road.Graph.SetHierarchyArrays; a failure is ErrCorrupt.
//
// # Format, version 3
//
// Write uses version 3 only when a hierarchy has a core (junctions left
// uncontracted, road.CoreDegree); other graphs keep version 1 or 2, byte
// for byte. Version 3 is version 2 with one more count after shortcuts:
//
//	core      uint32 ≤ nJ: positions [0, core) are the core
//
// Arcs listed at a core position lead to another core position (each arc
// between two core positions is listed at both ends), the others to a
// higher rank, as road.Graph.SetHierarchyArrays checks. A version 3 file
// must hold a hierarchy with a core (else it is ErrCorrupt: Write would
// have written version 2), so that every file accepted re-encodes to the
// same bytes.
//
// # Format, version 4
//
// Write uses version 4 when every vertex and geometry point lies on
// OpenStreetMap's grid of 10⁻⁷ degrees, bit for bit as OSM readers
// compute it (float64(n)/1e7, road.ToE7; not −0): every graph prepare
// builds from OSM. Version 4 is version 3 with both point arrays as
// integers of 10⁻⁷ degrees, read back by the same division, so every
// value is the one written:
//
//	vertices  nV × (lon, lat int32)
//	geometry  nG × (lon, lat int32)
//
// and with the hierarchy section always present (nH may be 0, and a
// hierarchy's core may be 0). A point costs 8 bytes instead of 16:
// geometry is most of a road graph file. Graphs with a point off the
// grid keep version 1, 2 or 3, byte for byte.
//
// # Concurrency
//
// The functions keep no state: any number may run at once, each on its
// own reader or writer.
package graphfile

import (
	"errors"
	"hash/crc32"
)

// File format errors; Read and ReadProfile wrap them with detail.
var (
	// ErrFormat: not a partons graph file, or an unsupported version.
	ErrFormat = errors.New("graphfile: not a partons graph file")
	// ErrCorrupt: truncated, inconsistent or failing its checksum.
	ErrCorrupt = errors.New("graphfile: corrupt graph file")
)

// Magic starts every graph file.
const Magic = "PARTONSG"

// Limits of the format (see the package documentation).
const (
	fileVersion = uint32(1)
	// fileVersionHierarchy adds the hierarchy section; written only for
	// a graph with a contraction hierarchy.
	fileVersionHierarchy = uint32(2)
	// fileVersionCore adds each hierarchy's core size; written only for
	// a graph with a hierarchy that has a core.
	fileVersionCore = uint32(3)
	// fileVersionE7 stores points as integers of 10⁻⁷ degrees; written for
	// every graph whose points all lie on that grid.
	fileVersionE7  = uint32(4)
	maxProfileLen  = 256
	maxMetaEntries = 4096
	maxMetaString  = 64 << 10
	chunkBytes     = 1 << 20
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)
