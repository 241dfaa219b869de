package study

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/gtfs/flex"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/study/roads"
	"github.com/partons/partons/study/usage"
	"github.com/partons/partons/travel"
	"github.com/partons/partons/travel/transit"
	"github.com/partons/partons/travel/transit/ondemand"
)

// walkingNote is how walking is timed without a foot network.
var walkingNote = fmt.Sprintf("walking estimated: straight line × detour %.1f at %.1f km/h", transit.DefaultDetourFactor, transit.DefaultWalkKmh)

// AttachTransit reads the run's feeds, builds the network and adds public
// transport to the modes of the analysis: walks on the foot network when
// the run has roads, on-demand buses from the feeds' GTFS-Flex files and
// the zone configuration, and the round trips of the opening-hours slots
// when hours are in play. It returns the manifest's record of the feeds
// (nil without feeds).
func AttachTransit(ctx context.Context, j *Job, in *Inputs, stderr io.Writer, quiet bool) (*reportdir.TransitInfo, error) {
	if len(j.Spec.Transit) == 0 {
		return nil, nil
	}
	t, err := LoadTransit(ctx, j, in, stderr, quiet)
	if err != nil {
		return nil, err
	}
	j.Params.Modes = append(j.Params.Modes, t.Mode)
	return t.Info, nil
}

// Transit is the public transport of a run: its timetable on the service
// day, the mode measuring it and the manifest's record. Scenario variants
// that edit the timetable build their own mode from it (Edited).
type Transit struct {
	Timetable *gtfs.Timetable
	Mode      travel.Mode
	Info      *reportdir.TransitInfo
	net       transit.NetworkOptions
	mode      transit.Mode     // the base's, whose Net an edit replaces
	onDemand  *ondemand.Config // nil: no on-demand bus
}

// Edited builds the mode of an edited timetable and its manifest record:
// the run's, with the edited timetable's counts and warnings.
func (t *Transit) Edited(tt *gtfs.Timetable) (travel.Mode, *reportdir.TransitInfo, error) {
	net, err := transit.Build(tt, t.net)
	if err != nil {
		return nil, nil, err
	}
	info := *t.Info
	info.Counts, info.Warnings = transitCounts(tt, net), tt.Warnings
	m := t.mode
	m.Net = net
	if t.onDemand != nil {
		// The planner indexes stops: plan again on the edited network.
		if m.OnDemand, err = ondemand.New(net, *t.onDemand); err != nil {
			return nil, nil, err
		}
		for k, v := range m.OnDemand.Counts {
			info.Counts[k] += v
		}
	}
	return &m, &info, nil
}

func transitCounts(tt *gtfs.Timetable, net *transit.Network) map[string]int {
	c := map[string]int{}
	for k, v := range tt.Counts {
		c[k] = v
	}
	for k, v := range net.Counts {
		c[k] += v
	}
	return c
}

// LoadTransit reads the run's feeds and builds its network and mode,
// without adding it to the run's modes.
func LoadTransit(ctx context.Context, j *Job, in *Inputs, stderr io.Writer, quiet bool) (*Transit, error) {
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
	netOpt := transit.NetworkOptions{MaxWalkM: s.MaxWalkM, Walker: walker}
	net, err := transit.Build(tt, netOpt)
	if err != nil {
		return nil, err
	}
	opt := transit.DefaultOptions()
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
	mode := &transit.Mode{Net: net, Options: opt}
	var carRide ondemand.Car
	if rp := j.Params.Road; rp != nil && rp.Graph != nil && rp.Profile == road.Car {
		mode.Car = &travel.Road{Graph: rp.Graph, RouteBy: road.Time, SnapM: rp.SnapM, LegSpeedKmh: rp.SpeedKmh}
		carRide = &ondemand.RoadCar{Graph: rp.Graph, SnapM: rp.SnapM, LegSpeedKmh: rp.SpeedKmh,
			Fallback: ondemand.Estimate{Detour: ondemand.DefaultCarDetour, Kmh: ondemand.DefaultCarKmh}}
	}

	info := &reportdir.TransitInfo{
		Date: dep.Date.Format(time.DateOnly), Window: dep.String()[len(time.DateOnly)+1:], DateReason: reason,
		Walking: walking, MaxWalkM: s.MaxWalkM, MaxTransfers: s.MaxTransfers, MaxTransitMin: s.MaxTransitMin,
		Counts: transitCounts(tt, net), Warnings: tt.Warnings,
	}
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
	}
	for _, fr := range tt.Files {
		info.Files = append(info.Files, reportdir.TransitFile{Feed: fr.Feed, File: fr.File, Read: fr.Read, Used: fr.Used, Unused: fr.Unused})
	}
	odc, err := attachOnDemand(ctx, s, srcs, feeds, net, dep.Date, walker, carRide, mode, info)
	if err != nil {
		return nil, err
	}
	if err := attachRoundTrips(s, in, feeds, netOpt, dep.Date, mode); err != nil {
		return nil, err
	}
	if !quiet {
		fmt.Fprintf(stderr, "partons: public transport on %s, %s (%s)\n", info.Date, info.Window, walking)
		for _, r := range reason {
			fmt.Fprintf(stderr, "partons: %s\n", r)
		}
		for _, w := range tt.Warnings {
			fmt.Fprintf(stderr, "partons: warning: %s\n", w)
		}
	}
	return &Transit{Timetable: tt, Mode: mode, Info: info, net: netOpt, mode: *mode, onDemand: odc}, nil
}

// footWalker is the walker of the run: the foot network when the run has
// roads (its own graph with the foot profile, else the foot profile read
// from the same road files), else the straight-line estimate (nil).
func footWalker(ctx context.Context, j *Job, in *Inputs, stderr io.Writer, quiet bool) (transit.Walker, string, error) {
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
		rp.SnapM, transit.DefaultWalkKmh, transit.DefaultMaxFootDetour)
	return &transit.FootWalker{Graph: g, SnapM: rp.SnapM}, note, nil
}

// attachOnDemand reads the feeds' GTFS-Flex files and the zone
// configuration and plans their rides on the study day.
func attachOnDemand(ctx context.Context, s Spec, srcs []gtfs.Source, feeds *gtfs.Feeds, net *transit.Network, date time.Time,
	walker transit.Walker, car ondemand.Car, mode *transit.Mode, info *reportdir.TransitInfo) (*ondemand.Config, error) {
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
// departure date, each with that day's timetable.
func attachRoundTrips(s Spec, in *Inputs, feeds *gtfs.Feeds, nopt transit.NetworkOptions, date time.Time, mode *transit.Mode) error {
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
	ev := hours.NewEvaluator(week, s.LenientHours)
	sched := make([]hours.Schedule, len(in.Services))
	for j, sv := range in.Services {
		sc, err := ev.Schedule(sv.OpeningHours, sv.Country)
		if err != nil {
			sc = hours.Schedule{Status: hours.Invalid, Reason: err.Error()} // the hours step reports it
		}
		sched[j] = sc
	}
	nets := map[time.Time]*transit.Network{}
	mode.RoundTrip = &transit.RoundTrip{Schedules: sched, Config: transit.RoundTripConfig{Slots: slots, Week: week,
		NetworkFor: func(d time.Time) (*transit.Network, error) {
			if n, ok := nets[d]; ok {
				return n, nil
			}
			n, err := transit.Build(feeds.Timetable(d), nopt)
			nets[d] = n
			return n, err
		}}}
	return nil
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
