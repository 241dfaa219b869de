// Package notes turns residents' confirmed reports about services from
// OpenStreetMap into OpenStreetMap notes: a GeoJSON FeatureCollection of
// Points whose properties hold what the notes API's create call takes
// (lat, lon, text) and the members of a note in the API's own GeoJSON
// (status, date_created, comments), with the report, the service and its
// OpenStreetMap object. Coordinates are WGS84 lon/lat.
package notes

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"

	"github.com/partons/partons/datasets/contributions"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/study"
)

// generator opens every notes file partons writes, so that only such a
// file is ever replaced.
const generator = `{"type":"FeatureCollection","generator":"partons contributions export"`

// FileOwned recognises a notes file partons wrote by its first bytes.
func FileOwned(head []byte) bool { return bytes.HasPrefix(head, []byte(generator)) }

// Options are the settings of Export.
type Options struct {
	Out string    // the notes file (GeoJSON), replaced atomically; only a notes file is ever replaced
	Log io.Writer // notes of the output file; nil for none
}

// Result says what was exported.
type Result struct {
	Notes, Reports int // the notes written, the reports read
}

// Export reads the inputs of the spec s (its villages, services and
// reports, merged as a run merges them) and writes every applied
// confirmed report about an OpenStreetMap service as a note into o.Out,
// in the reporter's language (else nl for Belgium, fr for France, en). An
// invalid spec is a *study.SpecError; a cancelled ctx leaves the file as
// it was.
func Export(ctx context.Context, s study.Spec, o Options) (*Result, error) {
	j, err := study.NewJob(s, 1)
	if err != nil {
		return nil, err
	}
	in, err := study.ReadInputs(ctx, j)
	if err != nil {
		return nil, err
	}
	if in.Contrib == nil {
		return &Result{}, writeFile(ctx, o, nil)
	}
	notes := contributions.Notes(in.Contrib.Merged(), in.Contrib.Before(), func(country string) string {
		return map[string]string{"BE": "nl", "FR": "fr"}[country]
	})
	if err := writeFile(ctx, o, notes); err != nil {
		return nil, err
	}
	return &Result{Notes: len(notes), Reports: len(in.Contrib.Merged().Reports)}, nil
}

func writeFile(ctx context.Context, o Options, notes []contributions.Note) error {
	f, err := output.CreateFile(ctx, o.Out, output.Options{Command: "contributions export", Log: o.Log, Owns: FileOwned})
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := writeNotes(f.Writer(), notes); err != nil {
		return err
	}
	return f.Commit()
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
	w.WriteString(generator + `,"features":[`)
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
