package history

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/partons/partons/analysis/reportdiff"
	"github.com/partons/partons/datasets"
)

// ErrYears is wrapped by the errors about the set of years given.
var ErrYears = errors.New("history: years")

// Year is one run's report, as read from its files.
type Year struct {
	Year     int
	Source   string // the report folder, for errors and the tables
	DataDate string // the data date the year stands for ("2025-01-01", "2025"); "" unknown
	Villages reportdiff.CSV
	Areas    reportdiff.CSV
	Services reportdiff.CSV // empty when the report has no services.csv
}

// Statuses of a village, category or area missing from a year: the
// values are left empty, never guessed.
const (
	MissingVillage  = "missing_village"  // the village is not in this year's run
	MissingCategory = "missing_category" // the category is not in this year's run
	MissingArea     = "missing_area"     // the area, category and basis are not in this year's areas.csv
)

// History is several years side by side.
type History struct {
	Years      []Year    // by year
	Categories []string  // every category of any year, sorted
	Thresholds []float64 // distance thresholds every year has, ascending
	// Caveats say what could not be compared (a year without
	// services.csv).
	Caveats []string

	years []*index
}

// index is one year's tables looked up by key.
type index struct {
	y        *Year
	villages map[string][]string // village id -> row
	vcol     map[string]int
	areas    map[areaKey][]string
	acol     map[string]int
	services map[string][]string
	scol     map[string]int
	cats     map[string]bool
}

type areaKey struct{ level, code, category, basis string }

// New checks and indexes the years: at least two, with distinct years
// (else an error wrapping ErrYears), each with the columns partons writes
// (else a *datasets.RecordError naming the file and column). Years are
// sorted.
func New(years []Year) (*History, error) {
	if len(years) < 2 {
		return nil, fmt.Errorf("%w: give at least two reports of different years, not %d", ErrYears, len(years))
	}
	h := &History{Years: slices.Clone(years)}
	slices.SortStableFunc(h.Years, func(a, b Year) int { return cmp.Compare(a.Year, b.Year) })
	for i := 1; i < len(h.Years); i++ {
		if h.Years[i].Year == h.Years[i-1].Year {
			return nil, fmt.Errorf("%w: %s and %s are both of %d: give one report per year", ErrYears, h.Years[i-1].Source, h.Years[i].Source, h.Years[i].Year)
		}
	}
	cats := map[string]bool{}
	var thresholds map[float64]int
	for k := range h.Years {
		y := &h.Years[k]
		ix := &index{y: y, vcol: cols(y.Villages.Header), acol: cols(y.Areas.Header), scol: cols(y.Services.Header), cats: map[string]bool{}}
		for _, c := range []string{"id", "country"} {
			if _, ok := ix.vcol[c]; !ok {
				return nil, &datasets.RecordError{Source: y.Source + "/villages.csv", Line: 1, Feature: -1, Field: c, Reason: "no such column: not a villages.csv of partons run"}
			}
		}
		for _, c := range []string{"level", "code", "category", "basis"} {
			if _, ok := ix.acol[c]; !ok {
				return nil, &datasets.RecordError{Source: y.Source + "/areas.csv", Line: 1, Feature: -1, Field: c, Reason: "no such column: not an areas.csv of partons run"}
			}
		}
		ix.villages = map[string][]string{}
		for _, r := range y.Villages.Rows {
			ix.villages[r[ix.vcol["id"]]] = r
		}
		ix.areas = map[areaKey][]string{}
		for _, r := range y.Areas.Rows {
			ix.areas[areaKey{r[ix.acol["level"]], r[ix.acol["code"]], r[ix.acol["category"]], r[ix.acol["basis"]]}] = r
		}
		if id, ok := ix.scol["id"]; ok {
			ix.services = map[string][]string{}
			for _, r := range y.Services.Rows {
				ix.services[r[id]] = r
			}
		} else {
			h.Caveats = append(h.Caveats, fmt.Sprintf("%s (%d) has no services.csv: services that appeared or disappeared around it are not listed", y.Source, y.Year))
		}
		ts := map[float64]int{}
		for _, name := range y.Villages.Header {
			if c, ok := strings.CutSuffix(name, "_nearest_m"); ok {
				ix.cats[c], cats[c] = true, true
			}
		}
		for _, name := range y.Areas.Header {
			if t, ok := strings.CutPrefix(name, "share_within_"); ok {
				if v, ok := strings.CutSuffix(t, "m"); ok {
					if f, err := strconv.ParseFloat(v, 64); err == nil {
						ts[f]++
					}
				}
			}
		}
		if thresholds == nil {
			thresholds = ts
		} else {
			for t := range thresholds {
				if ts[t] == 0 {
					delete(thresholds, t)
				}
			}
		}
		h.years = append(h.years, ix)
	}
	for c := range cats {
		h.Categories = append(h.Categories, c)
	}
	slices.Sort(h.Categories)
	for t := range thresholds {
		h.Thresholds = append(h.Thresholds, t)
	}
	slices.Sort(h.Thresholds)
	return h, nil
}

func cols(header []string) map[string]int {
	m := make(map[string]int, len(header))
	for i, h := range header {
		m[h] = i
	}
	return m
}

// get is a row's value of column name; "" when the column is absent.
func get(row []string, col map[string]int, name string) string {
	if i, ok := col[name]; ok && i < len(row) {
		return row[i]
	}
	return ""
}

// number parses a cell; ok is false for an empty or non-numeric one.
func number(s string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && s != ""
}

func thresholdName(t float64) string { return strconv.FormatFloat(t, 'f', -1, 64) }

// decimals of the change columns, as in the reports' own distances.
const decimalsM = 1
