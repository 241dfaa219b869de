// Package files is the one registry of the files partons' reports hold:
// for each file its name, the description manifest.json gives it, the
// reports that may hold it (a run, a scenario and its variants, a
// location run), whether --outputs may name it, and its writer. Commands
// choose names and fill a Content; the registry writes the bytes, so a
// new output format is one entry here.
//
// Determinism: every writer's bytes depend only on the Content (see
// datasets/table, datasets/geojsonio/collection, render/output,
// render/report).
//
// Concurrency: the registry is read-only; writers may run concurrently on
// distinct Contents.
package files
