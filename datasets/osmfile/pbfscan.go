package osmfile

import (
	"errors"
	"fmt"

	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
)

// safeScanner is the PBF scanner as the readers use it: a panic of the
// decoder on the calling goroutine (osmpbf decodes the header block there,
// on the first Header or Scan) becomes an error wrapping ErrMalformed with
// the byte offset of the block being read, instead of ending the process.
// Panics on osmpbf's own decoding goroutines cannot be recovered this way;
// the block guard's checks keep out the blocks that would cause them.
type safeScanner struct {
	osm.Scanner
	header func() (*osmpbf.Header, error)
	offset func() int64 // byte offset of the block being read
	err    error        // the recovered panic
}

func newSafeScanner(s *osmpbf.Scanner, offset func() int64) *safeScanner {
	return &safeScanner{Scanner: s, header: s.Header, offset: offset}
}

// recovered turns a recovered panic value into the scanner's error.
func (s *safeScanner) recovered(r any) error {
	if s.err == nil {
		s.err = &blockError{s.offset(), fmt.Errorf("%w: PBF decoder failed: %v", ErrMalformed, r)}
	}
	return s.err
}

// Scan advances to the next object; false at the end or on an error.
func (s *safeScanner) Scan() (ok bool) {
	if s.err != nil {
		return false
	}
	defer func() {
		if r := recover(); r != nil {
			s.recovered(r)
			ok = false
		}
	}()
	return s.Scanner.Scan()
}

// Err returns the recovered panic, or else the scanner's error.
func (s *safeScanner) Err() error {
	if s.err != nil {
		return s.err
	}
	return s.Scanner.Err()
}

// Header returns the file's header block. Its errors carry the byte
// offset of the block at fault.
func (s *safeScanner) Header() (h *osmpbf.Header, err error) {
	if s.err != nil {
		return nil, s.err
	}
	defer func() {
		if r := recover(); r != nil {
			h, err = nil, s.recovered(r)
		}
	}()
	h, err = s.header()
	var be *blockError
	if err != nil && !errors.As(err, &be) {
		err = &blockError{s.offset(), err}
	}
	return h, err
}
