// Package load opens input files (or embedded data), detects their
// format, reads them with the strict readers of datasets/geojsonio and
// datasets/csvio, fingerprints them with SHA-256 for the manifest, and
// checks ids across files.
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

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/csvio"
	"github.com/partons/partons/datasets/geojsonio"
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
	Kind    string `json:"kind"` // villages, services, boundaries
	Format  string `json:"format"`
	SHA256  string `json:"sha256"`
	Bytes   int64  `json:"bytes"`
	Records int    `json:"records"`
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

// The bounds in force; tests lower them.
var maxFileBytes, maxRecords int64 = MaxFileBytes, MaxRecords

// reader reads one format of one record kind.
type reader[T any] func(source string, r io.Reader) ([]T, error)

// formats are a source's two readers, built for its schema.
type formats[T any] func(src Source) (gj, csv reader[T], err error)

// Villages reads every village source with schema s and the source's own
// Fields over it. A population above datasets.MaxPopulation is a problem
// of its record.
func Villages(srcs []Source, s datasets.VillageSchema) ([]datasets.Village, []Input, error) {
	return readAll(srcs, "villages", func(src Source) (reader[datasets.Village], reader[datasets.Village], error) {
		s := s
		if err := s.Apply(src.Fields); err != nil {
			return nil, nil, err
		}
		return boundPopulation(s.Population, func(n string, r io.Reader) ([]datasets.Village, error) { return geojsonio.ReadVillages(n, r, s) }),
			boundPopulation(s.Population, func(n string, r io.Reader) ([]datasets.Village, error) { return csvio.ReadVillages(n, r, s) }), nil
	})
}

// boundPopulation wraps a village reader: a population above
// datasets.MaxPopulation is a problem at its record, field field.
func boundPopulation(field string, read reader[datasets.Village]) reader[datasets.Village] {
	return func(n string, r io.Reader) ([]datasets.Village, error) {
		vs, err := read(n, r)
		if err != nil {
			return nil, err
		}
		probs := datasets.NewProblems(n)
		for i := range vs {
			v := &vs[i]
			if !v.HasPopulation {
				continue
			}
			if err := datasets.ValidatePopulation(v.Population); err != nil {
				if !probs.Add(&datasets.RecordError{Line: v.Origin.Line, Feature: v.Origin.Feature, Field: field, Reason: err.Error()}) {
					break
				}
			}
		}
		if err := probs.Err(); err != nil {
			return nil, err
		}
		return vs, nil
	}
}

// Services reads every service source with schema s and the source's own
// Fields over it.
func Services(srcs []Source, s datasets.ServiceSchema) ([]datasets.Service, []Input, error) {
	return readAll(srcs, "services", func(src Source) (reader[datasets.Service], reader[datasets.Service], error) {
		s := s
		if err := s.Apply(src.Fields); err != nil {
			return nil, nil, err
		}
		return func(n string, r io.Reader) ([]datasets.Service, error) { return geojsonio.ReadServices(n, r, s) },
			func(n string, r io.Reader) ([]datasets.Service, error) { return csvio.ReadServices(n, r, s) }, nil
	})
}

// Boundaries reads every boundary source (GeoJSON only) with schema s.
func Boundaries(srcs []Source, s datasets.BoundarySchema) ([]datasets.Boundary, []Input, error) {
	return readAll(srcs, "boundaries", func(Source) (reader[datasets.Boundary], reader[datasets.Boundary], error) {
		return func(n string, r io.Reader) ([]datasets.Boundary, error) { return geojsonio.ReadBoundaries(n, r, s) },
			func(n string, _ io.Reader) ([]datasets.Boundary, error) {
				return nil, &datasets.RecordError{Source: n, Feature: -1, Reason: "boundaries must be GeoJSON polygons, not CSV"}
			}, nil
	})
}

func readAll[T datasets.Record](srcs []Source, kind string, fmts formats[T]) ([]T, []Input, error) {
	var (
		all    []T
		lists  [][]T
		inputs []Input
		probs  datasets.ErrorList
	)
	for _, src := range srcs {
		gj, csv, err := fmts(src)
		if err != nil {
			probs.Add(&datasets.RecordError{Source: src.Name, Feature: -1, Reason: "field mappings: " + err.Error()})
			continue
		}
		recs, in, err := readOne(src, kind, gj, csv)
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
					len(all)+len(recs), kind, maxRecords)}
		}
		inputs = append(inputs, in)
		lists = append(lists, recs)
		all = append(all, recs...)
	}
	probs = append(probs, datasets.CheckUniqueIDs(lists...)...)
	if err := probs.Err(); err != nil {
		return nil, nil, err
	}
	return all, inputs, nil
}

func readOne[T any](src Source, kind string, gj, csv reader[T]) ([]T, Input, error) {
	rc, err := src.open()
	if err != nil {
		return nil, Input{}, fmt.Errorf("load: %w", err)
	}
	defer rc.Close()
	if st, ok := rc.(interface{ Stat() (os.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > maxFileBytes {
			return nil, Input{}, &datasets.RecordError{Source: src.Name, Feature: -1,
				Reason: fmt.Sprintf("file is %d bytes: more than the %d one input file may have (see the README, resource bounds); split it", fi.Size(), maxFileBytes)}
		}
	}
	h := sha256.New()
	cr := &countingReader{r: io.TeeReader(rc, h), max: maxFileBytes, name: src.Name}
	br := bufio.NewReaderSize(cr, 1<<16)
	head, err := br.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, Input{}, fmt.Errorf("load: %s: %w", src.Name, err)
	}
	format, err := datasets.DetectFormat(src.Name, head)
	if err != nil {
		return nil, Input{}, &datasets.RecordError{Source: src.Name, Feature: -1, Reason: err.Error()}
	}
	read := gj
	if format == datasets.FormatCSV {
		read = csv
	}
	recs, err := read(src.Name, br)
	if err != nil {
		return nil, Input{}, err
	}
	// Hash what the reader did not consume (trailing bytes) too.
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, Input{}, fmt.Errorf("load: %s: %w", src.Name, err)
	}
	return recs, Input{Name: src.Name, Kind: kind, Format: format.String(),
		SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: cr.n, Records: len(recs)}, nil
}

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
