// Package locate is partons locate as a library function: choose where to
// put shared service points (location-allocation: mclp, pmedian, pcenter,
// lscp, backup) among candidate sites, with costs from an external matrix
// or measured between villages and sites in a straight line or on roads
// (the one snapping path of package travel), and write the report folder
// (sites, assignment, summary, report.html) through the registry of
// render/files.
//
// Costs are metres (straight line, road length) or minutes (road time),
// or the matrix's own unit. Run honours its context. Nothing here is safe
// for concurrent use.
package locate
