package ondemand

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/gtfs/flex"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/travel/transit/raptor"
)

// Config configures a Planner.
type Config struct {
	// Flex are the on-demand services: the GTFS-Flex part of feeds and
	// configured zones (flex.ReadZones).
	Flex []*flex.Flex
	// Date is the study day (the timetable's); Runs reports whether a
	// GTFS-Flex trip's service_id runs on it (gtfs.Feeds.ServiceRuns).
	Date time.Time
	Runs func(feed, serviceID string, date time.Time) bool
	// Car times the rides; nil: Estimate{DefaultCarDetour, DefaultCarKmh}.
	Car Car
	// Walker and MaxWalkM time the walks to the stops of GTFS-Flex
	// pick-up places (a configured zone has its own max_walk_m); nil:
	// the straight-line walker of package raptor.
	Walker   raptor.Walker
	MaxWalkM float64
}

// place is where a ride picks up or drops off: a zone (anywhere inside)
// or a set of stops.
type place struct {
	zone  *flex.Zone
	stops []int32 // network stop indexes, ascending
}

// offer is a kind of ride with its windows of the day.
type offer struct {
	from, to     place
	walkM        float64 // longest walk to a pick-up stop
	lead         int32   // booking lead, seconds
	factor, off  float64 // ride = factor × car + off seconds
	maxTransfers int
	windows      []raptor.FlexWindow
}

// Planner answers the on-demand rides of a village. Immutable.
type Planner struct {
	net      *raptor.Network
	services []orb.Point
	offers   []*offer
	// per offer with a zone drop-off: the stops and services inside it
	zoneStops, zoneSvcs [][]int32
	car                 Car
	walker              raptor.Walker
	// Counts say what the study day's on-demand data gave and what was
	// left out, for the manifest.
	Counts map[string]int
}

// New prepares the offers of cfg on net's stops. Stops of GTFS-Flex
// records that the network does not know are an error. Its Counts are
// final; For gives the planner of a set of services.
func New(net *raptor.Network, cfg Config) (*Planner, error) {
	p := &Planner{net: net, car: cfg.Car, walker: cfg.Walker, Counts: map[string]int{}}
	if p.car == nil {
		p.car = Estimate{DefaultCarDetour, DefaultCarKmh}
	}
	if p.walker == nil {
		p.walker = raptor.Straight{Detour: raptor.DefaultDetourFactor, Kmh: raptor.DefaultWalkKmh}
	}
	stopIx := map[string]int32{}
	for i, s := range net.Timetable().Stops {
		stopIx[s.ID] = int32(i)
	}
	byKey := map[string]*offer{}
	add := func(o *offer, w raptor.FlexWindow) {
		key := fmt.Sprintf("%p|%v|%p|%v|%v|%d|%v|%v|%d", o.from.zone, o.from.stops, o.to.zone, o.to.stops, o.walkM, o.lead, o.factor, o.off, o.maxTransfers)
		if e, ok := byKey[key]; ok {
			e.windows = append(e.windows, w)
			return
		}
		o.windows = []raptor.FlexWindow{w}
		byKey[key] = o
		p.offers = append(p.offers, o)
	}
	for _, fx := range cfg.Flex {
		for zi := range fx.Zones {
			z := &fx.Zones[zi]
			if z.OnDemand == nil {
				continue
			}
			n, err := p.zoneOffers(z, cfg, add)
			if err != nil {
				return nil, err
			}
			p.Counts["ondemand_zone_intervals"] += n
		}
		if err := p.flexOffers(fx, cfg, stopIx, add); err != nil {
			return nil, err
		}
	}
	for _, o := range p.offers {
		sort.Slice(o.windows, func(a, b int) bool { return lessWindow(o.windows[a], o.windows[b]) })
		o.windows = dedupe(o.windows)
		var zs []int32
		if o.to.zone != nil {
			zs = p.stopsIn(o.to.zone)
		}
		p.zoneStops = append(p.zoneStops, zs)
	}
	p.Counts["ondemand_offers"] = len(p.offers)
	return p, nil
}

// For returns the planner whose rides may also drop off at services
// (the targets of direct rides, indexes into services as in Compute).
func (p *Planner) For(services []orb.Point) *Planner {
	q := *p
	q.services = services
	q.zoneSvcs = make([][]int32, len(p.offers))
	for oi, o := range p.offers {
		if o.to.zone == nil {
			continue
		}
		for j, pt := range services {
			if o.to.zone.Contains(pt) {
				q.zoneSvcs[oi] = append(q.zoneSvcs[oi], int32(j))
			}
		}
	}
	return &q
}

func lessWindow(a, b raptor.FlexWindow) bool {
	if a.PickFrom != b.PickFrom {
		return a.PickFrom < b.PickFrom
	}
	if a.PickTo != b.PickTo {
		return a.PickTo < b.PickTo
	}
	if a.DropFrom != b.DropFrom {
		return a.DropFrom < b.DropFrom
	}
	return a.DropTo < b.DropTo
}

func dedupe(ws []raptor.FlexWindow) []raptor.FlexWindow {
	out := ws[:0]
	for i, w := range ws {
		if i == 0 || w != ws[i-1] {
			out = append(out, w)
		}
	}
	return out
}

// zoneOffers adds a configured zone's rides: one window per operating
// interval of the study day. It returns the number of intervals.
func (p *Planner) zoneOffers(z *flex.Zone, cfg Config, add func(*offer, raptor.FlexWindow)) (int, error) {
	od := z.OnDemand
	if od.Parsed == nil {
		return 0, fmt.Errorf("ondemand: zone %s: hours not read", z.ID)
	}
	week := hours.WeekOf(cfg.Date)
	// PH rules take the zone's country's holidays (flex.ReadZones
	// requires the country when the hours name PH).
	s := od.Parsed.Evaluate(week, hours.CalendarFor(od.Country))
	if !s.IsKnown() {
		p.Counts["ondemand_zones_hours_unknown"]++
		return 0, nil
	}
	day := (int(cfg.Date.Weekday()) + 6) % 7
	lo, hi := day*hours.DayMinutes, (day+1)*hours.DayMinutes
	n := 0
	for _, iv := range s.Open {
		a, b := max(iv.Start, lo), min(iv.End, hi)
		if b <= a {
			continue
		}
		from, to := int32(a-lo)*60, int32(b-lo)*60
		o := &offer{from: place{zone: z, stops: p.stopsIn(z)}, to: place{zone: z}, walkM: od.MaxWalkM,
			lead: int32(od.BookingLeadMin) * 60, factor: od.MaxRideFactor, maxTransfers: od.MaxTransfers}
		add(o, raptor.FlexWindow{PickFrom: from, PickTo: to, DropFrom: from, DropTo: to})
		n++
	}
	return n, nil
}

// stopsIn lists the network stops inside z, ascending.
func (p *Planner) stopsIn(z *flex.Zone) []int32 {
	var out []int32
	for s := 0; s < p.net.NumStops(); s++ {
		if z.Contains(p.net.StopPoint(int32(s))) {
			out = append(out, int32(s))
		}
	}
	return out
}

// flexOffers adds the rides of the GTFS-Flex trips running on the study
// day.
func (p *Planner) flexOffers(fx *flex.Flex, cfg Config, stopIx map[string]int32, add func(*offer, raptor.FlexWindow)) error {
	ws := fx.Windows
	for i := 0; i < len(ws); {
		j := i
		for j < len(ws) && ws[j].Trip == ws[i].Trip {
			j++
		}
		trip := ws[i:j]
		i = j
		svc := strings.TrimPrefix(trip[0].Service, fx.Feed+":")
		if cfg.Runs == nil || !cfg.Runs(fx.Feed, svc, cfg.Date) {
			p.Counts["ondemand_trips_not_running"]++
			p.Counts["ondemand_windows_not_running"] += len(trip)
			continue
		}
		p.Counts["ondemand_trips_running"]++
		used := make([]bool, len(trip))
		for a := range trip {
			if trip[a].PickupType == 1 {
				continue
			}
			lead, ok := p.lead(fx, trip[a].PickupRule)
			if !ok {
				p.Counts["ondemand_prior_day_booking"]++
				continue
			}
			from, err := p.place(fx, &trip[a], stopIx)
			if err != nil {
				return err
			}
			for b := a + 1; b < len(trip); b++ {
				if trip[b].DropOffType == 1 {
					continue
				}
				to, err := p.place(fx, &trip[b], stopIx)
				if err != nil {
					return err
				}
				f, off := 1.0, 0.0
				switch w := &trip[a]; {
				case w.HasDuration && w.MeanFactor > 0:
					f, off = w.MeanFactor, w.MeanOffsetS
				case w.HasDuration && w.SafeFactor > 0:
					f, off = w.SafeFactor, w.SafeOffsetS
				}
				o := &offer{from: from, to: to, walkM: cfg.MaxWalkM, lead: lead, factor: f, off: off, maxTransfers: math.MaxInt32}
				add(o, raptor.FlexWindow{PickFrom: trip[a].Start, PickTo: trip[a].End, DropFrom: trip[b].Start, DropTo: trip[b].End})
				used[a], used[b] = true, true
			}
		}
		for _, u := range used {
			if u {
				p.Counts["ondemand_windows_used"]++
			} else {
				p.Counts["ondemand_windows_unpaired"]++ // no ride starts or ends there today
			}
		}
	}
	return nil
}

// lead is the booking lead in seconds of a rule; ok false for a
// booking on an earlier day.
func (p *Planner) lead(fx *flex.Flex, rule string) (int32, bool) {
	if rule == "" {
		return 0, true
	}
	r := fx.BookingRule(rule)
	if r == nil {
		return 0, true
	}
	switch r.Type {
	case 1:
		return int32(r.PriorNoticeMinMin) * 60, true
	case 2:
		return 0, false
	}
	return 0, true
}

// place resolves a GTFS-Flex row's location.
func (p *Planner) place(fx *flex.Flex, w *flex.Window, stopIx map[string]int32) (place, error) {
	switch {
	case w.Zone != "":
		z := fx.Zone(w.Zone)
		if z == nil {
			return place{}, fmt.Errorf("ondemand: trip %s: unknown zone %s", w.Trip, w.Zone)
		}
		return place{zone: z}, nil
	case w.Group != "":
		g := fx.Group(w.Group)
		if g == nil {
			return place{}, fmt.Errorf("ondemand: trip %s: unknown location group %s", w.Trip, w.Group)
		}
		var st []int32
		for _, id := range g.Stops {
			s, ok := stopIx[id]
			if !ok {
				return place{}, fmt.Errorf("ondemand: location group %s: stop %s is not in the timetable", g.ID, id)
			}
			st = append(st, s)
		}
		sort.Slice(st, func(a, b int) bool { return st[a] < st[b] })
		return place{stops: st}, nil
	}
	s, ok := stopIx[w.Stop]
	if !ok {
		return place{}, fmt.Errorf("ondemand: trip %s: stop %s is not in the timetable", w.Trip, w.Stop)
	}
	return place{stops: []int32{s}}, nil
}

// pickup is a place where a village may be picked up, with the walk.
type pickup struct {
	at   orb.Point
	walk int32
}

// Legs appends to buf the rides village v can take (one per offer and
// drop-off point: the pick-up point giving the shortest walk plus ride)
// and returns it; maxTransfers bounds every ride's own limit. Order is
// deterministic.
func (p *Planner) Legs(v orb.Point, maxTransfers int, buf []raptor.FlexLeg) []raptor.FlexLeg {
	var pus []pickup
	var dests []orb.Point
	var car []int32
	for oi, o := range p.offers {
		pus = p.pickups(v, o, pus[:0])
		if len(pus) == 0 {
			continue
		}
		stops, svcs := o.to.stops, []int32(nil)
		if o.to.zone != nil {
			stops = p.zoneStops[oi]
			if p.zoneSvcs != nil {
				svcs = p.zoneSvcs[oi]
			}
		}
		dests = dests[:0]
		for _, s := range stops {
			dests = append(dests, p.net.StopPoint(s))
		}
		for _, j := range svcs {
			dests = append(dests, p.services[j])
		}
		if len(dests) == 0 {
			continue
		}
		best := make([]raptor.FlexLeg, len(dests))
		for k := range best {
			best[k].Pre = -1
		}
		car = append(car[:0], make([]int32, len(dests))...)
		for _, pu := range pus {
			p.car.CarSeconds(pu.at, dests, car)
			for k, c := range car {
				if c < 0 {
					continue
				}
				pre := max(pu.walk, o.lead)
				ride := int32(math.Ceil(o.factor*float64(c) + o.off))
				if best[k].Pre < 0 || pre+ride < best[k].Pre+best[k].Ride {
					best[k].Pre, best[k].Ride = pre, max(ride, 0)
				}
			}
		}
		for k, l := range best {
			if l.Pre < 0 {
				continue
			}
			l.Stop, l.Cat, l.Svc = -1, -1, -1
			if k < len(stops) {
				l.Stop = stops[k]
			} else {
				j := svcs[k-len(stops)]
				l.Cat, l.Svc = j, j
			}
			l.MaxTransfers = min(o.maxTransfers, maxTransfers)
			l.Windows = o.windows
			buf = append(buf, l)
		}
	}
	return buf
}

// pickups lists where village v may board offer o: its door when o
// picks up in a zone holding v, and the offer's stops within walking
// distance (a configured zone's own max walk, else the search's).
func (p *Planner) pickups(v orb.Point, o *offer, out []pickup) []pickup {
	if o.from.zone != nil && o.from.zone.Contains(v) {
		out = append(out, pickup{at: v})
	}
	for _, s := range o.from.stops {
		sp := p.net.StopPoint(s)
		d := geodesic.Distance(v, sp)
		if !(d <= o.walkM) {
			continue
		}
		if sec, ok := p.walker.WalkSeconds(v, sp, d); ok {
			out = append(out, pickup{at: sp, walk: sec})
		}
	}
	return out
}
