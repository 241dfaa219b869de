package transit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/gtfs/flex"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/roads"
	"github.com/partons/partons/study/usage"
	"github.com/partons/partons/travel"
	pt "github.com/partons/partons/travel/transit" // public transport
	"github.com/partons/partons/travel/transit/ondemand"
)

// walkingNote is how walking is timed without a foot network.
var walkingNote = fmt.Sprintf("walking estimated: straight line × detour %.1f at %.1f km/h", pt.DefaultDetourFactor, pt.DefaultWalkKmh)

// Attach reads the run's feeds, builds the network and adds public
// transport to the modes of the analysis: walks on the foot network when
// the run has roads, on-demand buses from the feeds' GTFS-Flex files and
// the zone configuration, and the round trips of the opening-hours slots
// when hours are in play. It returns the manifest's record of the feeds
// (nil without feeds).
func Attach(ctx context.Context, j *study.Job, in *study.Inputs, stderr io.Writer, quiet bool) (*reportdir.TransitInfo, error) {
	if len(j.Spec.Transit) == 0 {
		return nil, nil
	}
	t, err := Load(ctx, j, in, stderr, quiet)
	if err != nil {
		return nil, err
	}
	j.Params.Modes = append(j.Params.Modes, t.Mode)
	return t.Info, nil
}

// Transit is the public transport of a run: its timetable on the service
// day, the mode measuring it and the manifest's record. Scenario variants
// build their own mode from it (Variant).
type Transit struct {
	Timetable *gtfs.Timetable
	Mode      travel.Mode
	Info      *reportdir.TransitInfo
	feeds     *gtfs.Feeds
	net       pt.NetworkOptions
	mode      pt.Mode          // the base's, whose Net an edit replaces
	onDemand  *ondemand.Config // nil: no on-demand bus
	hours     *hours.Evaluator // nil: no round trips
}

// DayEdit applies a scenario variant's timetable changes to the
// timetable of a day other than the study day: the days of the
// opening-hours slots, which the round trips search on.
type DayEdit func(*gtfs.Timetable) (*gtfs.Timetable, error)

// Variant builds the public transport of a scenario variant. tt is the
// variant's edited timetable of the study day (nil: the base's), onDay
// applies the same edit to the timetable of any other day the round trips
// search on (nil: none), and services are the variant's, whose opening
// hours the round trips must fit. A variant that changes neither the
// timetable nor the services' hours gets the base's mode and record, so
// that it equals the base.
func (t *Transit) Variant(tt *gtfs.Timetable, onDay DayEdit, services []datasets.Service) (travel.Mode, *reportdir.TransitInfo, error) {
	var sched map[string]hours.Schedule
	if t.hours != nil {
		sched = t.schedules(services)
		if maps.EqualFunc(sched, t.mode.RoundTrip.Schedules, sameSchedule) {
			sched = nil
		}
	}
	if tt == nil && sched == nil {
		return t.Mode, t.Info, nil
	}
	m, info := t.mode, t.Info
	if tt != nil {
		net, err := pt.Build(tt, t.net)
		if err != nil {
			return nil, nil, err
		}
		ti := *t.Info
		ti.Counts, ti.Warnings = transitCounts(tt, net), tt.Warnings
		m.Net = net
		if t.onDemand != nil {
			// The planner indexes stops: plan again on the edited network.
			if m.OnDemand, err = ondemand.New(net, *t.onDemand); err != nil {
				return nil, nil, err
			}
			for k, v := range m.OnDemand.Counts {
				ti.Counts[k] += v
			}
		}
		if m.RoundTrip != nil {
			rt := *m.RoundTrip
			rt.Config.NetworkFor = t.networks(tt, net, onDay)
			m.RoundTrip = &rt
		}
		info = &ti
	}
	if sched != nil {
		rt := *m.RoundTrip
		rt.Schedules = sched
		m.RoundTrip = &rt
	}
	return &m, info, nil
}

// sameSchedule compares two evaluated schedules.
func sameSchedule(a, b hours.Schedule) bool {
	return a.Status == b.Status && a.Reason == b.Reason && slices.Equal(a.Open, b.Open) && slices.Equal(a.Unknown, b.Unknown)
}

// schedules evaluates the services' opening hours over the round trips'
// week, by service id. A value that cannot be read is an invalid
// schedule here: the opening-hours step reports it.
func (t *Transit) schedules(services []datasets.Service) map[string]hours.Schedule {
	out := make(map[string]hours.Schedule, len(services))
	for _, sv := range services {
		sc, err := t.hours.Schedule(sv.OpeningHours, sv.Country)
		if err != nil {
			sc = hours.Schedule{Status: hours.Invalid, Reason: err.Error()}
		}
		out[sv.ID] = sc
	}
	return out
}

// networks returns the round trips' network of a day: net, built from
// tt, on tt's day; on any other day the feeds' timetable of that day,
// edited by onDay when not nil. Each day is built once; safe for
// concurrent use.
func (t *Transit) networks(tt *gtfs.Timetable, net *pt.Network, onDay DayEdit) func(time.Time) (*pt.Network, error) {
	var mu sync.Mutex
	type built struct {
		n   *pt.Network
		err error
	}
	nets := map[string]built{tt.Date.Format(time.DateOnly): {n: net}}
	return func(d time.Time) (*pt.Network, error) {
		key := d.Format(time.DateOnly)
		mu.Lock()
		defer mu.Unlock()
		if b, ok := nets[key]; ok {
			return b.n, b.err
		}
		day := t.feeds.Timetable(d)
		var b built
		if onDay != nil {
			day, b.err = onDay(day)
		}
		if b.err == nil {
			b.n, b.err = pt.Build(day, t.net)
		}
		nets[key] = b
		return b.n, b.err
	}
}

func transitCounts(tt *gtfs.Timetable, net *pt.Network) map[string]int {
	c := map[string]int{}
	for k, v := range tt.Counts {
		c[k] = v
	}
	for k, v := range net.Counts {
		c[k] += v
	}
	return c
}

// Load reads the run's feeds and builds its network and mode,
// without adding it to the run's modes.
func Load(ctx context.Context, j *study.Job, in *study.Inputs, stderr io.Writer, quiet bool) (*Transit, error) {
	s := j.Spec
	dep, err := gtfs.ParseDepart(s.Depart)
	if s.Depart == "" {
		dep, err = gtfs.Depart{From: gtfs.DefaultFrom, To: gtfs.DefaultTo}, nil
	}
	if err != nil {
		return nil, usage.Errorf("{depart}: %v", err)
	}
	srcs := make([]gtfs.Source, len(s.Transit))
	for i, p := range s.Transit {
		srcs[i] = gtfs.Source{Path: p}
	}
	feeds, err := gtfs.Load(ctx, srcs)
	if err != nil {
		return nil, err
	}
	var reason []string
	if dep.Date.IsZero() {
		dep.Date, reason = feeds.DefaultDate()
	}
	walker, walking, err := footWalker(ctx, j, in, stderr, quiet)
	if err != nil {
		return nil, err
	}
	tt := feeds.Timetable(dep.Date)
	fxs, err := readFlex(ctx, s, srcs)
	if err != nil {
		return nil, err
	}
	// An on-demand ride may drop off at a stop no trip serves and the
	// journey walk on from there.
	netOpt := pt.NetworkOptions{MaxWalkM: s.MaxWalkM, Walker: walker, FootpathsFromEveryStop: len(fxs) > 0}
	net, err := pt.Build(tt, netOpt)
	if err != nil {
		return nil, err
	}
	opt := pt.DefaultOptions()
	opt.From, opt.To = dep.From, dep.To
	opt.MaxWalkM, opt.MaxTransfers = s.MaxWalkM, s.MaxTransfers
	opt.MaxTravelSec = int32(s.MaxTransitMin * 60)
	if s.TransitThresholdsMin != nil {
		opt.ThresholdsMin = s.TransitThresholdsMin
	}
	ts := make([]float64, len(opt.ThresholdsMin))
	for i, m := range opt.ThresholdsMin {
		ts[i] = float64(m)
	}
	if j.Params.ModeThresholdsMin == nil {
		j.Params.ModeThresholdsMin = map[string][]float64{}
	}
	j.Params.ModeThresholdsMin["transit"] = ts
	opt.Walker = walker
	mode := &pt.Mode{Net: net, Options: opt}
	carRide, carNote, err := carTimes(ctx, j, in, stderr, quiet, mode)
	if err != nil {
		return nil, err
	}

	info := &reportdir.TransitInfo{
		Date: dep.Date.Format(time.DateOnly), Window: dep.String()[len(time.DateOnly)+1:], DateReason: reason,
		Walking: walking, Car: carNote, MaxWalkM: s.MaxWalkM, MaxTransfers: s.MaxTransfers, MaxTransitMin: s.MaxTransitMin,
		Counts: transitCounts(tt, net), Warnings: tt.Warnings,
	}
	var credits []study.Source
	for i, f := range tt.Feeds {
		sum, err := feedSHA256(f.Path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Path, err)
		}
		name := f.Name
		if name == "" && i < len(srcs) {
			name = srcs[i].FeedName()
		}
		info.Feeds = append(info.Feeds, reportdir.TransitFeed{Name: name, Path: f.Path, SHA256: sum, Running: f.Running})
		credits = append(credits, feedSource(name, f))
	}
	j.TransitSources = credits
	for _, fr := range tt.Files {
		info.Files = append(info.Files, reportdir.TransitFile{Feed: fr.Feed, File: fr.File, Read: fr.Read, Used: fr.Used, Unused: fr.Unused})
	}
	odc, err := attachOnDemand(fxs, s, feeds, net, dep.Date, walker, carRide, mode, info)
	if err != nil {
		return nil, err
	}
	t := &Transit{Timetable: tt, Mode: mode, Info: info, feeds: feeds, net: netOpt, onDemand: odc}
	if err := t.attachRoundTrips(s, in, dep.Date, net); err != nil {
		return nil, err
	}
	t.mode = *mode
	if !quiet {
		fmt.Fprintf(stderr, "partons: public transport on %s, %s (%s)\n", info.Date, info.Window, walking)
		for _, r := range reason {
			fmt.Fprintf(stderr, "partons: %s\n", r)
		}
		for _, w := range tt.Warnings {
			fmt.Fprintf(stderr, "partons: warning: %s\n", w)
		}
	}
	return t, nil
}

// footWalker is the walker of the run: the foot network when the run has
// roads (its own graph with the foot profile, else the foot profile read
// from the same road files), else the straight-line estimate (nil).
func footWalker(ctx context.Context, j *study.Job, in *study.Inputs, stderr io.Writer, quiet bool) (pt.Walker, string, error) {
	rp := j.Params.Road
	if rp == nil || rp.Graph == nil {
		return nil, walkingNote, nil
	}
	g := rp.Graph
	if rp.Profile != road.Foot {
		var bs []datasets.Boundary
		if in != nil {
			bs = in.Boundaries
		}
		fg, _, _, err := roads.Load(ctx, j.RoadFiles, road.Foot, bs, false)
		if err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return nil, "", err
			}
			note := walkingNote + fmt.Sprintf(" (no foot network in the road files: %v)", err)
			if !quiet {
				fmt.Fprintf(stderr, "partons: warning: public transport: %s\n", note)
			}
			return nil, note, nil
		}
		g = fg
	}
	note := fmt.Sprintf("walking on the foot network (snapped within %.0f m, legs at %.1f km/h, at most %.0f × the straight line)",
		rp.SnapM, pt.DefaultWalkKmh, pt.DefaultMaxFootDetour)
	return &pt.FootWalker{Graph: g, SnapM: rp.SnapM}, note, nil
}

// carNote is how car times are taken without a car network.
var carNote = fmt.Sprintf("car times estimated: straight line × detour %.1f at %.0f km/h", ondemand.DefaultCarDetour, float64(ondemand.DefaultCarKmh))

// carTimes sets the car mode that transit_vs_car compares with and
// returns the car that times on-demand rides: the car road network when
// the run has roads (its own graph with the car profile, else the car
// profile read from the same road files: a bicycle or foot run still has
// its buses driven on roads), else the straight-line estimate (mode.Car
// nil, ride nil). The note says which, for the manifest.
func carTimes(ctx context.Context, j *study.Job, in *study.Inputs, stderr io.Writer, quiet bool, mode *pt.Mode) (ondemand.Car, string, error) {
	rp := j.Params.Road
	if rp == nil || rp.Graph == nil {
		return nil, carNote, nil
	}
	g, leg := rp.Graph, rp.SpeedKmh
	if rp.Profile != road.Car {
		_, leg = analysis.Estimate(road.Car)
		var bs []datasets.Boundary
		if in != nil {
			bs = in.Boundaries
		}
		cg, _, _, err := roads.Load(ctx, j.RoadFiles, road.Car, bs, false)
		if err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return nil, "", err
			}
			note := carNote + fmt.Sprintf(" (no car network in the road files: %v)", err)
			if !quiet {
				fmt.Fprintf(stderr, "partons: warning: public transport: %s\n", note)
			}
			return nil, note, nil
		}
		g = cg
	}
	mode.Car = &travel.Road{Graph: g, RouteBy: road.Time, SnapM: rp.SnapM, LegSpeedKmh: leg}
	note := fmt.Sprintf("car times on the car network (fastest route, snapped within %.0f m; a pair off it: %s)", rp.SnapM,
		strings.TrimPrefix(carNote, "car times "))
	return &ondemand.RoadCar{Graph: g, SnapM: rp.SnapM, LegSpeedKmh: leg,
		Fallback: ondemand.Estimate{Detour: ondemand.DefaultCarDetour, Kmh: ondemand.DefaultCarKmh}}, note, nil
}

// readFlex reads the feeds' GTFS-Flex files and the zone configuration:
// the on-demand services of the run (none: nil).
func readFlex(ctx context.Context, s study.Spec, srcs []gtfs.Source) ([]*flex.Flex, error) {
	var fxs []*flex.Flex
	for _, src := range srcs {
		fx, err := flex.Read(ctx, src)
		if err != nil {
			return nil, err
		}
		if len(fx.Windows) == 0 && len(fx.Zones) == 0 {
			continue
		}
		fxs = append(fxs, fx)
	}
	if s.FlexZones != "" {
		fx, err := flex.ReadZones(s.FlexZones)
		if err != nil {
			return nil, err
		}
		fxs = append(fxs, fx)
	}
	return fxs, nil
}

// attachOnDemand plans the rides of the on-demand services on the study
// day.
func attachOnDemand(fxs []*flex.Flex, s study.Spec, feeds *gtfs.Feeds, net *pt.Network, date time.Time,
	walker pt.Walker, car ondemand.Car, mode *pt.Mode, info *reportdir.TransitInfo) (*ondemand.Config, error) {
	if len(fxs) == 0 {
		return nil, nil
	}
	cfg := ondemand.Config{Flex: fxs, Date: date, Runs: feeds.ServiceRuns, Car: car, Walker: walker, MaxWalkM: s.MaxWalkM}
	pl, err := ondemand.New(net, cfg)
	if err != nil {
		return nil, err
	}
	mode.OnDemand = pl
	for k, v := range pl.Counts {
		info.Counts[k] += v
	}
	for _, fx := range fxs {
		for _, fr := range fx.Files {
			info.Files = append(info.Files, reportdir.TransitFile{Feed: fr.Feed, File: "flex:" + fr.File, Read: fr.Read, Used: fr.Used, Unused: fr.Unused})
		}
	}
	return &cfg, nil
}

// attachRoundTrips adds the round-trip columns when opening hours are in
// play: the slots of the run on their first day in the week of the
// departure date, each with that day's timetable (net on the study day).
func (t *Transit) attachRoundTrips(s study.Spec, in *study.Inputs, date time.Time, net *pt.Network) error {
	if in == nil || (s.When == "" && len(s.Slots) == 0 && !analysis.AnyHours(in.Services)) {
		return nil
	}
	slots := hours.DefaultSlots()
	if len(s.Slots) > 0 {
		slots = slots[:0]
		for _, sl := range s.Slots {
			h, err := hours.ParseSlot(sl.Name, sl.When, sl.MinMinutes)
			if err != nil {
				return usage.Errorf("slots: %v", err)
			}
			slots = append(slots, h)
		}
	}
	week := hours.WeekOf(date)
	t.hours = hours.NewEvaluator(week, s.LenientHours)
	mode := t.Mode.(*pt.Mode)
	mode.RoundTrip = &pt.RoundTrip{Schedules: t.schedules(in.Services), Config: pt.RoundTripConfig{Slots: slots, Week: week,
		NetworkFor: t.networks(t.Timetable, net, nil)}}
	return nil
}

// feedSource is a feed as a data source of the report: its operators
// (the agencies it names) credited, its service period as its date.
func feedSource(name string, f gtfs.Feed) study.Source {
	by := "GTFS feed " + name
	if len(f.Agencies) > 0 {
		by = strings.Join(f.Agencies, ", ") + " (" + by + ")"
	}
	src := study.Source{Name: "public transport timetable: " + name, Attribution: by}
	if !f.Start.IsZero() {
		src.Vintage = f.Start.Format(time.DateOnly) + " to " + f.End.Format(time.DateOnly)
	}
	return src
}

// feedSHA256 is the SHA-256 of a .zip feed, or of a folder feed's files
// (each file's name and contents, in name order).
func feedSHA256(path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	if !st.IsDir() {
		f, err := os.Open(path)
		if err != nil {
			return "", err
		}
		defer f.Close()
		if _, err := io.Copy(h, f); err != nil {
			return "", err
		}
		return hex.EncodeToString(h.Sum(nil)), nil
	}
	ents, err := os.ReadDir(path)
	if err != nil {
		return "", err
	}
	for _, e := range ents { // ReadDir sorts by name
		if e.Type()&fs.ModeType != 0 {
			continue
		}
		b, err := os.ReadFile(filepath.Join(path, e.Name()))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", e.Name(), len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
