package csvio_test

import (
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/csvio"
)

// A field mapped to a column the file lacks is an error naming the field,
// the column and the header: `population=pop` on a file without "pop"
// used to read every population as unknown.
func TestReadMappedColumnMissing(t *testing.T) {
	t.Parallel()
	pop := datasets.DefaultVillageSchema()
	pop.Population = "pop"
	xy := datasets.DefaultVillageSchema()
	xy.Coords.X, xy.Coords.Y, xy.Coords.EPSG = "X_L93", "Y_L93", 2154
	idMapped := datasets.DefaultVillageSchema()
	idMapped.ID = "code"
	tests := []struct {
		name  string
		s     datasets.VillageSchema
		in    string
		wants []want
	}{
		{"optional mapped, absent", pop, "id,name,pop_2026,lon,lat\na,A,10,2.9,50.8\n",
			[]want{{1, "pop", `population is mapped to column "pop", which this file does not have; its columns are ["id", "name", "pop_2026", "lon", "lat"]`}}},
		{"coordinates mapped, absent", xy, "id,name,lon,lat\na,A,2.9,50.8\n",
			[]want{{1, "X_L93", `x is mapped to column "X_L93"`}, {1, "Y_L93", `y is mapped to column "Y_L93"`}}},
		{"required mapped, absent: reported once", idMapped, "id,name,lon,lat\na,A,2.9,50.8\n",
			[]want{{1, "code", `required column "code" is missing`}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := csvio.ReadVillages("v.csv", strings.NewReader(tc.in), tc.s)
			checkProblems(t, "v.csv", err, tc.wants)
		})
	}
}

// Default columns stay optional, and a mapped column that is present is
// read from.
func TestReadMappedColumnPresent(t *testing.T) {
	t.Parallel()
	vs, err := csvio.ReadVillages("v.csv", strings.NewReader("id,name,lon,lat\na,A,2.9,50.8\n"), datasets.DefaultVillageSchema())
	if err != nil || len(vs) != 1 || vs[0].HasPopulation {
		t.Fatalf("default schema without population: %v %+v", err, vs)
	}
	s := datasets.DefaultVillageSchema()
	s.Population = "pop_2026"
	vs, err = csvio.ReadVillages("v.csv", strings.NewReader("id,name,pop_2026,lon,lat\na,A,10,2.9,50.8\n"), s)
	if err != nil || len(vs) != 1 || !vs[0].HasPopulation || vs[0].Population != 10 {
		t.Fatalf("mapped population: %v %+v", err, vs)
	}
	ss := datasets.DefaultServiceSchema()
	ss.Capacity = "beds"
	_, err = csvio.ReadServices("s.csv", strings.NewReader("id,category,lon,lat\na,D307,2.9,50.8\n"), ss)
	checkProblems(t, "s.csv", err, []want{{1, "beds", `capacity is mapped to column "beds"`}})
}
