package osmfile

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
)

// FileReport identifies one source as read.
type FileReport struct {
	Name   string
	Format Format
	Size   int64  // bytes
	SHA256 string // hex digest of the file bytes (compressed, as stored)

	// From the PBF header (or the XML <bounds> element), when present.
	WritingProgram  string
	ReplicationTime time.Time // zero if absent
	Bounds          *orb.Bound
}

// WriteSummary writes the lines that open a file's entry in a text report:
// name, format, size and digest, then the replication time when known.
func (f FileReport) WriteSummary(w io.Writer) {
	fmt.Fprintf(w, "file %s (%s): %d bytes, sha256 %s\n", f.Name, f.Format, f.Size, f.SHA256)
	if !f.ReplicationTime.IsZero() {
		fmt.Fprintf(w, "  data as of %s\n", f.ReplicationTime.UTC().Format(time.RFC3339))
	}
}

// element remembers the last object read, for error messages.
type element struct {
	kind string
	id   int64
}

func (e element) String() string {
	if e.kind == "" {
		return ""
	}
	return fmt.Sprintf("%s/%d", e.kind, e.id)
}

// scanErr turns a scanner failure into a *FileError.
func scanErr(o *opened, src Source, last element, err error) error {
	fe := &FileError{Source: src.Name, Format: o.format, Offset: -1, Element: last.String()}
	var be *blockError
	if errors.As(err, &be) {
		fe.Offset, err = be.Offset, be.Err
	}
	fe.Err = malformed(err)
	return fe
}

// bound converts OSM bounds to an orb.Bound (lon/lat).
func bound(b *osm.Bounds) *orb.Bound {
	return &orb.Bound{Min: orb.Point{b.MinLon, b.MinLat}, Max: orb.Point{b.MaxLon, b.MaxLat}}
}

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
