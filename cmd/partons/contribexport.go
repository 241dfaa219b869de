package main

import (
	"context"
	"fmt"
	"io"

	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/notes"
	"github.com/partons/partons/study/runspec"

	"github.com/spf13/cobra"
)

func newContributionsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "contributions",
		Short: "Work with residents' reports about services",
		Args:  wrapArgs(cobra.NoArgs),
	}
	cmd.AddCommand(newContribExportCmd())
	return cmd
}

type contribExportOptions struct {
	contributions, villages, services, boundaries []string
	out                                           string
	sample                                        bool
}

func newContribExportCmd() *cobra.Command {
	o := &contribExportOptions{}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write confirmed reports about OpenStreetMap services as OpenStreetMap notes",
		Long: `Merges the reports into the services as run does and writes every applied
confirmed report about a service from OpenStreetMap (ids node/42, way/7,
osm-node-42) as an OpenStreetMap note: a GeoJSON FeatureCollection of
Points whose properties hold what the notes API's create call takes (lat,
lon, text) and the members of a note in the API's own GeoJSON (status,
date_created, comments), with the report, the service and its
OpenStreetMap object. The text is in the reporter's language (lang; else
nl for Belgium, fr for France, en), with the note and the evidence link.
Without --villages and --services, the embedded Westhoek sample.`,
		Example: `  partons contributions export --contributions reports.csv --out notes.geojson
  partons contributions export --villages v.geojson --services osm/services.geojson --contributions reports.csv --out notes.geojson`,
		Args: wrapArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runContribExport(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.contributions, "contributions", nil, "residents' reports (CSV or GeoJSON, FILE[:field=col,…]); repeatable")
	f.StringArrayVar(&o.villages, "villages", nil, "village file; repeatable")
	f.StringArrayVar(&o.services, "services", nil, "service file (FILE[:field=col,…]); repeatable")
	f.StringArrayVar(&o.boundaries, "boundaries", nil, "boundary file; repeatable")
	f.StringVarP(&o.out, "out", "o", "", "the notes file to write (GeoJSON)")
	f.BoolVar(&o.sample, "sample-contributions", false, "with the embedded sample: its example residents' reports")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}

func runContribExport(ctx context.Context, o *contribExportOptions, stdout, stderr io.Writer) error {
	s := study.DefaultSpec()
	var ff []study.FileFields
	s.Villages, s.Services, ff = study.InputFiles(config.Default(), o.villages, o.services)
	s.Boundaries = o.boundaries
	s.Contributions, s.FileFields = study.ContributionFiles(o.contributions, ff)
	s.SampleContributions = o.sample
	if len(s.Contributions) == 0 && !o.sample {
		return usagef("contributions export: give --contributions FILE (or --sample-contributions with the embedded sample)")
	}
	s.Normalize()
	if err := checkOutputs("contributions export", outFile("--out", o.out, notes.FileOwned), specPaths(s)); err != nil {
		return err
	}
	res, err := notes.Export(ctx, s, notes.Options{Out: o.out, Log: stderr})
	if err != nil {
		return flagged(runspec.SpecError(err))
	}
	fmt.Fprintf(stdout, "%s: %d notes from %d reports\n", o.out, res.Notes, res.Reports)
	return nil
}
