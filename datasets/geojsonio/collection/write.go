package collection

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/partons/partons/datasets/table"
)

// Options are the foreign members of the collection.
type Options struct {
	// Name is written as the collection's "name" member (GDAL and QGIS
	// use it as the layer name).
	Name string
	// Attribution is written as the collection's "attribution" member
	// (ODbL and CC BY require it wherever the data goes).
	Attribution string
	// DataDate, when set, is written as the collection's "data_date"
	// member (RFC 3339, UTC), before the features: the date of the data,
	// which HeadDataDate reads back.
	DataDate time.Time
}

// Write writes an RFC 7946 FeatureCollection with one feature per
// row of t, geometry geoms[i] (WGS84 lon/lat) and flat properties in column
// order. Number and Bool cells become JSON numbers and booleans, null cells
// JSON null. One feature per line; rows stream.
func Write(w io.Writer, t table.Table, geoms []orb.Geometry, opt Options) error {
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
	if !opt.DataDate.IsZero() {
		b = append(b, `,"`+DataDateMember+`":`...)
		b = appendJSONString(b, opt.DataDate.UTC().Format(time.RFC3339))
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
	var inf table.Overflow
	err := table.WriteRows(bw, t, func(b []byte, r int, row []table.Cell, tmp *[]byte) []byte {
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
				inf.Note(t, r, i)
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
		err = inf.Err()
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
