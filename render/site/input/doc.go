// Package input reads the finished report folders a website is built
// from (render/site): Load reads one folder, its manifest and the rows of
// its villages.csv, services.csv, contributions.csv, indicators.csv and
// GeoJSON shapes, each file checked against the manifest's checksums and
// the rows against what partons writes; Order sorts runs by their data
// date and labels them.
//
// Distances are metres and coordinates WGS84 lon/lat degrees, as the
// report folder holds them. A Run is read-only once loaded (or once
// IndexServices has run on a Run filled by hand) and then safe for
// concurrent use.
package input
