package hours

import (
	"strings"
	"sync"
)

// Evaluator evaluates many values over one week, parsing each distinct
// value once and evaluating each (value, country) pair once. Safe for
// concurrent use.
type Evaluator struct {
	week    Week
	lenient bool

	mu    sync.Mutex
	cache map[[2]string]result
}

type result struct {
	s   Schedule
	err error
}

// NewEvaluator returns an evaluator for week w. With lenient, a value that
// cannot be read gives an Invalid schedule instead of an error.
func NewEvaluator(w Week, lenient bool) *Evaluator {
	return &Evaluator{week: w, lenient: lenient, cache: make(map[[2]string]result)}
}

// Week is the evaluator's reference week.
func (e *Evaluator) Week() Week { return e.week }

// Schedule returns the schedule of value for a service in country (ISO
// 3166-1 alpha-2). An empty value is Missing. A value that cannot be read
// is an *Error, or with lenient reading an Invalid schedule.
func (e *Evaluator) Schedule(value, country string) (Schedule, error) {
	if strings.TrimSpace(value) == "" {
		return Schedule{Status: Missing, Reason: "no opening_hours"}, nil
	}
	k := [2]string{value, country}
	e.mu.Lock()
	r, ok := e.cache[k]
	e.mu.Unlock()
	if ok {
		return r.s, r.err
	}
	h, err := Parse(value)
	if err != nil {
		if e.lenient {
			r = result{s: Schedule{Status: Invalid, Reason: err.Error()}}
		} else {
			r = result{err: err}
		}
	} else {
		r = result{s: h.Evaluate(e.week, CalendarFor(country))}
	}
	e.mu.Lock()
	e.cache[k] = r
	e.mu.Unlock()
	return r.s, r.err
}
