package datasets

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid is wrapped by every error caused by bad input data, so callers
// can map it to the "invalid data" exit code with errors.Is.
var ErrInvalid = errors.New("datasets: invalid input data")

// RecordError is a problem with one record (or one field of it) in a source.
type RecordError struct {
	Source  string // file name or embedded dataset name
	Line    int    // 1-based line (CSV, or JSON line of a syntax error); 0 if unknown
	Feature int    // 0-based GeoJSON feature index; -1 if not applicable
	Field   string // property, column or "geometry"; "" for whole-record or file problems
	Reason  string
}

// Error formats as "file:line: feature 3: field "population": reason".
func (e *RecordError) Error() string {
	var b strings.Builder
	b.WriteString(e.Source)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Feature >= 0 {
		fmt.Fprintf(&b, "feature %d: ", e.Feature)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "field %q: ", e.Field)
	}
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap makes errors.Is(err, ErrInvalid) true for every RecordError.
func (e *RecordError) Unwrap() error { return ErrInvalid }

// ErrorList collects every problem found in one or more sources, so that
// `partons validate` can report them all at once. A nil or empty list is
// not an error; use Err to get an error value.
type ErrorList []*RecordError

// Add appends a problem.
func (l *ErrorList) Add(e *RecordError) { *l = append(*l, e) }

// Err returns nil for an empty list and the list itself otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error lists the first problems, one per line, and how many more there are.
func (l ErrorList) Error() string {
	const show = 20
	var b strings.Builder
	for i, e := range l {
		if i == show {
			fmt.Fprintf(&b, "\n… and %d more problems", len(l)-show)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap exposes the individual errors to errors.Is/As.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}
