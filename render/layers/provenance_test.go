package layers

import (
	"strings"
	"testing"

	"github.com/partons/partons/render/qml"
)

// The services layer carries each service's source, its date and the
// reports that changed it, as services.csv does; without a provenance
// the columns are there, empty.
func TestServicesLayerProvenance(t *testing.T) {
	in := demoInput(t, qml.EN)
	first := in.Result.Services[0].ID
	for _, tc := range []struct {
		name string
		prov func(id string) (string, string, []string)
		want string // source,source_date,reports of the first service
	}{
		{"given", func(id string) (string, string, []string) {
			if id == first {
				return "osm-2015-pois", "2015-11", []string{"r1", "r2"}
			}
			return "other", "", nil
		}, "osm-2015-pois,2015-11,r1 r2"},
		{"none", nil, ",,"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in.Provenance = tc.prov
			ls, err := Layers(in)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range ls {
				if l.Name != "services" {
					continue
				}
				n := len(l.Table.Columns)
				var names []string
				for _, c := range l.Table.Columns[n-3:] {
					names = append(names, c.Name)
				}
				if got := strings.Join(names, ","); got != "source,source_date,reports" {
					t.Fatalf("last columns %s", got)
				}
				row := l.Table.Row(0, nil)
				if row[0].Text() != first {
					t.Fatalf("first row is %q, want %q", row[0].Text(), first)
				}
				if got := row[n-3].Text() + "," + row[n-2].Text() + "," + row[n-1].Text(); got != tc.want {
					t.Errorf("provenance %q, want %q", got, tc.want)
				}
				return
			}
			t.Fatal("no services layer")
		})
	}
}
