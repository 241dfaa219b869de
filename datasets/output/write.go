package output

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/partons/partons/datasets/table"
)

// WriteCSV writes t with a header row, comma-separated, LF line endings,
// null cells empty.
func WriteCSV(w io.Writer, t table.Table) error {
	cw := csv.NewWriter(w)
	rec := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		rec[i] = c.Name
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	for _, row := range t.Rows {
		for i, c := range row {
			rec[i] = c.Text
			if c.Null {
				rec[i] = ""
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// GeoJSONOptions are the foreign members of the collection.
type GeoJSONOptions struct {
	// Name is written as the collection's "name" member (GDAL and QGIS
	// use it as the layer name).
	Name string
	// Attribution is written as the collection's "attribution" member
	// (ODbL and CC BY require it wherever the data goes).
	Attribution string
}

// WriteGeoJSON writes an RFC 7946 FeatureCollection with one feature per
// row of t, geometry geoms[i] (WGS84 lon/lat) and flat properties in column
// order. Number and Bool cells become JSON numbers and booleans, null cells
// JSON null. One feature per line.
func WriteGeoJSON(w io.Writer, t table.Table, geoms []orb.Geometry, opt GeoJSONOptions) error {
	if len(geoms) != len(t.Rows) {
		return fmt.Errorf("output: %d geometries for %d rows", len(geoms), len(t.Rows))
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(`{"type":"FeatureCollection"`)
	if opt.Name != "" {
		bw.WriteString(`,"name":`)
		writeString(bw, opt.Name)
	}
	if opt.Attribution != "" {
		bw.WriteString(`,"attribution":`)
		writeString(bw, opt.Attribution)
	}
	bw.WriteString(`,"features":[`)
	keys := make([][]byte, len(t.Columns))
	for i, c := range t.Columns {
		var b bytes.Buffer
		writeString(&b, c.Name)
		keys[i] = b.Bytes()
	}
	for r, row := range t.Rows {
		if r > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n{\"type\":\"Feature\",\"geometry\":")
		if geoms[r] == nil {
			return fmt.Errorf("output: row %d has no geometry", r)
		}
		g, err := geojson.NewGeometry(geoms[r]).MarshalJSON()
		if err != nil {
			return fmt.Errorf("output: row %d: %w", r, err)
		}
		bw.Write(g)
		bw.WriteString(`,"properties":{`)
		for i, c := range row {
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.Write(keys[i])
			bw.WriteByte(':')
			switch {
			case c.Null:
				bw.WriteString("null")
			case t.Columns[i].Kind == table.String:
				writeString(bw, c.Text)
			default:
				bw.WriteString(c.Text)
			}
		}
		bw.WriteString("}}")
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

// WriteJSON writes v as indented JSON with a final newline. Struct field
// order and sorted map keys make it deterministic.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

type byteWriter interface {
	io.Writer
	io.ByteWriter
	io.StringWriter
}

func writeString(w byteWriter, s string) {
	b, _ := json.Marshal(s) // cannot fail for a string
	// json.Marshal escapes <, > and & for HTML; undo for readability.
	b = bytes.ReplaceAll(b, []byte(`\u003c`), []byte("<"))
	b = bytes.ReplaceAll(b, []byte(`\u003e`), []byte(">"))
	b = bytes.ReplaceAll(b, []byte(`\u0026`), []byte("&"))
	w.Write(b)
}
