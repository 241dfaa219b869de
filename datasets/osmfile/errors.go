package osmfile

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/osmfile/internal/pbfblock"
)

// Sentinel errors. Each wraps datasets.ErrInvalid, so a caller can map any
// of them to the "invalid input data" exit code with errors.Is.
var (
	// ErrMalformed: the file is not valid OSM PBF or XML, or is truncated.
	ErrMalformed = pbfblock.ErrMalformed
	// ErrUnsupported: valid OSM data this reader cannot decode (PBF
	// blocks with non-dense nodes).
	ErrUnsupported = pbfblock.ErrUnsupported
	// ErrChanged: a source returned different bytes on its second pass.
	ErrChanged = fmt.Errorf("osmfile: source changed between passes: %w", datasets.ErrInvalid)
	// ErrCoordinate: a node has a latitude or longitude out of range.
	ErrCoordinate = fmt.Errorf("osmfile: node coordinate out of range: %w", datasets.ErrInvalid)
)

// FileError is a problem with one source, with where it was found.
type FileError struct {
	Source  string // Source.Name
	Format  Format // "" if not yet known
	Offset  int64  // byte offset in the file (or decompressed stream); -1 if unknown
	Element string // last OSM element read before the problem, e.g. "way/42"; "" if none
	Err     error
}

// Error formats as "osmfile: monaco.osm.pbf (pbf): byte offset 1234: after way/42: reason".
func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString("osmfile: ")
	b.WriteString(e.Source)
	if e.Format != "" {
		fmt.Fprintf(&b, " (%s)", e.Format)
	}
	if e.Offset >= 0 {
		fmt.Fprintf(&b, ": byte offset %d", e.Offset)
	}
	if e.Element != "" {
		fmt.Fprintf(&b, ": after %s", e.Element)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap gives access to the cause (ErrMalformed, io.ErrUnexpectedEOF,
// context.Canceled, an *os.PathError, …).
func (e *FileError) Unwrap() error { return e.Err }

// malformed wraps a scanner error so that errors.Is(err, ErrMalformed)
// holds, unless it already carries one of the sentinels or is a context
// error.
func malformed(err error) error {
	if errors.Is(err, datasets.ErrInvalid) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}
