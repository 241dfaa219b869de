package scenario

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/aggregates"
	"github.com/partons/partons/analysis/delta"
	"github.com/partons/partons/analysis/tables"
	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/scenario"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/render/files"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/render/report/input"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/contrib"
	"github.com/partons/partons/study/progress"
	"github.com/partons/partons/study/results"
	"github.com/partons/partons/study/roads"
	"github.com/partons/partons/study/usage"
	"github.com/partons/partons/travel"
	"github.com/partons/partons/travel/transit"
)

// scenarioManifest is the top-level manifest.json of a scenario report.
type scenarioManifest struct {
	Generator string `json:"generator"`
	Version   string `json:"version"`
	Command   string `json:"command"`
	Scenario  string `json:"scenario"`
	CSVRaw    bool   `json:"csv_raw"` // CSV text cells written without the formula guard
	// DeltaRows is what each variant's delta_villages.csv/.geojson hold:
	// "changed" (the rows whose values changed, and villages added or
	// dropped) or "all" (every village × category).
	DeltaRows string             `json:"delta_rows"`
	Variants  []scenarioVariantM `json:"variants"`
}

type scenarioVariantM struct {
	Name        string            `json:"name"`
	Description string            `json:"description,omitempty"`
	Recomputed  []string          `json:"recomputed_categories"` // "*" for all
	Closed      []string          `json:"closed_services"`
	Changes     []scenario.Change `json:"changes"`
	// Timetable: the variant edits the public-transport timetable, so its
	// transit columns are computed again for every category.
	Timetable bool `json:"timetable_edited,omitempty"`
	// DeltaRows counts the rows of delta_villages.csv (and .geojson):
	// those written and the unchanged ones left out (0 when every row is
	// written); together they are every village × category.
	DeltaRows deltaRowsM `json:"delta_rows"`
}

type deltaRowsM struct {
	Written   int `json:"written"`
	Unchanged int `json:"unchanged_omitted"`
}

// baseSpec turns the scenario's base into a run, resolving relative paths
// against the scenario file's folder.
func baseSpec(path string, f *scenario.File) (study.Spec, error) {
	s := study.DefaultSpec()
	// Public-transport settings take run's defaults when the base reads
	// feeds, and stay unset (as in a run's manifest) when it reads none.
	s.MaxWalkM, s.MaxTransfers, s.MaxTransitMin = transit.DefaultMaxWalkM, transit.DefaultMaxTransfers, transit.DefaultMaxTravelSec/60
	if len(f.Base) > 0 {
		b, err := f.BaseYAML()
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
	for _, l := range []*[]string{&s.Villages, &s.Services, &s.Boundaries, &s.Roads, &s.Transit} {
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
	if len(s.Transit) == 0 {
		s.MaxWalkM, s.MaxTransfers, s.MaxTransitMin = 0, 0, 0
	}
	s.Normalize()
	return s, nil
}

// Options are the settings of a scenario besides its file.
type Options struct {
	Out     string // the report folder
	Workers int    // goroutines; 0: all cores
	Quiet   bool   // no progress on Stderr
	CSVRaw  bool   // CSV text cells without the formula guard (also when the base asks for it)
	// AllDeltaRows writes every village × category in each variant's
	// delta_villages.csv/.geojson; by default only the rows whose values
	// changed are (the manifest counts the others).
	AllDeltaRows bool
	// VariantOutputs are the report files each variant writes besides
	// its delta and attribution files, by the names a run's outputs take
	// (an empty list: none). Nil writes the summaries among the base's
	// outputs (areas.csv, report.html): a variant's per-village files
	// repeat the base's for every village it leaves alone, and
	// delta_villages holds what changed.
	VariantOutputs []string
	Stderr         io.Writer
	// Open opens the road network of a profile a variant routes on (nil:
	// roads.Load); each is opened once (roads.Cache).
	Open roads.Opener
}

// Scenario is a scenario file read, with its base run.
type Scenario struct {
	Path string
	File *scenario.File
	// Base is the run of the base, paths resolved against the file's folder.
	Base study.Spec
}

// Read reads the scenario file at path and resolves its base.
func Read(path string) (*Scenario, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	sf, err := scenario.Read(path, fh)
	fh.Close()
	if err != nil {
		return nil, err
	}
	spec, err := baseSpec(path, sf)
	if err != nil {
		return nil, err
	}
	return &Scenario{Path: path, File: sf, Base: spec}, nil
}

// Run computes the base of sc once and each variant incrementally (only
// the categories a change touches are searched again), and writes the
// reports, the deltas and comparison.csv into o.Out atomically.
func Run(ctx context.Context, sc *Scenario, o Options) error {
	stderr := o.Stderr
	if stderr == nil {
		stderr = io.Discard
	}
	pr := progress.New(stderr, o.Quiet)
	ctx = progress.With(ctx, pr)
	path, sf, spec := sc.Path, sc.File, sc.Base
	spec.CSVRaw = spec.CSVRaw || o.CSVRaw
	if err := checkTimetableChanges(path, sf, len(spec.Transit) > 0); err != nil {
		return err
	}
	j, err := study.NewJob(spec, o.Workers)
	if err != nil {
		return specError(path, sf, err)
	}
	pr.Step("reading inputs")
	in, err := study.ReadInputs(ctx, j)
	if err != nil {
		return err
	}
	// Country labels are needed when the base or any variant closes the
	// border; they change nothing on an open border.
	needLabels := slices.ContainsFunc(sf.Variants, func(v scenario.Variant) bool {
		return slices.ContainsFunc(v.Changes, func(c scenario.Change) bool { return c.CloseBorder })
	})
	var modes *roads.Cache
	if len(j.RoadFiles) > 0 {
		needLabels = needLabels || j.Params.Road.ClosedBorder
		pr.Step("reading the road network")
		base, err := study.AttachRoads(ctx, j, in, needLabels)
		if err != nil {
			return err
		}
		// Variants that route on another profile open its network once.
		modes = roads.NewCache(o.Open, in.Boundaries, needLabels)
		modes.Put(j.RoadFiles, j.Params.Road.Profile, base)
	}
	if len(spec.Transit) > 0 {
		pr.Step("reading the public-transport feeds")
	}
	st, err := loadTransit(ctx, j, in, path, sf, stderr, o.Quiet)
	if err != nil {
		return err
	}
	mapCat := func(raw string) string {
		c, _ := j.Tax.Map(raw)
		if name, err := taxonomy.Name(c); err == nil {
			return name
		}
		return c // not in the base data: variant.Apply says so
	}
	// Every variant's changes are checked against the data before the base
	// is computed: an unknown id or category fails at once, with its line.
	vbase := variant.NewBase(in.Villages, in.Services) // the base villages' ids checked once for every variant
	changes := make([][]variant.Change, len(sf.Variants))
	contribs := make([]*contrib.Applied, len(sf.Variants)) // the reports as a variant applied them
	for k, v := range sf.Variants {
		var err error
		if changes[k], contribs[k], err = contrib.Proposed(in.Contrib, in.Services, v, variantChanges(v)); err != nil {
			return changeError(path, sf, k, err)
		}
		if _, err := vbase.Apply(changes[k], mapCat); err != nil {
			return changeError(path, sf, k, contrib.Renumber(err, v))
		}
	}
	pr.Step("computing the base")
	base, err := analysis.Compute(ctx, in.Villages, in.Services, j.Params)
	if err != nil {
		return err
	}
	d, err := output.Create(ctx, o.Out, output.Options{Command: "scenario", Log: stderr})
	if err != nil {
		return err
	}
	defer d.Abort()
	baseAggs := aggregates.Of(base)
	bm := results.BuildManifest(j, in, base)
	bm.Transit = st.info()
	if err := results.Hours(ctx, j, in, base, bm); err != nil {
		return err
	}
	bm.Outputs = results.FilterOutputs(bm.Outputs, j.Spec.Outputs, len(base.Params.Models) > 0)
	results.SkipReport(base, bm)
	if err := bm.RelativeTo(filepath.Join(o.Out, "base")); err != nil {
		return err
	}
	if err := results.WriteFiles(d, "base/", results.Writers(j, in, base, baseAggs, bm)); err != nil {
		return err
	}
	sm := scenarioManifest{Generator: "partons", Version: study.Version, Command: "scenario", Scenario: filepath.Base(path), CSVRaw: spec.CSVRaw, DeltaRows: "changed"}
	if o.AllDeltaRows {
		sm.DeltaRows = "all"
	}
	vj := *j // the variants' job: the base's, writing the variant outputs
	if vj.Spec.Outputs, err = variantOutputs(o.VariantOutputs, j.Spec.Outputs); err != nil {
		return err
	}
	cmp := delta.NewComparison(base)
	cmp.Add("base", base, baseAggs, nil)
	// The variants are computed a few at a time (each on the base, which
	// none of them changes) and written in their order, so the report is
	// the same bytes whatever the number of workers and the first failing
	// variant in the file's order is the one reported.
	prepare := func(k int) (*variantRun, error) {
		v := sf.Variants[k]
		vr, err := vbase.Apply(changes[k], mapCat)
		if err != nil {
			return nil, changeError(path, sf, k, contrib.Renumber(err, v))
		}
		p := j.Params
		p.Coverage, p.CoverageRules = base.Coverage, base.CoverageRules // closing the last service is "no service", not "no data"
		if p.Road != nil {
			rp := *p.Road
			p.Road = &rp
		}
		if set := variantSettings(v); set != nil {
			if err := applySettings(ctx, &p, set, j, modes, path, v.Name); err != nil {
				return nil, err
			}
		}
		transitInfo, err := st.apply(k, &p, vr.Services)
		if err != nil {
			return nil, variantError(path, v.Name, err)
		}
		if vr.CloseBorder {
			if p.Road == nil || p.Road.Graph == nil || p.Road.CountryLabel == nil {
				return nil, &scenario.Error{File: path, Variant: v.Name, Reason: "close_border needs roads in the base"}
			}
			p.Road.ClosedBorder = true
		}
		return &variantRun{k: k, vr: vr, p: p, transit: transitInfo}, nil
	}
	compute := func(ctx context.Context, r *variantRun) error {
		v := sf.Variants[r.k]
		res, err := analysis.Recompute(ctx, base, r.vr, r.p)
		if err != nil {
			return variantError(path, v.Name, err)
		}
		r.res = res
		r.aggs = aggregates.From(res, base, baseAggs) // the untouched categories are the base's
		r.vin = *in
		r.vin.Villages, r.vin.Services = r.vr.Villages, r.vr.Services
		if contribs[r.k] != nil {
			r.vin.Contrib = contribs[r.k]
		}
		m := results.BuildManifest(&vj, &r.vin, res)
		m.Transit = r.transit
		if err := results.Hours(ctx, j, &r.vin, res, m); err != nil {
			return variantError(path, v.Name, err)
		}
		m.Command = "scenario " + v.Name
		m.Outputs = results.FilterOutputs(m.Outputs, vj.Spec.Outputs, len(res.Params.Models) > 0)
		results.SkipReport(res, m)
		if err := m.RelativeTo(filepath.Join(o.Out, v.Name)); err != nil {
			return err
		}
		r.m = m
		r.dv = delta.New(base, res, r.vr.Closed)
		if !o.AllDeltaRows {
			r.rows.Unchanged = r.dv.OmitUnchanged()
		}
		r.rows.Written = r.dv.Rows()
		return nil
	}
	write := func(r *variantRun) error {
		v, vr, res, dv := sf.Variants[r.k], r.vr, r.res, r.dv
		pr.Step("variant " + v.Name)
		withScenario := func(in *input.Input) {
			if !vr.Full && len(vr.Touched) == 0 {
				return // nothing changed: the base's report
			}
			if cat := mainTouched(base, vr); cat != "" {
				in.Scenario = &input.Scenario{Name: v.Name, Category: cat, DeltaM: dv.Changes(cat)}
				in.MainCategory = cat
			}
		}
		vc := &files.Content{Delta: dv, Attribution: strings.Join(study.Attributions(study.DataSources(j, &r.vin, res)), "; "), RawCSV: spec.CSVRaw,
			Provenance: study.ServiceProvenance(j, in)} // the closed services are the base's
		writers := results.Writers(&vj, &r.vin, res, r.aggs, r.m, withScenario)
		if base.OpenHours != nil && res.OpenHours != nil {
			hd := tables.OpenHoursDelta(base, res)
			vc.HoursDelta = &hd
		}
		for _, f := range files.Of(files.Variant) {
			if f.Name == "delta_open_hours.csv" && vc.HoursDelta == nil {
				continue // written only when base and variant have opening hours
			}
			writers = append(writers, results.FileWriter{Name: f.Name, Write: f.Writer(vc)})
		}
		if err := results.WriteFiles(d, v.Name+"/", writers); err != nil {
			return err
		}
		cmp.Add(v.Name, res, r.aggs, dv)
		vm := scenarioVariantM{Name: v.Name, Description: v.Description, Changes: v.Changes, Closed: sortedSet(vr.Closed), Timetable: vr.Modes, DeltaRows: r.rows}
		if vr.Full {
			vm.Recomputed = []string{"*"}
		} else {
			vm.Recomputed = sortedSet(vr.Touched)
		}
		sm.Variants = append(sm.Variants, vm)
		return nil
	}
	if err := eachVariant(ctx, len(sf.Variants), variantsAtOnce(j.Params.Workers), prepare, compute, write); err != nil {
		return err
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
	pr.Done()
	return nil
}

// changeError names the file, line, variant and change of an error of
// variant.Apply on variant k.
func changeError(path string, sf *scenario.File, k int, err error) error {
	var ce *variant.ChangeError
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
func applySettings(ctx context.Context, p *analysis.Params, s *scenario.Settings, j *study.Job, modes *roads.Cache, path, variant string) error {
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
		if modes != nil {
			n, err := modes.Get(ctx, j.RoadFiles, prof)
			if err != nil {
				return err
			}
			rp.Graph, rp.CountryLabel = n.Graph, n.Label
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
	sort.Strings(out)
	return out
}

// mainTouched is the category a variant's report maps: the first of the
// base's categories the variant changed, else the first category.
func mainTouched(base *analysis.Result, v *variant.Variant) string {
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

// specError locates a bad spec value in a scenario's base: a bad value
// or a choice of options the base cannot run with is invalid data of the
// scenario file.
func specError(path string, f *scenario.File, err error) error {
	if se, ok := err.(*study.SpecError); ok {
		return &scenario.Error{File: path, Line: f.BaseLine(se.Key), Reason: "base." + se.Key + ": " + se.Reason}
	}
	if ue, ok := err.(*usage.Error); ok {
		return &scenario.Error{File: path, Line: f.BaseLine(""), Reason: "base: " + ue.Error()}
	}
	return err
}

// variantOutputs are the report files of every variant: given, each a
// file a run can write; nil, the summaries among the base's outputs.
func variantOutputs(given, base []string) ([]string, error) {
	if given == nil {
		var out []string
		for _, name := range base {
			if name == "areas.csv" || name == "report.html" {
				out = append(out, name)
			}
		}
		return out, nil
	}
	out := []string{}
	for _, name := range given {
		if name = strings.TrimSpace(name); name == "" || slices.Contains(out, name) {
			continue
		}
		// The names a run's outputs take, and partons.gpkg, which a base
		// lists when its format is gpkg.
		if names := append(files.Selectable(), "partons.gpkg"); !slices.Contains(names, name) {
			return nil, usage.Errorf("{variant_outputs}: %q is not one of %s", name, strings.Join(names, ", "))
		}
		out = append(out, name)
	}
	return out, nil
}
