// Package input is what a report shows: the Input of report.html
// (render/report) and of the GIS layers of the same run (render/layers),
// so that both draw the same figures. It holds the input's types (data
// sources, coverage notes, areas, a scenario's differences, the sites of
// a location run), its consistency check (Check, errors wrapping
// ErrInput) and its defaults (MainCategory, Scenario.Breaks).
//
// Distances are metres, coordinates WGS84 lon/lat degrees. The package
// keeps no state; an Input is only read.
package input
