package csvio_test

import (
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/csvio"
)

// The opening_hours column is read as given (quoted semicolons and
// commas included); blank or absent is unknown (""); a mapped column is
// read from its own name.
func TestReadServicesOpeningHours(t *testing.T) {
	in := "id,category,lon,lat,opening_hours\n" +
		"a,pharmacy,2.9,50.8,\"Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off\"\n" +
		"b,pharmacy,2.9,50.8,\n"
	ss, err := csvio.ReadServices("s.csv", strings.NewReader(in), datasets.DefaultServiceSchema())
	if err != nil {
		t.Fatal(err)
	}
	if ss[0].OpeningHours != "Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off" || ss[1].OpeningHours != "" {
		t.Errorf("opening hours %q %q", ss[0].OpeningHours, ss[1].OpeningHours)
	}
	ss, err = csvio.ReadServices("s.csv", strings.NewReader("id,category,lon,lat\na,post,2.9,50.8\n"), datasets.DefaultServiceSchema())
	if err != nil || ss[0].OpeningHours != "" {
		t.Errorf("no column: %+v %v", ss, err)
	}
	s := datasets.DefaultServiceSchema()
	if err := s.Set("opening_hours", "horaires"); err != nil {
		t.Fatal(err)
	}
	ss, err = csvio.ReadServices("s.csv", strings.NewReader("id,category,lon,lat,horaires\na,post,2.9,50.8,Tu 09:00-11:30\n"), s)
	if err != nil || ss[0].OpeningHours != "Tu 09:00-11:30" {
		t.Errorf("mapped column: %+v %v", ss, err)
	}
}
