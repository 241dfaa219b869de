// Package figures computes the numbers report.html shows from an
// analysis.Result: each village's distance on the basis the report
// uses (across the border when known, else within the country), the
// population-weighted distributions per country, the villages worst
// off, the aggregate a table shows, village-counted shares where no
// population is known, and the road and public-transport values with
// the conventions of analysis' aggregates.
//
// Units: distances in metres, times in minutes. NaN is unknown (the
// data does not cover it), +Inf is known to reach no service.
//
// Functions are pure: they read their arguments, never modify them
// (Unmeasured aside, which blanks its first argument), and are safe for
// concurrent use.
package figures
