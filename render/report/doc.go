// Package report builds partons' HTML report: one self-contained file
// (inline CSS and SVG, no script, no network request) that reads offline
// and prints on A4. It holds the headline figures per country and area,
// a map of the villages coloured by distance for each category (French
// communes drawn as polygons, area outlines when known, service points),
// the share of people within each distance per country, the villages worst
// off, and the data sources with their vintage, coverage and attribution.
// Optional sections show a scenario's villages that lose or gain and the
// sites a location run chose. Labels, headings and number formats follow
// the report language (Dutch, French or English, render/qml.Lang);
// place names are given in that language where it has its own name
// (Ypres for Ieper in French and English).
//
// render/layers assembles the GeoPackage layers and QGIS styles of a
// run from the same Input (render/report/input), so the QGIS legend and
// the report's map agree.
//
// Units: distances are WGS84 geodesic metres (straight lines); shares are
// of the people whose population and distance are known. Maps use the
// ETRS89 Lambert azimuthal equal-area projection (EPSG:3035).
//
// The package does no file I/O: Write renders to an io.Writer. Output is
// deterministic (no clock, sorted iteration). Functions are safe for
// concurrent use on distinct inputs.
package report
