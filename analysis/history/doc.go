// Package history sets the reports of several years side by side: for
// every village, category and year the nearest distance, the nearest
// service and its side of the border, coverage within the distance
// thresholds, and the change from one year to the next and from the first
// year to the last (Trends); the same per area (Areas); and the services
// that appeared, disappeared, moved or changed category between
// consecutive years (Services).
//
// It reads no file: each Year holds the tables of one report as text
// (reportdiff.CSV), and the tables it returns are written by the caller.
// Values are taken as the reports wrote them; a village, category or area
// missing from a year is marked (missing_village, missing_category,
// missing_area) with empty values, never filled in from another year.
// Only the thresholds every year has get coverage columns.
//
// Units: distances in metres; shares in [0, 1]; years as calendar years.
//
// Concurrency: a History is read-only after New; its methods may be
// called from several goroutines.
package history
