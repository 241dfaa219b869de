package collection

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio"
	"github.com/partons/partons/datasets/table"
)

func TestHeadDataDate(t *testing.T) {
	day := time.Date(2013, 8, 3, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name, head string
		want       time.Time
		ok         bool
		err        string
	}{
		{"rfc3339", `{"type":"FeatureCollection","data_date":"2013-08-03T19:00:02Z","features":[]}`, time.Date(2013, 8, 3, 19, 0, 2, 0, time.UTC), true, ""},
		{"offset to UTC", `{"data_date":"2013-08-03T21:00:02+02:00","features":[]}`, time.Date(2013, 8, 3, 19, 0, 2, 0, time.UTC), true, ""},
		{"day", "\xEF\xBB\xBF {\n\"name\": {\"a\": [1, 2]}, \"data_date\": \"2013-08-03\"}", day, true, ""},
		{"escaped key", `{"data\u005fdate":"2013-08-03","features":[]}`, day, true, ""},
		{"none", `{"type":"FeatureCollection","features":[]}`, time.Time{}, false, ""},
		{"after the features", `{"features":[],"data_date":"2013-08-03"}`, time.Time{}, false, ""},
		{"cut by the end of head", `{"name":"villages","data_date":"2013-0`, time.Time{}, false, ""},
		{"not an object", `[{"data_date":"2013-08-03"}]`, time.Time{}, false, ""},
		{"empty", ``, time.Time{}, false, ""},
		{"a number", `{"data_date":20130803,"features":[]}`, time.Time{}, false, `member "data_date": 20130803 is not a date`},
		{"not a date", `{"data_date":"last summer","features":[]}`, time.Time{}, false, `member "data_date": "last summer" is not a date`},
		{"month 13", `{"data_date":"2013-13-03","features":[]}`, time.Time{}, false, `"2013-13-03" is not a date`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok, err := HeadDataDate([]byte(c.head))
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil || ok != c.ok || !got.Equal(c.want) {
				t.Errorf("HeadDataDate = %v, %v, %v; want %v, %v", got, ok, err, c.want, c.ok)
			}
		})
	}
}

// TestWriteDataDate: Write puts the date before the features, where
// HeadDataDate finds it, and the readers still read the file.
func TestWriteDataDate(t *testing.T) {
	tab := table.Table{Columns: []table.Column{{Name: "id"}, {Name: "name"}}, Len: 1,
		Row: func(i int, dst []table.Cell) []table.Cell {
			return append(dst[:0], table.Str("v1"), table.Str("Esen"))
		}}
	date := time.Date(2013, 8, 3, 21, 0, 2, 0, time.FixedZone("CEST", 2*3600))
	var b bytes.Buffer
	if err := Write(&b, tab, []orb.Geometry{orb.Point{2.9, 51.0}}, Options{Name: "villages", Attribution: "© OpenStreetMap contributors", DataDate: date}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), `{"type":"FeatureCollection","name":"villages","attribution":"© OpenStreetMap contributors","data_date":"2013-08-03T19:00:02Z","features":[`) {
		t.Errorf("head %.200s", b.String())
	}
	got, ok, err := HeadDataDate(b.Bytes())
	if err != nil || !ok || !got.Equal(date) {
		t.Errorf("read back %v %v %v", got, ok, err)
	}
	vs, err := geojsonio.ReadVillages("v.geojson", bytes.NewReader(b.Bytes()), datasets.VillageSchema{ID: "id", Name: "name"})
	if err != nil || len(vs) != 1 || vs[0].Name != "Esen" {
		t.Errorf("ReadVillages = %+v, %v", vs, err)
	}
	// Without a date the member is absent.
	b.Reset()
	if err := Write(&b, tab, []orb.Geometry{orb.Point{2.9, 51.0}}, Options{Name: "villages"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "data_date") {
		t.Errorf("data_date written without a date: %.200s", b.String())
	}
}
