package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/contributions"
	"github.com/partons/partons/datasets/load"
)

type validateOptions struct {
	as                             string
	configPath                     string
	villages, services, boundaries []string
	contributions                  []string
	villageFields, serviceFields   []string
	villagesEPSG, servicesEPSG     int
}

func newValidateCmd() *cobra.Command {
	o := &validateOptions{}
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
	f.StringVar(&o.as, "as", "auto", "read the FILE arguments as villages, services, boundaries or auto")
	f.StringVar(&o.configPath, "config", "", "YAML configuration file with the input schemas (and villages_files, services_files)")
	f.StringArrayVar(&o.villages, "villages", nil, "village file, FILE[:field=col,…]; repeatable")
	f.StringArrayVar(&o.services, "services", nil, "service file, FILE[:field=col,…]; repeatable")
	f.StringArrayVar(&o.boundaries, "boundaries", nil, "boundary file; repeatable")
	f.StringArrayVar(&o.contributions, "contributions", nil, "residents' reports file, FILE[:field=col,…]; repeatable (checked against the services given, if any)")
	f.StringArrayVar(&o.villageFields, "village-field", nil, "map a village field to a column/property, e.g. population=pop_2026; repeatable")
	f.StringArrayVar(&o.serviceFields, "service-field", nil, "map a service field to a column/property, e.g. category=TYPEQU; repeatable")
	f.IntVar(&o.villagesEPSG, "villages-epsg", 0, "EPSG code of x/y columns in village CSV files")
	f.IntVar(&o.servicesEPSG, "services-epsg", 0, "EPSG code of x/y columns in service CSV files")
	limitFlag(f, nonNegative, "villages-epsg", "services-epsg")
	return cmd
}

// validateFile is one file to validate and how to read it.
type validateFile struct {
	path   string
	kind   string // villages, services, boundaries or auto
	fields map[string]string
}

func runValidate(ctx context.Context, o *validateOptions, args []string, w io.Writer) error {
	switch o.as {
	case "auto", "villages", "services", "boundaries", "contributions":
	default:
		return usagef("--as %q: want villages, services, boundaries, contributions or auto", o.as)
	}
	cfg := config.Default()
	if o.configPath != "" {
		c, err := config.Load(o.configPath)
		if err != nil {
			return err
		}
		cfg = c
	}
	if err := applyFields(&cfg, &runOptions{villageFields: o.villageFields, serviceFields: o.serviceFields,
		villagesEPSG: o.villagesEPSG, servicesEPSG: o.servicesEPSG}); err != nil {
		return err
	}
	vs, ss, ff := inputFiles(cfg, o.villages, o.services)
	if err := checkFileFields(ff); err != nil {
		return err
	}
	var files []validateFile
	for _, p := range vs {
		files = append(files, validateFile{p, "villages", fieldsFor(ff, "villages", p)})
	}
	for _, p := range ss {
		files = append(files, validateFile{p, "services", fieldsFor(ff, "services", p)})
	}
	for _, p := range o.boundaries {
		files = append(files, validateFile{path: p, kind: "boundaries"})
	}
	for _, a := range o.contributions {
		p, fields := splitFileArg(a)
		files = append(files, validateFile{p, "contributions", fields})
	}
	for _, a := range args {
		p, fields := splitFileArg(a)
		files = append(files, validateFile{p, o.as, fields})
	}
	if len(files) == 0 {
		return usagef("validate: name at least one file (FILE, --villages, --services or --boundaries)")
	}
	total, firstGTFS := 0, ""
	var villages []datasets.Village // read without problems, for checkPlacement
	var services []datasets.Service
	var boundaries []datasets.Boundary
	var reports []contributions.Report
	for _, f := range files {
		if f.kind == "auto" && isGTFS(f.path) {
			n, first, err := validateGTFS(ctx, w, f.path)
			if err != nil {
				return err
			}
			if firstGTFS == "" {
				firstGTFS = first
			}
			total += n
			continue
		}
		kind := f.kind
		vsch, ssch := cfg.Villages, cfg.Services
		verr, serr := vsch.Apply(f.fields), ssch.Apply(f.fields)
		guessed := false
		if kind == "auto" {
			k, err := guessKind(f.path, ssch.Category)
			if err != nil {
				return err
			}
			kind, guessed = k, true
		}
		if kind == "contributions" {
			n, err := validateContributions(w, f, &reports)
			if err != nil {
				return err
			}
			total += n
			continue
		}
		if e := map[string]error{"villages": verr, "services": serr}[kind]; e != nil {
			return usagef("%s (read as %s): %v", f.path, kind, e)
		}
		var n int
		var err error
		src := []load.Source{load.File(f.path)}
		switch kind {
		case "villages":
			var v []datasets.Village
			v, _, err = load.Villages(src, vsch)
			n = len(v)
			villages = append(villages, v...)
		case "services":
			var s []datasets.Service
			s, _, err = load.Services(src, ssch)
			n = len(s)
			services = append(services, s...)
		default:
			var b []datasets.Boundary
			b, _, err = load.Boundaries(src, cfg.Boundaries)
			n = len(b)
			boundaries = append(boundaries, b...)
		}
		var list datasets.ErrorList
		cols := fileColumns(f.path)
		switch {
		case err == nil:
			fmt.Fprintf(w, "%s: ok (%d %s)\n", f.path, n, kind)
		case errors.As(err, &list):
			printGrouped(w, list, kind, cols)
			fmt.Fprintf(w, "%s: %d problems (read as %s)\n", f.path, len(list), kind)
			if guessed && kind == "villages" {
				fmt.Fprintf(w, "  hint: read as villages because it has no %q column or property; if it holds services, "+
					"pass --services %s (with :category=COLUMN) or --service-field category=COLUMN\n", ssch.Category, f.path)
			}
			total += len(list)
		default:
			return err
		}
		printOptionalNotes(w, f.path, kind, cols, vsch, ssch)
	}
	total += printPlacement(w, villages, services, boundaries)
	total += printMergeProblems(w, services, reports)
	total += printCategoryNames(w, cfg, services)
	total += printHoursProblems(w, services)
	if total > 0 && firstGTFS != "" {
		return fmt.Errorf("%w: %d problems in %d files, the first in a GTFS feed: %s", datasets.ErrInvalid, total, len(files), firstGTFS)
	}
	if total > 0 {
		return fmt.Errorf("%w: %d problems in %d files", datasets.ErrInvalid, total, len(files))
	}
	return nil
}

// printPlacement prints the problems of datasets.CheckPlacement,
// CheckBoundaries and CheckSeparation (coordinates far from the country
// they claim, or villages and services a continent apart) and returns how
// many.
func printPlacement(w io.Writer, villages []datasets.Village, services []datasets.Service, boundaries []datasets.Boundary) int {
	probs := datasets.CheckPlacement(villages, services)
	probs = append(probs, datasets.CheckBoundaries(boundaries)...)
	var re *datasets.RecordError
	if err := datasets.CheckSeparation(villages, services); errors.As(err, &re) {
		probs = append(probs, re)
	}
	for _, e := range probs {
		fmt.Fprintln(w, e.Error())
	}
	return len(probs)
}

// guessKind reads a file's head: services when the category column (CSV
// header) or property (GeoJSON) is present, villages otherwise.
func guessKind(path, categoryField string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 1<<16)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", err
	}
	head = head[:n]
	format, err := datasets.DetectFormat(path, head)
	if err != nil {
		return "villages", nil // the reader will report the format problem
	}
	if format == datasets.FormatCSV {
		line, _, _ := bytes.Cut(head, []byte("\n"))
		for _, sep := range []string{",", ";", "\t"} {
			for _, col := range strings.Split(string(line), sep) {
				if strings.Trim(strings.TrimSpace(col), "\"\ufeff") == categoryField {
					return "services", nil
				}
			}
		}
		return "villages", nil
	}
	if bytes.Contains(head, []byte(`"`+categoryField+`"`)) {
		return "services", nil
	}
	return "villages", nil
}
