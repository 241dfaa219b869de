package load

import (
	"bytes"
	"io"
	"strconv"

	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/paulmach/orb"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/contributions"
)

func TestVillagesMixedFormatsHashesAndCounts(t *testing.T) {
	gj := `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[2.885,50.85]},"properties":{"id":"a","name":"Ieper","country":"BE","population":35000}}]}`
	csv := "id,name,country,population,lon,lat\nb,Bailleul,FR,14000,2.737,50.739\n"
	vs, ins, err := Villages([]Source{Bytes("v.geojson", []byte(gj)), Bytes("v.csv", []byte(csv))}, datasets.DefaultVillageSchema())
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].ID != "a" || vs[1].ID != "b" {
		t.Fatalf("villages = %+v", vs)
	}
	sum := sha256.Sum256([]byte(csv))
	if ins[1].SHA256 != hex.EncodeToString(sum[:]) || ins[1].Bytes != int64(len(csv)) || ins[1].Records != 1 ||
		ins[1].Format != "CSV" || ins[0].Format != "GeoJSON" || ins[0].Kind != "villages" {
		t.Errorf("inputs = %+v", ins)
	}
}

func TestDuplicateIDsAcrossFilesAndAllProblems(t *testing.T) {
	a := "id,name,category,country,lon,lat\ns1,A,shop=bakery,BE,2.9,50.8\n"
	b := "id,name,category,country,lon,lat\ns1,B,shop=bakery,BE,2.9,50.8\ns2,C,,BE,2.9,50.8\n"
	_, _, err := Services([]Source{Bytes("a.csv", []byte(a)), Bytes("b.csv", []byte(b))}, datasets.DefaultServiceSchema())
	var list datasets.ErrorList
	if !errors.As(err, &list) || !errors.Is(err, datasets.ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	// b.csv's own problem (empty category, line 3) is reported; the
	// cross-file duplicate needs both files to be valid, so it is checked
	// once they are: fix b.csv and the duplicate shows.
	if !strings.Contains(err.Error(), "b.csv:3") {
		t.Errorf("missing b.csv:3 in %v", err)
	}
	b = "id,name,category,country,lon,lat\ns1,B,shop=bakery,BE,2.9,50.8\n"
	_, _, err = Services([]Source{Bytes("a.csv", []byte(a)), Bytes("b.csv", []byte(b))}, datasets.DefaultServiceSchema())
	if err == nil || !strings.Contains(err.Error(), `b.csv:2`) || !strings.Contains(err.Error(), "a.csv:2") {
		t.Errorf("duplicate across files not reported with both places: %v", err)
	}
}

func TestUnknownFormat(t *testing.T) {
	_, _, err := Villages([]Source{Bytes("v.bin", []byte{0x00, 0x01, 0x02})}, datasets.DefaultVillageSchema())
	if !errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), "v.bin") {
		t.Fatalf("err = %v", err)
	}
}

// TestPopulationBound: a population above datasets.MaxPopulation is a
// problem of its record, in GeoJSON and CSV alike.
func TestPopulationBound(t *testing.T) {
	gj := `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[2.885,50.85]},"properties":{"id":"a","name":"Ieper","pop":200000000}}]}`
	csv := "id,name,pop,lon,lat\nb,Bailleul,14000,2.737,50.739\nc,Big,100000001,2.7,50.7\n"
	s := datasets.DefaultVillageSchema()
	s.Population = "pop"
	_, _, err := Villages([]Source{Bytes("v.geojson", []byte(gj)), Bytes("v.csv", []byte(csv))}, s)
	var list datasets.ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("err = %v, want 2 problems", err)
	}
	if e := list[0]; e.Source != "v.geojson" || e.Feature != 0 || e.Field != "pop" || !strings.Contains(e.Reason, "2e+08 people is more than 1e+08") {
		t.Errorf("first problem = %v", e)
	}
	if e := list[1]; e.Source != "v.csv" || e.Line != 3 || e.Field != "pop" {
		t.Errorf("second problem = %v", e)
	}
}

// TestResourceBounds lowers the bounds: a file over the byte bound is
// refused before it is read (a regular file) or as it is read (a stream),
// and records over the record bound, across files, are refused.
func TestResourceBounds(t *testing.T) {
	defer func(b, r int64) { maxFileBytes, maxRecords = b, r }(maxFileBytes, maxRecords)
	csv := "id,name,lon,lat\na,A,2.9,50.8\nb,B,2.8,50.8\n"
	path := filepath.Join(t.TempDir(), "v.csv")
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	s := datasets.DefaultVillageSchema()

	maxFileBytes, maxRecords = int64(len(csv))-1, 100
	_, _, err := Villages([]Source{File(path)}, s)
	if want := fmt.Sprintf("file is %d bytes: more than the %d one input file may have", len(csv), len(csv)-1); err == nil || !strings.Contains(err.Error(), want) || !errors.Is(err, datasets.ErrInvalid) {
		t.Errorf("file over the byte bound: %v", err)
	}
	if _, _, err := Villages([]Source{Bytes("v.csv", []byte(csv))}, s); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("more than the %d bytes", len(csv)-1)) || !errors.Is(err, datasets.ErrInvalid) {
		t.Errorf("stream over the byte bound: %v", err)
	}

	maxFileBytes, maxRecords = 1<<20, 3
	csv2 := "id,name,lon,lat\nc,C,2.9,50.8\nd,D,2.8,50.8\n"
	_, _, err = Villages([]Source{File(path), Bytes("w.csv", []byte(csv2))}, s)
	if err == nil || !strings.Contains(err.Error(), "w.csv: 4 villages with the files before it: more than the 3 one run reads") {
		t.Errorf("records over the bound: %v", err)
	}
	if vs, _, err := Villages([]Source{File(path)}, s); err != nil || len(vs) != 2 {
		t.Errorf("within the bounds: %v", err)
	}
}

// TestRegisteredFormat registers a format load has never heard of, by
// extension and by content, and reads villages and services through it
// with no other change; a kind the format has no reader for is a problem
// naming the file.
func TestRegisteredFormat(t *testing.T) {
	// "PIPE" files: a "PIPE" line, then id|name|lon|lat per line.
	readPipe := func(source string, r io.Reader) ([][]string, error) {
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		var rows [][]string
		for i, l := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
			f := strings.Split(l, "|")
			if len(f) != 4 {
				return nil, &datasets.RecordError{Source: source, Line: i + 2, Reason: "want 4 fields"}
			}
			rows = append(rows, f)
		}
		return rows, nil
	}
	coords := func(f []string) orb.Point {
		lon, _ := strconv.ParseFloat(f[2], 64)
		lat, _ := strconv.ParseFloat(f[3], 64)
		return orb.Point{lon, lat}
	}
	Formats["PIPE"] = Format{
		Extensions: []string{".pipe"},
		Sniff:      func(head []byte) bool { return bytes.HasPrefix(head, []byte("PIPE\n")) },
		Readers: Readers{
			Villages: func(source string, r io.Reader, _ datasets.VillageSchema) ([]datasets.Village, error) {
				rows, err := readPipe(source, r)
				var vs []datasets.Village
				for i, f := range rows {
					vs = append(vs, datasets.Village{ID: f[0], Name: f[1], Location: coords(f), Origin: datasets.Origin{Source: source, Line: i + 2, Feature: -1}})
				}
				return vs, err
			},
			Services: func(source string, r io.Reader, _ datasets.ServiceSchema) ([]datasets.Service, error) {
				rows, err := readPipe(source, r)
				var ss []datasets.Service
				for i, f := range rows {
					ss = append(ss, datasets.Service{ID: f[0], Name: f[1], Category: "bakery", Location: coords(f), Origin: datasets.Origin{Source: source, Line: i + 2, Feature: -1}})
				}
				return ss, err
			},
		},
	}
	defer delete(Formats, "PIPE")

	pipe := "PIPE\na|Ieper|2.885|50.85\nb|Poperinge|2.72|50.85\n"
	vs, ins, err := Villages([]Source{Bytes("v.pipe", []byte(pipe)), Bytes("w.dat", []byte("PIPE\nc|Bailleul|2.737|50.739\n"))}, datasets.DefaultVillageSchema())
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 3 || vs[0].ID != "a" || vs[1].Name != "Poperinge" || vs[2].Location != (orb.Point{2.737, 50.739}) {
		t.Errorf("villages = %+v", vs)
	}
	if len(ins) != 2 || ins[0].Format != "PIPE" || ins[1].Format != "PIPE" || ins[0].Records != 2 || ins[1].Kind != "villages" {
		t.Errorf("inputs = %+v", ins)
	}
	ss, _, err := Services([]Source{Bytes("s.pipe", []byte("PIPE\ns1|Bakkerij|2.9|50.8\n"))}, datasets.DefaultServiceSchema())
	if err != nil || len(ss) != 1 || ss[0].Category != "bakery" {
		t.Errorf("services = %+v, %v", ss, err)
	}
	_, _, err = Boundaries([]Source{Bytes("b.pipe", []byte(pipe))}, datasets.BoundarySchema{})
	if !errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), "b.pipe: boundaries must be GeoJSON polygons, not PIPE") {
		t.Errorf("boundaries from a format without a boundary reader: %v", err)
	}
	// The built-in formats are still detected beside it.
	if _, ins, err := Villages([]Source{Bytes("v", []byte("id,name,lon,lat\nz,Z,2.9,50.8\n"))}, datasets.DefaultVillageSchema()); err != nil || ins[0].Format != "CSV" {
		t.Errorf("CSV by content: %+v, %v", ins, err)
	}
}

// TestBoundariesFromCSV: CSV has no boundary reader.
func TestBoundariesFromCSV(t *testing.T) {
	_, _, err := Boundaries([]Source{Bytes("b.csv", []byte("id,name,lon,lat\na,A,2.9,50.8\n"))}, datasets.BoundarySchema{})
	if !errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), "b.csv: boundaries must be GeoJSON polygons, not CSV") {
		t.Errorf("err = %v", err)
	}
}

// TestContributions: residents' reports go through the same formats,
// hashing and cross-file id check as the other kinds.
func TestContributions(t *testing.T) {
	csv := "id,kind,service_id,category,lon,lat,observed_on,reporter_role,status,note,evidence_url\n" +
		"h1,closed,s1,,,,2024-03-14,resident,confirmed,,\n"
	gj := `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9,50.8]},` +
		`"properties":{"id":"h2","kind":"opened","category":"shop=bakery","observed_on":"2024-03-15","reporter_role":"resident","status":"proposed"}}]}`
	reps, ins, err := Contributions([]Source{Bytes("a.csv", []byte(csv)), Bytes("b.geojson", []byte(gj))}, contributions.DefaultSchema())
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 2 || reps[0].ID != "h1" || reps[1].ID != "h2" || reps[1].Location != (orb.Point{2.9, 50.8}) {
		t.Errorf("reports = %+v", reps)
	}
	sum := sha256.Sum256([]byte(csv))
	if len(ins) != 2 || ins[0].Kind != "contributions" || ins[0].Format != "CSV" || ins[1].Format != "GeoJSON" ||
		ins[0].SHA256 != hex.EncodeToString(sum[:]) || ins[0].Records != 1 {
		t.Errorf("inputs = %+v", ins)
	}
	// A source's own mapping, and an id repeated across files.
	src := Bytes("c.csv", []byte(strings.Replace(csv, "kind,", "Type,", 1)))
	src.Fields = map[string]string{"kind": "Type"}
	_, _, err = Contributions([]Source{Bytes("a.csv", []byte(csv)), src}, contributions.DefaultSchema())
	if !errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), `c.csv:2`) || !strings.Contains(err.Error(), `duplicate id "h1"`) {
		t.Errorf("duplicate across files: %v", err)
	}
}

// TestVillageIDsOnceEach: an id a file repeats is reported once, by its
// reader (the cross-file check skips a single file), and an id two files
// share once, by the cross-file check; in GeoJSON and CSV alike.
func TestVillageIDsOnceEach(t *testing.T) {
	gj := func(ids ...string) []byte {
		var fs []string
		for _, id := range ids {
			fs = append(fs, `{"type":"Feature","geometry":{"type":"Point","coordinates":[2.9,50.8]},"properties":{"id":"`+id+`","name":"x"}}`)
		}
		return []byte(`{"type":"FeatureCollection","features":[` + strings.Join(fs, ",\n") + `]}`)
	}
	csv := func(ids ...string) []byte {
		s := "id,name,lon,lat\n"
		for _, id := range ids {
			s += id + ",x,2.9,50.8\n"
		}
		return []byte(s)
	}
	for _, tc := range []struct {
		name string
		srcs []Source
		want []string // the problems, in order
	}{
		{"geojson", []Source{Bytes("a.geojson", gj("v1", "v2", "v1"))}, []string{`a.geojson:3: feature 2: field "id": duplicate id "v1" (first at a.geojson:1 (feature 0))`}},
		{"csv", []Source{Bytes("a.csv", csv("v1", "v1", "v2"))}, []string{`a.csv:3: field "id": duplicate id "v1" (first at a.csv:2)`}},
		{"two files", []Source{Bytes("a.csv", csv("v1", "v2")), Bytes("b.geojson", gj("v3", "v2"))}, []string{`b.geojson:2: feature 1: field "id": duplicate id "v2" (first at a.csv:3)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Villages(tc.srcs, datasets.DefaultVillageSchema())
			var list datasets.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %v, want a list", err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
