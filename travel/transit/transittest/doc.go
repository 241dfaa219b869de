// Package transittest builds timetables for tests, oracles and
// benchmarks of package transit: small random ones (Random) and a
// regional operator's worth (Regional), and writes them as GTFS text
// files (WriteGTFS) for the independent oracle of make verify.
//
// Everything is deterministic for a given seed.
package transittest
