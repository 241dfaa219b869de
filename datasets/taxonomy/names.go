package taxonomy

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// MaxNameBytes is the longest category name: column names such as
// {name}_road_domestic_m stay under the 63 bytes PostgreSQL keeps.
const MaxNameBytes = 40

// ErrBadName is wrapped by every error about a category name.
var ErrBadName = errors.New("taxonomy: unusable category name")

// Reserved are the names no category may take: the basket's columns and
// rows, the village status column, the "all" level of the aggregates.
// A name starting with "basket_" is reserved too (basket_domestic would
// write the basket's basket_domestic_within_* columns).
var Reserved = []string{"all", "basket", "status"}

// MetricWords are the first words of the per-category column suffixes
// ({name}_status, _nearest_m, _domestic_m, _abroad_m, _border_gain_m,
// _within_{T}m, _road_*, _access_*). A category name may not be another
// one's name followed by "_" and one of these words: "post" and
// "post_road" would both claim post_road_status.
var MetricWords = []string{"abroad", "access", "border", "domestic", "nearest", "road", "status", "within"}

// NameError is a category label that cannot give a column name, or two
// labels that give the same or clashing names.
type NameError struct {
	Label, Where      string // the category and where it was found ("" if unknown)
	Other, OtherWhere string // the category it collides with, if any
	Name              string // the derived name, if any
	Reason            string
}

func (e *NameError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "category %q", e.Label)
	if e.Where != "" {
		fmt.Fprintf(&b, " (%s)", e.Where)
	}
	if e.Other != "" {
		fmt.Fprintf(&b, " and category %q", e.Other)
		if e.OtherWhere != "" {
			fmt.Fprintf(&b, " (%s)", e.OtherWhere)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap makes errors.Is(err, ErrBadName) true.
func (e *NameError) Unwrap() error { return ErrBadName }

// accentFold spells accented Latin letters without their accents.
var accentFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i",
	'ł': "l", 'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o",
	'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ť': "t", 'ţ': "t",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ĳ': "ij", 'þ': "th", 'ð': "d",
}

// Name derives the name a category label takes in column names, GeoJSON
// and GeoPackage keys, the status column and the category columns of the
// reports. The rule:
//
//  1. lower-case; accented Latin letters lose their accents (é → e,
//     ß → ss, œ → oe);
//  2. every run of characters other than a-z and 0-9 becomes one "_";
//  3. "_" is trimmed from both ends;
//  4. a name starting with a digit gets the prefix "c_" (24h → c_24h);
//  5. names are cut to MaxNameBytes (and "_" trimmed again).
//
// A label with no letter or digit, or whose name is Reserved or starts
// with "basket_", is an error wrapping ErrBadName. The common categories
// (bakery, primary_school, …) are their own names. O(len(label)).
func Name(label string) (string, error) {
	var b strings.Builder
	sep := false
	put := func(s string) {
		if sep && b.Len() > 0 {
			b.WriteByte('_')
		}
		sep = false
		b.WriteString(s)
	}
	for _, r := range strings.ToLower(label) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			put(string(r))
		case accentFold[r] != "":
			put(accentFold[r])
		default:
			sep = true
		}
	}
	name := b.String()
	if name == "" {
		return "", &NameError{Label: label, Reason: "has no letter or digit a column name could be made of"}
	}
	if name[0] >= '0' && name[0] <= '9' {
		name = "c_" + name
	}
	if len(name) > MaxNameBytes {
		name = strings.TrimRight(name[:MaxNameBytes], "_")
	}
	for _, r := range Reserved {
		if name == r {
			return "", &NameError{Label: label, Name: name, Reason: fmt.Sprintf("%q is reserved for partons' own columns (reserved: %s)", name, strings.Join(Reserved, ", "))}
		}
	}
	if strings.HasPrefix(name, "basket_") {
		return "", &NameError{Label: label, Name: name, Reason: fmt.Sprintf("%q starts with basket_, reserved for the basket's columns", name)}
	}
	return name, nil
}

// extends reports whether name is base followed by "_" and a metric word.
func extends(name, base string) bool {
	rest, ok := strings.CutPrefix(name, base+"_")
	if !ok {
		return false
	}
	word, _, _ := strings.Cut(rest, "_")
	for _, w := range MetricWords {
		if word == w {
			return true
		}
	}
	return false
}

// Names gives every category label of a run its name (see Name) and
// refuses labels whose names collide: two labels giving the same name
// ("Foo" and "foo", "Bakery!" and "bakery"), or a name that extends
// another with a metric word ("post" and "post_road"). The zero value is
// ready to use; a Names is used from one goroutine.
type Names struct {
	byLabel map[string]string  // label -> name
	byName  map[string]nameUse // name -> first label
}

type nameUse struct{ label, where string }

// Add returns label's name, recording where (a file and line, "" if
// unknown) the first time the label is seen. Errors are *NameError: a
// label Name refuses, or a collision naming both labels and where each
// was found. A label added again returns its name (or error) again.
// O(len(label)) for a label already seen; O(number of names) otherwise.
func (n *Names) Add(label, where string) (string, error) {
	if name, ok := n.byLabel[label]; ok {
		return name, nil
	}
	name, err := Name(label)
	if err != nil {
		var ne *NameError
		if errors.As(err, &ne) {
			ne.Where = where
		}
		return "", err
	}
	if u, ok := n.byName[name]; ok {
		return "", &NameError{Label: label, Where: where, Other: u.label, OtherWhere: u.where, Name: name,
			Reason: fmt.Sprintf("both give the column name %q (names are lower-case a-z, 0-9 and _): rename one", name)}
	}
	for other, u := range n.byName {
		if extends(name, other) || extends(other, name) {
			return "", &NameError{Label: label, Where: where, Other: u.label, OtherWhere: u.where, Name: name,
				Reason: fmt.Sprintf("names %q and %q would share or confuse columns (%s could belong to either): rename one", name, other, clashExample(name, other))}
		}
	}
	if n.byLabel == nil {
		n.byLabel, n.byName = map[string]string{}, map[string]nameUse{}
	}
	n.byLabel[label] = name
	n.byName[name] = nameUse{label, where}
	return name, nil
}

// clashExample is a column both names would write.
func clashExample(a, b string) string {
	if len(a) < len(b) {
		a, b = b, a
	}
	return a + "_status"
}

// Label returns the label a name was derived from, or name itself when
// no label gave it.
func (n *Names) Label(name string) string {
	if u, ok := n.byName[name]; ok {
		return u.label
	}
	return name
}

// CheckNames reports the first problem with a list of category names
// used as is: a name that is not its own Name, two equal names, or a name
// extending another with a metric word. nil when every name is safe.
func CheckNames(names []string) error {
	var ns Names
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	for _, c := range sorted {
		name, err := ns.Add(c, "")
		if err != nil {
			return err
		}
		if name != c {
			return &NameError{Label: c, Name: name, Reason: fmt.Sprintf("is not a column-safe name; its name would be %q", name)}
		}
	}
	if len(ns.byName) != len(names) {
		seen := map[string]bool{}
		for _, c := range names {
			if seen[c] {
				return &NameError{Label: c, Reason: "is listed twice"}
			}
			seen[c] = true
		}
	}
	return nil
}
