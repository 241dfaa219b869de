package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/scenario"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/render/files"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/render/report"
	"github.com/partons/partons/travel"
)

type scenarioOptions struct {
	out     string
	workers int
	quiet   bool
	csvRaw  bool
}

func newScenarioCmd() *cobra.Command {
	o := &scenarioOptions{}
	cmd := &cobra.Command{
		Use:   "scenario FILE",
		Short: "Compare what-if variants (services closing or opening, a closed border…) with a base",
		Long: `Reads a scenario file (YAML; see datasets/scenario/example.yaml and schema.json):
a base run and named variants, each a list of changes. Computes the base once
and each variant incrementally (only the categories a change touches are
searched again), and writes into --out:

  base/                  the usual report of the base run
  VARIANT/               the usual report of each variant, plus
    delta_villages.csv   per village and category: base and variant values,
    delta_villages.geojson  the change, and who loses or gains coverage
    attribution.csv      per closed service: the people it was nearest to and
                         the people who lose coverage
  comparison.csv         one row per variant, category and country: headline
                         indicators side by side
  manifest.json`,
		Args: wrapArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScenario(cmd.Context(), o, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVarP(&o.out, "out", "o", "partons-scenario", "report directory (replaced atomically)")
	cmd.Flags().IntVar(&o.workers, "workers", 0, "goroutines (default: all cores)")
	limitFlag(cmd.Flags(), nonNegative, "workers")
	addQuietFlag(cmd, &o.quiet)
	addCSVRawFlag(cmd, &o.csvRaw)
	return cmd
}

// scenarioManifest is the top-level manifest.json of a scenario report.
type scenarioManifest struct {
	Generator string             `json:"generator"`
	Version   string             `json:"version"`
	Command   string             `json:"command"`
	Scenario  string             `json:"scenario"`
	CSVRaw    bool               `json:"csv_raw"` // CSV text cells written without the formula guard
	Variants  []scenarioVariantM `json:"variants"`
}

type scenarioVariantM struct {
	Name        string            `json:"name"`
	Description string            `json:"description,omitempty"`
	Recomputed  []string          `json:"recomputed_categories"` // "*" for all
	Closed      []string          `json:"closed_services"`
	Changes     []scenario.Change `json:"changes"`
}

// baseSpec turns the scenario's base into a run, resolving relative paths
// against the scenario file's folder.
func baseSpec(path string, f *scenario.File) (runSpec, error) {
	s := defaultSpec()
	if len(f.Base) > 0 {
		b, err := yaml.Marshal(f.Base)
		if err != nil {
			return s, err
		}
		dec := yaml.NewDecoder(bytes.NewReader(b))
		dec.KnownFields(true)
		if err := dec.Decode(&s); err != nil && !errors.Is(err, io.EOF) {
			return s, &scenario.Error{File: path, Reason: "base: " + err.Error()}
		}
	}
	dir := filepath.Dir(path)
	for _, l := range []*[]string{&s.Villages, &s.Services, &s.Boundaries, &s.Roads} {
		for i, p := range *l {
			if !filepath.IsAbs(p) {
				(*l)[i] = filepath.Join(dir, p)
			}
		}
	}
	for i, f := range s.FileFields {
		if !filepath.IsAbs(f.Path) {
			s.FileFields[i].Path = filepath.Join(dir, f.Path)
		}
	}
	s.Normalize()
	return s, nil
}

func runScenario(ctx context.Context, o *scenarioOptions, path string, stdout, stderr io.Writer) error {
	pr := newProgress(stderr, o.quiet)
	ctx = withProgress(ctx, pr)
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	sf, err := scenario.Read(path, fh)
	fh.Close()
	if err != nil {
		return err
	}
	spec, err := baseSpec(path, sf)
	if err != nil {
		return err
	}
	if err := checkOutputs("scenario", []output.Path{outDir("--out", o.out)}, paths("FILE", path), specPaths(spec)); err != nil {
		return err
	}
	spec.CSVRaw = spec.CSVRaw || o.csvRaw
	if err := checkTimetableChanges(path, sf, len(spec.Transit) > 0); err != nil {
		return err
	}
	if len(spec.Transit) > 0 {
		// Refused rather than ignored: the variants would lack the columns.
		return fmt.Errorf("%s: base: transit: public transport is not yet computed in scenarios, only by run: %w", path, datasets.ErrInvalid)
	}
	j, err := jobFromSpec(spec, o.workers)
	if err != nil {
		return scenarioSpecError(path, sf, err)
	}
	pr.step("reading inputs")
	in, err := readInputs(ctx, j)
	if err != nil {
		return err
	}
	// Country labels are needed when the base or any variant closes the
	// border; they change nothing on an open border.
	needLabels := slices.ContainsFunc(sf.Variants, func(v scenario.Variant) bool {
		return slices.ContainsFunc(v.Changes, func(c scenario.Change) bool { return c.CloseBorder })
	})
	if len(j.roadFiles) > 0 {
		needLabels = needLabels || j.params.Road.ClosedBorder
		pr.step("reading the road network")
		if err := attachRoads(ctx, j, in, needLabels); err != nil {
			return err
		}
	}
	mapCat := func(raw string) string {
		c, _ := j.tax.Map(raw)
		if name, err := taxonomy.Name(c); err == nil {
			return name
		}
		return c // not in the base data: ApplyChanges says so
	}
	// Every variant's changes are checked against the data before the base
	// is computed: an unknown id or category fails at once, with its line.
	changes := make([][]analysis.Change, len(sf.Variants))
	contribs := make([]*contribRun, len(sf.Variants)) // the reports as a variant applied them
	for k, v := range sf.Variants {
		var err error
		if changes[k], contribs[k], err = proposedChanges(in, v, variantChanges(v)); err != nil {
			return changeError(path, sf, k, err)
		}
		if _, err := analysis.ApplyChanges(in.villages, in.services, changes[k], mapCat); err != nil {
			return changeError(path, sf, k, renumber(err, v))
		}
	}
	pr.step("computing the base")
	base, err := analysis.Compute(ctx, in.villages, in.services, j.params)
	if err != nil {
		return err
	}
	d, err := output.Create(ctx, o.out, output.Options{Command: "scenario", Log: stderr})
	if err != nil {
		return err
	}
	defer d.Abort()
	baseAggs := base.Aggregates()
	bm := buildManifest(j, in, base)
	if err := runHours(ctx, j, in, base, bm); err != nil {
		return err
	}
	bm.Outputs = filterOutputs(bm.Outputs, j.spec.Outputs, len(base.Params.Models) > 0)
	skipReport(base, bm)
	if err := bm.RelativeTo(filepath.Join(o.out, "base")); err != nil {
		return err
	}
	if err := writeReportFiles(d, "base/", reportWriters(j, in, base, baseAggs, bm)); err != nil {
		return err
	}
	sm := scenarioManifest{Generator: "partons", Version: version, Command: "scenario", Scenario: filepath.Base(path), CSVRaw: spec.CSVRaw}
	cmp := analysis.NewComparison(base)
	cmp.Add("base", base, baseAggs, nil)
	for k, v := range sf.Variants {
		pr.step("variant " + v.Name)
		vr, err := analysis.ApplyChanges(in.villages, in.services, changes[k], mapCat)
		if err != nil {
			return changeError(path, sf, k, renumber(err, v))
		}
		p := j.params
		p.Coverage, p.CoverageRules = base.Coverage, base.CoverageRules // closing the last service is "no service", not "no data"
		if p.Road != nil {
			rp := *p.Road
			p.Road = &rp
		}
		if set := variantSettings(v); set != nil {
			if err := applySettings(ctx, &p, set, j, in, path, v.Name, needLabels); err != nil {
				return err
			}
		}
		if vr.CloseBorder {
			if p.Road == nil || p.Road.Graph == nil || p.Road.CountryLabel == nil {
				return &scenario.Error{File: path, Variant: v.Name, Reason: "close_border needs roads in the base"}
			}
			p.Road.ClosedBorder = true
		}
		res, err := analysis.Recompute(ctx, base, vr, p)
		if err != nil {
			return variantError(path, v.Name, err)
		}
		aggs := res.Aggregates()
		vin := *in
		vin.villages, vin.services = vr.Villages, vr.Services
		if contribs[k] != nil {
			vin.contrib = contribs[k]
		}
		m := buildManifest(j, &vin, res)
		if err := runHours(ctx, j, &vin, res, m); err != nil {
			return variantError(path, v.Name, err)
		}
		m.Command = "scenario " + v.Name
		m.Outputs = filterOutputs(m.Outputs, j.spec.Outputs, len(res.Params.Models) > 0)
		skipReport(res, m)
		if err := m.RelativeTo(filepath.Join(o.out, v.Name)); err != nil {
			return err
		}
		delta := analysis.NewDelta(base, res, vr.Closed)
		withScenario := func(in *report.Input) {
			if !vr.Full && len(vr.Touched) == 0 {
				return // nothing changed: the base's report
			}
			if cat := mainTouched(base, vr); cat != "" {
				in.Scenario = &report.Scenario{Name: v.Name, Category: cat, DeltaM: delta.Changes(cat)}
				in.MainCategory = cat
			}
		}
		vc := &files.Content{Delta: delta, Attribution: strings.Join(attributions(dataSources(j, &vin, res)), "; "), RawCSV: spec.CSVRaw}
		writers := reportWriters(j, &vin, res, aggs, m, withScenario)
		if base.OpenHours != nil && res.OpenHours != nil {
			hd := analysis.OpenHoursDelta(base, res)
			vc.HoursDelta = &hd
		}
		for _, f := range files.Of(files.Variant) {
			if f.Name == "delta_open_hours.csv" && vc.HoursDelta == nil {
				continue // written only when base and variant have opening hours
			}
			writers = append(writers, fileWriter{f.Name, f.Writer(vc)})
		}
		if err := writeReportFiles(d, v.Name+"/", writers); err != nil {
			return err
		}
		cmp.Add(v.Name, res, aggs, delta)
		vm := scenarioVariantM{Name: v.Name, Description: v.Description, Changes: v.Changes, Closed: sortedSet(vr.Closed)}
		if vr.Full {
			vm.Recomputed = []string{"*"}
		} else {
			vm.Recomputed = sortedSet(vr.Touched)
		}
		sm.Variants = append(sm.Variants, vm)
	}
	top := &files.Content{Comparison: cmp.Table(), RawCSV: spec.CSVRaw, Manifest: sm}
	for _, f := range files.Of(files.Scenario) {
		if err := d.WriteFile(f.Name, f.Writer(top)); err != nil {
			return err
		}
	}
	if err := d.Commit(); err != nil {
		return err
	}
	pr.done()
	fmt.Fprintf(stdout, "partons: scenario %s: base and %d variants → %s\n", filepath.Base(path), len(sf.Variants), o.out)
	return nil
}

// changeError names the file, line, variant and change of an error of
// analysis.ApplyChanges on variant k.
func changeError(path string, sf *scenario.File, k int, err error) error {
	var ce *analysis.ChangeError
	if !errors.As(err, &ce) {
		return err
	}
	return &scenario.Error{File: path, Line: sf.ChangeLine(k, ce.Change-1), Variant: sf.Variants[k].Name, Change: ce.Change, Reason: ce.Reason}
}

// variantError reports an error computing a variant. Only invalid data
// becomes a scenario error (exit 3, naming the file and the variant); a
// cancellation or an internal failure keeps its kind, with the same
// context in its message.
func variantError(path, variant string, err error) error {
	if errors.Is(err, datasets.ErrInvalid) {
		return &scenario.Error{File: path, Variant: variant, Reason: err.Error()}
	}
	return fmt.Errorf("%s: variant %s: %w", path, variant, err)
}

// applySettings applies a variant's `set` change to its parameters.
func applySettings(ctx context.Context, p *analysis.Params, s *scenario.Settings, j *job, in *inputs, path, variant string, needLabels bool) error {
	fail := func(reason string) error { return &scenario.Error{File: path, Variant: variant, Reason: reason} }
	if s.ThresholdsM != nil {
		p.ThresholdsM = s.ThresholdsM
	}
	if p.Road != nil && s.TimeThresholdsMin != nil {
		p.Road.TimeThresholdsMin = s.TimeThresholdsMin
	}
	if s.RouteBy != "" {
		w, err := travel.ParseRouteBy(s.RouteBy)
		if err != nil {
			return fail(fmt.Sprintf("route_by %q: want time or length", s.RouteBy))
		}
		p.Road.RouteBy = w
	}
	if s.Profile != "" && s.Profile != string(p.Road.Profile) {
		prof, err := travel.ParseProfile(s.Profile)
		if err != nil {
			return fail(err.Error())
		}
		rp := analysis.DefaultRoadParams(prof)
		rp.SnapM, rp.MaxRoadM, rp.MaxTimeMin, rp.RouteBy = p.Road.SnapM, p.Road.MaxRoadM, p.Road.MaxTimeMin, p.Road.RouteBy
		rp.TimeThresholdsMin, rp.ClosedBorder = p.Road.TimeThresholdsMin, p.Road.ClosedBorder
		if len(j.roadFiles) > 0 {
			g, _, label, err := loadRoads(ctx, j.roadFiles, prof, in.boundaries, needLabels)
			if err != nil {
				return err
			}
			rp.Graph, rp.CountryLabel = g, label
		}
		p.Road = rp
	}
	if err := p.Validate(); err != nil {
		return fail(err.Error())
	}
	return nil
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}

// mainTouched is the category a variant's report maps: the first of the
// base's categories the variant changed, else the first category.
func mainTouched(base *analysis.Result, v *analysis.Variant) string {
	for _, c := range base.Categories {
		if v.Touched[c] {
			return c
		}
	}
	if len(base.Categories) > 0 {
		return base.Categories[0]
	}
	return ""
}
