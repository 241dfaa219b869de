package input

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/render/output"
)

// Run is one finished report folder read for the site: its manifest and
// the rows of its villages.csv, services.csv and, when the run wrote one,
// contributions.csv, each file checked against the manifest's checksums.
type Run struct {
	Dir        string
	Manifest   *reportdir.Manifest
	Date       string // the newest date among the run's data sources: "2026", "2024-03-01"; "" when none
	Villages   []Row
	Services   []Row
	Reports    []Row // contributions.csv: residents' reports, when present
	Categories []string
	// Shapes are the villages' polygons by id, when the run's
	// villages.geojson has polygons (villages given as areas): the map
	// draws them instead of points.
	Shapes map[string]orb.MultiPolygon
	// Areas are the area outlines of the run's areas.geojson (written
	// when its boundaries name areas), in the file's order: the maps draw
	// them under the villages.
	Areas []AreaShape
	// Indicators are the rows of the run's indicators.csv (official
	// indicator sets, written with indicators), by village id in the
	// file's order; nil when the run wrote none.
	Indicators map[string][]Row
	byService  map[string]int
}

// AreaShape is one area of areas.geojson.
type AreaShape struct {
	Code, Name, Country string
	Shape               orb.MultiPolygon
}

// Row is one CSV row by column name; a missing column reads as "".
type Row map[string]string

// Float returns the number in column c, NaN when empty or not a number.
func (r Row) Float(c string) float64 {
	v, err := strconv.ParseFloat(r[c], 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// Load reads the report folder dir. villages.csv is required;
// services.csv, contributions.csv and indicators.csv are read when the
// manifest lists them. Every file is read through reportdir.ReadVerified: a changed file
// is refused naming it.
func Load(dir string) (*Run, error) {
	rep, err := reportdir.Open(dir)
	if err != nil {
		return nil, err
	}
	r := &Run{Dir: dir, Manifest: rep.Manifest}
	if r.Villages, err = readCSV(rep, "villages.csv"); err != nil {
		return nil, err
	}
	if rep.Lists("services.csv") {
		if r.Services, err = readCSV(rep, "services.csv"); err != nil {
			return nil, err
		}
	}
	if rep.Lists("villages.geojson") {
		if r.Shapes, err = readShapes(rep); err != nil {
			return nil, err
		}
	}
	if rep.Lists("areas.geojson") {
		if r.Areas, err = readAreas(rep); err != nil {
			return nil, err
		}
	}
	if rep.Lists("contributions.csv") {
		if r.Reports, err = readCSV(rep, "contributions.csv"); err != nil {
			return nil, err
		}
	}
	if rep.Lists("indicators.csv") {
		rows, err := readCSV(rep, "indicators.csv")
		if err != nil {
			return nil, err
		}
		r.Indicators = map[string][]Row{}
		for _, row := range rows {
			r.Indicators[row["village_id"]] = append(r.Indicators[row["village_id"]], row)
		}
	}
	if err := checkRows(filepath.Join(dir, "villages.csv"), r.Villages, true); err != nil {
		return nil, err
	}
	if err := checkRows(filepath.Join(dir, "services.csv"), r.Services, false); err != nil {
		return nil, err
	}
	r.IndexServices()
	r.Categories = rep.Manifest.Parameters.Categories
	if len(r.Categories) == 0 && len(r.Villages) > 0 {
		r.Categories = categoriesFromColumns(r.Villages[0])
	}
	r.Date = dataDate(rep.Manifest)
	return r, nil
}

// readShapes reads the polygons of villages.geojson by the features' id
// property; points are left out (villages.csv has them).
func readShapes(rep *reportdir.Report) (map[string]orb.MultiPolygon, error) {
	b, err := rep.ReadVerified("villages.geojson")
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, &datasets.RecordError{Source: filepath.Join(rep.Dir(), "villages.geojson"), Feature: -1, Reason: err.Error()}
	}
	out := map[string]orb.MultiPolygon{}
	for _, f := range fc.Features {
		id, _ := f.Properties["id"].(string)
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			out[id] = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			out[id] = g
		}
	}
	return out, nil
}

// readAreas reads areas.geojson: every feature must be a polygon or a
// multipolygon with an area_code; anything else is refused naming the
// feature (partons never writes it).
func readAreas(rep *reportdir.Report) ([]AreaShape, error) {
	path := filepath.Join(rep.Dir(), "areas.geojson")
	b, err := rep.ReadVerified("areas.geojson")
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, &datasets.RecordError{Source: path, Feature: -1, Reason: err.Error()}
	}
	out := make([]AreaShape, 0, len(fc.Features))
	for i, f := range fc.Features {
		a := AreaShape{}
		a.Code, _ = f.Properties["area_code"].(string)
		a.Name, _ = f.Properties["area_name"].(string)
		a.Country, _ = f.Properties["country"].(string)
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			a.Shape = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			a.Shape = g
		default:
			return nil, &datasets.RecordError{Source: path, Feature: i, Field: "geometry", Reason: "not a polygon or multipolygon"}
		}
		if a.Code == "" {
			return nil, &datasets.RecordError{Source: path, Feature: i, Field: "area_code", Reason: "empty"}
		}
		out = append(out, a)
	}
	return out, nil
}

// readCSV reads a report's CSV file into rows, undoing the formula guard
// when the run wrote it.
func readCSV(rep *reportdir.Report, name string) ([]Row, error) {
	b, err := rep.ReadVerified(name)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(rep.Dir(), name)
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, &datasets.RecordError{Source: path, Feature: -1, Reason: err.Error()}
	}
	if len(recs) == 0 {
		return nil, &datasets.RecordError{Source: path, Feature: -1, Reason: "empty file"}
	}
	head := recs[0]
	if name == "villages.csv" && (!contains(head, "id") || !contains(head, "lon") || !contains(head, "lat")) {
		return nil, &datasets.RecordError{Source: path, Line: 1, Feature: -1, Reason: "no id, lon and lat columns: not a partons villages.csv"}
	}
	rows := make([]Row, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		row := make(Row, len(head))
		for i, h := range head {
			v := rec[i]
			if rep.CSVGuarded() {
				v = output.UnguardCSVText(v)
			}
			row[h] = v
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// checkRows refuses what partons never writes, so that a report whose
// file was changed and its checksum with it still cannot put a village
// nowhere or twice: a row without finite lon/lat in range, and, for
// villages, an empty or repeated id. Services without coordinates (none
// are written) are refused alike.
func checkRows(path string, rows []Row, villages bool) error {
	seen := make(map[string]bool, len(rows))
	for i, r := range rows {
		bad := func(field, reason string) error {
			return &datasets.RecordError{Source: path, Line: i + 2, Feature: -1, Field: field, Reason: reason}
		}
		for _, c := range []struct {
			name string
			max  float64
		}{{"lon", 180}, {"lat", 90}} {
			v := r.Float(c.name)
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > c.max {
				return bad(c.name, fmt.Sprintf("%q is not a finite number in range (no valid lon/lat)", r[c.name]))
			}
		}
		if villages {
			if r["id"] == "" || seen[r["id"]] {
				return bad("id", fmt.Sprintf("village id %q is empty or repeated", r["id"]))
			}
			seen[r["id"]] = true
		}
	}
	return nil
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// categoriesFromColumns finds the categories of a villages.csv without a
// manifest list: every prefix of a {cat}_nearest_m column.
func categoriesFromColumns(r Row) []string {
	var cats []string
	for k := range r {
		if c, ok := strings.CutSuffix(k, "_nearest_m"); ok {
			cats = append(cats, c)
		}
	}
	sort.Strings(cats)
	return cats
}

var dateRE = regexp.MustCompile(`\b(19|20)\d\d(-\d\d(-\d\d)?)?\b`)

// dataDate is the newest date written in the run's data sources (their
// vintages, the road network's date): how old the data is.
func dataDate(m *reportdir.Manifest) string {
	var dates []string
	add := func(s string) {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			s = t.UTC().Format("2006-01-02")
		}
		dates = append(dates, dateRE.FindAllString(s, -1)...)
	}
	for _, d := range m.Data {
		add(d.Vintage)
	}
	if m.Roads != nil {
		add(m.Roads.DataDate)
	}
	best := ""
	for _, d := range dates {
		if d > best {
			best = d
		}
	}
	return best
}

// IndexServices indexes Services by id for Service. Load calls it; call
// it after filling a Run by hand.
func (r *Run) IndexServices() {
	r.byService = make(map[string]int, len(r.Services))
	for i, s := range r.Services {
		r.byService[s["id"]] = i
	}
}

// Service returns the row of services.csv with id, if any.
func (r *Run) Service(id string) (Row, bool) {
	i, ok := r.byService[id]
	if !ok {
		return nil, false
	}
	return r.Services[i], true
}

// Order sorts runs oldest first by their data date, or, for a run
// without one, by its folder's name when that is a date or a year
// (runs/2024); when some run has neither, the given order is kept. Each
// run is labelled with that date, else its folder's name; a second run
// of the same label gets " (2)".
func Order(runs []*Run) []string {
	key := func(r *Run) string {
		if r.Date != "" {
			return r.Date
		}
		if b := filepath.Base(filepath.Clean(r.Dir)); dateRE.FindString(b) == b {
			return b
		}
		return ""
	}
	dated := true
	for _, r := range runs {
		dated = dated && key(r) != ""
	}
	if dated {
		sort.SliceStable(runs, func(i, j int) bool { return key(runs[i]) < key(runs[j]) })
	}
	labels := make([]string, len(runs))
	seen := map[string]int{}
	for i, r := range runs {
		l := r.Date
		if l == "" {
			l = filepath.Base(filepath.Clean(r.Dir))
		}
		if l == "" || l == "." || l == string(filepath.Separator) {
			l = fmt.Sprintf("#%d", i+1)
		}
		seen[l]++
		if n := seen[l]; n > 1 {
			l = fmt.Sprintf("%s (%d)", l, n)
		}
		labels[i] = l
	}
	return labels
}
