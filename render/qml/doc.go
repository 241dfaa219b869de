// Package qml writes QGIS layer styles (QML documents, QGIS 3.22 and
// later) for partons' layers, so the GeoPackage and GeoJSON outputs open
// in QGIS already styled: graduated colours for a distance field, a
// diverging ramp for scenario deltas, the service categories, and labels
// with village names. Legends are in Dutch, French or English (Lang), with
// the number formats of each language; render/report uses the same Lang
// so the HTML report and QGIS legends read alike.
//
// Units: distance fields and breaks are metres; legends show metres below
// 1 km and kilometres above.
//
// A layer mixing points and polygons (Mixed) gets a rule-based style with
// the same classes drawn by markers for points and fills for polygons:
// QGIS draws each geometry only with a symbol of its own type.
//
// Features whose field is NULL (a distance that could not be computed,
// see the status columns) are drawn in grey as "no data", never hidden:
// the renderer classifies coalesce(field, -1) and the first class is
// [-1, -1].
//
// Output is deterministic (no timestamps, fixed attribute order) and
// functions are safe for concurrent use.
package qml
