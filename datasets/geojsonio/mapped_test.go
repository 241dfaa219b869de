package geojsonio_test

import (
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio"
)

// A property mapped by the schema that no feature has is one error for
// the file, listing the properties the features do have; one feature
// having it is enough.
func TestReadMappedPropertyMissing(t *testing.T) {
	t.Parallel()
	pop := datasets.DefaultVillageSchema()
	pop.Population = "pop"
	xy := datasets.DefaultVillageSchema()
	xy.Coords.X = "X_L93" // CSV only: GeoJSON coordinates are the geometry's
	tests := []struct {
		name  string
		s     datasets.VillageSchema
		in    string
		wants []want
	}{
		{"no feature has it", pop, fc(village(`"a"`, `, "pop_2026": 10`, pt), village(`"b"`, `, "area": "x"`, pt)),
			[]want{{0, -1, "pop", `population is mapped to property "pop", which no feature has; the features' properties are ["id", "name", "pop_2026", "area"]`}}},
		{"one feature has it", pop, fc(village(`"a"`, ``, pt), village(`"b"`, `, "pop": null`, pt)), nil},
		{"coordinate mapping ignored", xy, fc(village(`"a"`, ``, pt)), nil},
		{"empty collection: that problem alone", pop, `{"type": "FeatureCollection", "features": []}`,
			[]want{{0, -1, "", "FeatureCollection has no features"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := geojsonio.ReadVillages("v.geojson", strings.NewReader(tc.in), tc.s)
			if tc.wants == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			checkProblems(t, "v.geojson", err, tc.wants)
		})
	}
}

func TestReadServicesMappedPropertyMissing(t *testing.T) {
	t.Parallel()
	s := datasets.DefaultServiceSchema()
	s.Category = "TYPEQU"
	in := fc(`{"type": "Feature", "properties": {"id": "s", "category": "D307"}, "geometry": ` + pt + `}`)
	_, err := geojsonio.ReadServices("s.geojson", strings.NewReader(in), s)
	checkProblems(t, "s.geojson", err, []want{
		{2, 0, "TYPEQU", "required property is missing"},
		{0, -1, "TYPEQU", `category is mapped to property "TYPEQU", which no feature has; the features' properties are ["id", "category"]`},
	})
}
