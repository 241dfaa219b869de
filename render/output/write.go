package output

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/partons/partons/datasets/table"
)

// WriteCSV writes t with a header row, comma-separated, LF line endings,
// null cells empty; fields are quoted (RFC 4180) only when they contain a
// comma, a quote, a line break or leading/trailing space. Text cells are
// guarded against spreadsheet formula injection unless CSVGuard(false) is
// given (see GuardCSVText); number and boolean cells never are, so a
// negative distance stays a number. Rows stream: memory does not grow with
// the table. Concurrent tables are formatted on all cores in chunks written
// in order (same bytes).
func WriteCSV(w io.Writer, t table.Table, opts ...CSVOption) error {
	cfg := csvConfig{guard: true}
	for _, o := range opts {
		o(&cfg)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	var b []byte
	for i, c := range t.Columns {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVText(b, c.Name, cfg.guard)
	}
	b = append(b, '\n')
	if _, err := bw.Write(b); err != nil {
		return err
	}
	var inf infiniteCell
	err := formatRows(bw, t, func(b []byte, r int, row []table.Cell, tmp *[]byte) []byte {
		for i, c := range row {
			if i > 0 {
				b = append(b, ',')
			}
			if c.Infinite() {
				inf.note(t, r, i)
			}
			if c.IsText() {
				*tmp = c.AppendText((*tmp)[:0])
				b = appendCSVText(b, string(*tmp), cfg.guard)
			} else {
				b = c.AppendText(b)
			}
		}
		return append(b, '\n')
	})
	if err == nil {
		err = inf.err
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// infiniteCell records the first infinite cell met by concurrent row
// formatters.
type infiniteCell struct {
	once sync.Once
	err  error
}

func (f *infiniteCell) note(t table.Table, r, col int) {
	f.once.Do(func() {
		f.err = fmt.Errorf("output: row %d, column %q: infinite value (an overflow): not written", r+1, t.Columns[col].Name)
	})
}

// formatRows formats every row of t with format and writes them in order:
// sequentially, or for a Concurrent table in chunks on all cores.
func formatRows(w io.Writer, t table.Table, format func(b []byte, r int, row []table.Cell, tmp *[]byte) []byte) error {
	const chunk = 2048
	workers := runtime.GOMAXPROCS(0)
	if !t.Concurrent || t.Len < 2*chunk || workers < 2 {
		var b, tmp []byte
		var row []table.Cell
		for r := 0; r < t.Len; r++ {
			row = t.Row(r, row)
			b = format(b, r, row, &tmp)
			if len(b) > 1<<15 {
				if _, err := w.Write(b); err != nil {
					return err
				}
				b = b[:0]
			}
		}
		_, err := w.Write(b)
		return err
	}
	// Chunks are formatted by workers into buffers and written in order;
	// at most 2×workers chunks are in flight.
	n := (t.Len + chunk - 1) / chunk
	results := make([]chan []byte, n)
	for i := range results {
		results[i] = make(chan []byte, 1)
	}
	next := make(chan int)
	sem := make(chan struct{}, 2*workers)
	go func() {
		for i := 0; i < n; i++ {
			sem <- struct{}{}
			next <- i
		}
		close(next)
	}()
	for range workers {
		go func() {
			var tmp []byte
			var row []table.Cell
			for i := range next {
				var b []byte
				for r := i * chunk; r < min((i+1)*chunk, t.Len); r++ {
					row = t.Row(r, row)
					b = format(b, r, row, &tmp)
				}
				results[i] <- b
			}
		}()
	}
	var err error
	for i := 0; i < n; i++ {
		b := <-results[i]
		<-sem
		if err == nil {
			_, err = w.Write(b)
		}
	}
	return err
}

// appendCSVField appends s as one field, quoted when it must be (or when
// quote is set).
func appendCSVField(b []byte, s string, quote bool) []byte {
	need := quote || s != "" && (s[0] == ' ' || s[0] == '\t' || s[len(s)-1] == ' ' || s[len(s)-1] == '\t')
	for i := 0; i < len(s) && !need; i++ {
		switch s[i] {
		case ',', '"', '\n', '\r':
			need = true
		}
	}
	if !need {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
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
// JSON null. One feature per line; rows stream.
func WriteGeoJSON(w io.Writer, t table.Table, geoms []orb.Geometry, opt GeoJSONOptions) error {
	if len(geoms) != t.Len {
		return fmt.Errorf("output: %d geometries for %d rows", len(geoms), t.Len)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	b := []byte(`{"type":"FeatureCollection"`)
	if opt.Name != "" {
		b = append(b, `,"name":`...)
		b = appendJSONString(b, opt.Name)
	}
	if opt.Attribution != "" {
		b = append(b, `,"attribution":`...)
		b = appendJSONString(b, opt.Attribution)
	}
	b = append(b, `,"features":[`...)
	keys := make([][]byte, len(t.Columns))
	for i, c := range t.Columns {
		keys[i] = append(appendJSONString(nil, c.Name), ':')
	}
	for r, g := range geoms {
		if g == nil {
			return fmt.Errorf("output: row %d has no geometry", r)
		}
	}
	if _, err := bw.Write(b); err != nil {
		return err
	}
	var geomErr error
	var once sync.Once
	var inf infiniteCell
	err := formatRows(bw, t, func(b []byte, r int, row []table.Cell, tmp *[]byte) []byte {
		if r > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n{\"type\":\"Feature\",\"geometry\":"...)
		if p, ok := geoms[r].(orb.Point); ok {
			b = append(b, `{"type":"Point","coordinates":`...)
			b = appendPosition(b, p)
			b = append(b, '}')
		} else {
			g, err := geojson.NewGeometry(geoms[r]).MarshalJSON()
			if err != nil {
				once.Do(func() { geomErr = fmt.Errorf("output: row %d: %w", r, err) })
				return b
			}
			b = append(b, g...)
		}
		b = append(b, `,"properties":{`...)
		for i, c := range row {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, keys[i]...)
			switch {
			case c.Infinite():
				inf.note(t, r, i)
				b = append(b, "null"...)
			case c.Null():
				b = append(b, "null"...)
			case c.IsText():
				*tmp = c.AppendText((*tmp)[:0])
				b = appendJSONString(b, string(*tmp))
			default:
				b = c.AppendText(b)
			}
		}
		return append(b, "}}"...)
	})
	if err == nil {
		err = geomErr
	}
	if err == nil {
		err = inf.err
	}
	if err != nil {
		return err
	}
	if _, err := bw.WriteString("\n]}\n"); err != nil {
		return err
	}
	return bw.Flush()
}

// appendPosition writes [lon,lat] exactly as encoding/json would (the
// shortest representation that round-trips), as orb's encoder does for
// every other geometry.
func appendPosition(b []byte, p orb.Point) []byte {
	b = append(b, '[')
	b = appendJSONFloat(b, p[0])
	b = append(b, ',')
	b = appendJSONFloat(b, p[1])
	return append(b, ']')
}

func appendJSONFloat(b []byte, f float64) []byte {
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		v, _ := json.Marshal(f) // exponent form: keep encoding/json's exact spelling
		return append(b, v...)
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// WriteJSON writes v as indented JSON with a final newline. Struct field
// order and sorted map keys make it deterministic.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, invalid UTF-8 replaced by U+FFFD, no HTML
// escaping (RFC 8259).
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, "\ufffd"...)
		} else if r == '\u2028' || r == '\u2029' {
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
