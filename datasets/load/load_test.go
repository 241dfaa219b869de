package load

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
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
