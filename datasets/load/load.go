// Package load opens input files (or embedded data), detects their
// format, reads them with that format's reader (Formats: the strict
// readers of datasets/geojsonio and datasets/csvio), fingerprints them
// with SHA-256 for the manifest, and checks ids across files.
//
// A new input format is one reader package plus one entry in Formats; a
// new record kind is one field in Readers plus one function like
// Villages.
//
// Every problem in every file is collected before returning, so a caller
// can report them all at once (a datasets.ErrorList); I/O failures are
// returned as they happen.
package load

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/partons/partons/datasets"
)

// Source is an input: a file or embedded bytes.
type Source struct {
	Name string // shown in errors and in the manifest
	// Fields are this source's own field=column mappings ("epsg" sets
	// the EPSG code of x/y columns), applied over the schema it is read
	// with (datasets.VillageSchema.Apply). Nil: the schema alone.
	Fields map[string]string
	open   func() (io.ReadCloser, error)
}

// File is the source at path.
func File(path string) Source {
	return Source{Name: path, open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// Bytes is an in-memory source (embedded data).
func Bytes(name string, b []byte) Source {
	return Source{Name: name, open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }}
}

// Input describes one input read, for the manifest.
type Input struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"` // villages, services, boundaries, contributions
	Format  string `json:"format"`
	SHA256  string `json:"sha256"`
	Bytes   int64  `json:"bytes"`
	Records int    `json:"records"`
	// DataDate is the date the file states for its data (RFC 3339; a
	// GeoJSON "data_date" member, as partons extract writes), "" none.
	DataDate string `json:"data_date,omitempty"`
}

// Resource bounds of the inputs, stated in the README ("Resource
// bounds"). The readers parse a file in memory, and a run holds every
// record with its results.
const (
	// MaxFileBytes bounds one village, service or boundary file: 1 GiB.
	// A bigger file is refused before it is read.
	MaxFileBytes = 1 << 30
	// MaxRecords bounds the villages (or services, or boundaries) of one
	// run, all files together.
	MaxRecords = 4_000_000
)

// dataDateHead is how many first bytes of a file Format.DataDate sees.
const dataDateHead = 4096

// The bounds in force; tests lower them.
var maxFileBytes, maxRecords int64 = MaxFileBytes, MaxRecords

func readAll[T, S any](srcs []Source, k *kind[T, S], s S) ([]T, []Input, error) {
	var (
		all    []T
		lists  [][]T
		inputs []Input
		probs  datasets.ErrorList
	)
	for _, src := range srcs {
		s := s
		if k.apply != nil {
			var err error
			if s, err = k.apply(s, src.Fields); err != nil {
				probs.Add(&datasets.RecordError{Source: src.Name, Feature: -1, Reason: "field mappings: " + err.Error()})
				continue
			}
		}
		recs, in, err := readOne(src, k, s)
		if err != nil {
			var list datasets.ErrorList
			var rec *datasets.RecordError
			switch {
			case errors.As(err, &list):
				probs = append(probs, list...)
			case errors.As(err, &rec):
				probs.Add(rec)
			default:
				return nil, nil, err
			}
			continue
		}
		if int64(len(all)+len(recs)) > maxRecords {
			return nil, nil, &datasets.RecordError{Source: src.Name, Feature: -1,
				Reason: fmt.Sprintf("%d %s with the files before it: more than the %d one run reads (see the README, resource bounds)",
					len(all)+len(recs), k.name, maxRecords)}
		}
		inputs = append(inputs, in)
		lists = append(lists, recs)
		if all == nil {
			all = recs // the usual single file: no copy of its records
		} else {
			all = append(all[:len(all):len(all)], recs...)
		}
	}
	probs = append(probs, k.unique(lists...)...)
	if err := probs.Err(); err != nil {
		return nil, nil, err
	}
	return all, inputs, nil
}

// readOne reads one source of kind k with schema s, choosing the reader by
// the source's format.
func readOne[T, S any](src Source, k *kind[T, S], s S) ([]T, Input, error) {
	rc, err := src.open()
	if err != nil {
		return nil, Input{}, fmt.Errorf("load: %w", err)
	}
	defer rc.Close()
	size := int64(-1) // a regular file's size, to size the readers' buffers
	if st, ok := rc.(interface{ Stat() (os.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() {
			if fi.Size() > maxFileBytes {
				return nil, Input{}, &datasets.RecordError{Source: src.Name, Feature: -1,
					Reason: fmt.Sprintf("file is %d bytes: more than the %d one input file may have (see the README, resource bounds); split it", fi.Size(), maxFileBytes)}
			}
			size = fi.Size()
		}
	}
	h := sha256.New()
	cr := &countingReader{r: io.TeeReader(rc, h), max: maxFileBytes, name: src.Name}
	br := bufio.NewReaderSize(cr, 1<<16)
	head, err := br.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, Input{}, fmt.Errorf("load: %s: %w", src.Name, err)
	}
	format, err := detect(src.Name, head)
	if err != nil {
		return nil, Input{}, &datasets.RecordError{Source: src.Name, Feature: -1, Reason: err.Error()}
	}
	var dataDate string
	if dd := Formats[format].DataDate; dd != nil {
		h, err := br.Peek(dataDateHead)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, Input{}, fmt.Errorf("load: %s: %w", src.Name, err)
		}
		t, ok, err := dd(h)
		if err != nil {
			return nil, Input{}, &datasets.RecordError{Source: src.Name, Feature: -1, Reason: err.Error()}
		}
		if ok {
			dataDate = t.Format(time.RFC3339)
		}
	}
	read := k.reader(Formats[format].Readers)
	if read == nil {
		return nil, Input{}, &datasets.RecordError{Source: src.Name, Feature: -1,
			Reason: fmt.Sprintf("%s must be %s, not %s", k.name, k.wanted(), format)}
	}
	var in io.Reader = br
	if size >= 0 {
		// Readers that take the whole document in memory
		// (datasets.ReadAll) size their buffer from Len: read once,
		// instead of copied as the buffer doubles 15 times for 17 MB.
		in = sizedReader{br, func() int { return int(max(0, size-cr.n)) + br.Buffered() }}
	}
	recs, err := read(src.Name, in, s)
	if err == nil && k.check != nil {
		err = k.check(src.Name, s, recs)
	}
	if err != nil {
		return nil, Input{}, err
	}
	// Hash what the reader did not consume (trailing bytes) too.
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, Input{}, fmt.Errorf("load: %s: %w", src.Name, err)
	}
	return recs, Input{Name: src.Name, Kind: k.name, Format: format,
		SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: cr.n, Records: len(recs), DataDate: dataDate}, nil
}

// sizedReader is a buffered reader of a file of known size whose Len,
// the bytes left to read if the file does not change, is a capacity hint
// for datasets.ReadAll (a wrong one costs only a copy).
type sizedReader struct {
	*bufio.Reader
	left func() int
}

func (r sizedReader) Len() int { return r.left() }

// countingReader counts the bytes read and fails past max (a source that
// is not a regular file, whose size is not known in advance).
type countingReader struct {
	r    io.Reader
	n    int64
	max  int64
	name string
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > c.max {
		return n, &datasets.RecordError{Source: c.name, Feature: -1,
			Reason: fmt.Sprintf("more than the %d bytes one input file may have (see the README, resource bounds); split it", c.max)}
	}
	return n, err
}
