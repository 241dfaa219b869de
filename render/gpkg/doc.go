// Package gpkg writes OGC GeoPackage 1.2 files (SQLite databases holding
// vector layers) in pure Go: the layers of a report open in QGIS, already
// styled, and in GDAL/OGR.
//
// A file holds any number of Layers. A layer with geometries becomes a
// "features" table (fid, geom, then the table's columns) registered in
// gpkg_contents and gpkg_geometry_columns in EPSG:4326 (WGS84 lon/lat
// degrees), with an R-tree spatial index (the gpkg_rtree_index extension,
// with its maintenance triggers) and standard GeoPackage binary geometries
// (the "GP" header, an envelope for non-points, little-endian WKB). A
// layer without geometries becomes an "attributes" table. A layer's QGIS
// style (QML, see render/qml) goes into the layer_styles table that QGIS
// reads as the layer's default style.
//
// Column types follow the table contract (datasets/table): String →
// TEXT, Bool → BOOLEAN (0/1), Number → INTEGER when the column has zero
// decimals, else REAL holding exactly the rounded value that the CSV and
// GeoJSON outputs carry. Null cells are SQL NULL.
//
// Determinism: the same layers and Options give the same bytes. The
// database is built in memory in a fixed order (4096-byte pages, one
// transaction, no WAL), every timestamp is Options.Date, never the clock,
// and the file is the serialised in-memory database.
//
// Memory: the whole file is held in memory while it is written (about the
// size of the file, plus SQLite's page cache).
//
// Concurrency: Write may be called from several goroutines at once; each
// call builds its own database.
package gpkg
