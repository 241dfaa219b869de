package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/osmextract"
	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/datasets/population"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/render/output"
)

type extractOptions struct {
	out        string
	places     []string
	levels     []int
	mergeM     float64
	population []string
	popFields  []string
	apportion  bool
	configPath string
	quiet      bool
}

func newExtractCmd() *cobra.Command {
	o := &extractOptions{}
	cmd := &cobra.Command{
		Use:   "extract FILE…",
		Short: "Villages, services and boundaries from OpenStreetMap extracts",
		Long: `Reads OpenStreetMap extracts (.osm.pbf, .osm, .osm.bz2), merged by OSM id, and
writes into --out the three inputs of 'partons run':

  villages.geojson    place=city|town|village|hamlet nodes and areas, with
                      their country, municipality and population
  services.geojson    points of the services the taxonomy knows (amenity=
                      pharmacy, shop=bakery, …); a shop mapped both as a node
                      and on its building counts once
  boundaries.geojson  countries (admin_level 2) and municipalities (8)
  manifest.json       inputs, data date, counts, extract-edge artefacts

Relations cut by the edge of an extract are listed, never written half.
--population adds official figures per municipality (Statbel, INSEE CSV),
joined by NIS/INSEE code or municipality name; --apportion shares a
municipality's figure among its villages. Every village says where its
population comes from (population_source: osm, official, apportioned,
unknown).`,
		Example: `  partons extract belgium-latest.osm.pbf nord-pas-de-calais-latest.osm.pbf --out westhoek-osm
  partons extract be.osm.pbf fr.osm.pbf --population BE=statbel.csv --population FR=insee.csv --apportion --out osm
  partons run --villages osm/villages.geojson --services osm/services.geojson --boundaries osm/boundaries.geojson --out report`,
		Args: wrapArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExtract(cmd.Context(), o, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "out", "o", "", "output directory (required; replaced atomically)")
	f.StringSliceVar(&o.places, "places", osmextract.DefaultPlaces, "place=* values read as villages")
	f.IntSliceVar(&o.levels, "admin-levels", []int{2, 8}, "admin_level values read as boundaries (2: countries)")
	f.Float64Var(&o.mergeM, "merge-m", osmextract.DefaultMergeDistanceM, "merge a node and an area of the same service and name within this many metres (negative: never)")
	f.StringArrayVar(&o.population, "population", nil, "[CC=]CSV of official population per municipality (code, name, population columns)")
	f.StringArrayVar(&o.popFields, "population-field", nil, "FIELD=COLUMN for --population files (fields: code, name, population)")
	f.BoolVar(&o.apportion, "apportion", false, "share a municipality's population among its villages by place class")
	f.StringVar(&o.configPath, "config", "", "YAML configuration (its categories: extend the taxonomy)")
	addQuietFlag(cmd, &o.quiet)
	return cmd
}

func runExtract(ctx context.Context, o *extractOptions, files []string, stdout, stderr io.Writer) error {
	if o.out == "" {
		return usagef("--out DIR is required")
	}
	for _, l := range o.levels {
		if l < 1 || l > 12 {
			return usagef("--admin-levels %d: OpenStreetMap admin_level runs from 1 to 12 (2: countries, 8: municipalities)", l)
		}
	}
	if o.mergeM == 0 {
		return usagef("--merge-m 0: use a positive distance, or a negative one to disable merging")
	}
	popOpts := population.ReadOptions{}
	for _, kv := range o.popFields {
		k, v, ok := strings.Cut(kv, "=")
		switch {
		case !ok || v == "":
			return usagef("--population-field %q: want FIELD=COLUMN", kv)
		case k == "code":
			popOpts.Code = v
		case k == "name":
			popOpts.Name = v
		case k == "population":
			popOpts.Population = v
		default:
			return usagef("--population-field %q: field is code, name or population", kv)
		}
	}
	if o.apportion && len(o.population) == 0 {
		return usagef("--apportion needs --population")
	}
	var pops []string
	for _, p := range o.population {
		pops = append(pops, populationPath(p))
	}
	if err := checkOutputs("extract", []output.Path{outDir("--out", o.out)}, paths("FILE", files...),
		paths("--population", pops...), paths("--config", o.configPath)); err != nil {
		return err
	}
	tax := taxonomy.Default()
	if o.configPath != "" {
		cfg, err := config.Load(o.configPath)
		if err != nil {
			return err
		}
		if len(cfg.Categories) > 0 {
			if tax, err = tax.With(cfg.Categories); err != nil {
				return usagef("--config %s: %v", o.configPath, err)
			}
		}
	}
	tables, err := readPopulation(o.population, popOpts)
	if err != nil {
		return err
	}
	dir, err := output.Create(ctx, o.out, output.Options{Command: "extract", Log: stderr})
	if err != nil {
		return err
	}
	defer dir.Abort()

	pr := newProgress(stderr, o.quiet)
	ctx = withProgress(ctx, pr)
	srcs := make([]osmfile.Source, len(files))
	for i, f := range files {
		srcs[i] = osmFileSource(ctx, f)
	}
	pr.step(fmt.Sprintf("reading %d extract(s)", len(files)))
	res, err := osmextract.Extract(ctx, srcs, osmextract.Options{
		Places: o.places, AdminLevels: o.levels, Taxonomy: tax, MergeDistanceM: o.mergeM,
	})
	if err != nil {
		return err
	}
	var popRep *population.Report
	if len(tables) > 0 {
		popRep = osmextract.ApplyPopulation(res, tables, population.Options{Apportion: o.apportion})
	}
	pr.step("writing " + o.out)
	for _, w := range []struct {
		name string
		fn   func(io.Writer) error
	}{
		{osmextract.VillagesFile, res.WriteVillages},
		{osmextract.ServicesFile, res.WriteServices},
		{osmextract.BoundariesFile, res.WriteBoundaries},
	} {
		if err := dir.WriteFile(w.name, func(bw *bufio.Writer) error { return w.fn(bw) }); err != nil {
			return err
		}
	}
	m := extractManifestOf(o, res, tables, popRep)
	if err := dir.WriteFile("manifest.json", func(bw *bufio.Writer) error { return output.WriteJSON(bw, m) }); err != nil {
		return err
	}
	if err := dir.Commit(); err != nil {
		return err
	}
	pr.done()
	fmt.Fprint(stdout, res.Report.String())
	if popRep != nil {
		fmt.Fprintln(stdout, popRep.String())
	}
	fmt.Fprintf(stdout, "wrote %s\n", o.out)
	return nil
}

// extractManifest is manifest.json of an extract.
type extractManifest struct {
	Generator   string                 `json:"generator"`
	Version     string                 `json:"version"`
	Command     string                 `json:"command"`
	DataDate    string                 `json:"data_date"`
	Attribution []string               `json:"attribution"`
	Inputs      []extractInput         `json:"inputs"`
	Parameters  extractParameters      `json:"parameters"`
	Outputs     map[string]int         `json:"outputs"`
	Rules       map[string]string      `json:"rules"`
	Extract     *osmextract.Report     `json:"extract"`
	Population  *extractPopulationInfo `json:"population,omitempty"`
}

type extractInput struct {
	File            string     `json:"file"`
	Format          string     `json:"format"`
	Bytes           int64      `json:"bytes"`
	SHA256          string     `json:"sha256"`
	ReplicationTime string     `json:"replication_time,omitempty"`
	WritingProgram  string     `json:"writing_program,omitempty"`
	Bounds          [4]float64 `json:"bounds_lon_lat,omitempty"`
}

type extractParameters struct {
	Places       []string                 `json:"places"`
	AdminLevels  []int                    `json:"admin_levels"`
	AreaCodeKeys []osmextract.AreaCodeKey `json:"area_code_keys"`
	MergeM       float64                  `json:"merge_distance_m"`
	Apportion    bool                     `json:"apportion"`
	PlaceWeights map[string]float64       `json:"place_weights,omitempty"`
}

type extractPopulationInfo struct {
	Tables []extractPopulationTable `json:"tables"`
	Report *population.Report       `json:"report"`
}

type extractPopulationTable struct {
	File    string `json:"file"`
	Country string `json:"country,omitempty"`
	Rows    int    `json:"rows"`
}

func extractManifestOf(o *extractOptions, res *osmextract.Result, tables []*population.Table, popRep *population.Report) *extractManifest {
	rep := res.Report
	m := &extractManifest{
		Generator: output.Generator, Version: version, Command: "extract",
		Attribution: []string{"OpenStreetMap: " + osmextract.Attribution},
		Parameters: extractParameters{
			Places: o.places, AdminLevels: o.levels, AreaCodeKeys: osmextract.DefaultAreaCodeKeys,
			MergeM: o.mergeM, Apportion: o.apportion,
		},
		Outputs: map[string]int{
			osmextract.VillagesFile: len(res.Villages), osmextract.ServicesFile: len(res.Services),
			osmextract.BoundariesFile: len(res.Boundaries),
		},
		Rules: map[string]string{
			"duplicates": "a node and an area (closed way or relation) with the same category and normalised name are one service when the node is inside the area or within merge_distance_m (WGS84 geodesic) of the area's point inside it; unnamed ones only when the node is inside; the node is kept",
			"population": "municipality by area code, else by unique normalised area name in the country; its figure goes to a village only when it is the municipality's only village and carries its name or code (official); with apportion, villages with a measured population keep it and the rest of the figure is shared by place weight in whole people (largest remainder)",
			"order":      "villages and services by OSM type (node, way, relation) then id; boundaries municipalities first, then countries, each by id",
		},
		Extract: rep,
	}
	if !rep.DataDate.IsZero() {
		m.DataDate = rep.DataDate.UTC().Format(time.RFC3339)
	}
	if o.apportion {
		m.Parameters.PlaceWeights = osmextract.PlaceWeights
	}
	for _, f := range rep.Files {
		in := extractInput{File: f.Name, Format: string(f.Format), Bytes: f.Size, SHA256: f.SHA256, WritingProgram: f.WritingProgram}
		if !f.ReplicationTime.IsZero() {
			in.ReplicationTime = f.ReplicationTime.UTC().Format(time.RFC3339)
		}
		if f.Bounds != nil {
			in.Bounds = [4]float64{f.Bounds.Min[0], f.Bounds.Min[1], f.Bounds.Max[0], f.Bounds.Max[1]}
		}
		m.Inputs = append(m.Inputs, in)
	}
	if popRep != nil {
		p := &extractPopulationInfo{Report: popRep}
		for _, t := range tables {
			p.Tables = append(p.Tables, extractPopulationTable{File: t.Source, Country: t.Country, Rows: len(t.Rows)})
			m.Attribution = append(m.Attribution, "population: "+t.Source)
		}
		m.Population = p
	}
	return m
}
