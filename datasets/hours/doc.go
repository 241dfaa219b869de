// Package hours reads OpenStreetMap opening_hours values and evaluates them
// over one reference week into open intervals, with the public holidays of
// the service's country.
//
// # Units and time
//
// A week is the seven days from a Monday 00:00 to the next Monday 00:00 in
// local wall-clock time: 10,080 minutes, whatever the daylight-saving
// changes of that week. Intervals are minutes from the start of the week,
// half-open [Start, End). Hours per week are minutes / 60.
//
// # What is read
//
// The value is split into rules here ("; " normal rules, ", " additional
// rules, "||" fallback rules), and each rule into its selector, its times,
// its state (open, off/closed, unknown) and its comment. The selector
// (weekdays, nth weekdays, months and dates, week numbers, years, easter,
// PH with day offsets) is matched day by day by
// github.com/Daquisu/opening_hours.go (MIT); the times and the order of rules
// are evaluated by this package, because that library treats every public
// holiday as closed unless a PH rule says otherwise, opens comment-only rules
// all day, drops the weekdays of a "Sa,PH" list and rejects "unknown"
// rules (see eval.go). Times with sunrise, sunset, dawn or dusk, and school
// holidays (SH), need data partons does not have: such values evaluate to
// unknown with a reason, never to a guess.
//
// A missing value is unknown, never "always open". A value that cannot be
// read is an *Error; callers with a lenient option turn it into unknown and
// count it.
//
// # Concurrency
//
// A parsed *Hours is immutable after Parse and safe for concurrent use;
// Calendar values are safe for concurrent use.
package hours
