package road

import "github.com/paulmach/orb"

// Profile names a travel mode. Graph files may hold one graph per profile.
type Profile string

// The built-in profiles.
const (
	Car     Profile = "car"
	Bicycle Profile = "bicycle"
	Foot    Profile = "foot"
)

// EdgeSpec is one road segment between two junctions (or way ends) as
// produced by a reader (e.g. datasets/osmroad) and consumed by Build.
// Intermediate OSM nodes do not become vertices: their positions stay in
// Geometry, which runs from vertex From to vertex To inclusive.
type EdgeSpec struct {
	From, To int32 // dense vertex ids, indexes into the vertex slice

	// LengthM is the WGS84 geodesic length in metres summed over Geometry.
	LengthM float64

	// Forward is true when the segment may be travelled From→To, Backward
	// when it may be travelled To→From, under the graph's profile.
	Forward, Backward bool

	// SpeedKmh is the travel speed used for both directions, > 0.
	SpeedKmh float64

	// Geometry is the polyline From…To in WGS84 lon/lat, at least 2 points.
	Geometry orb.LineString

	// WayID is the source OSM way id, for diagnostics; 0 if unknown.
	WayID int64
}
