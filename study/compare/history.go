package compare

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/partons/partons/analysis/history"
	"github.com/partons/partons/analysis/reportdiff"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/render/files"
	"github.com/partons/partons/render/output"
)

// Run is one report of a history as its manifest records it.
type Run struct {
	Dir      string `json:"dir"`
	Year     int    `json:"year"`
	DataDate string `json:"data_date"`
	From     string `json:"year_from"` // "argument" (the year was given) or the source of the data date
}

// Year is one report read for a history.
type Year struct {
	Run
	data history.Year
}

// UndatedError is a report whose year cannot be told from its data: its
// data has no date (Date ""), or a date without a year.
type UndatedError struct {
	Dir, Date string
}

func (e *UndatedError) Error() string {
	if e.Date == "" {
		return fmt.Sprintf("cannot tell the year of %s: its data has no date", e.Dir)
	}
	return fmt.Sprintf("%s: data date %q has no year", e.Dir, e.Date)
}

// ReadYear reads the report folder dir as one year of a history, each file
// checked against its manifest: villages.csv, areas.csv and services.csv
// when listed. year is the year given for it, or 0 to take the year of the
// report's data date (DataDate); an *UndatedError when it has none.
func ReadYear(dir string, year int) (*Year, error) {
	r, err := reportdir.Open(dir)
	if err != nil {
		return nil, err
	}
	date, from := DataDate(r.Manifest)
	switch {
	case year != 0:
		from = "argument"
		if date == "" {
			date = strconv.Itoa(year)
		}
	case date == "":
		return nil, &UndatedError{Dir: dir}
	default:
		y, err := strconv.Atoi(date[:min(4, len(date))])
		if err != nil || len(date) < 4 {
			return nil, &UndatedError{Dir: dir, Date: date}
		}
		year = y
	}
	y := &Year{Run: Run{Dir: dir, Year: year, DataDate: date, From: from},
		data: history.Year{Year: year, Source: dir, DataDate: date}}
	for _, f := range []struct {
		name string
		dst  *reportdiff.CSV
		opt  bool
	}{{"villages.csv", &y.data.Villages, false}, {"areas.csv", &y.data.Areas, false}, {"services.csv", &y.data.Services, true}} {
		if f.opt && !r.Lists(f.name) {
			continue
		}
		if *f.dst, err = readCSV(r, f.name); err != nil {
			return nil, err
		}
	}
	return y, nil
}

// HistoryOptions are the settings of History.
type HistoryOptions struct {
	Out     string    // the report directory written, replaced atomically
	RawCSV  bool      // CSV text cells without the formula-injection guard
	Version string    // the generator's version, for the manifest
	Log     io.Writer // notes of the output directory; nil for none
}

// History sets the years side by side and writes into o.Out the files of
// the history report (render/files, files.History): trends.csv,
// trends_areas.csv, service_changes.csv and manifest.json. A set of years
// that makes no history (fewer than two, two of one year) is an error
// wrapping history.ErrYears.
func History(ctx context.Context, years []*Year, o HistoryOptions) (*history.History, error) {
	data := make([]history.Year, len(years))
	runs := make([]Run, len(years))
	for i, y := range years {
		data[i], runs[i] = y.data, y.Run
		runs[i].Dir = reportdir.RelativePath(o.Out, y.Dir)
	}
	h, err := history.New(data)
	if err != nil {
		return nil, err
	}
	d, err := output.Create(ctx, o.Out, output.Options{Command: "history", Log: o.Log})
	if err != nil {
		return nil, err
	}
	defer d.Abort()
	var outs []reportdir.Output
	for _, f := range files.Of(files.History) {
		outs = append(outs, reportdir.Output{File: f.Name, Description: f.Description})
	}
	m := map[string]any{"generator": "partons", "version": o.Version, "manifest_version": reportdir.Version, "command": "history",
		"runs": runs, "categories": h.Categories, "thresholds_m": h.Thresholds, "caveats": append([]string{}, h.Caveats...), "csv_raw": o.RawCSV}
	c := &files.Content{Trends: h.Trends(), TrendsAreas: h.Areas(), ServiceChanges: h.Services(), RawCSV: o.RawCSV}
	sums := reportdir.Sums{}
	for _, f := range files.Of(files.History) {
		write := f.Writer(c)
		if f.Name == "manifest.json" {
			write = func(w *bufio.Writer) error {
				sums.Fill(outs)
				m["outputs"] = outs
				return output.WriteJSON(w, m)
			}
		} else {
			write = sums.Hashing(f.Name, write)
		}
		if err := d.WriteFile(f.Name, write); err != nil {
			return nil, err
		}
	}
	if err := d.Commit(); err != nil {
		return nil, err
	}
	return h, nil
}
