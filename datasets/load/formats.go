package load

import (
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/contributions"
	"github.com/partons/partons/datasets/csvio"
	"github.com/partons/partons/datasets/geojsonio"
	"github.com/partons/partons/datasets/geojsonio/collection"
)

// Reader reads the records of one kind (T, read with schema S) from one
// file format. source names the input in errors; problems with records
// are returned as a datasets.ErrorList or a *datasets.RecordError.
type Reader[T, S any] func(source string, r io.Reader, s S) ([]T, error)

// Readers are one format's readers, one per record kind; nil where the
// format cannot hold that kind (CSV has no boundary polygons). A new
// record kind is one field here and one function like Villages.
//
// A village, service or boundary reader must report every id its own
// file repeats, as a problem of the record (datasets.IDSet.Check), and
// drop that record: load checks ids again only across files
// (acrossFiles), so a reader that skipped the check would let a repeated
// id through.
type Readers struct {
	Villages      Reader[datasets.Village, datasets.VillageSchema]
	Services      Reader[datasets.Service, datasets.ServiceSchema]
	Boundaries    Reader[datasets.Boundary, datasets.BoundarySchema]
	Contributions Reader[contributions.Report, contributions.Schema]
}

// Format is one input file format: how to recognise a file of it, and
// its readers.
type Format struct {
	// Extensions claim a file by its name: lower case, with the dot
	// (".csv"). The extension decides when a format claims it.
	Extensions []string
	// Sniff claims a file that no format claims by extension from its
	// first bytes (up to 512, fewer for a short file). nil: by extension
	// only.
	Sniff func(head []byte) bool
	// DataDate reads the date a file states for its data from its first
	// bytes (up to 4 KiB); ok false: none stated. nil: the
	// format states none.
	DataDate func(head []byte) (date time.Time, ok bool, err error)
	Readers
}

// Formats are the formats load reads, keyed by the name the manifest
// records ("GeoJSON"). A new input format is one reader package plus one
// entry here. When several formats sniff the same content, the first
// name in sorted order wins. Not safe to change while a read runs.
var Formats = map[string]Format{
	datasets.FormatGeoJSON.String(): {
		Extensions: []string{".geojson", ".json"},
		Sniff:      sniffs(datasets.FormatGeoJSON),
		DataDate:   collection.HeadDataDate,
		Readers: Readers{
			Villages:   geojsonio.ReadVillages,
			Services:   geojsonio.ReadServices,
			Boundaries: geojsonio.ReadBoundaries,
			// contributions.Read tells GeoJSON from CSV itself.
			Contributions: contributions.Read,
		},
	},
	datasets.FormatCSV.String(): {
		Extensions: []string{".csv", ".tsv", ".txt"},
		Sniff:      sniffs(datasets.FormatCSV),
		Readers: Readers{
			Villages:      csvio.ReadVillages,
			Services:      csvio.ReadServices,
			Contributions: contributions.Read,
		},
	},
}

// sniffs is the content test of datasets.DetectFormat for one of its
// formats.
func sniffs(f datasets.Format) func([]byte) bool {
	return func(head []byte) bool {
		got, err := datasets.DetectFormat("", head)
		return err == nil && got == f
	}
}

// detect names the format of the file called name starting with head:
// the format claiming its extension, else the first (by name) whose
// Sniff claims head. When none does, the error is datasets.DetectFormat's,
// which says what is wrong with the content (empty, a JSON array, …).
func detect(name string, head []byte) (string, error) {
	names := make([]string, 0, len(Formats))
	for n := range Formats {
		names = append(names, n)
	}
	slices.Sort(names)
	ext := strings.ToLower(filepath.Ext(name))
	for _, n := range names {
		if ext != "" && slices.Contains(Formats[n].Extensions, ext) {
			return n, nil
		}
	}
	for _, n := range names {
		if s := Formats[n].Sniff; s != nil && s(head) {
			return n, nil
		}
	}
	f, err := datasets.DetectFormat(name, head)
	if err != nil {
		return "", err
	}
	return f.String(), nil
}

// kind is one record kind as load reads it.
type kind[T, S any] struct {
	name string // "villages": the manifest's kind and the errors' noun
	// want says what a file of this kind must be, for a format without
	// a reader for it ("GeoJSON polygons"); "" lists the formats that
	// have one.
	want   string
	reader func(Readers) Reader[T, S]
	// apply puts a source's own field mappings over the schema.
	apply func(s S, fields map[string]string) (S, error)
	// check finds problems in the records of one file (nil: none).
	check func(source string, s S, recs []T) error
	// unique finds the ids repeated across the files' records.
	unique func(lists ...[]T) datasets.ErrorList
}

// wanted says what a file of kind k must be.
func (k *kind[T, S]) wanted() string {
	if k.want != "" {
		return k.want
	}
	var have []string
	for n, f := range Formats {
		if k.reader(f.Readers) != nil {
			have = append(have, n)
		}
	}
	slices.Sort(have)
	return strings.Join(have, " or ")
}

var villageKind = &kind[datasets.Village, datasets.VillageSchema]{
	name:   "villages",
	reader: func(r Readers) Reader[datasets.Village, datasets.VillageSchema] { return r.Villages },
	apply: func(s datasets.VillageSchema, fields map[string]string) (datasets.VillageSchema, error) {
		err := s.Apply(fields)
		return s, err
	},
	check:  boundPopulation,
	unique: acrossFiles(datasets.CheckUniqueIDs[datasets.Village]),
}

var serviceKind = &kind[datasets.Service, datasets.ServiceSchema]{
	name:   "services",
	reader: func(r Readers) Reader[datasets.Service, datasets.ServiceSchema] { return r.Services },
	apply: func(s datasets.ServiceSchema, fields map[string]string) (datasets.ServiceSchema, error) {
		err := s.Apply(fields)
		return s, err
	},
	unique: acrossFiles(datasets.CheckUniqueIDs[datasets.Service]),
}

var boundaryKind = &kind[datasets.Boundary, datasets.BoundarySchema]{
	name:   "boundaries",
	want:   "GeoJSON polygons",
	reader: func(r Readers) Reader[datasets.Boundary, datasets.BoundarySchema] { return r.Boundaries },
	unique: acrossFiles(datasets.CheckUniqueIDs[datasets.Boundary]),
}

var contributionKind = &kind[contributions.Report, contributions.Schema]{
	name:   "contributions",
	reader: func(r Readers) Reader[contributions.Report, contributions.Schema] { return r.Contributions },
	apply: func(s contributions.Schema, fields map[string]string) (contributions.Schema, error) {
		err := s.Apply(fields)
		return s, err
	},
	unique: func(lists ...[]contributions.Report) datasets.ErrorList {
		return contributions.CheckUniqueIDs(slices.Concat(lists...))
	},
}

// acrossFiles is check for the record kinds whose readers (geojsonio,
// csvio) report the ids their own file repeats, and drop those records:
// a single file's records are then unique already, and only the ids of
// several files are checked again.
func acrossFiles[T any](check func(lists ...[]T) datasets.ErrorList) func(lists ...[]T) datasets.ErrorList {
	return func(lists ...[]T) datasets.ErrorList {
		if len(lists) < 2 {
			return nil
		}
		return check(lists...)
	}
}

// Villages reads every village source with schema s and the source's own
// Fields over it. A population above datasets.MaxPopulation is a problem
// of its record.
func Villages(srcs []Source, s datasets.VillageSchema) ([]datasets.Village, []Input, error) {
	return readAll(srcs, villageKind, s)
}

// Services reads every service source with schema s and the source's own
// Fields over it.
func Services(srcs []Source, s datasets.ServiceSchema) ([]datasets.Service, []Input, error) {
	return readAll(srcs, serviceKind, s)
}

// Boundaries reads every boundary source with schema s (the sources'
// Fields are not used).
func Boundaries(srcs []Source, s datasets.BoundarySchema) ([]datasets.Boundary, []Input, error) {
	return readAll(srcs, boundaryKind, s)
}

// Contributions reads every file of residents' reports with schema s and
// the source's own Fields over it.
func Contributions(srcs []Source, s contributions.Schema) ([]contributions.Report, []Input, error) {
	return readAll(srcs, contributionKind, s)
}

// boundPopulation finds the villages whose population is above
// datasets.MaxPopulation: a problem at the record, in the schema's
// population field.
func boundPopulation(source string, s datasets.VillageSchema, vs []datasets.Village) error {
	probs := datasets.NewProblems(source)
	for i := range vs {
		v := &vs[i]
		if !v.HasPopulation {
			continue
		}
		if err := datasets.ValidatePopulation(v.Population); err != nil {
			if !probs.Add(&datasets.RecordError{Line: v.Origin.Line, Feature: v.Origin.Feature, Field: s.Population, Reason: err.Error()}) {
				break
			}
		}
	}
	return probs.Err()
}
