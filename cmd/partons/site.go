package main

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/render/site"
)

type siteOptions struct {
	out, formURL, title string
}

func newSiteCmd() *cobra.Command {
	o := &siteOptions{}
	cmd := &cobra.Command{
		Use:   "site RUN_DIR...",
		Short: "Write a static website with a page for every village, in Dutch, French and English",
		Long: `Reads one or more report directories written by 'partons run' (e.g. one per
year) and writes into --out a static website: plain files that work from a
folder or any static host, with no server, no network request and no script
from elsewhere. A map and an index of the villages, worst served first; one
page per village in nl, fr and en with the nearest service of each kind at
home and across the border (distance, time on foot, by bicycle, by car and,
when the run has it, by public transport), how it changed over the years,
services that opened or closed nearby, residents' reports, and where the
data comes from. Each page prints as an A4 sheet.

Each file read is checked against the SHA-256 its report's manifest.json
records: a changed file is refused naming it (exit 3).

--form-url makes "report a change" links to a form (http or https; the
village and the service are added as query parameters: village,
village_id, service, service_id, category, lang) or to a mailto: address
(in the subject and body). Other kinds of address are refused.`,
		Args: wrapArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSite(cmd.Context(), o, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVarP(&o.out, "out", "o", "partons-site", "site directory (replaced atomically)")
	cmd.Flags().StringVar(&o.formURL, "form-url", "", `where "report a change" links go: an http(s) form or a mailto: address`)
	cmd.Flags().StringVar(&o.title, "title", "", "site title (default: in each language, \"Everyday services, across the border\")")
	return cmd
}

func runSite(ctx context.Context, o *siteOptions, dirs []string, stdout, stderr io.Writer) error {
	cfg := site.Config{FormURL: o.formURL, Title: o.title}
	if err := site.CheckFormURL(o.formURL); err != nil {
		return usageError{fmt.Errorf("--form-url: %w", err)}
	}
	runs := make([]*site.Run, len(dirs))
	for i, d := range dirs {
		r, err := site.Load(d)
		if err != nil {
			return err
		}
		runs[i] = r
	}
	files, err := site.Build(runs, cfg)
	if err != nil {
		return err
	}
	dir, err := output.Create(ctx, o.out, output.Options{Command: "site", Log: stderr})
	if err != nil {
		return err
	}
	defer dir.Abort()
	sums := reportdir.Sums{}
	outputs := make([]manifestOutput, 0, len(files)+1)
	for _, f := range files {
		write := sums.Hashing(f.Name, func(w *bufio.Writer) error { _, err := w.Write(f.Data); return err })
		if err := dir.WriteFile(f.Name, write); err != nil {
			return err
		}
		outputs = append(outputs, manifestOutput{File: f.Name})
	}
	outputs = append(outputs, manifestOutput{File: "manifest.json", Description: "this file"})
	sums.Fill(outputs)
	rel := make([]string, len(dirs))
	for i, d := range dirs {
		rel[i] = reportdir.RelativePath(o.out, d)
	}
	m := map[string]any{"generator": "partons", "version": version, "manifest_version": reportdir.Version, "command": "site",
		"runs": rel, "form_url": o.formURL, "title": o.title, "outputs": outputs}
	if err := dir.WriteFile("manifest.json", func(w *bufio.Writer) error { return output.WriteJSON(w, m) }); err != nil {
		return err
	}
	if err := dir.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "partons: site of %d run(s), %d files → %s (open %s/index.html)\n", len(runs), len(files), o.out, o.out)
	return nil
}
