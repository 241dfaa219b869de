package study

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/study/usage"
	"github.com/partons/partons/travel"
	"github.com/partons/partons/travel/transit"
)

// walkingNote is how walking is timed without a foot network.
var walkingNote = fmt.Sprintf("walking estimated: straight line × detour %.1f at %.1f km/h", transit.DefaultDetourFactor, transit.DefaultWalkKmh)

// AttachTransit reads the run's feeds, builds the network and adds public
// transport to the modes of the analysis. It returns the manifest's
// record of the feeds (nil without feeds).
func AttachTransit(ctx context.Context, j *Job, stderr io.Writer, quiet bool) (*reportdir.TransitInfo, error) {
	if len(j.Spec.Transit) == 0 {
		return nil, nil
	}
	t, err := LoadTransit(ctx, j, stderr, quiet)
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
	opt       transit.Options
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
	return &transit.Mode{Net: net, Options: t.opt}, &info, nil
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
func LoadTransit(ctx context.Context, j *Job, stderr io.Writer, quiet bool) (*Transit, error) {
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
	tt := feeds.Timetable(dep.Date)
	netOpt := transit.NetworkOptions{MaxWalkM: s.MaxWalkM}
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

	info := &reportdir.TransitInfo{
		Date: dep.Date.Format(time.DateOnly), Window: dep.String()[len(time.DateOnly)+1:], DateReason: reason,
		Walking: walkingNote, MaxWalkM: s.MaxWalkM, MaxTransfers: s.MaxTransfers, MaxTransitMin: s.MaxTransitMin,
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
	if !quiet {
		fmt.Fprintf(stderr, "partons: public transport on %s, %s (%s)\n", info.Date, info.Window, walkingNote)
		for _, r := range reason {
			fmt.Fprintf(stderr, "partons: %s\n", r)
		}
		for _, w := range tt.Warnings {
			fmt.Fprintf(stderr, "partons: warning: %s\n", w)
		}
	}
	return &Transit{Timetable: tt, Mode: &transit.Mode{Net: net, Options: opt}, Info: info, net: netOpt, opt: opt}, nil
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
