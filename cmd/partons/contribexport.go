package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/partons/partons/datasets/config"

	"github.com/spf13/cobra"

	"github.com/partons/partons/datasets/contributions"
	"github.com/partons/partons/render/output"
)

// notesGenerator opens every notes file partons writes, so that only
// such a file is ever replaced.
const notesGenerator = `{"type":"FeatureCollection","generator":"partons contributions export"`

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

func notesFileOwned(head []byte) bool { return bytes.HasPrefix(head, []byte(notesGenerator)) }

func runContribExport(ctx context.Context, o *contribExportOptions, stdout, stderr io.Writer) error {
	s := defaultSpec()
	var ff []fileFields
	s.Villages, s.Services, ff = inputFiles(config.Default(), o.villages, o.services)
	s.Boundaries = o.boundaries
	s.Contributions, s.FileFields = contributionFiles(o.contributions, ff)
	s.SampleContributions = o.sample
	if len(s.Contributions) == 0 && !o.sample {
		return usagef("contributions export: give --contributions FILE (or --sample-contributions with the embedded sample)")
	}
	s.Normalize()
	if err := checkOutputs("contributions export", outFile("--out", o.out, notesFileOwned), specPaths(s)); err != nil {
		return err
	}
	j, err := jobFromSpec(s, 1)
	if err != nil {
		return flagSpecError(err)
	}
	in, err := readInputs(ctx, j)
	if err != nil {
		return err
	}
	notes := contributions.Notes(in.Contrib.Merged(), in.Contrib.Before(), func(country string) string {
		return map[string]string{"BE": "nl", "FR": "fr"}[country]
	})
	f, err := output.CreateFile(ctx, o.out, output.Options{Command: "contributions export", Log: stderr, Owns: notesFileOwned})
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := writeNotes(f.Writer(), notes); err != nil {
		return err
	}
	if err := f.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d notes from %d reports\n", o.out, len(notes), len(in.Contrib.Merged().Reports))
	return nil
}

// noteFeature is a note as the notes API's GeoJSON gives it, with the
// report it comes from.
type noteFeature struct {
	Type     string `json:"type"`
	Geometry struct {
		Type        string     `json:"type"`
		Coordinates [2]float64 `json:"coordinates"`
	} `json:"geometry"`
	Properties noteProps `json:"properties"`
}

type noteProps struct {
	Lat         float64       `json:"lat"`
	Lon         float64       `json:"lon"`
	Text        string        `json:"text"`
	Status      string        `json:"status"`
	DateCreated string        `json:"date_created"`
	Comments    []noteComment `json:"comments"`
	Lang        string        `json:"lang"`
	ReportID    string        `json:"report_id"`
	ServiceID   string        `json:"service_id"`
	OSMObject   string        `json:"osm_object"`
	OSMURL      string        `json:"osm_url"`
}

type noteComment struct {
	Date   string `json:"date"`
	Action string `json:"action"`
	Text   string `json:"text"`
}

// writeNotes writes the notes as a GeoJSON FeatureCollection, one
// feature a line.
func writeNotes(w *bufio.Writer, notes []contributions.Note) error {
	w.WriteString(notesGenerator + `,"features":[`)
	for i, n := range notes {
		f := noteFeature{Type: "Feature"}
		f.Geometry.Type, f.Geometry.Coordinates = "Point", [2]float64{n.Lon, n.Lat}
		f.Properties = noteProps{Lat: n.Lat, Lon: n.Lon, Text: n.Text, Status: "open", DateCreated: n.Created,
			Comments: []noteComment{{Date: n.Created, Action: "opened", Text: n.Text}}, Lang: n.Lang,
			ReportID: n.ReportID, ServiceID: n.Service, OSMObject: n.Object, OSMURL: "https://www.openstreetmap.org/" + n.Object}
		b, err := json.Marshal(f)
		if err != nil {
			return err
		}
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n")
		w.Write(b)
	}
	_, err := w.WriteString("\n]}\n")
	return err
}
