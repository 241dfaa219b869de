package compare

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/partons/partons/analysis/reportdiff"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/study"
)

// readCSV parses a report's CSV file, read and checked by r.
func readCSV(r *reportdir.Report, name string) (reportdiff.CSV, error) {
	b, err := r.ReadVerified(name)
	if err != nil {
		return reportdiff.CSV{}, err
	}
	path := filepath.Join(r.Dir(), name)
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return reportdiff.CSV{}, &datasets.RecordError{Source: path, Feature: -1, Reason: err.Error()}
	}
	if len(recs) == 0 {
		return reportdiff.CSV{}, &datasets.RecordError{Source: path, Feature: -1, Reason: "empty file"}
	}
	if r.CSVGuarded() {
		// The values as they were, not as a spreadsheet must see them:
		// diff's own GeoJSON keeps raw values, and its CSV guards again.
		for _, rec := range recs {
			for i, v := range rec {
				rec[i] = output.UnguardCSVText(v)
			}
		}
	}
	return reportdiff.CSV{Header: recs[0], Rows: recs[1:]}, nil
}

// readReport reads the files a diff compares from the report folder dir,
// each checked against the report's manifest.json: villages.csv and
// areas.csv, and services.csv when the report has one.
func readReport(dir string) (*reportdiff.Report, error) {
	r, err := reportdir.Open(dir)
	if err != nil {
		return nil, err
	}
	v, err := readCSV(r, "villages.csv")
	if err != nil {
		return nil, err
	}
	if err := checkCoords(filepath.Join(dir, "villages.csv"), v); err != nil {
		return nil, err
	}
	a, err := readCSV(r, "areas.csv")
	if err != nil {
		return nil, err
	}
	var s reportdiff.CSV
	if r.Lists("services.csv") {
		if s, err = readCSV(r, "services.csv"); err != nil {
			return nil, err
		}
	}
	return &reportdiff.Report{Villages: v, Areas: a, Services: s}, nil
}

// checkCoords refuses a villages.csv row without a finite lon/lat (which
// partons never writes): it would have no place in delta_villages.geojson.
func checkCoords(path string, c reportdiff.CSV) error {
	lon, lat := slices.Index(c.Header, "lon"), slices.Index(c.Header, "lat")
	if lon < 0 || lat < 0 {
		return &datasets.RecordError{Source: path, Line: 1, Feature: -1, Reason: "no lon and lat columns"}
	}
	for i, r := range c.Rows {
		for _, k := range []int{lon, lat} {
			if v, err := strconv.ParseFloat(r[k], 64); err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return &datasets.RecordError{Source: path, Line: i + 2, Feature: -1, Field: c.Header[k],
					Reason: fmt.Sprintf("%q is not a finite number (no valid lon/lat)", r[k])}
			}
		}
	}
	return nil
}

// DataDate is the date of a report's data: its OpenStreetMap extracts'
// (a run that read them), else its road network's, else the newest date
// its village, service and boundary files state (the files of partons
// extract do), as a day; "" when none is known. from says which ("osm
// extracts", "road network", "input files").
func DataDate(m *reportdir.Manifest) (date, from string) {
	for _, s := range m.Data {
		if s.Name == study.OSMExtractSource && s.Vintage != "" {
			return day(s.Vintage), "osm extracts"
		}
	}
	if m.Roads != nil && m.Roads.DataDate != "" {
		if _, err := time.Parse("2006-01-02", day(m.Roads.DataDate)); err == nil {
			return day(m.Roads.DataDate), "road network"
		}
	}
	var newest time.Time
	for _, in := range m.Inputs {
		if in.Kind != "villages" && in.Kind != "services" && in.Kind != "boundaries" {
			continue
		}
		if t, err := time.Parse(time.RFC3339, in.DataDate); err == nil && t.After(newest) {
			newest = t
		}
	}
	if !newest.IsZero() {
		return newest.UTC().Format("2006-01-02"), "input files"
	}
	return "", ""
}

// day is an RFC 3339 time as its UTC day, any other text unchanged.
func day(v string) string {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC().Format("2006-01-02")
	}
	return v
}
