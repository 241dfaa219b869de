// Package run is partons run as a library function: resolve the run,
// read its inputs once, open its travel modes, compute every village's
// figures and write the report folder atomically.
//
// Run honours its context at every stage: a cancelled run returns
// context.Canceled and leaves no report behind.
package run

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/aggregates"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/progress"
	"github.com/partons/partons/study/results"
	"github.com/partons/partons/study/transit"
)

// Options are the settings of a run besides its Spec.
type Options struct {
	Out     string // the report folder
	Workers int    // goroutines; 0: all cores
	Quiet   bool   // no progress on Stderr
	// Replay is the manifest the spec was read from (ManifestPath), whose
	// inputs must be unchanged; nil for a new run.
	Replay       *study.Manifest
	ManifestPath string
	Stderr       io.Writer // progress and notes about the data
}

// Report is what a run computed and wrote.
type Report struct {
	Result *analysis.Result
	// Aggregates are those of areas.csv and the visual reports when the
	// run writes any of them, else only what the printed summary reads:
	// the nearest and domestic bases at the country level.
	Aggregates []analysis.Aggregate
	Manifest   *study.Manifest
}

// Run computes the run of spec and writes its report folder into o.Out.
// A bad value of spec is a *study.SpecError (with Replay: a record error
// naming the manifest's line).
func Run(ctx context.Context, spec study.Spec, o Options) (*Report, error) {
	stderr := o.Stderr
	if stderr == nil {
		stderr = io.Discard
	}
	p := progress.New(stderr, o.Quiet)
	ctx = progress.With(ctx, p)
	j, err := study.NewJob(spec, o.Workers)
	if err != nil {
		if o.Replay != nil {
			return nil, results.ManifestSpecError(o.ManifestPath, err)
		}
		return nil, err
	}
	p.Step("reading inputs")
	in, err := study.ReadInputs(ctx, j)
	if err != nil {
		return nil, err
	}
	if o.Replay != nil {
		if err := results.CheckInputsUnchanged(o.ManifestPath, o.Replay, in); err != nil {
			return nil, err
		}
	}
	if len(j.RoadFiles) > 0 {
		p.Step("reading the road network")
		if _, err := study.AttachRoads(ctx, j, in, j.Params.Road.ClosedBorder); err != nil {
			return nil, err
		}
		if err := results.CheckRoadsUnchanged(o.ManifestPath, o.Replay, in.Roads); err != nil {
			return nil, err
		}
	}
	var transitInfo *reportdir.TransitInfo
	if len(j.Spec.Transit) > 0 {
		p.Step("reading the public-transport feeds")
		if transitInfo, err = transit.Attach(ctx, j, in, stderr, o.Quiet); err != nil {
			return nil, err
		}
	}
	p.Step(fmt.Sprintf("computing %d villages × %d services", len(in.Villages), len(in.Services)))
	j.Params.Progress = p.Bar("computing")
	res, err := analysis.Compute(ctx, in.Villages, in.Services, j.Params)
	if err != nil {
		return nil, err
	}
	// Aggregates of every basis go to areas.csv and the visual reports; the
	// summary alone needs only the straight-line ones, per country.
	var aggs []analysis.Aggregate
	if slices.ContainsFunc(j.Spec.Outputs, func(o string) bool {
		return o == "areas.csv" || o == "report.html" || o == "partons.gpkg"
	}) {
		aggs = aggregates.Of(res)
	} else {
		aggs = aggregates.Countries(res, analysis.BasisNearest, analysis.BasisDomestic)
	}
	p.Step("writing " + o.Out)
	m := results.BuildManifest(j, in, res)
	m.Transit = transitInfo
	if err := results.Hours(ctx, j, in, res, m); err != nil {
		return nil, err
	}
	p.Done()
	results.WriteUnmapped(stderr, m.Mapping)
	results.WriteCoverage(stderr, res.CoveragePairs())
	if err := m.RelativeTo(o.Out); err != nil {
		return nil, err
	}
	m.Outputs = results.FilterOutputs(m.Outputs, j.Spec.Outputs, len(j.Params.Models) > 0)
	if results.SkipReport(res, m) {
		fmt.Fprintf(stderr, "partons: report.html not written for %d villages (more than %d); name it in %s to force it\n",
			len(res.Villages), results.MaxReportVillages, study.OptionName("outputs"))
	}
	if err := results.WriteReport(ctx, o.Out, j, in, res, aggs, m, stderr); err != nil {
		return nil, err
	}
	p.Done()
	return &Report{Result: res, Aggregates: aggs, Manifest: m}, nil
}
