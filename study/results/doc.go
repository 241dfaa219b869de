// Package results turns a computed run into its report folder: the
// manifest (BuildManifest), the opening-hours evaluation it records
// (Hours), the input of report.html (ReportInput) and the writers of
// every file, taken from the one registry of output files, render/files
// (Writers, WriteReport). It also replays a run from its manifest
// (ReadManifest, CheckInputsUnchanged) and prints the notes about the
// data a run gives on stderr (WriteCoverage, WriteUnmapped).
//
// A report folder is written atomically (render/output). Nothing here is
// safe for concurrent use.
package results
