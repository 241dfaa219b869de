package gpkg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	_ "modernc.org/sqlite" // pure-Go SQLite driver "sqlite"

	"github.com/partons/partons/datasets/table"
)

// Layer is one table of a GeoPackage.
type Layer struct {
	// Name is the table name: a letter or underscore, then letters,
	// digits or underscores (it also names the R-tree and the style).
	Name string
	// Description goes into gpkg_contents.description.
	Description string
	// Table gives the columns and rows. Column names must be unique and
	// differ from "fid" and "geom" (case-insensitively).
	Table table.Table
	// Geometries, aligned with the table's rows, in WGS84 lon/lat; nil
	// makes an attributes table without geometry. A nil entry is a NULL
	// geometry.
	Geometries []orb.Geometry
	// Style is a QGIS style (QML document) stored in layer_styles as the
	// layer's default; nil for none.
	Style []byte
	// StyleName names the style in QGIS (default: the layer name).
	StyleName string
}

// Options are file-wide settings.
type Options struct {
	// Date is written as gpkg_contents.last_change and
	// layer_styles.update_time: the date of the input data, so the same
	// inputs give the same bytes. The zero time writes 1970-01-01.
	Date time.Time
}

// ErrLayer is wrapped by errors about a Layer's definition or content.
var ErrLayer = errors.New("gpkg: invalid layer")

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Write builds a GeoPackage holding layers, in order, and writes its bytes
// to w. Complexity O(total cells + vertices + n log n) for the R-trees;
// memory about the size of the file.
func Write(w io.Writer, layers []Layer, opt Options) error {
	if err := checkLayers(layers); err != nil {
		return err
	}
	b, err := build(layers, opt)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("gpkg: %w", err)
	}
	return nil
}

func checkLayers(layers []Layer) error {
	seen := map[string]bool{"layer_styles": true}
	for i, l := range layers {
		if !identRE.MatchString(l.Name) || strings.HasPrefix(strings.ToLower(l.Name), "gpkg_") ||
			strings.HasPrefix(strings.ToLower(l.Name), "rtree_") || strings.HasPrefix(strings.ToLower(l.Name), "sqlite_") {
			return fmt.Errorf("%w: layer %d: name %q: want [A-Za-z_][A-Za-z0-9_]*, not starting with gpkg_, rtree_ or sqlite_", ErrLayer, i, l.Name)
		}
		if seen[strings.ToLower(l.Name)] {
			return fmt.Errorf("%w: layer %q: name used twice or reserved", ErrLayer, l.Name)
		}
		seen[strings.ToLower(l.Name)] = true
		if l.Geometries != nil && len(l.Geometries) != l.Table.Len {
			return fmt.Errorf("%w: layer %q: %d geometries for %d rows", ErrLayer, l.Name, len(l.Geometries), l.Table.Len)
		}
		if l.Table.Len > 0 && l.Table.Row == nil {
			return fmt.Errorf("%w: layer %q: table has rows but no Row function", ErrLayer, l.Name)
		}
		cols := map[string]bool{"fid": true, "geom": true}
		for _, c := range l.Table.Columns {
			k := strings.ToLower(c.Name)
			if c.Name == "" || cols[k] {
				return fmt.Errorf("%w: layer %q: column %q is empty, repeated or reserved (fid, geom)", ErrLayer, l.Name, c.Name)
			}
			cols[k] = true
		}
	}
	return nil
}

// quote returns an SQL identifier in double quotes.
func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// lit returns an SQL string literal.
func lit(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }

func sqlType(c table.Column) string {
	switch {
	case c.Kind == table.Bool:
		return "BOOLEAN"
	case c.Kind == table.Number && c.Decimals == 0:
		return "INTEGER"
	case c.Kind == table.Number:
		return "REAL"
	}
	return "TEXT"
}

func build(layers []Layer, opt Options) ([]byte, error) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, fmt.Errorf("gpkg: open: %w", err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("gpkg: open: %w", err)
	}
	defer conn.Close()

	date := opt.Date.UTC().Format("2006-01-02T15:04:05.000Z")
	if opt.Date.IsZero() {
		date = "1970-01-01T00:00:00.000Z"
	}
	for _, s := range pragmas {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return nil, fmt.Errorf("gpkg: %s: %w", s, err)
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("gpkg: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	for _, s := range coreSchema {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return nil, fmt.Errorf("gpkg: schema: %w", err)
		}
	}
	styles := false
	for i := range layers {
		if err := writeLayer(ctx, tx, &layers[i], date); err != nil {
			return nil, err
		}
		styles = styles || layers[i].Style != nil
	}
	if styles {
		if err := writeStyles(ctx, tx, layers, date); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("gpkg: commit: %w", err)
	}
	var out []byte
	err = conn.Raw(func(dc any) error {
		s, ok := dc.(interface{ Serialize() ([]byte, error) })
		if !ok {
			return errors.New("the SQLite driver cannot serialise a database")
		}
		out, err = s.Serialize()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("gpkg: serialise: %w", err)
	}
	return out, nil
}

// writeLayer creates, fills and registers one table; for a features
// table also its R-tree, filled from the geometries' bounds, and the
// R-tree's maintenance triggers (created last, so they never run here:
// they call functions that GDAL and QGIS provide, not plain SQLite).
func writeLayer(ctx context.Context, tx *sql.Tx, l *Layer, date string) error {
	feat := l.Geometries != nil
	gtype := ""
	var ddl strings.Builder
	fmt.Fprintf(&ddl, "CREATE TABLE %s (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL", quote(l.Name))
	if feat {
		gtype = geometryType(l.Geometries)
		fmt.Fprintf(&ddl, ", geom %s", gtype)
	}
	for _, c := range l.Table.Columns {
		fmt.Fprintf(&ddl, ", %s %s", quote(c.Name), sqlType(c))
	}
	ddl.WriteString(")")
	if _, err := tx.ExecContext(ctx, ddl.String()); err != nil {
		return fmt.Errorf("gpkg: layer %q: %w", l.Name, err)
	}

	ncol := len(l.Table.Columns)
	ph := strings.Repeat(", ?", ncol)
	var ins string
	if feat {
		ins = fmt.Sprintf("INSERT INTO %s VALUES (?, ?%s)", quote(l.Name), ph)
	} else {
		ins = fmt.Sprintf("INSERT INTO %s VALUES (?%s)", quote(l.Name), ph)
	}
	stmt, err := tx.PrepareContext(ctx, ins)
	if err != nil {
		return fmt.Errorf("gpkg: layer %q: %w", l.Name, err)
	}
	defer stmt.Close()
	var rt *sql.Stmt
	rtree := "rtree_" + l.Name + "_geom"
	if feat {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("CREATE VIRTUAL TABLE %s USING rtree(id, minx, maxx, miny, maxy)", quote(rtree))); err != nil {
			return fmt.Errorf("gpkg: layer %q: spatial index: %w", l.Name, err)
		}
		if rt, err = tx.PrepareContext(ctx, fmt.Sprintf("INSERT INTO %s VALUES (?, ?, ?, ?, ?)", quote(rtree))); err != nil {
			return fmt.Errorf("gpkg: layer %q: spatial index: %w", l.Name, err)
		}
		defer rt.Close()
	}

	var ext orb.Bound
	hasExt := false
	args := make([]any, 0, ncol+2)
	var row []table.Cell
	for i := 0; i < l.Table.Len; i++ {
		row = l.Table.Row(i, row)
		if len(row) != ncol {
			return fmt.Errorf("%w: layer %q: row %d has %d cells for %d columns", ErrLayer, l.Name, i, len(row), ncol)
		}
		fid := int64(i + 1)
		args = append(args[:0], fid)
		if feat {
			g := l.Geometries[i]
			if g == nil {
				args = append(args, nil)
			} else {
				blob, err := encode(g, gtype == "MULTIPOLYGON")
				if err != nil {
					return fmt.Errorf("%w: layer %q: feature %d: %v", ErrLayer, l.Name, i, err)
				}
				args = append(args, blob)
				if !isEmpty(g) {
					b := g.Bound()
					if hasExt {
						ext = ext.Union(b)
					} else {
						ext, hasExt = b, true
					}
					if _, err := rt.ExecContext(ctx, fid, b.Min[0], b.Max[0], b.Min[1], b.Max[1]); err != nil {
						return fmt.Errorf("gpkg: layer %q: spatial index: %w", l.Name, err)
					}
				}
			}
		}
		for c, cell := range row {
			v, err := value(l.Table.Columns[c], cell)
			if err != nil {
				return fmt.Errorf("%w: layer %q: row %d: column %q: %v", ErrLayer, l.Name, i, l.Table.Columns[c].Name, err)
			}
			args = append(args, v)
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("gpkg: layer %q: row %d: %w", l.Name, i, err)
		}
	}

	dataType := "attributes"
	if feat {
		dataType = "features"
	}
	var minX, minY, maxX, maxY, srs any
	if feat {
		srs = int64(srsWGS84)
		if hasExt {
			minX, minY, maxX, maxY = ext.Min[0], ext.Min[1], ext.Max[0], ext.Max[1]
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, l.Name, dataType, l.Name, l.Description, date, minX, minY, maxX, maxY, srs); err != nil {
		return fmt.Errorf("gpkg: layer %q: contents: %w", l.Name, err)
	}
	if !feat {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)`, l.Name, gtype, srsWGS84); err != nil {
		return fmt.Errorf("gpkg: layer %q: geometry columns: %w", l.Name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')`, l.Name); err != nil {
		return fmt.Errorf("gpkg: layer %q: extensions: %w", l.Name, err)
	}
	for _, s := range rtreeTriggers(l.Name, "geom") {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("gpkg: layer %q: spatial index trigger: %w", l.Name, err)
		}
	}
	return nil
}

// value converts a cell to its SQL value: text, int64, float64 from the
// cell's rounded text (the digits the CSV carries), 0/1, or NULL.
func value(c table.Column, cell table.Cell) (any, error) {
	if cell.Null() {
		return nil, nil
	}
	if cell.Infinite() {
		return nil, fmt.Errorf("infinite value (an overflow): not written")
	}
	s := cell.Text()
	switch {
	case cell.IsText():
		return s, nil
	case s == "true":
		return int64(1), nil
	case s == "false":
		return int64(0), nil
	}
	if c.Kind == table.Number && c.Decimals == 0 {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, fmt.Errorf("value %q is not a number", s)
	}
	return f, nil
}

// writeStyles creates QGIS's layer_styles table (as the OGR provider of
// QGIS 3 creates it) and stores each layer's style as its default.
func writeStyles(ctx context.Context, tx *sql.Tx, layers []Layer, date string) error {
	for _, s := range stylesSchema {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("gpkg: layer_styles: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change)
		VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles', ?)`, date); err != nil {
		return fmt.Errorf("gpkg: layer_styles: %w", err)
	}
	for _, l := range layers {
		if l.Style == nil {
			continue
		}
		name := l.StyleName
		if name == "" {
			name = l.Name
		}
		geom := ""
		if l.Geometries != nil {
			geom = "geom"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column,
			styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, update_time)
			VALUES ('', '', ?, ?, ?, ?, '', 1, ?, '', NULL, ?)`, l.Name, geom, name, string(l.Style), "default style of "+l.Name, date); err != nil {
			return fmt.Errorf("gpkg: layer %q: style: %w", l.Name, err)
		}
	}
	return nil
}
