package layers

import (
	"io"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/aggregates"
	"github.com/partons/partons/analysis/tables"
	"github.com/partons/partons/datasets/table"
	"github.com/partons/partons/render/gpkg"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/draw"
	"github.com/partons/partons/render/report/input"
	"github.com/partons/partons/travel"
)

// StyleField is the field the villages' default style colours: the main
// category's nearest distance (metres).
func StyleField(in input.Input) string {
	main := in.MainCategory
	if main == "" {
		main = input.MainCategory(in.Result)
	}
	return main + "_nearest_m"
}

// villageGeometry says how villages are drawn: as their polygons when
// every village is one, else as the points distances were measured from.
func villageGeometry(in *input.Input) (polygons bool, mixed bool) {
	np := 0
	for v := range in.Result.Villages {
		if _, ok := draw.AsMulti(in.Result.Villages[v].Geometry); ok {
			np++
		}
	}
	n := len(in.Result.Villages)
	return n > 0 && np == n, np > 0 && np < n
}

// Layers returns the GeoPackage layers of a run, each with its default
// QGIS style in in.Lang:
//
//   - villages: tables.Villages(Result) with the original geometry when all
//     villages are polygons (fill style), else every village's measured
//     point (marker style), graduated on StyleField, labelled by name;
//   - village_polygons: when villages mix points and polygons, the
//     polygon villages with the same columns;
//   - services: ServiceTable (services.csv) as points, coloured by
//     category;
//   - areas: tables.Areas(Result, Aggregates), attributes only (areas.csv);
//   - sites, delta_villages: with Input.Sites and Input.Scenario.
//
// Complexity O(villages + services) plus the tables' rows.
func Layers(in input.Input) ([]gpkg.Layer, error) {
	if err := in.Check(); err != nil {
		return nil, err
	}
	r := in.Result
	l := in.Lang
	if _, err := qml.ParseLang(string(l)); err != nil {
		l = qml.EN
	}
	if in.Aggregates == nil {
		in.Aggregates = aggregates.Of(r)
	}
	field := StyleField(in)
	breaks := r.Params.ThresholdsM
	vt := tables.Villages(r)
	polys, mixed := villageGeometry(&in)

	var layers []gpkg.Layer
	vg := make([]orb.Geometry, len(r.Villages))
	for v := range r.Villages {
		if polys {
			vg[v] = r.Villages[v].Geometry
		} else {
			vg[v] = r.Villages[v].Location
		}
	}
	geom := qml.Point
	if polys {
		geom = qml.Polygon
	}
	layers = append(layers, gpkg.Layer{Name: "villages", Description: "villages: accessibility per category (villages.csv)",
		Table: vt, Geometries: vg, Style: qml.Distance(geom, field, breaks, l)})
	if mixed {
		var idx []int
		var pg []orb.Geometry
		for v := range r.Villages {
			if _, ok := draw.AsMulti(r.Villages[v].Geometry); ok {
				idx = append(idx, v)
				pg = append(pg, r.Villages[v].Geometry)
			}
		}
		layers = append(layers, gpkg.Layer{Name: "village_polygons", Description: "villages given as polygons, same columns as villages",
			Table: subset(vt, idx), Geometries: pg, Style: qml.Distance(qml.Polygon, field, breaks, l)})
	}

	st := ServiceTable(r, in.Provenance)
	sg := make([]orb.Geometry, len(r.Services))
	for i := range r.Services {
		sg[i] = r.Services[i].Location
	}
	layers = append(layers, gpkg.Layer{Name: "services", Description: "service points with their mapped category (services.csv)",
		Table: st, Geometries: sg, Style: qml.ServicesLabelled(r.Categories, in.Labels, l)})
	layers = append(layers, gpkg.Layer{Name: "areas", Description: "population-weighted aggregates per area, country and overall (areas.csv)",
		Table: tables.Areas(r, in.Aggregates)})

	layers = append(layers, modeLayers(r, vt, vg, geom, l)...)

	if len(in.Sites) > 0 {
		cols := []table.Column{{Name: "name"}, {Name: "category"}, {Name: "people_served", Kind: table.Number, Decimals: -1, Unit: "people"}}
		rows := make([][]table.Cell, len(in.Sites))
		g := make([]orb.Geometry, len(in.Sites))
		for i, s := range in.Sites {
			rows[i] = []table.Cell{table.Str(s.Name), table.Str(s.Category), table.Float(s.PeopleServed, -1)}
			g[i] = s.Location
		}
		layers = append(layers, gpkg.Layer{Name: "sites", Description: "sites chosen by the location run",
			Table: table.FromRows(cols, rows), Geometries: g, Style: qml.Sites(l)})
	}
	if s := in.Scenario; s != nil {
		cols := []table.Column{{Name: "id"}, {Name: "name"}, {Name: "country"},
			{Name: "population", Kind: table.Number, Decimals: -1, Unit: "people"},
			{Name: s.Category + "_delta_m", Kind: table.Number, Decimals: 1, Unit: "m"}}
		breaksD := s.Breaks()
		t := table.Table{Columns: cols, Len: len(r.Villages), Row: func(v int, dst []table.Cell) []table.Cell {
			vl := &r.Villages[v]
			pop := table.NullCell
			if vl.HasPopulation {
				pop = table.Float(vl.Population, -1)
			}
			return append(dst[:0], table.Str(vl.ID), table.Str(vl.Name), table.Str(vl.Country), pop, table.Float(s.DeltaM[v], 1))
		}}
		g := make([]orb.Geometry, len(r.Villages))
		for v := range r.Villages {
			g[v] = r.Villages[v].Location
		}
		layers = append(layers, gpkg.Layer{Name: "delta_villages", Description: "scenario: change in distance per village (" + s.Name + ")",
			Table: t, Geometries: g, Style: qml.Delta(qml.Point, s.Category+"_delta_m", breaksD, l)})
	}
	return layers, nil
}

// modeLayers are one layer per further travel mode (public transport)
// and category, named {mode}_{category}: each village's identity, the
// mode's village columns and the category's columns of the mode, styled
// on the time the aggregates count (qml.Minutes on the mode's thresholds)
// with the villages known to reach no service drawn as the farthest
// class. Modes without an aggregate minute metric get none.
func modeLayers(r *analysis.Result, vt table.Table, vg []orb.Geometry, geom qml.Geom, l qml.Lang) []gpkg.Layer {
	var out []gpkg.Layer
	seen := map[string]bool{}
	for _, b := range r.Modes {
		metric := ""
		for _, m := range b.Schema.Metrics {
			if m.Aggregate && m.Unit == travel.Minutes {
				metric = m.Name
				break
			}
		}
		if metric == "" {
			continue
		}
		n := b.Schema.Name
		breaks := r.Thresholds(analysis.Basis(n + "_" + metric))
		for c, cat := range r.Categories {
			prefix := cat + "_" + n + "_"
			var cols []int
			for k, col := range vt.Columns {
				switch {
				case k <= vt.Index("area_name") || col.Name == "population" || col.Name == prefix+"status":
				case strings.HasPrefix(col.Name, prefix) && !strings.HasPrefix(col.Name[len(prefix):], "status"):
				case slices.ContainsFunc(b.Schema.VillageColumns, func(m travel.Metric) bool { return m.Name == col.Name }):
				default:
					continue
				}
				cols = append(cols, k)
			}
			name := layerName(n + "_" + cat)
			for seen[name] {
				name += "_"
			}
			seen[name] = true
			beyond := noneStatuses(b, c, prefix+"status")
			out = append(out, gpkg.Layer{Name: name, Description: n + ": " + cat + " per village (villages.csv columns " + prefix + "*)",
				Table: columns(vt, cols), Geometries: vg, Style: qml.Minutes(geom, prefix+metric, beyond, breaks, l)})
		}
	}
	return out
}

// noneStatuses is a QGIS expression true for the villages whose status
// for category c always means reaching no service (analysis.ModeCell's
// None), "" when there are none.
func noneStatuses(b *analysis.ModeBlock, c int, field string) string {
	none, some := map[string]bool{}, map[string]bool{}
	var order []string
	for v := range b.Cells {
		cell := &b.Cells[v][c]
		if !some[cell.Status] {
			some[cell.Status] = true
			none[cell.Status] = true
			order = append(order, cell.Status)
		}
		none[cell.Status] = none[cell.Status] && cell.None
	}
	var quoted []string
	for _, st := range order {
		if none[st] {
			quoted = append(quoted, "'"+strings.ReplaceAll(st, "'", "''")+"'")
		}
	}
	if len(quoted) == 0 {
		return ""
	}
	return `"` + strings.ReplaceAll(field, `"`, `""`) + `" IN (` + strings.Join(quoted, ", ") + ")"
}

// layerName keeps letters, digits and underscores (a GeoPackage table
// name), others become underscores.
func layerName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, s)
}

// columns is t restricted to the columns idx, in that order.
func columns(t table.Table, idx []int) table.Table {
	cols := make([]table.Column, len(idx))
	for i, k := range idx {
		cols[i] = t.Columns[k]
	}
	var buf []table.Cell
	return table.Table{Columns: cols, Len: t.Len, Row: func(v int, dst []table.Cell) []table.Cell {
		buf = t.Row(v, buf[:0])
		dst = dst[:0]
		for _, k := range idx {
			dst = append(dst, buf[k])
		}
		return dst
	}}
}

// subset is t restricted to the rows idx, in that order.
func subset(t table.Table, idx []int) table.Table {
	return table.Table{Columns: t.Columns, Len: len(idx), Row: func(i int, dst []table.Cell) []table.Cell {
		return t.Row(idx[i], dst)
	}}
}

// GeoPackage writes the run's layers (Layers) as a GeoPackage to w;
// date is the input data's date, written as the layers' last change.
func GeoPackage(w io.Writer, in input.Input, date time.Time) error {
	layers, err := Layers(in)
	if err != nil {
		return err
	}
	return gpkg.Write(w, layers, gpkg.Options{Date: date})
}

// StyleFiles returns the QML documents to write beside the GeoJSON and
// CSV outputs, keyed by file name: "villages.qml" (QGIS loads a style
// named like the data file by default). For villages mixing points and
// polygons, QGIS 3.22 opens villages.geojson as one sub-layer per geometry
// type and gives both the same default style: the style is then
// rule-based (qml.Mixed), with markers for the points and fills for the
// polygons on the same classes.
func StyleFiles(in input.Input) map[string][]byte {
	l := in.Lang
	if _, err := qml.ParseLang(string(l)); err != nil {
		l = qml.EN
	}
	polys, mixed := villageGeometry(&in)
	geom := qml.Point
	switch {
	case polys:
		geom = qml.Polygon
	case mixed:
		geom = qml.Mixed
	}
	return map[string][]byte{
		"villages.qml": qml.Distance(geom, StyleField(in), in.Result.Params.ThresholdsM, l),
	}
}

// ServiceTable is services.csv: tables.Services(Result) with each
// service's provenance from p (WithProvenance).
func ServiceTable(r *analysis.Result, p func(id string) (source, date string, reports []string)) table.Table {
	return WithProvenance(tables.Services(r), "id", p)
}

// WithProvenance adds to t, whose column idCol holds service ids, the
// columns source, source_date and reports (the ids of the reports that
// changed the service, space-separated) of each service from p, empty
// when p is nil. p is called concurrently when t is Concurrent.
func WithProvenance(t table.Table, idCol string, p func(id string) (source, date string, reports []string)) table.Table {
	id := t.Index(idCol)
	row := t.Row
	t.Columns = append(slices.Clone(t.Columns), table.Column{Name: "source"}, table.Column{Name: "source_date"}, table.Column{Name: "reports"})
	t.Row = func(i int, dst []table.Cell) []table.Cell {
		dst = row(i, dst)
		if p == nil {
			return append(dst, table.Str(""), table.Str(""), table.Str(""))
		}
		source, date, reports := p(dst[id].Text())
		return append(dst, table.Str(source), table.Str(date), table.Str(strings.Join(reports, " ")))
	}
	return t
}
