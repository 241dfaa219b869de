package report

import (
	"io"
	"time"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/table"
	"github.com/partons/partons/render/gpkg"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/draw"
)

// StyleField is the field the villages' default style colours: the main
// category's nearest distance (metres).
func StyleField(in Input) string {
	main := in.MainCategory
	if main == "" {
		main = MainCategory(in.Result)
	}
	return main + "_nearest_m"
}

// villageGeometry says how villages are drawn: as their polygons when
// every village is one, else as the points distances were measured from.
func villageGeometry(in *Input) (polygons bool, mixed bool) {
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
//   - villages: Result.VillageTable() with the original geometry when all
//     villages are polygons (fill style), else every village's measured
//     point (marker style), graduated on StyleField, labelled by name;
//   - village_polygons: when villages mix points and polygons, the
//     polygon villages with the same columns;
//   - services: Result.ServiceTable() as points, coloured by category;
//   - areas: Result.AreaTable(Aggregates), attributes only (areas.csv);
//   - sites, delta_villages: with Input.Sites and Input.Scenario.
//
// Complexity O(villages + services) plus the tables' rows.
func Layers(in Input) ([]gpkg.Layer, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	r := in.Result
	l := in.Lang
	if _, err := qml.ParseLang(string(l)); err != nil {
		l = qml.EN
	}
	if in.Aggregates == nil {
		in.Aggregates = r.Aggregates()
	}
	field := StyleField(in)
	breaks := r.Params.ThresholdsM
	vt := r.VillageTable()
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

	st := r.ServiceTable()
	sg := make([]orb.Geometry, len(r.Services))
	for i := range r.Services {
		sg[i] = r.Services[i].Location
	}
	layers = append(layers, gpkg.Layer{Name: "services", Description: "service points with their mapped category (services.csv)",
		Table: st, Geometries: sg, Style: qml.ServicesLabelled(r.Categories, in.Labels, l)})
	layers = append(layers, gpkg.Layer{Name: "areas", Description: "population-weighted aggregates per area, country and overall (areas.csv)",
		Table: r.AreaTable(in.Aggregates)})

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
		breaksD := clean(s.BreaksM)
		if len(breaksD) == 0 {
			breaksD = DefaultDeltaBreaksM
		}
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

// subset is t restricted to the rows idx, in that order.
func subset(t table.Table, idx []int) table.Table {
	return table.Table{Columns: t.Columns, Len: len(idx), Row: func(i int, dst []table.Cell) []table.Cell {
		return t.Row(idx[i], dst)
	}}
}

// GeoPackage writes the run's layers (Layers) as a GeoPackage to w;
// date is the input data's date, written as the layers' last change.
func GeoPackage(w io.Writer, in Input, date time.Time) error {
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
func StyleFiles(in Input) map[string][]byte {
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
