// Package reportdiff compares two finished reports read back from their
// CSV files (villages.csv, areas.csv, services.csv): per village,
// category and indicator the old and new value and the change, and
// guards on indicators (a share must not fall below a value) for CI
// pipelines. It reads no file itself; its input is the tables as read.
package reportdiff

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/table"
)

// Report is a previous run's output read back: villages.csv and areas.csv
// as header + rows.
type Report struct {
	Villages CSV
	Areas    CSV
	Services CSV // may be empty
}

// CSV is a table as read from a file.
type CSV struct {
	Header []string
	Rows   [][]string
}

func (c *CSV) col(name string) int {
	for i, h := range c.Header {
		if h == name {
			return i
		}
	}
	return -1
}

var withinCol = regexp.MustCompile(`^(.+)_within_([0-9.]+)m$`)

// Diff compares two reports village by village and area by area.
type Diff struct {
	Old, New   *Report
	Categories []string  // categories present in both, sorted
	Thresholds []float64 // distance thresholds present in both
}

// New finds what the two reports have in common.
func New(old, new *Report) *Diff {
	d := &Diff{Old: old, New: new}
	cats, ts := map[string]bool{}, map[float64]bool{}
	for _, h := range old.Villages.Header {
		if m := withinCol.FindStringSubmatch(h); m != nil && new.Villages.col(h) >= 0 && new.Villages.col(m[1]+"_nearest_m") >= 0 {
			t, err := strconv.ParseFloat(m[2], 64)
			if err != nil || math.IsInf(t, 0) {
				continue // not a threshold partons writes ("1.2.3", 400 digits)
			}
			cats[m[1]] = true
			ts[t] = true
		}
	}
	delete(cats, "basket")
	for c := range cats {
		d.Categories = append(d.Categories, c)
	}
	sort.Strings(d.Categories)
	for t := range ts {
		d.Thresholds = append(d.Thresholds, t)
	}
	sort.Float64s(d.Thresholds)
	return d
}

func parseNum(s string) float64 {
	if s == "" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// VillageTable is delta_villages.csv of a diff: per village (by id) and
// category, old and new nearest distance, the change, and coverage lost
// or gained at each threshold; villages present in one report only are
// listed as "appeared" or "disappeared". A village without a finite
// lon/lat (which partons never writes) is an error: it would have no
// place in delta_villages.geojson.
func (d *Diff) VillageTable() (table.Table, [][2]float64, error) {
	oid, nid := d.Old.Villages.col("id"), d.New.Villages.col("id")
	newByID := map[string]int{}
	for i, r := range d.New.Villages.Rows {
		newByID[r[nid]] = i
	}
	type pair struct{ o, n int }
	var pairs []pair
	seen := map[string]bool{}
	for i, r := range d.Old.Villages.Rows {
		j, ok := newByID[r[oid]]
		if !ok {
			j = -1
		}
		seen[r[oid]] = true
		pairs = append(pairs, pair{i, j})
	}
	for j, r := range d.New.Villages.Rows {
		if !seen[r[nid]] {
			pairs = append(pairs, pair{-1, j})
		}
	}
	cols := []table.Column{{Name: "village_id"}, {Name: "name"}, {Name: "country"}, {Name: "presence"}, {Name: "category"},
		{Name: "old_nearest_m", Kind: table.Number, Decimals: 1}, {Name: "new_nearest_m", Kind: table.Number, Decimals: 1},
		{Name: "delta_nearest_m", Kind: table.Number, Decimals: 1}, {Name: "old_status"}, {Name: "new_status"}}
	for _, t := range d.Thresholds {
		cols = append(cols, table.Column{Name: "coverage_" + analysis.ThresholdName(t)})
	}
	var rows [][]table.Cell
	var coords [][2]float64
	get := func(c *CSV, r int, name string) string {
		if r < 0 {
			return ""
		}
		if k := c.col(name); k >= 0 {
			return c.Rows[r][k]
		}
		return ""
	}
	for _, p := range pairs {
		ref, r := &d.Old.Villages, p.o
		presence := "both"
		switch {
		case p.o < 0:
			ref, r, presence = &d.New.Villages, p.n, "appeared"
		case p.n < 0:
			presence = "disappeared"
		}
		lon, lat := parseNum(get(ref, r, "lon")), parseNum(get(ref, r, "lat"))
		if math.IsNaN(finite(lon)) || math.IsNaN(finite(lat)) {
			which := "old"
			if ref == &d.New.Villages {
				which = "new"
			}
			return table.Table{}, nil, fmt.Errorf("village %q of the %s report has no valid lon/lat (%q, %q)",
				get(ref, r, "id"), which, get(ref, r, "lon"), get(ref, r, "lat"))
		}
		for _, c := range d.Categories {
			o := parseNum(get(&d.Old.Villages, p.o, c+"_nearest_m"))
			n := parseNum(get(&d.New.Villages, p.n, c+"_nearest_m"))
			row := []table.Cell{table.Str(get(ref, r, "id")), table.Str(get(ref, r, "name")), table.Str(get(ref, r, "country")),
				table.Str(presence), table.Str(c), table.Float(o, 1), table.Float(n, 1), table.Float(n-o, 1),
				table.Str(get(&d.Old.Villages, p.o, c+"_status")), table.Str(get(&d.New.Villages, p.n, c+"_status"))}
			for _, t := range d.Thresholds {
				row = append(row, table.Str(analysis.Crossing(o, n, t)))
			}
			rows = append(rows, row)
			coords = append(coords, [2]float64{lon, lat})
		}
	}
	return table.FromRows(cols, rows), coords, nil
}

// AreaTable is areas_delta.csv: per level, group, category and basis the
// old and new coverage shares and medians and their changes.
func (d *Diff) AreaTable() table.Table {
	key := func(c *CSV, r []string) string {
		return r[c.col("level")] + "\x00" + r[c.col("code")] + "\x00" + r[c.col("category")] + "\x00" + r[c.col("basis")]
	}
	newRows := map[string][]string{}
	for _, r := range d.New.Areas.Rows {
		newRows[key(&d.New.Areas, r)] = r
	}
	cols := []table.Column{{Name: "level"}, {Name: "code"}, {Name: "name"}, {Name: "category"}, {Name: "basis"}}
	var shareCols []string
	for _, t := range d.Thresholds {
		n := "share_within_" + analysis.ThresholdName(t)
		shareCols = append(shareCols, n)
		cols = append(cols, table.Column{Name: "old_" + n, Kind: table.Number, Decimals: 4}, table.Column{Name: "new_" + n, Kind: table.Number, Decimals: 4},
			table.Column{Name: "delta_" + n, Kind: table.Number, Decimals: 4})
	}
	cols = append(cols, table.Column{Name: "old_median_m", Kind: table.Number, Decimals: 1}, table.Column{Name: "new_median_m", Kind: table.Number, Decimals: 1},
		table.Column{Name: "delta_median_m", Kind: table.Number, Decimals: 1})
	var rows [][]table.Cell
	oc := &d.Old.Areas
	for _, r := range oc.Rows {
		n, ok := newRows[key(oc, r)]
		if !ok {
			continue
		}
		v := func(c *CSV, row []string, name string) float64 {
			if k := c.col(name); k >= 0 {
				return parseNum(row[k])
			}
			return math.NaN()
		}
		row := []table.Cell{table.Str(r[oc.col("level")]), table.Str(r[oc.col("code")]), table.Str(r[oc.col("name")]),
			table.Str(r[oc.col("category")]), table.Str(r[oc.col("basis")])}
		for _, s := range shareCols {
			o, nn := v(oc, r, s), v(&d.New.Areas, n, s)
			row = append(row, table.Float(o, 4), table.Float(nn, 4), table.Float(nn-o, 4))
		}
		o, nn := v(oc, r, "median_m"), v(&d.New.Areas, n, "median_m")
		row = append(row, table.Float(o, 1), table.Float(nn, 1), table.Float(nn-o, 1))
		rows = append(rows, row)
	}
	return table.FromRows(cols, rows)
}

// ServiceTable is services_delta.csv: services that appeared or
// disappeared between the reports (by id).
func (d *Diff) ServiceTable() table.Table {
	cols := []table.Column{{Name: "service_id"}, {Name: "name"}, {Name: "category"}, {Name: "country"}, {Name: "change"}}
	ids := func(c *CSV) map[string][]string {
		m := map[string][]string{}
		if k := c.col("id"); k >= 0 {
			for _, r := range c.Rows {
				m[r[k]] = r
			}
		}
		return m
	}
	o, n := ids(&d.Old.Services), ids(&d.New.Services)
	var rows [][]table.Cell
	row := func(c *CSV, r []string, change string) []table.Cell {
		g := func(name string) table.Cell {
			if k := c.col(name); k >= 0 {
				return table.Str(r[k])
			}
			return table.NullCell
		}
		return []table.Cell{g("id"), g("name"), g("category"), g("country"), table.Str(change)}
	}
	for _, r := range d.Old.Services.Rows {
		if _, ok := n[r[d.Old.Services.col("id")]]; !ok {
			rows = append(rows, row(&d.Old.Services, r, "disappeared"))
		}
	}
	for _, r := range d.New.Services.Rows {
		if _, ok := o[r[d.New.Services.col("id")]]; !ok {
			rows = append(rows, row(&d.New.Services, r, "appeared"))
		}
	}
	return table.FromRows(cols, rows)
}

// Guard is a condition on the change of an overall indicator:
// "{category}_within_{T}m_share OP VALUE" (change of the share of people
// within T, across the border) or "{category}_median_m OP VALUE".
type Guard struct {
	Expr     string
	Category string
	Column   string // areas.csv column
	Op       string
	Value    float64
}

var guardRe = regexp.MustCompile(`^\s*([A-Za-z0-9_]+?)_(within_[0-9.]+m_share|median_m|mean_m|p90_m)\s*(<=|>=|<|>)\s*(-?[0-9.]+(?:e-?[0-9]+)?)\s*$`)

// ParseGuard parses a guard expression; the error names the expression
// and the accepted forms.
func ParseGuard(expr string) (Guard, error) {
	m := guardRe.FindStringSubmatch(expr)
	if m == nil {
		return Guard{}, fmt.Errorf("%q: want CATEGORY_within_Tm_share|CATEGORY_median_m|…_mean_m|…_p90_m OP NUMBER with OP one of < <= > >=", expr)
	}
	col := m[2]
	if strings.HasSuffix(col, "_share") {
		col = "share_" + strings.TrimSuffix(col, "_share")
	}
	v, _ := strconv.ParseFloat(m[4], 64)
	return Guard{Expr: expr, Category: m[1], Column: col, Op: m[3], Value: v}, nil
}

// GuardResult is a guard evaluated on two reports. Old and New are the
// overall indicator in each; when either is unknown (an empty cell: some
// population's access is not known, e.g. a country without data for the
// category), Known is false, Change is NaN and the guard is neither
// tripped nor passed.
type GuardResult struct {
	Guard
	Old, New, Change float64
	Known            bool
	Tripped          bool
}

// Check evaluates the guard on the change (new − old) of the overall,
// cross-border (level all, basis nearest) indicator. An error means the
// guard cannot apply to these reports (no such column or category).
func (d *Diff) Check(g Guard) (GuardResult, error) {
	find := func(c *CSV) (float64, error) {
		lk, bk, ck, vk := c.col("level"), c.col("basis"), c.col("category"), c.col(g.Column)
		if vk < 0 {
			return 0, fmt.Errorf("areas.csv has no column %q", g.Column)
		}
		if lk < 0 || bk < 0 || ck < 0 {
			return 0, fmt.Errorf("areas.csv has no level, basis or category column")
		}
		for _, r := range c.Rows {
			if r[lk] == "all" && r[bk] == "nearest" && r[ck] == g.Category {
				return finite(parseNum(r[vk])), nil // ±Inf is no share nor distance
			}
		}
		return 0, fmt.Errorf("areas.csv has no overall row for category %q", g.Category)
	}
	res := GuardResult{Guard: g}
	var err error
	if res.Old, err = find(&d.Old.Areas); err != nil {
		return res, err
	}
	if res.New, err = find(&d.New.Areas); err != nil {
		return res, err
	}
	res.Change = res.New - res.Old
	res.Known = !math.IsNaN(res.Change)
	if !res.Known {
		return res, nil
	}
	switch g.Op {
	case "<":
		res.Tripped = res.Change < g.Value
	case "<=":
		res.Tripped = res.Change <= g.Value
	case ">":
		res.Tripped = res.Change > g.Value
	case ">=":
		res.Tripped = res.Change >= g.Value
	}
	return res, nil
}

func finite(x float64) float64 {
	if math.IsInf(x, 0) {
		return math.NaN()
	}
	return x
}
