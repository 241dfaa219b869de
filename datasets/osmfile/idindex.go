package osmfile

import "slices"

// IDIndex finds OSM ids in a sorted slice of distinct ids: the node table
// of a reader, asked about every node of a file in the node pass. A table
// of bucket starts over the ids' range (at most one bucket per id, 4
// bytes each) leaves a few ids to compare per lookup, where a binary
// search over tens of millions of ids takes some 25 steps, most of them
// cache misses. Safe for concurrent lookups.
type IDIndex struct {
	ids   []int64
	lo    int64
	shift uint
	start []int32 // start[b]: index of the first id of bucket b or later; len buckets+1
}

// maxScan is the bucket size up to which a lookup scans instead of
// searching.
const maxScan = 8

// NewIDIndex indexes sorted, which must be sorted in increasing order
// without repeats and is kept, not copied. O(len(sorted)).
func NewIDIndex(sorted []int64) *IDIndex {
	x := &IDIndex{ids: sorted}
	if len(sorted) == 0 {
		return x
	}
	x.lo = sorted[0]
	span := uint64(sorted[len(sorted)-1] - x.lo) // < 2^64: ids are int64
	for span>>x.shift >= uint64(len(sorted)) {
		x.shift++
	}
	buckets := int(span>>x.shift) + 1
	x.start = make([]int32, buckets+1)
	b := 0
	for k, id := range sorted {
		for kb := x.bucket(id); b <= kb; b++ {
			x.start[b] = int32(k)
		}
	}
	for ; b <= buckets; b++ {
		x.start[b] = int32(len(sorted))
	}
	return x
}

func (x *IDIndex) bucket(id int64) int { return int(uint64(id-x.lo) >> x.shift) }

// IDs returns the sorted ids.
func (x *IDIndex) IDs() []int64 { return x.ids }

// Find returns the index of id in the sorted ids, or -1. O(1) for ids
// spread evenly over their range; O(log n) at worst.
func (x *IDIndex) Find(id int64) int {
	if len(x.ids) == 0 || id < x.lo || id > x.ids[len(x.ids)-1] {
		return -1
	}
	b := x.bucket(id)
	from, to := int(x.start[b]), int(x.start[b+1])
	if to-from > maxScan {
		if k, ok := slices.BinarySearch(x.ids[from:to], id); ok {
			return from + k
		}
		return -1
	}
	for k := from; k < to; k++ {
		if x.ids[k] >= id {
			if x.ids[k] == id {
				return k
			}
			break
		}
	}
	return -1
}
