package scenario

import (
	"context"
	"errors"
	"io"
	"slices"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/datasets/scenario"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/transit"
)

// scenarioTransit is the public transport of a scenario's base and the
// timetable each variant edits: variants without timetable changes reuse
// the base's network (and, through analysis.Recompute, its results).
type scenarioTransit struct {
	base   *transit.Transit
	edited []*gtfs.Timetable // per variant; nil: the base's timetable
	onDay  []transit.DayEdit // per variant: its edit of another day's timetable
}

// loadScenarioTransit reads the base's feeds, adds public transport to the
// base's modes and applies every variant's timetable changes, so that an
// unknown route or stop fails before anything is computed, naming the
// file, line, variant and change. Nil without feeds.
func loadTransit(ctx context.Context, j *study.Job, in *study.Inputs, path string, sf *scenario.File, stderr io.Writer, quiet bool) (*scenarioTransit, error) {
	if len(j.Spec.Transit) == 0 {
		return nil, nil
	}
	tb, err := transit.Load(ctx, j, in, stderr, quiet)
	if err != nil {
		return nil, err
	}
	j.Params.Modes = append(j.Params.Modes, tb.Mode)
	st := &scenarioTransit{base: tb, edited: make([]*gtfs.Timetable, len(sf.Variants)), onDay: make([]transit.DayEdit, len(sf.Variants))}
	for k := range sf.Variants {
		v := &sf.Variants[k]
		if !v.ChangesTimetable() {
			continue
		}
		tt, err := v.EditTimetable(tb.Timetable)
		var te *scenario.TimetableError
		switch {
		case errors.As(err, &te):
			return nil, &scenario.Error{File: path, Line: sf.ChangeLine(k, te.Change-1), Variant: v.Name, Change: te.Change, Reason: te.Reason()}
		case err != nil:
			return nil, err
		}
		st.edited[k], st.onDay[k] = tt, v.EditOtherDay
	}
	return st, nil
}

// info is the base's record of its public transport (nil without).
func (st *scenarioTransit) info() *reportdir.TransitInfo {
	if st == nil {
		return nil
	}
	return st.base.Info
}

// apply gives variant k's parameters the public transport of its
// timetable (a new network when it edits the timetable) and of its
// services' opening hours (the round trips), and returns the variant's
// record of it.
func (st *scenarioTransit) apply(k int, p *analysis.Params, services []datasets.Service) (*reportdir.TransitInfo, error) {
	if st == nil {
		return nil, nil
	}
	mode, info, err := st.base.Variant(st.edited[k], st.onDay[k], services)
	if err != nil {
		return nil, err
	}
	if mode == st.base.Mode {
		return info, nil
	}
	p.Modes = slices.Clone(p.Modes)
	for i, m := range p.Modes {
		if m == st.base.Mode {
			p.Modes[i] = mode
		}
	}
	return info, nil
}
