package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/partons/partons/render/output"
	"github.com/partons/partons/study/scenario"
)

type scenarioOptions struct {
	out     string
	workers int
	quiet   bool
	csvRaw  bool
	allRows bool
	// vouts is the --variant-outputs flag; variantOutputs the same when
	// given, nil otherwise.
	vouts, variantOutputs []string
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
  VARIANT/               each variant's areas.csv and report.html when the
                         base writes them (--variant-outputs: other files of
                         the report, as --outputs names them), plus
    delta_villages.csv   per village and category whose values changed: base
    delta_villages.geojson  and variant values, the change, and who loses or
                         gains coverage (--all-delta-rows: every village and
                         category; manifest.json counts the rows left out)
    attribution.csv      per closed service: the people it was nearest to and
                         the people who lose coverage
  comparison.csv         one row per variant, category and country: headline
                         indicators side by side
  manifest.json`,
		Args: wrapArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("variant-outputs") {
				o.variantOutputs = append([]string{}, o.vouts...) // given, even empty
			}
			return runScenario(cmd.Context(), o, args[0], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVarP(&o.out, "out", "o", "partons-scenario", "report directory (replaced atomically)")
	cmd.Flags().IntVar(&o.workers, "workers", 0, "goroutines, and variants computed at once, each holding its results until written (default: all cores; 1 holds one variant at a time)")
	limitFlag(cmd.Flags(), nonNegative, "workers")
	cmd.Flags().BoolVar(&o.allRows, "all-delta-rows", false, "write every village and category in delta_villages.csv/.geojson, unchanged ones too (default: only the rows that changed)")
	cmd.Flags().StringSliceVar(&o.vouts, "variant-outputs", nil, "report files each variant writes besides its delta and attribution files, named as --outputs names them; empty: none (default: areas.csv and report.html when the base writes them)")
	addQuietFlag(cmd, &o.quiet)
	addCSVRawFlag(cmd, &o.csvRaw)
	return cmd
}

func runScenario(ctx context.Context, o *scenarioOptions, path string, stdout, stderr io.Writer) error {
	sc, err := scenario.Read(path)
	if err != nil {
		return err
	}
	if err := checkOutputs("scenario", []output.Path{outDir("--out", o.out)}, paths("FILE", path), specPaths(sc.Base)); err != nil {
		return err
	}
	// The base's results stay alive beside each variant's: room for a
	// second run's live data, or the collector runs all the time (a
	// quarter of the CPU of 20 variants on 100k villages).
	makeRoomFor(softMemoryLimit)
	err = scenario.Run(ctx, sc, scenario.Options{Out: o.out, Workers: o.workers, Quiet: o.quiet, CSVRaw: o.csvRaw, AllDeltaRows: o.allRows, VariantOutputs: o.variantOutputs, Stderr: stderr})
	if err != nil {
		return flagged(err)
	}
	fmt.Fprintf(stdout, "partons: scenario %s: base and %d variants → %s\n", filepath.Base(path), len(sc.File.Variants), o.out)
	return nil
}
