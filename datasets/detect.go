package datasets

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Format is an input file format.
type Format int

// The formats partons reads.
const (
	FormatUnknown Format = iota
	FormatGeoJSON
	FormatCSV
)

// String returns "GeoJSON", "CSV" or "unknown".
func (f Format) String() string {
	switch f {
	case FormatGeoJSON:
		return "GeoJSON"
	case FormatCSV:
		return "CSV"
	}
	return "unknown"
}

// DetectFormat picks the reader for a file from its name and its first
// bytes (head; a few hundred bytes are enough). The extension decides when
// it is known, case-insensitively: .geojson and .json are GeoJSON, .csv,
// .tsv and .txt are CSV. Otherwise the content decides: after an optional
// UTF-8 byte order mark and white space, '{' means GeoJSON ('[' is an
// error: JSON but not GeoJSON); valid UTF-8
// text whose first line contains a comma, semicolon or tab means CSV.
// Anything else is an error naming the file. O(len(head)).
func DetectFormat(name string, head []byte) (Format, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".geojson", ".json":
		return FormatGeoJSON, nil
	case ".csv", ".tsv", ".txt":
		return FormatCSV, nil
	}
	body := bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return FormatUnknown, fmt.Errorf("datasets: %s: cannot detect the format of an empty file", name)
	}
	switch trimmed[0] {
	case '{':
		return FormatGeoJSON, nil
	case '[':
		return FormatUnknown, fmt.Errorf("datasets: %s: a JSON array is not GeoJSON (expected a FeatureCollection object)", name)
	}
	first := body
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	// The head may end inside a multi-byte character: only check complete ones.
	if validUTF8Prefix(first) && bytes.ContainsAny(first, ",;\t") {
		return FormatCSV, nil
	}
	return FormatUnknown, fmt.Errorf("datasets: %s: unknown format (expected a .geojson, .json, .csv or .txt file, or GeoJSON/CSV content)", name)
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing an incomplete
// character at its very end.
func validUTF8Prefix(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			return len(b) < utf8.UTFMax && !utf8.FullRune(b)
		}
		b = b[size:]
	}
	return true
}
