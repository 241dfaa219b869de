package extract

import (
	"testing"

	"github.com/partons/partons/study/usage"
)

func TestCheckOptions(t *testing.T) {
	o := Options{AdminLevels: []int{2, 8}, MergeM: 50, Population: []string{"BE=p.csv"}, Apportion: true}
	if err := CheckOptions(&o, []string{"code=NIS", "population=TOTAL"}); err != nil {
		t.Fatal(err)
	}
	if f := o.PopulationFields; f.Code != "NIS" || f.Population != "TOTAL" || f.Name != "" {
		t.Errorf("population fields %+v, want code NIS and population TOTAL", f)
	}
	tests := []struct {
		name   string
		edit   func(*Options)
		fields []string
		want   string
	}{
		{"admin level", func(o *Options) { o.AdminLevels = []int{13} }, nil, "{admin_levels} 13: OpenStreetMap admin_level runs from 1 to 12 (2: countries, 8: municipalities)"},
		{"merge 0", func(o *Options) { o.MergeM = 0 }, nil, "{merge_m} 0: use a positive distance, or a negative one to disable merging"},
		{"field pair", func(*Options) {}, []string{"code"}, `{population_field} "code": want FIELD=COLUMN`},
		{"field name", func(*Options) {}, []string{"inhabitants=X"}, `{population_field} "inhabitants=X": field is code, name or population`},
		{"apportion", func(o *Options) { o.Population = nil }, nil, "{apportion} needs {population}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := Options{AdminLevels: []int{2}, MergeM: 50, Population: []string{"p.csv"}, Apportion: true}
			tc.edit(&o)
			ue := usage.As(CheckOptions(&o, tc.fields))
			if ue == nil || ue.Text != tc.want {
				t.Errorf("error %v, want %q", ue, tc.want)
			}
		})
	}
}
