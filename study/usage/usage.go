// Package usage holds the error of a command given options that do not
// fit: a missing, unknown or inconsistent choice. Such an error names
// each option by its key, as the run section of manifest.json spells it
// ("thresholds_m", "osm"), written {key} in its text; a command line
// renders the keys as the flags that set them (Error.Render), a library
// caller reads them as the keys they are (Error.Error).
//
// Message is the text of any error for a person (one line per problem,
// without the package prefixes of the chain).
//
// Errors are values; the package has no state.
package usage

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Error is a choice of options a command cannot run with. Text names
// options as {key}.
type Error struct {
	Text string
	Err  error // the reason a library gave, if any (Unwrap)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf formats an Error; the format names options as {key}.
func Errorf(format string, args ...any) error {
	return &Error{Text: fmt.Sprintf(format, args...)}
}

// Wrap makes err (a reason a library gave) an Error with prefix before
// it; prefix may name options as {key}.
func Wrap(prefix string, err error) error {
	return &Error{Text: prefix + err.Error(), Err: err}
}

var optionKey = regexp.MustCompile(`\{([a-z][a-z0-9_.]*)\}`)

// Error is the text with every {key} written as the key.
func (e *Error) Error() string { return e.Render(func(key string) string { return key }) }

// Render is the text with every {key} written as name(key).
func (e *Error) Render(name func(key string) string) string {
	return optionKey.ReplaceAllStringFunc(e.Text, func(m string) string { return name(m[1 : len(m)-1]) })
}

// As returns the Error in err's chain, nil when there is none.
func As(err error) *Error {
	var ue *Error
	if errors.As(err, &ue) {
		return ue
	}
	return nil
}

// Hint is an error with advice that names options: it keeps the kind of
// Err (Unwrap) and adds the advice on a line of its own, in parentheses.
type Hint struct {
	Err    error
	Advice string // names options as {key}
}

func (h *Hint) Error() string { return h.Render(func(key string) string { return key }) }

// Render is the error with every {key} of the advice written as name(key).
func (h *Hint) Render(name func(key string) string) string {
	return h.Err.Error() + "\n(" + (&Error{Text: h.Advice}).Render(name) + ")"
}

func (h *Hint) Unwrap() error { return h.Err }

// Render is err's text with the options named by the errors of this
// package in its chain written as name(key), wherever they were wrapped.
func Render(err error, name func(key string) string) string {
	s := err.Error()
	for e := err; e != nil; e = errors.Unwrap(e) {
		if r, ok := e.(interface {
			Render(func(string) string) string
		}); ok {
			s = strings.Replace(s, e.Error(), r.Render(name), 1)
		}
	}
	return s
}

// Named is err with the options named by the errors of this package in
// its chain written as name(key) (see Render); it keeps err's chain, so
// errors.Is and errors.As see what they saw. An error with nothing to
// render, or already named, is returned as it is.
func Named(err error, name func(key string) string) error {
	var done named
	if err == nil || errors.As(err, &done) || As(err) == nil && !hasHint(err) {
		return err
	}
	return named{err: err, msg: Render(err, name)}
}

func hasHint(err error) bool {
	var h *Hint
	return errors.As(err, &h)
}

type named struct {
	err error
	msg string
}

func (e named) Error() string { return e.msg }
func (e named) Unwrap() error { return e.err }
