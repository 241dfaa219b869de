package hours

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	openinghours "github.com/Daquisu/opening_hours.go"
)

// MaxLength caps the length of a value in bytes. OSM caps tag values at 255
// characters; anything far longer is not an opening_hours value.
const MaxLength = 1000

// ErrSyntax is wrapped by every *Error.
var ErrSyntax = errors.New("hours: invalid opening_hours")

// Error says why a value cannot be read: the value, the rule in it
// (1-based; 0 for the value as a whole) and the reason.
type Error struct {
	Value  string
	Rule   int
	Reason string
}

func (e *Error) Error() string {
	if e.Rule > 0 {
		return fmt.Sprintf("invalid opening_hours %q: rule %d: %s", e.Value, e.Rule, e.Reason)
	}
	return fmt.Sprintf("invalid opening_hours %q: %s", e.Value, e.Reason)
}

// Unwrap lets errors.Is(err, ErrSyntax) match.
func (e *Error) Unwrap() error { return ErrSyntax }

// state is what a rule sets in its times.
type state uint8

const (
	closed state = iota
	open
	unknown
)

// joiner says how a rule follows the one before it.
type joiner uint8

const (
	normal     joiner = iota // ";": replaces earlier rules on the days it selects
	additional               // ",": adds to earlier rules
	fallback                 // "||": sets the minutes no earlier rule covered
)

// span is a time range in minutes from the start of the day the rule
// selects; End may pass 1440 (spill into the next day), up to 2880.
type span struct{ Start, End int }

// rule is one rule of a value.
type rule struct {
	text     string
	join     joiner
	always   bool        // empty selector or 24/7: every day
	variants []string    // selector variants, OR-ed; a PH item is its own variant
	matchers []*selector // one per variant
	spans    []span      // empty: the whole day
	state    state       // what the rule sets in its spans
	comment  string      // the quoted comment, if any
	unsure   string      // non-empty: the rule cannot be evaluated (reason)
	stateSet bool        // an explicit open/closed/off/unknown was written
	ph       bool        // a variant is a public-holiday selector
}

// selector matches days through the opening_hours library.
type selector struct {
	oh *openinghours.OpeningHours
	ph bool
}

// Hours is a parsed opening_hours value.
type Hours struct {
	raw   string
	rules []rule
	ph    bool   // some rule selects public holidays
	why   string // non-empty: the value as a whole evaluates to unknown
}

// String returns the value as given.
func (h *Hours) String() string { return h.raw }

// UsesHolidays reports whether a rule selects public holidays.
func (h *Hours) UsesHolidays() bool { return h.ph }

var (
	timeItem = regexp.MustCompile(`^(\d{1,2}):(\d{2})(?:-(\d{1,2}):(\d{2}))?(\+)?$`)
	varTime  = regexp.MustCompile(`(?i)sunrise|sunset|dawn|dusk`)
	spaceRe  = regexp.MustCompile(`\s+`)
	dashRe   = regexp.MustCompile(`\s*-\s*`)
	commaRe  = regexp.MustCompile(`\s*,\s*`)
)

// Parse reads an opening_hours value. An empty value is an error: callers
// treat a missing value as unknown before calling Parse. Parse never panics.
func Parse(value string) (h *Hours, err error) {
	defer func() {
		if r := recover(); r != nil {
			h, err = nil, &Error{Value: value, Reason: fmt.Sprintf("the selector reader failed: %v", r)}
		}
	}()
	v := strings.TrimSpace(value)
	switch {
	case v == "":
		return nil, &Error{Value: value, Reason: "empty value"}
	case len(v) > MaxLength:
		return nil, &Error{Value: value[:40] + "…", Reason: fmt.Sprintf("longer than %d bytes", MaxLength)}
	}
	for _, r := range v {
		if r == unicode.ReplacementChar || (unicode.IsControl(r) && r != '\t') {
			return nil, &Error{Value: value, Reason: "control or invalid character"}
		}
	}
	texts, joins, err := splitRules(v)
	if err != nil {
		return nil, &Error{Value: value, Reason: err.Error()}
	}
	h = &Hours{raw: value}
	for i, t := range texts {
		r, err := parseRule(t, joins[i])
		if err != nil {
			return nil, &Error{Value: value, Rule: i + 1, Reason: err.Error()}
		}
		h.ph = h.ph || r.ph
		h.rules = append(h.rules, r)
	}
	if len(h.rules) == 0 {
		return nil, &Error{Value: value, Reason: "no rule"}
	}
	return h, nil
}

// splitRules splits a value into rule texts outside quotes: at ";", at
// "||", and at a "," that follows a rule with times, a state or a comment
// and is followed by a letter (a new selector): "Mo-Fr 08:00-12:00, Sa
// 09:00-12:00" is two rules, "Mo,We 08:00-12:00,14:00-18:00" one.
func splitRules(v string) ([]string, []joiner, error) {
	var texts []string
	var joins []joiner
	next := normal
	var cur strings.Builder
	flush := func(j joiner) {
		t := strings.TrimSpace(cur.String())
		cur.Reset()
		if t != "" {
			texts = append(texts, t)
			joins = append(joins, next)
		}
		next = j
	}
	inQuote := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '"':
			inQuote = !inQuote
			cur.WriteByte(c)
		case inQuote:
			cur.WriteByte(c)
		case c == ';':
			flush(normal)
		case c == '|' && i+1 < len(v) && v[i+1] == '|':
			i++
			flush(fallback)
		case c == ',' && ruleComplete(cur.String()) && startsSelector(v[i+1:]):
			flush(additional)
		default:
			cur.WriteByte(c)
		}
	}
	if inQuote {
		return nil, nil, errors.New("unclosed quote")
	}
	flush(normal)
	return texts, joins, nil
}

// ruleComplete reports whether a rule text already has times, a state or a
// comment, so that a comma after it starts a new rule.
func ruleComplete(t string) bool {
	t = strings.TrimSpace(t)
	if strings.Contains(t, "\"") || strings.Contains(t, ":") {
		return true
	}
	last := strings.ToLower(lastField(t))
	return last == "off" || last == "closed" || last == "open" || last == "unknown"
}

func lastField(t string) string {
	f := strings.Fields(t)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// startsSelector reports whether text after a comma begins with a letter.
func startsSelector(rest string) bool {
	rest = strings.TrimLeft(rest, " \t")
	if rest == "" {
		return false
	}
	c := rune(rest[0])
	return unicode.IsLetter(c) && !varTime.MatchString(strings.ToLower(firstWord(rest)))
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " \t,("); i >= 0 {
		return s[:i]
	}
	return s
}

// parseRule reads one rule: [selector] [times] [state] ["comment"].
func parseRule(t string, j joiner) (rule, error) {
	r := rule{text: t, join: j, state: open}
	// comment: a quoted text at the end
	if i := strings.IndexByte(t, '"'); i >= 0 {
		k := strings.LastIndexByte(t, '"')
		if k == i || strings.TrimSpace(t[k+1:]) != "" {
			return r, errors.New("a comment must close the rule")
		}
		r.comment = t[i+1 : k]
		if strings.ContainsRune(r.comment, '"') {
			return r, errors.New("two comments in one rule")
		}
		t = strings.TrimSpace(t[:i])
	}
	t = spaceRe.ReplaceAllString(t, " ")
	fields := strings.Fields(t)
	if n := len(fields); n > 0 {
		switch strings.ToLower(fields[n-1]) {
		case "open":
			r.state, r.stateSet = open, true
		case "closed", "off":
			r.state, r.stateSet = closed, true
		case "unknown":
			r.state, r.stateSet = unknown, true
		}
		if r.stateSet {
			fields = fields[:n-1]
		}
	}
	if !r.stateSet && r.comment != "" {
		r.state = unknown // a rule with a comment and no state: unknown
	}
	t = strings.Join(fields, " ")
	t = dashRe.ReplaceAllString(t, "-")
	t = commaRe.ReplaceAllString(t, ",")
	fields = strings.Fields(t)
	for i, f := range fields {
		if dotTimeField.MatchString(f) { // 08.30-12.00, as the reference evaluator reads it
			fields[i] = dotTime.ReplaceAllString(f, "$1:$2")
		}
	}
	// times: the trailing fields that start with a digit and hold a colon, or name a sun time
	k := len(fields)
	for k > 0 && isTimeField(fields[k-1]) {
		k--
	}
	for i := range fields[:k] {
		fields[i] = strings.TrimSuffix(fields[i], ":") // "Jan-Mar: Mo-Su 10:00-18:00"
	}
	sel := strings.Join(fields[:k], " ")
	for _, word := range wordRe.FindAllString(sel, -1) {
		if !selectorWords[strings.ToLower(word)] {
			return r, fmt.Errorf("%q is not an opening_hours selector word (weekdays are Mo Tu We Th Fr Sa Su)", word)
		}
	}
	if k < len(fields) {
		if err := r.parseTimes(strings.Join(fields[k:], ",")); err != nil {
			return r, err
		}
		if r.comment != "" && !r.stateSet {
			r.state = open // "Mo 10:00-12:00 "by appointment"": open, with a comment
		}
		if sel == "" && r.join == normal {
			r.join = additional // "Mo 09:00-12:00; 13:00-14:00": times alone add, as the reference evaluator has it
		}
	}
	if strings.Contains(strings.ToUpper(sel), "SH") && shRe.MatchString(sel) {
		r.unsure = "school holidays (SH) are not known"
	}
	switch strings.ToLower(sel) {
	case "", "24/7":
		r.always = true
		if strings.ToLower(sel) == "24/7" && len(r.spans) > 0 {
			return r, errors.New("24/7 with times")
		}
		return r, nil
	}
	if strings.Contains(sel, "24/7") {
		return r, errors.New("24/7 inside a selector")
	}
	if err := r.parseSelector(sel); err != nil {
		return r, err
	}
	return r, nil
}

var (
	dotTimeField = regexp.MustCompile(`^[0-9][0-9.:,+-]*$`)
	dotTime      = regexp.MustCompile(`\b(\d{1,2})\.(\d{2})\b`)
	wordRe       = regexp.MustCompile(`[A-Za-z]+`)
	// selectorWords are the words a selector may hold, in lower case. The
	// opening_hours library also takes German weekday names ("Do" for
	// Thursday), which the reference evaluator refuses as ambiguous.
	selectorWords = map[string]bool{
		"mo": true, "tu": true, "we": true, "th": true, "fr": true, "sa": true, "su": true,
		"ph": true, "sh": true, "week": true, "easter": true, "day": true, "days": true,
		"jan": true, "feb": true, "mar": true, "apr": true, "may": true, "jun": true,
		"jul": true, "aug": true, "sep": true, "oct": true, "nov": true, "dec": true,
	}
)

var shRe = regexp.MustCompile(`(^|[ ,])SH([ ,]|$)`)

func isTimeField(f string) bool {
	if varTime.MatchString(f) {
		return true
	}
	return f != "" && f[0] >= '0' && f[0] <= '9' && strings.Contains(f, ":")
}

// parseTimes reads a comma-separated list of HH:MM-HH:MM[+] or HH:MM+.
func (r *rule) parseTimes(list string) error {
	for _, item := range strings.Split(list, ",") {
		if item == "" {
			return errors.New("empty time in a list")
		}
		if varTime.MatchString(item) {
			r.unsure = "times relative to sunrise, sunset, dawn or dusk are not evaluated"
			continue
		}
		if strings.Contains(item, "/") {
			return fmt.Errorf("periodic time %q is not supported", item)
		}
		m := timeItem.FindStringSubmatch(item)
		if m == nil {
			return fmt.Errorf("time %q is not HH:MM-HH:MM", item)
		}
		start, err := clock(m[1], m[2], 24)
		if err != nil {
			return fmt.Errorf("time %q: %v", item, err)
		}
		if m[3] == "" {
			if m[5] != "+" {
				return fmt.Errorf("time %q has no end", item)
			}
			r.spans = append(r.spans, span{start, start}) // marker: unknown from start to midnight
			continue
		}
		end, err := clock(m[3], m[4], 48)
		if err != nil {
			return fmt.Errorf("time %q: %v", item, err)
		}
		if start >= 1440 {
			return fmt.Errorf("time %q starts at or after 24:00", item)
		}
		if end <= start {
			end += 1440 // 22:00-02:00 runs past midnight
		}
		if end > 2880 {
			return fmt.Errorf("time %q ends after 48:00", item)
		}
		r.spans = append(r.spans, span{start, end})
	}
	return nil
}

// clock reads HH and MM into minutes, HH at most maxHour (then MM must be 00).
func clock(hh, mm string, maxHour int) (int, error) {
	h, _ := strconv.Atoi(hh)
	m, _ := strconv.Atoi(mm)
	if m > 59 {
		return 0, errors.New("minutes above 59")
	}
	if h > maxHour || (h == maxHour && m > 0) {
		return 0, fmt.Errorf("hour above %d", maxHour)
	}
	return h*60 + m, nil
}

// parseSelector prepares the day matchers. A weekday list that mixes PH
// with weekdays ("Sa,PH", "Mo-Fr,PH") is split into OR-ed variants: the
// library drops the weekdays of such a list.
func (r *rule) parseSelector(sel string) error {
	fields := strings.Fields(sel)
	phAt := -1
	for i, f := range fields {
		for _, item := range strings.Split(f, ",") {
			if strings.EqualFold(item, "PH") {
				phAt = i
			}
		}
	}
	variants := []string{sel}
	if phAt >= 0 {
		variants = variants[:0]
		items := strings.Split(fields[phAt], ",")
		var days []string
		for _, item := range items {
			if strings.EqualFold(item, "PH") {
				continue
			}
			days = append(days, item)
		}
		withPH := append(append([]string{}, fields[:phAt]...), "PH")
		withPH = append(withPH, fields[phAt+1:]...)
		variants = append(variants, strings.Join(withPH, " "))
		if len(days) > 0 {
			other := append(append([]string{}, fields[:phAt]...), strings.Join(days, ","))
			other = append(other, fields[phAt+1:]...)
			variants = append(variants, strings.Join(other, " "))
		}
	}
	for _, v := range variants {
		ph := phRe.MatchString(v)
		oh, err := openinghours.New(v + " 00:00-24:00")
		if err != nil {
			return fmt.Errorf("selector %q: %v", sel, err)
		}
		r.variants = append(r.variants, v)
		r.matchers = append(r.matchers, &selector{oh: oh, ph: ph})
		r.ph = r.ph || ph
	}
	return nil
}

var phRe = regexp.MustCompile(`(?i)(^|[ ,])PH([ ,+-]|$)`)
