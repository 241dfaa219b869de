// Package contributions holds the reports residents, municipalities,
// associations and operators make about service points ("the baker closed
// in March", "the post agency moved"), reads them strictly from CSV or
// GeoJSON files, and merges them into a list of services with provenance.
//
// A Report says what was observed (Kind), about which service (ServiceID)
// or, for a service the data lacks, where and of which category; when it
// was observed (ObservedOn, a calendar date), by whom (Role) and what a
// moderator decided (Status). Read checks every field of every report and
// returns every problem at once, as a datasets.ErrorList naming the file,
// the line (CSV) or feature (GeoJSON) and the field; column names are
// mapped with a Schema, as for villages and services, so the CSV export
// of a form tool reads as it is.
//
// Merge is the pure function on records that applies them (merge.go
// states the rules): confirmed reports newer than their service's source
// change the list, proposed ones are only listed (unless a scenario asks
// for them), rejected ones are kept for the record, and contradictions,
// unknown services, future dates and places outside every area are
// errors naming the reports. Every service of the result carries the ids
// of the reports that changed it.
//
// Export turns confirmed reports about OpenStreetMap services into
// OpenStreetMap notes (notes.go).
//
// Units: coordinates are WGS84 longitude/latitude in degrees; dates are
// calendar days without time zone.
//
// Concurrency: functions keep no shared state; results belong to the
// caller.
package contributions
