package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/load"
)

type validateOptions struct {
	as         string
	configPath string
}

func newValidateCmd() *cobra.Command {
	o := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate FILE…",
		Short: "Report every problem in input files at once",
		Long: `Reads each file as villages, services or boundaries and lists every problem
found (file, CSV line or GeoJSON feature, field, reason), not just the first.
Exits 3 when any file has a problem.

With --as auto (the default) a file is read as services when it has the
service category column or property of the schema, as villages otherwise.`,
		Args: wrapArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(o, args, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&o.as, "as", "auto", "read files as villages, services, boundaries or auto")
	cmd.Flags().StringVar(&o.configPath, "config", "", "YAML configuration file with the input schemas")
	return cmd
}

func runValidate(o *validateOptions, files []string, w io.Writer) error {
	switch o.as {
	case "auto", "villages", "services", "boundaries":
	default:
		return usagef("--as %q: want villages, services, boundaries or auto", o.as)
	}
	cfg := config.Default()
	if o.configPath != "" {
		c, err := config.Load(o.configPath)
		if err != nil {
			return err
		}
		cfg = c
	}
	total := 0
	var villages []datasets.Village // read without problems, for checkPlacement
	var services []datasets.Service
	for _, f := range files {
		kind := o.as
		if kind == "auto" {
			k, err := guessKind(f, cfg.Services.Category)
			if err != nil {
				return err
			}
			kind = k
		}
		var n int
		var err error
		src := []load.Source{load.File(f)}
		switch kind {
		case "villages":
			var v []datasets.Village
			v, _, err = load.Villages(src, cfg.Villages)
			n = len(v)
			villages = append(villages, v...)
		case "services":
			var s []datasets.Service
			s, _, err = load.Services(src, cfg.Services)
			n = len(s)
			services = append(services, s...)
		default:
			var b []datasets.Boundary
			b, _, err = load.Boundaries(src, cfg.Boundaries)
			n = len(b)
		}
		var list datasets.ErrorList
		switch {
		case err == nil:
			fmt.Fprintf(w, "%s: ok (%d %s)\n", f, n, kind)
		case errors.As(err, &list):
			for _, e := range list {
				fmt.Fprintln(w, e.Error())
			}
			fmt.Fprintf(w, "%s: %d problems (read as %s)\n", f, len(list), kind)
			total += len(list)
		default:
			return err
		}
	}
	total += printPlacement(w, villages, services)
	total += printCategoryNames(w, cfg, services)
	if total > 0 {
		return fmt.Errorf("%w: %d problems in %d files", datasets.ErrInvalid, total, len(files))
	}
	return nil
}

// printPlacement prints the problems of datasets.CheckPlacement and
// CheckSeparation (coordinates far from the country they claim, or
// villages and services a continent apart) and returns how many.
func printPlacement(w io.Writer, villages []datasets.Village, services []datasets.Service) int {
	probs := datasets.CheckPlacement(villages, services)
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
