package datasets

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/partons/partons/geo/crs"
)

// The Validate/Parse helpers below are shared by the format readers. Their
// errors are short reason phrases ("latitude 95 outside [-90, 90]") meant
// to become RecordError.Reason; the reader adds source, line and field.

// MaxProblems caps the problems a reader collects from one source. Past it
// the reader adds one "too many problems" entry and stops reading.
const MaxProblems = 1000

// ValidateLonLat reports whether lon, lat are finite WGS84 degrees with
// lon in [-180, 180] and lat in [-90, 90]. O(1).
func ValidateLonLat(lon, lat float64) error {
	switch {
	case math.IsNaN(lon) || math.IsInf(lon, 0):
		return fmt.Errorf("longitude %v is not finite", lon)
	case math.IsNaN(lat) || math.IsInf(lat, 0):
		return fmt.Errorf("latitude %v is not finite", lat)
	case lon < -180 || lon > 180:
		return fmt.Errorf("longitude %v outside [-180, 180]", lon)
	case lat < -90 || lat > 90:
		return fmt.Errorf("latitude %v outside [-90, 90]", lat)
	}
	return nil
}

// ValidateThreshold checks one distance or time threshold t (unit "m" or
// "min") given after the thresholds before: it must be a positive whole
// number (it names output columns) greater than the one before it. O(1).
func ValidateThreshold(t float64, before []float64, unit string) error {
	switch {
	case math.IsNaN(t) || math.IsInf(t, 0) || t <= 0:
		return fmt.Errorf("threshold %v %s: must be a positive finite number", t, unit)
	case t != math.Trunc(t):
		return fmt.Errorf("threshold %v %s: must be a whole number (it names columns)", t, unit)
	case len(before) > 0 && t <= before[len(before)-1]:
		return fmt.Errorf("threshold %v %s: thresholds must be strictly ascending (%v before it)", t, unit, before[len(before)-1])
	}
	return nil
}

// ValidateXY checks that x, y given in EPSG:code lie in that system's
// area of use, widened by crs.AreaMarginDeg (see crs.Fits). Otherwise the
// error names the system's area and the supported system the values do
// fit ("these x,y fit EPSG:31370 (BD72 / Belgian Lambert 72), not 2154"),
// or says they look like degrees, or that they fit none. O(1).
func ValidateXY(code int, x, y float64) error {
	if crs.Fits(code, x, y) {
		return nil
	}
	name, err := crs.Name(code)
	if err != nil {
		return err
	}
	area, _ := crs.AreaOfUse(code)
	what := fmt.Sprintf("x=%v, y=%v lie outside the area of use of EPSG:%d (%s: %s)", x, y, code, name, area.Name)
	fit := crs.Fitting(x, y)
	switch {
	case len(fit) == 0:
		return fmt.Errorf("%s and fit none of the supported systems", what)
	case fit[0] == 4326:
		return fmt.Errorf("%s: these x,y look like WGS84 longitude/latitude degrees (EPSG:4326), not EPSG:%d metres", what, code)
	}
	other, _ := crs.Name(fit[0])
	return fmt.Errorf("%s: these x,y fit EPSG:%d (%s), not %d", what, fit[0], other, code)
}

// CoordinateHint returns, for a longitude/latitude pair that is not valid
// degrees, a phrase naming the supported projected system the values fit
// ("these look like x,y metres in EPSG:31370 (BD72 / Belgian Lambert
// 72)"), or "" when they fit none. Values under 1000 in absolute value
// get no hint: they are likelier mistyped degrees than metres near a
// projection's origin. Readers add it to a ValidateLonLat reason with
// what to do in their format. O(1).
func CoordinateHint(x, y float64) string {
	if math.Abs(x) < 1000 || math.Abs(y) < 1000 {
		return ""
	}
	for _, code := range crs.Fitting(x, y) {
		if code != 4326 {
			name, _ := crs.Name(code)
			return fmt.Sprintf("these look like x,y metres in EPSG:%d (%s)", code, name)
		}
	}
	return ""
}

// NormalizeCountry trims s and upper-cases it. The empty string means
// "unknown" and is returned as is; anything else must be an ISO 3166-1
// alpha-2 shape: exactly two ASCII letters. The code is not checked against
// the ISO list. O(len(s)).
func NormalizeCountry(s string) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", nil
	}
	if len(t) != 2 || !isASCIILetter(t[0]) || !isASCIILetter(t[1]) {
		return "", fmt.Errorf("country %q is not a two-letter ISO 3166-1 alpha-2 code", s)
	}
	return strings.ToUpper(t), nil
}

func isASCIILetter(c byte) bool { return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' }

// ParseDecimal parses a plain decimal number: optional sign, digits with
// an optional fraction, optional exponent ("-2.885", "1e3", ".5"). Leading
// and trailing spaces are ignored. With decimalComma, one ',' may stand for
// the decimal point ("2,885"), as in semicolon-separated European CSV.
// Empty strings, hexadecimal, underscores, thousands separators, "NaN",
// "Inf" and values that overflow float64 are rejected. O(len(s)).
func ParseDecimal(s string, decimalComma bool) (float64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, errors.New("empty number")
	}
	if decimalComma && strings.IndexByte(t, ',') >= 0 {
		if strings.IndexByte(t, '.') >= 0 || strings.Count(t, ",") > 1 {
			return 0, fmt.Errorf("%q is not a number", s)
		}
		t = strings.Replace(t, ",", ".", 1)
	}
	if !isDecimalSyntax(t) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("%q is out of range", s)
	}
	return v, nil
}

// isDecimalSyntax accepts [+-]? (digits [. digits?] | . digits) ([eE][+-]?digits)?.
func isDecimalSyntax(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// ParseQuantity parses a population or capacity: a finite number >= 0.
// Blank input means "unknown" and returns ok == false with a nil error; it
// is never zero. See ParseDecimal for the accepted syntax. O(len(s)).
func ParseQuantity(s string, decimalComma bool) (v float64, ok bool, err error) {
	if strings.TrimSpace(s) == "" {
		return 0, false, nil
	}
	v, err = ParseDecimal(s, decimalComma)
	if err != nil {
		return 0, false, err
	}
	if err := ValidateQuantity(v); err != nil {
		return 0, false, err
	}
	return v, true, nil
}

// Physical bounds of the quantities partons reads. Values beyond them are
// input errors, and they keep every sum, product and share partons
// computes far from float64 overflow (1e308).
const (
	// MaxPopulation bounds the population of one village, area or demand
	// point: 100 million, five times the largest city on Earth.
	MaxPopulation = 1e8
	// MaxCapacity bounds a service's capacity (and any quantity read as
	// a population or capacity): one billion units.
	MaxCapacity = 1e9
	// MaxCost bounds one cost of an origin–destination matrix, whatever
	// its unit: 1e9 metres is 25 times round the Earth, 1e9 minutes 1900
	// years.
	MaxCost = 1e9
)

// ValidateQuantity checks that a population or capacity is finite,
// non-negative and at most MaxCapacity. O(1).
func ValidateQuantity(v float64) error {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return fmt.Errorf("%v is not finite", v)
	case v < 0:
		return fmt.Errorf("%v is negative", v)
	case v > MaxCapacity:
		return fmt.Errorf("%v is more than %g: not a plausible population or capacity", v, float64(MaxCapacity))
	}
	return nil
}

// ValidatePopulation checks a population: as ValidateQuantity, and at
// most MaxPopulation. O(1).
func ValidatePopulation(v float64) error {
	if err := ValidateQuantity(v); err != nil {
		return err
	}
	if v > MaxPopulation {
		return fmt.Errorf("%v people is more than %g: not a plausible population of one place", v, float64(MaxPopulation))
	}
	return nil
}

// Problems collects the RecordErrors of one source, up to MaxProblems.
// The zero value is not usable; use NewProblems. Not safe for concurrent
// use.
type Problems struct {
	source string
	list   ErrorList
	full   bool
}

// NewProblems returns an empty collector for source.
func NewProblems(source string) *Problems { return &Problems{source: source} }

// Add records a problem (its Source is set to the collector's source) and
// reports whether the caller may go on reading: false once MaxProblems
// problems have been collected, after which a final "too many problems"
// entry has been appended and further calls are ignored. O(1) amortised.
func (p *Problems) Add(e *RecordError) bool {
	if p.full {
		return false
	}
	e.Source = p.source
	p.list.Add(e)
	if len(p.list) >= MaxProblems {
		p.list.Add(&RecordError{Source: p.source, Feature: -1,
			Reason: fmt.Sprintf("too many problems (%d); stopped reading", MaxProblems)})
		p.full = true
		return false
	}
	return true
}

// Full reports whether the cap has been reached.
func (p *Problems) Full() bool { return p.full }

// Len returns the number of problems collected so far.
func (p *Problems) Len() int { return len(p.list) }

// Err returns nil when no problem was found and the ErrorList otherwise;
// errors.Is(err, ErrInvalid) holds for a non-nil result.
func (p *Problems) Err() error { return p.list.Err() }

// IDSet detects duplicate record ids within one source. The zero value is
// ready to use. Not safe for concurrent use.
type IDSet struct {
	seen  map[string]int // id -> index in first
	first []Origin       // where each id was first seen
}

// Grow makes room for about n more ids, so that a caller that can
// estimate how many records a source holds avoids rehashing as the set
// fills. It changes nothing else. O(ids already held + n).
func (s *IDSet) Grow(n int) {
	if n <= 0 {
		return
	}
	grown := make(map[string]int, len(s.seen)+n)
	for id, k := range s.seen {
		grown[id] = k
	}
	s.seen = grown
	s.first = slices.Grow(s.first, n)
}

// Check records id at origin o and returns nil the first time; for a
// repeated id it returns a RecordError at o naming field and the first
// origin. Ids are compared byte for byte. O(1) expected.
func (s *IDSet) Check(id, field string, o Origin) *RecordError {
	if s.seen == nil {
		s.seen = make(map[string]int)
	}
	if k, dup := s.seen[id]; dup {
		return duplicateError(id, field, s.first[k], o)
	}
	s.seen[id] = len(s.first)
	s.first = append(s.first, o)
	return nil
}

func duplicateError(id, field string, first, o Origin) *RecordError {
	return &RecordError{Source: o.Source, Line: o.Line, Feature: o.Feature, Field: field,
		Reason: fmt.Sprintf("duplicate id %q (first at %s)", id, describeOrigin(first))}
}

// describeOrigin formats an origin as "file:line", "file: feature 3" or
// "file:line (feature 3)".
func describeOrigin(o Origin) string {
	var b strings.Builder
	b.WriteString(o.Source)
	if o.Line > 0 {
		fmt.Fprintf(&b, ":%d", o.Line)
	}
	if o.Feature >= 0 {
		if o.Line > 0 {
			fmt.Fprintf(&b, " (feature %d)", o.Feature)
		} else {
			fmt.Fprintf(&b, ": feature %d", o.Feature)
		}
	}
	return b.String()
}

// Record is the set of record types whose ids CheckUniqueIDs compares.
type Record interface {
	Village | Service | Boundary
}

// CheckUniqueIDs reports every id that occurs more than once across
// lists (typically the records read from several files of the same kind),
// one RecordError per repeated occurrence, located at that occurrence and
// naming the first one. Records with an empty ID (allowed for boundaries)
// are skipped. Returns nil when all ids are unique. O(n) expected for n
// records in total.
func CheckUniqueIDs[T Record](lists ...[]T) ErrorList {
	var set IDSet
	var errs ErrorList
	for _, l := range lists {
		for i := range l {
			id, o := recordKey(&l[i])
			if id == "" {
				continue
			}
			if e := set.Check(id, "id", o); e != nil {
				errs.Add(e)
			}
		}
	}
	return errs
}

func recordKey[T Record](r *T) (string, Origin) {
	switch v := any(r).(type) {
	case *Village:
		return v.ID, v.Origin
	case *Service:
		return v.ID, v.Origin
	case *Boundary:
		return v.ID, v.Origin
	}
	return "", Origin{} // unreachable: T is constrained to the cases above
}
