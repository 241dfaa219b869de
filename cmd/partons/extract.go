package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/osmextract"
	"github.com/partons/partons/datasets/population"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/extract"
	"github.com/partons/partons/study/progress"
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
		pops = append(pops, study.PopulationPath(p))
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
	ctx = progress.With(ctx, progress.New(stderr, o.quiet))
	res, err := extract.Extract(ctx, files, extract.Options{Out: o.out, Places: o.places, AdminLevels: o.levels, MergeM: o.mergeM,
		Taxonomy: tax, Population: o.population, PopulationFields: popOpts, Apportion: o.apportion, Version: version, Log: stderr})
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, res.Extract.Report.String())
	if res.Population != nil {
		fmt.Fprintln(stdout, res.Population.String())
	}
	fmt.Fprintf(stdout, "wrote %s\n", o.out)
	return nil
}
