// Package tables lays a Result out as the tables of a report, in the
// output contract of datasets/table: villages.csv and villages.geojson's
// properties (Villages), the long form access.csv (Access), areas.csv
// (Areas), services.csv (Services), open_hours.csv (OpenHours),
// inequality.csv (Inequality) and a variant's delta_open_hours.csv
// (OpenHoursDelta). Every travel mode's block follows its travel.Schema:
// columns, statuses and thresholds come from the schema, not from code
// here. It reads only what a Result exports; the writers in render turn
// the tables into files.
package tables
