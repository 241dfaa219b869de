// Package output writes partons' reports: tables as CSV and JSON
// documents such as the manifest (GeoJSON comes from datasets/geojsonio/collection),
// all into a report directory (Dir) or a single file (File) that appears
// atomically.
//
// Spreadsheets: WriteCSV guards text cells against formula injection
// (GuardCSVText: a leading ' before = + - @ tab or CR, after OWASP) unless
// given CSVGuard(false); numbers are never changed.
//
// Determinism: the bytes depend only on the tables (whose numbers are
// already formatted, see datasets/table) and geometries; there are no
// timestamps.
//
// Safety: Check is the one place where a command's outputs are compared
// with its inputs (resolved paths, symlinks followed, hard links
// recognised) and with each other. A Dir replaces only an empty directory
// or a report whose manifest.json names the same command. Writing happens
// in a hidden sibling (.NAME.tmp-…) swapped into place in one step; the
// lock file .NAME.lock beside the output (an advisory flock on unix
// systems, none elsewhere) serialises processes writing the same path,
// and whoever takes it next repairs what killed processes left there.
//
// Concurrency: a Dir or File is used from one goroutine (Dir.WriteFile
// may run concurrently on distinct names). Stop, for a signal handler,
// removes every unfinished output of the process and blocks all later
// writes.
package output
