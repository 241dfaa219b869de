// Command transitprofile writes range-RAPTOR answers as CSV, with the
// timetable they were computed on, for the independent networkx oracle
// of make verify (.ci/verify/transit_oracle.py):
//
//	go run ./benchmarks/transitprofile -random 3 -out DIR
//	go run ./benchmarks/transitprofile -gtfs ../shared/data/gtfs/bart.zip -gtfs ../shared/data/gtfs/caltrain.zip -out DIR
//
// DIR/feed/*.txt is the timetable searched (WriteGTFS of package
// transittest: for GTFS inputs, the day's Timetable as read, frequencies
// expanded); DIR/params.csv the search settings; DIR/places.csv the
// villages and services (random points near stops, fixed seed);
// DIR/raptor.csv one row per village, service and departure minute from
// which the service is reached: door-to-door seconds and the number of
// trips (0: walking all the way). Missing rows are unreachable.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/travel/transit"
	"github.com/partons/partons/travel/transit/transittest"
)

type feeds []string

func (f *feeds) String() string     { return strings.Join(*f, ",") }
func (f *feeds) Set(s string) error { *f = append(*f, s); return nil }

func main() {
	var in feeds
	flag.Var(&in, "gtfs", "GTFS feed (.zip or folder), repeatable")
	seed := flag.Uint64("random", 0, "use a random timetable of this seed instead of -gtfs")
	date := flag.String("date", "", "service day YYYY-MM-DD (default: the reader's default day)")
	from := flag.String("from", "07:00", "first departure minute HH:MM")
	to := flag.String("to", "07:45", "end of the window HH:MM (exclusive)")
	nv := flag.Int("villages", 3, "number of villages")
	nsv := flag.Int("services", 8, "number of services")
	maxWalk := flag.Float64("max-walk-m", 800, "walking limit, metres")
	maxTr := flag.Int("max-transfers", 3, "maximum transfers")
	maxMin := flag.Int("max-travel-min", 90, "maximum door-to-door minutes")
	out := flag.String("out", "", "output folder")
	flag.Parse()
	if err := run(in, *seed, *date, *from, *to, *nv, *nsv, *maxWalk, *maxTr, *maxMin, *out); err != nil {
		fmt.Fprintln(os.Stderr, "transitprofile:", err)
		os.Exit(1)
	}
}

func clock(s string) (int32, error) {
	t, err := gtfs.ParseTime(s + ":00")
	if err != nil {
		return 0, fmt.Errorf("time %q: want HH:MM", s)
	}
	return t, nil
}

func run(in feeds, seed uint64, date, from, to string, nv, nsv int, maxWalk float64, maxTr, maxMin int, out string) error {
	if out == "" || (len(in) == 0) == (seed == 0) {
		return fmt.Errorf("give -out and either -gtfs or -random")
	}
	ctx := context.Background()
	var tt *gtfs.Timetable
	if seed != 0 {
		tt = transittest.Random(seed, transittest.DefaultRandom)
	} else {
		var srcs []gtfs.Source
		for _, p := range in {
			srcs = append(srcs, gtfs.Source{Path: p})
		}
		var day time.Time
		if date != "" {
			d, err := time.Parse("2006-01-02", date)
			if err != nil {
				return err
			}
			day = d
		}
		var err error
		if tt, err = gtfs.Read(ctx, srcs, day); err != nil {
			return err
		}
		for _, w := range tt.Warnings {
			fmt.Fprintln(os.Stderr, "transitprofile:", w)
		}
	}
	opt := transit.DefaultOptions()
	var err error
	if opt.From, err = clock(from); err != nil {
		return err
	}
	if opt.To, err = clock(to); err != nil {
		return err
	}
	opt.MaxWalkM, opt.MaxTransfers, opt.MaxTravelSec = maxWalk, maxTr, int32(maxMin*60)
	net, err := transit.Build(tt, transit.NetworkOptions{MaxWalkM: maxWalk})
	if err != nil {
		return err
	}
	// Villages and services near stops that have departures.
	var busy []int32
	for s := int32(0); s < int32(net.NumStops()); s++ {
		if net.Departures(s, opt.From, opt.To+opt.MaxTravelSec) > 0 {
			busy = append(busy, s)
		}
	}
	if len(busy) == 0 {
		return fmt.Errorf("no departure in the window on %s", tt.Date.Format("2006-01-02"))
	}
	r := rand.New(rand.NewPCG(seed+1, 17))
	near := func() transit.Place {
		p := net.StopPoint(busy[r.IntN(len(busy))])
		return transit.Place{Point: orb.Point{p[0] + (r.Float64()-0.5)*0.012, p[1] + (r.Float64()-0.5)*0.008}}
	}
	places := [][]string{{"kind", "index", "lon", "lat"}}
	var villages, services []transit.Place
	for i := 0; i < nv; i++ {
		villages = append(villages, near())
		places = append(places, []string{"village", strconv.Itoa(i), ff(villages[i].Point[0]), ff(villages[i].Point[1])})
	}
	for j := 0; j < nsv; j++ {
		services = append(services, near())
		places = append(places, []string{"service", strconv.Itoa(j), ff(services[j].Point[0]), ff(services[j].Point[1])})
	}
	rows := make([][][]string, nv)
	opt.Workers = 1
	err = transit.Profiles(ctx, net, villages, services, opt, func(i int, _ bool, p *transit.Profile) {
		for j := int32(0); j < int32(nsv); j++ {
			col := p.Column(j)
			for mi, o := range col {
				if o.Sec >= 0 {
					rows[i] = append(rows[i], []string{strconv.Itoa(i), strconv.Itoa(int(j)), strconv.Itoa(int(opt.From) + 60*mi),
						strconv.Itoa(int(o.Sec)), strconv.Itoa(int(o.Trips))})
				}
			}
		}
	})
	if err != nil {
		return err
	}
	res := [][]string{{"village", "service", "minute", "sec", "trips"}}
	for _, rs := range rows {
		res = append(res, rs...)
	}
	params := [][]string{{"from", "to", "max_transfers", "max_travel_sec", "max_walk_m", "detour", "kmh", "date"},
		{strconv.Itoa(int(opt.From)), strconv.Itoa(int(opt.To)), strconv.Itoa(maxTr), strconv.Itoa(maxMin * 60), ff(maxWalk),
			ff(transit.DefaultDetourFactor), ff(transit.DefaultWalkKmh), tt.Date.Format("2006-01-02")}}
	if err := transittest.WriteGTFS(filepath.Join(out, "feed"), tt); err != nil {
		return err
	}
	for name, rows := range map[string][][]string{"params.csv": params, "places.csv": places, "raptor.csv": res} {
		if err := transittest.WriteCSV(filepath.Join(out, name), rows); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "transitprofile: %d stops, %d trips, %d patterns, %d footpaths; %d reachable (village, service, minute) rows\n",
		net.NumStops(), net.NumTrips(), net.NumPatterns(), net.NumFootpaths(), len(res)-1)
	return nil
}

func ff(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
