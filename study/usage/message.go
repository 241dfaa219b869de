package usage

import (
	"regexp"
	"strings"
)

// Errors inside partons are wrapped with %w on their way up, each layer
// adding its package prefix ("osmroad: ", "datasets: invalid input data: "),
// and yaml.v3 speaks of Go types. That chain is right for errors.Is and for
// a developer, not for the person reading it. Message turns it into one
// line per problem that keeps what the person needs (file, line or
// feature, field, the reason) and drops the plumbing.

// packagePrefix matches a package prefix at the start of the message or of
// one of its colon-separated parts. The names are partons' packages (and
// the yaml library), lowercase words followed by ": ".
var packagePrefix = regexp.MustCompile(`(^|: )(?:access|analysis|config|crs|csvio|datasets|geo|geojsonio|gpkg|index|load|locate|odmatrix|osmextract|osmfile|osmroad|output|population|qml|report|road|roads|scenario|table|taxonomy|travel|westhoek|wkb|yaml): `)

// sentinelTexts are sentinel errors whose only job is errors.Is; their text
// adds nothing after the reason (after packagePrefix has removed their
// package name).
var sentinelTexts = []string{
	"invalid input data",
	"invalid graph input",
}

// yamlTypeErrors rewrite yaml.v3's messages, which name Go types, into the
// words of the file's author.
var yamlTypeErrors = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`field (\S+) not found in type [\w.\[\]*]+`), `unknown key "$1"`},
	{regexp.MustCompile("cannot unmarshal !!(\\w+) `([^`]*)` into (?:float64|float32)"), `expected a number, got "$2"`},
	{regexp.MustCompile("cannot unmarshal !!(\\w+) `([^`]*)` into u?int\\d*"), `expected a whole number, got "$2"`},
	{regexp.MustCompile("cannot unmarshal !!(\\w+) `([^`]*)` into bool"), `expected true or false, got "$2"`},
	{regexp.MustCompile("cannot unmarshal !!(\\w+) `([^`]*)` into string"), `expected text, got "$2"`},
	{regexp.MustCompile("cannot unmarshal !!(\\w+) `([^`]*)` into \\[\\][\\w.]+"), `expected a list, got "$2"`},
	{regexp.MustCompile("cannot unmarshal !!(\\w+) `([^`]*)` into map\\[[\\w.]+\\][\\w.\\[\\]]+"), `expected a mapping of keys to values, got "$2"`},
	{regexp.MustCompile("cannot unmarshal !!(\\w+) `([^`]*)` into [\\w.\\[\\]*]+"), `unexpected value "$2"`},
	{regexp.MustCompile(`cannot unmarshal !!seq into string`), `expected text, got a list`},
	{regexp.MustCompile(`cannot unmarshal !!map into string`), `expected text, got a mapping`},
	{regexp.MustCompile(`cannot unmarshal !!seq into (?:float64|float32|u?int\d*)`), `expected a number, got a list`},
	{regexp.MustCompile(`cannot unmarshal !!map into (?:float64|float32|u?int\d*)`), `expected a number, got a mapping`},
	{regexp.MustCompile(`cannot unmarshal !!seq into [\w.\[\]*]+`), `unexpected list`},
	{regexp.MustCompile(`cannot unmarshal !!map into [\w.\[\]*]+`), `unexpected mapping`},
	{regexp.MustCompile(`unmarshal errors:\n\s*`), ``},
}

// Message is the text of err for a person: one line per problem, without
// package prefixes, sentinel words or Go type names. Options named {key}
// are left as they are: render them first (Render).
func Message(err error) string {
	s := err.Error()
	for _, y := range yamlTypeErrors {
		s = y.re.ReplaceAllString(s, y.repl)
	}
	// Package prefixes can be nested ("osmroad: osmroad: …" after a
	// rewrite); strip until nothing changes.
	for {
		t := packagePrefix.ReplaceAllString(s, "$1")
		if t == s {
			break
		}
		s = t
	}
	parts := strings.Split(s, ": ")
	kept := parts[:0]
	for _, p := range parts {
		if isSentinelText(p) && len(parts) > 1 {
			continue
		}
		if n := len(kept); n > 0 && kept[n-1] == p {
			continue // the same words twice in a row
		}
		kept = append(kept, p)
	}
	s = strings.Join(kept, ": ")
	// Several problems (validate, yaml) stay one per line, unindented.
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}

func isSentinelText(p string) bool {
	for _, t := range sentinelTexts {
		if p == t {
			return true
		}
	}
	return false
}
