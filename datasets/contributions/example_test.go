package contributions_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/contributions"
	"github.com/paulmach/orb"
)

// A resident reports that the baker of Houtem closed; a moderator
// confirmed it. The service list comes from 2015 data, so the report
// (2024) applies; a proposed report is only listed.
func ExampleMerge() {
	services := []datasets.Service{
		{ID: "osm-node-1", Name: "Bakker", Category: "shop=bakery", Country: "BE", Location: orb.Point{2.59, 51.0}},
		{ID: "osm-node-2", Name: "Slager", Category: "shop=butcher", Country: "BE", Location: orb.Point{2.60, 51.0}},
	}
	csv := "id,kind,service_id,observed_on,reporter_role,status,note\n" +
		"r1,closed,osm-node-1,2024-03-14,resident,confirmed,Closed in March\n" +
		"r2,hours_changed,osm-node-2,2024-04-01,resident,proposed,Only on Tuesdays\n"
	reports, err := contributions.Read("reports.csv", strings.NewReader(csv), contributions.DefaultSchema())
	if err != nil {
		fmt.Println(err)
		return
	}
	vintage := time.Date(2015, 11, 30, 0, 0, 0, 0, time.UTC)
	res, err := contributions.Merge(services, reports, contributions.Options{
		Today:      time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC),
		SourceDate: func(*datasets.Service) (time.Time, bool) { return vintage, true },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range res.Services {
		fmt.Println("service", s.ID)
	}
	for _, c := range res.Closed {
		fmt.Println("closed", c.Service.ID, "by", c.Reports)
	}
	for _, e := range res.Reports {
		fmt.Println(e.ID, e.Status, e.Outcome)
	}
	// Output:
	// service osm-node-2
	// closed osm-node-1 by [r1]
	// r1 confirmed applied
	// r2 proposed listed
}
