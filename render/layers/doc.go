// Package layers assembles the GIS layers of a run from what report.html
// shows (an Input of render/report/input): the GeoPackage layers, each
// with its default QGIS style in the report language, and the QML style
// files written beside the GeoJSON and CSV outputs, so the QGIS legend and the report's
// maps agree (same classes, same colours).
//
// Units: distances in metres, times in minutes, as the tables carry them.
// The package does no file I/O: GeoPackage writes to an io.Writer. Output
// is deterministic. Functions are safe for concurrent use on distinct
// inputs.
package layers
