package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/partons/partons/datasets/osmextract"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/extract"
	"github.com/partons/partons/study/progress"
)

type extractOptions struct {
	extract.Options
	popFields  []string
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
	f.StringVarP(&o.Out, "out", "o", "", "output directory (required; replaced atomically)")
	f.StringSliceVar(&o.Places, "places", osmextract.DefaultPlaces, "place=* values read as villages")
	f.IntSliceVar(&o.AdminLevels, "admin-levels", []int{2, 8}, "admin_level values read as boundaries (2: countries)")
	f.Float64Var(&o.MergeM, "merge-m", osmextract.DefaultMergeDistanceM, "merge a node and an area of the same service and name within this many metres (negative: never)")
	f.StringArrayVar(&o.Population, "population", nil, "[CC=]CSV of official population per municipality (code, name, population columns)")
	f.StringArrayVar(&o.popFields, "population-field", nil, "FIELD=COLUMN for --population files (fields: code, name, population)")
	f.BoolVar(&o.Apportion, "apportion", false, "share a municipality's population among its villages by place class")
	f.StringVar(&o.configPath, "config", "", "YAML configuration (its categories: extend the taxonomy)")
	addQuietFlag(cmd, &o.quiet)
	return cmd
}

func runExtract(ctx context.Context, o *extractOptions, files []string, stdout, stderr io.Writer) error {
	if o.Out == "" {
		return usagef("--out DIR is required")
	}
	if err := extract.CheckOptions(&o.Options, o.popFields); err != nil {
		return flagged(err)
	}
	var pops []string
	for _, p := range o.Population {
		pops = append(pops, study.PopulationPath(p))
	}
	if err := checkOutputs("extract", []output.Path{outDir("--out", o.Out)}, paths("FILE", files...),
		paths("--population", pops...), paths("--config", o.configPath)); err != nil {
		return err
	}
	tax, err := extract.Taxonomy(o.configPath)
	if err != nil {
		return flagged(err)
	}
	ctx = progress.With(ctx, progress.New(stderr, o.quiet))
	opts := o.Options
	opts.Taxonomy, opts.Version, opts.Log = tax, version, stderr
	res, err := extract.Extract(ctx, files, opts)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, res.Extract.Report.String())
	if res.Population != nil {
		fmt.Fprintln(stdout, res.Population.String())
	}
	fmt.Fprintf(stdout, "wrote %s\n", o.Out)
	return nil
}
