package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/partons/partons/render/site"
	"github.com/partons/partons/study/website"
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
	if err := site.CheckFormURL(o.formURL); err != nil {
		return usageError{fmt.Errorf("--form-url: %w", err)}
	}
	res, err := website.Write(ctx, dirs, website.Options{Out: o.out, Site: site.Config{FormURL: o.formURL, Title: o.title},
		Version: version, Log: stderr})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "partons: site of %d run(s), %d files → %s (open %s/index.html)\n", res.Runs, res.Files, o.out, o.out)
	return nil
}
