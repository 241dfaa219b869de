package osmroad

import (
	"slices"

	"github.com/paulmach/orb"
)

// NodeTable is shared with the other OpenStreetMap reader of this module
// (osmextract), whose node pass fills the same kind of table.

// NodeTable sorts ids in place and returns them without repeats, with a
// point and a version for each, the version -1 (not read yet): the table a
// reader's node pass fills, looked up with slices.BinarySearch on the ids.
func NodeTable(ids []int64) (sorted []int64, pts []orb.Point, vers []int32) {
	slices.Sort(ids)
	sorted = slices.Compact(ids)
	pts = make([]orb.Point, len(sorted))
	vers = make([]int32, len(sorted))
	for k := range vers {
		vers[k] = -1
	}
	return sorted, pts, vers
}
