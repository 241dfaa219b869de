package site

import (
	"math"
	"sort"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/render/site/input"
)

// Speeds at which times are estimated from a road distance when the run
// has no time for that mode (README "Road network": on foot 4.8 km/h, by
// bicycle 15 km/h, by car 45 km/h), and the detour factor turning a
// straight line into a road distance when the run has no road network
// and its manifest states none.
const (
	footKmh       = 4.8
	bicycleKmh    = 15
	carKmh        = 45
	defaultDetour = 1.3
	// nearbyM is how far from a village the services that opened or
	// closed, and the residents' reports about them, are listed.
	nearbyM = 5000
)

// village is one village across the runs: its row in each run that has
// it (nil where it is missing).
type village struct {
	ID, Name, Country, Area, Slug string
	Lon, Lat                      float64
	Shape                         orb.MultiPolygon // from the newest run that has one; nil: a point
	rows                          []input.Row      // per run, oldest first
}

// latest is the village's row in the newest run that has it, and that
// run's index.
func (v *village) latest() (input.Row, int) {
	for i := len(v.rows) - 1; i >= 0; i-- {
		if v.rows[i] != nil {
			return v.rows[i], i
		}
	}
	return nil, -1
}

// collectVillages lists every village of every run, by id, in the order
// of the newest run that has them (then older runs' extra villages), and
// names their pages.
func collectVillages(runs []*input.Run) []*village {
	byID := map[string]*village{}
	var out []*village
	for ri := len(runs) - 1; ri >= 0; ri-- {
		for _, row := range runs[ri].Villages {
			v := byID[row["id"]]
			if v == nil {
				v = &village{ID: row["id"], Name: row["name"], Country: row["country"], Area: row["area_name"],
					Lon: row.Float("lon"), Lat: row.Float("lat"), rows: make([]input.Row, len(runs))}
				if v.Name == "" {
					v.Name = v.ID
				}
				byID[v.ID] = v
				out = append(out, v)
			}
			v.rows[ri] = row
			if v.Shape == nil && runs[ri].Shapes != nil {
				v.Shape = runs[ri].Shapes[v.ID]
			}
		}
	}
	ids, names, areas := make([]string, len(out)), make([]string, len(out)), make([]string, len(out))
	for i, v := range out {
		ids[i], names[i], areas[i] = v.ID, v.Name, v.Area
	}
	for i, s := range slugs(ids, names, areas) {
		out[i].Slug = s
	}
	return out
}

// side is the nearest service of a category on one side of the border.
type side struct {
	Home               bool   // the village's own country
	Country            string // of the service; the village's own, or the other side's
	ServiceID, Service string
	StraightM, RoadM   float64 // NaN when unknown
	RoadEstimated      bool    // RoadM is straight line × detour factor
	FootMin, BikeMin   float64
	CarMin             float64
	CarFromRun         bool // CarMin is the run's routed time (else estimated from RoadM)
	PTMin              float64
	PTFromRun          bool
	Known              bool
}

// nearestOnSides gives, for category cat, the nearest service at home and
// abroad of the village row of run r: distances as the run computed
// them, the service found among services.csv as the nearest of the
// category on that side in a straight line (geodesic), times from the
// run when it routed that mode, else estimated at the documented speeds.
func nearestOnSides(r *input.Run, row input.Row, cat string) [2]side {
	home := row["country"]
	p := orb.Point{row.Float("lon"), row.Float("lat")}
	best := [2]struct {
		d  float64
		id string
		c  string
	}{{math.Inf(1), "", ""}, {math.Inf(1), "", ""}}
	for _, s := range r.Services {
		if s["category"] != cat {
			continue
		}
		k := 1
		if s["country"] == home {
			k = 0
		}
		d := geodesic.Distance(p, orb.Point{s.Float("lon"), s.Float("lat")})
		if d < best[k].d || (d == best[k].d && s["id"] < best[k].id) {
			best[k].d, best[k].id, best[k].c = d, s["id"], s["country"]
		}
	}
	detour := defaultDetour
	if m := r.Manifest.Roads; m != nil && m.DetourFactor > 0 {
		detour = m.DetourFactor
	}
	carRouted := r.Manifest.Roads != nil && r.Manifest.Roads.Source != "estimate" && r.Manifest.Roads.Profile == "car"
	var out [2]side
	for k, col := range []string{"domestic", "abroad"} {
		s := side{Home: k == 0, Country: best[k].c, ServiceID: best[k].id}
		s.StraightM = row.Float(cat + "_" + col + "_m")
		if math.IsNaN(s.StraightM) {
			out[k] = s
			continue
		}
		s.Known = true
		if svc, ok := r.Service(best[k].id); ok {
			s.Service = svc["name"]
		}
		s.RoadM = row.Float(cat + "_road_" + col + "_m")
		if math.IsNaN(s.RoadM) {
			s.RoadM, s.RoadEstimated = s.StraightM*detour, true
		}
		s.FootMin, s.BikeMin, s.CarMin = minutes(s.RoadM, footKmh), minutes(s.RoadM, bicycleKmh), minutes(s.RoadM, carKmh)
		if carRouted && row[cat+"_road_id"] != "" && row[cat+"_road_country"] == s.Country && row.Float(cat+"_road_m") == s.RoadM {
			if t := row.Float(cat + "_road_min"); !math.IsNaN(t) {
				s.CarMin, s.CarFromRun = t, true
			}
		}
		s.PTMin = math.NaN()
		// Public transport reaches the nearest service by public
		// transport, which may not be this side's nearest in a straight
		// line: its time goes on the side of that service's country.
		if t := row.Float(cat + "_transit_min"); !math.IsNaN(t) {
			id := row[cat+"_transit_id"]
			svc, ok := r.Service(id)
			if id == s.ServiceID || (ok && (svc["country"] == home) == s.Home) {
				s.PTMin, s.PTFromRun = t, true
			}
		}
		out[k] = s
	}
	return out
}

func minutes(m, kmh float64) float64 { return m / 1000 / kmh * 60 }

// badness is how badly served a village is, for sorting the index: the
// distance to the farthest member of the basket, each met by its nearest
// service; when a member is not covered by the data across the border,
// the same within the village's own country (home is then true, as
// report.html's "domestic" rows); NaN when neither is known. For a run
// without a basket: the largest nearest distance of any category.
func badness(row input.Row, cats []string) (m float64, home bool) {
	if _, ok := row["basket_max_m"]; ok {
		if v := row.Float("basket_max_m"); !math.IsNaN(v) {
			return v, false
		}
		return row.Float("basket_domestic_max_m"), true
	}
	worst := math.NaN()
	for _, c := range cats {
		if v := row.Float(c + "_nearest_m"); !math.IsNaN(v) && !(v <= worst) {
			worst = v
		}
	}
	return worst, false
}

// change is a service that opened or closed near a village between two
// consecutive runs.
type change struct {
	From, To  string // run labels
	Opened    bool
	ID, Name  string
	Category  string
	Country   string
	DistanceM float64
}

// changesNear lists the services within nearbyM of p that appear in a run
// and not in the one before (opened) or the other way (closed), oldest
// first, then by distance and id.
func changesNear(runs []*input.Run, labels []string, p orb.Point) []change {
	var out []change
	for i := 1; i < len(runs); i++ {
		before, after := runs[i-1], runs[i]
		if len(before.Services) == 0 || len(after.Services) == 0 {
			continue
		}
		var here []change
		diff := func(a, b *input.Run, opened bool) {
			for _, s := range a.Services {
				if _, ok := b.Service(s["id"]); ok {
					continue
				}
				d := geodesic.Distance(p, orb.Point{s.Float("lon"), s.Float("lat")})
				if d <= nearbyM {
					here = append(here, change{From: labels[i-1], To: labels[i], Opened: opened, ID: s["id"], Name: s["name"],
						Category: s["category"], Country: s["country"], DistanceM: d})
				}
			}
		}
		diff(after, before, true)
		diff(before, after, false)
		sort.SliceStable(here, func(a, b int) bool {
			if here[a].DistanceM != here[b].DistanceM {
				return here[a].DistanceM < here[b].DistanceM
			}
			return here[a].ID < here[b].ID
		})
		out = append(out, here...)
	}
	return out
}

// residentReport is one row of a run's contributions.csv, placed: at
// the location the report gives, else at its service (looked up in the
// run, then in the other runs, newest first: a closed service is no
// longer in its own run's services.csv).
type residentReport struct {
	ID, Kind, Status, Outcome, Role, Date, Note string
	Service, ServiceID, Category                string
	Evidence                                    string // an http(s) link, else ""
	Pos                                         orb.Point
	Located                                     bool
}

// placeReports reads the residents' reports of runs[i], newest first by
// observation date, then id.
func placeReports(runs []*input.Run, i int) []residentReport {
	var out []residentReport
	for _, c := range runs[i].Reports {
		rep := residentReport{ID: c["id"], Kind: c["kind"], Status: c["status"], Outcome: c["outcome"], Role: c["reporter_role"],
			Date: c["observed_on"], Note: c["note"], Service: c["name"], ServiceID: c["service_id"], Category: c["category"]}
		if httpURL(c["evidence_url"]) {
			rep.Evidence = c["evidence_url"]
		}
		if p := (orb.Point{c.Float("lon"), c.Float("lat")}); !math.IsNaN(p[0]) && !math.IsNaN(p[1]) {
			rep.Pos, rep.Located = p, true
		}
		for k := i; k > i-len(runs) && rep.ServiceID != ""; k-- {
			r := runs[(k+len(runs))%len(runs)] // this run, older ones, then newer ones
			if s, ok := r.Service(rep.ServiceID); ok {
				if !rep.Located {
					rep.Pos, rep.Located = orb.Point{s.Float("lon"), s.Float("lat")}, true
				}
				if rep.Service == "" {
					rep.Service = s["name"]
				}
				if rep.Category == "" {
					rep.Category = s["category"]
				}
				break
			}
		}
		out = append(out, rep)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Date != out[b].Date {
			return out[a].Date > out[b].Date
		}
		return out[a].ID < out[b].ID
	})
	return out
}

// reportsNear keeps the located reports within nearbyM of p.
func reportsNear(reps []residentReport, p orb.Point) []residentReport {
	var out []residentReport
	for _, r := range reps {
		if r.Located && geodesic.Distance(p, r.Pos) <= nearbyM {
			out = append(out, r)
		}
	}
	return out
}

func sortBy(order []int, key func(int) string) {
	sort.SliceStable(order, func(a, b int) bool { return key(order[a]) < key(order[b]) })
}

func itoa(n int) string { return strconv.Itoa(n) }
