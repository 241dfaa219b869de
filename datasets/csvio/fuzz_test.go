package csvio_test

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/csvio"
	"github.com/paulmach/orb"
)

// Run a fuzzer with, for example:
//
//	go test -run='^$' -fuzz=FuzzReadServicesCSV -fuzztime=30s ./datasets/csvio/
//
// Inputs that once failed are kept under testdata/fuzz/<FuzzName>/.

func addSeeds(f *testing.F) {
	f.Helper()
	for _, name := range []string{"villages_comma.csv", "villages_semicolon.csv", "services_xy.csv", "services.tsv"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "\xEF\xBB\xBF", hdr, hdr + "a,A,1,BE,2.9,50.8\n",
		"id;name;category;capacity;population;lon;lat\r\na;A;c;1,5;2;2,9;50,8\r\n",
		"id,name,category,x,y\na,A,c,2.9,50.8\nb,\"B\nC\",c,3,51\n",
		hdr + "a,A\"b,1,BE,2.9,50.8\n",
		hdr + "a,A,NaN,BE,2.9,50.8\na,A,1,BE,2.9,50.8\n",
	} {
		f.Add([]byte(s))
	}
}

func checkErr(t *testing.T, err error) {
	t.Helper()
	var list datasets.ErrorList
	if !errors.Is(err, datasets.ErrInvalid) || !errors.As(err, &list) || len(list) == 0 || len(list) > datasets.MaxProblems+1 {
		t.Fatalf("not a non-empty capped ErrorList wrapping ErrInvalid: %v", err)
	}
}

func checkRecord(t *testing.T, seen map[string]bool, id string, loc orb.Point, q float64, hasQ bool) {
	t.Helper()
	if id == "" || seen[id] {
		t.Fatalf("empty or repeated id %q", id)
	}
	seen[id] = true
	if err := datasets.ValidateLonLat(loc[0], loc[1]); err != nil {
		t.Fatalf("record %q: %v", id, err)
	}
	if hasQ && (math.IsNaN(q) || math.IsInf(q, 0) || q < 0) || !hasQ && q != 0 {
		t.Fatalf("quantity %v (known %v)", q, hasQ)
	}
}

func FuzzReadVillagesCSV(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		vs, err := csvio.ReadVillages("fuzz", bytes.NewReader(data), datasets.DefaultVillageSchema())
		if err != nil {
			checkErr(t, err)
			if vs != nil {
				t.Fatal("records returned with an error")
			}
			return
		}
		if len(vs) == 0 {
			t.Fatal("no error and no villages")
		}
		seen := map[string]bool{}
		for _, v := range vs {
			checkRecord(t, seen, v.ID, v.Location, v.Population, v.HasPopulation)
			if v.Name == "" || v.Geometry != orb.Geometry(v.Location) {
				t.Fatalf("village %+v", v)
			}
		}
	})
}

func FuzzReadServicesCSV(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		ss, err := csvio.ReadServices("fuzz", bytes.NewReader(data), datasets.DefaultServiceSchema())
		if err != nil {
			checkErr(t, err)
			return
		}
		if len(ss) == 0 {
			t.Fatal("no error and no services")
		}
		seen := map[string]bool{}
		for _, s := range ss {
			checkRecord(t, seen, s.ID, s.Location, s.Capacity, s.HasCapacity)
			if s.Raw == "" || s.Category != s.Raw {
				t.Fatalf("service %+v", s)
			}
		}
	})
}
