package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/contributions"
	"github.com/partons/partons/study/usage"
	"github.com/partons/partons/study/validate"
)

func newValidateCmd() *cobra.Command {
	o := &validate.Options{}
	cmd := &cobra.Command{
		Use:   "validate [FILE…]",
		Short: "Report every problem in input files at once",
		Long: `Reads each file as villages, services or boundaries and lists every problem
found (file, CSV line or GeoJSON feature, field, reason), not just the first.
The same problem on many lines is shown once with its count and first
lines. Exits 3 when any file has a problem.

A .zip file or a folder of GTFS .txt files is read as a GTFS timetable:
every problem is listed with its feed, file, line and field.

Files given with --villages, --services or --boundaries (FILE:field=col,…
as for run) are read as such. Other files follow --as; with --as auto
(the default) a file is read as services when it has the service category
column or property (after --service-field), as villages otherwise.`,
		Example: `  partons validate villages.geojson shops.csv
  partons validate --villages communes.csv:population=pop_2026 --services bpe.csv:category=TYPEQU
  partons validate de-lijn-gtfs.zip sncb-gtfs/`,
		Args: wrapArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(cmd.Context(), o, args, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.As, "as", "auto", "read the FILE arguments as villages, services, boundaries or auto")
	f.StringVar(&o.Config, "config", "", "YAML configuration file with the input schemas (and villages_files, services_files)")
	f.StringArrayVar(&o.Villages, "villages", nil, "village file, FILE[:field=col,…]; repeatable")
	f.StringArrayVar(&o.Services, "services", nil, "service file, FILE[:field=col,…]; repeatable")
	f.StringArrayVar(&o.Boundaries, "boundaries", nil, "boundary file; repeatable")
	f.StringArrayVar(&o.Contributions, "contributions", nil, "residents' reports file, FILE[:field=col,…]; repeatable (checked against the services given, if any)")
	f.StringArrayVar(&o.Fields.VillageFields, "village-field", nil, "map a village field to a column/property, e.g. population=pop_2026; repeatable")
	f.StringArrayVar(&o.Fields.ServiceFields, "service-field", nil, "map a service field to a column/property, e.g. category=TYPEQU; repeatable")
	f.IntVar(&o.Fields.VillagesEPSG, "villages-epsg", 0, "EPSG code of x/y columns in village CSV files")
	f.IntVar(&o.Fields.ServicesEPSG, "services-epsg", 0, "EPSG code of x/y columns in service CSV files")
	limitFlag(f, nonNegative, "villages-epsg", "services-epsg")
	return cmd
}

func runValidate(ctx context.Context, o *validate.Options, args []string, w io.Writer) error {
	o.Args = args
	cfg, files, err := validate.Files(*o)
	if err != nil {
		return flagged(err)
	}
	total, firstGTFS := 0, ""
	var villages []datasets.Village // read without problems, for the placement checks
	var services []datasets.Service
	var boundaries []datasets.Boundary
	var reports []contributions.Report
	for _, f := range files {
		res, err := validate.Read(ctx, f, cfg)
		var fe *validate.FieldsError
		if errors.As(err, &fe) {
			return usageError{err}
		}
		if err != nil {
			return err
		}
		villages = append(villages, res.Villages...)
		services = append(services, res.Services...)
		boundaries = append(boundaries, res.Boundaries...)
		reports = append(reports, res.Reports...)
		if res.Kind == "gtfs" {
			for _, n := range res.Notes {
				fmt.Fprintf(w, "note: %s\n", n)
			}
			if len(res.Problems) == 0 {
				fmt.Fprintf(w, "%s: ok (GTFS feed%s)\n", f.Path, res.Summary)
				continue
			}
			printGrouped(w, res.Problems, "gtfs", nil)
			fmt.Fprintf(w, "%s: %d problems (read as a GTFS feed)\n", f.Path, len(res.Problems))
			if firstGTFS == "" {
				firstGTFS = res.Problems[0].Error()
			}
			total += len(res.Problems)
			continue
		}
		if len(res.Problems) == 0 {
			fmt.Fprintf(w, "%s: ok (%d %s)\n", f.Path, res.Records, res.Kind)
		} else {
			printGrouped(w, res.Problems, res.Kind, res.Columns)
			fmt.Fprintf(w, "%s: %d problems (read as %s)\n", f.Path, len(res.Problems), res.Kind)
			if h := validate.GuessHint(res); h != "" {
				fmt.Fprintln(w, "  "+flagText(h))
			}
			total += len(res.Problems)
		}
		for _, m := range res.Missing {
			fmt.Fprintln(w, flagText(validate.OptionalNote(f.Path, res.Kind, res.Columns, m)))
		}
	}
	for _, e := range validate.Across(cfg, villages, services, boundaries, reports) {
		fmt.Fprintln(w, e.Error())
		total++
	}
	if total > 0 && firstGTFS != "" {
		return fmt.Errorf("%w: %d problems in %d files, the first in a GTFS feed: %s", datasets.ErrInvalid, total, len(files), firstGTFS)
	}
	if total > 0 {
		return fmt.Errorf("%w: %d problems in %d files", datasets.ErrInvalid, total, len(files))
	}
	return nil
}

// printGrouped prints a file's problems, each distinct (field, reason)
// once in the order first met, with the mapping hint of a missing column.
func printGrouped(w io.Writer, list datasets.ErrorList, kind string, cols []string) {
	for _, g := range validate.Grouped(list) {
		fmt.Fprintln(w, g.Line())
		if h := validate.MappingHint(g.First, kind, cols); h != "" {
			fmt.Fprintln(w, "  "+flagText(h))
		}
	}
}

// flagText is a text of the study with the options it names as {key}
// written as their flags.
func flagText(s string) string { return (&usage.Error{Text: s}).Render(flagName) }
