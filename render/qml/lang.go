package qml

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Lang is a report language: NL, FR or EN.
type Lang string

// Supported languages.
const (
	NL Lang = "nl"
	FR Lang = "fr"
	EN Lang = "en"
)

// Langs lists the supported languages.
var Langs = []Lang{NL, FR, EN}

// ParseLang accepts "nl", "fr" or "en" (any case).
func ParseLang(s string) (Lang, error) {
	l := Lang(strings.ToLower(strings.TrimSpace(s)))
	for _, x := range Langs {
		if l == x {
			return l, nil
		}
	}
	return "", fmt.Errorf("qml: language %q: want nl, fr or en", s)
}

// valid returns l, or EN for an unknown language.
func (l Lang) valid() Lang {
	if l == NL || l == FR {
		return l
	}
	return EN
}

// separators returns the decimal mark and the thousands separator: a
// decimal comma with a dot (nl) or a narrow no-break space (fr, as the
// Imprimerie nationale writes it), and the English point and comma.
func (l Lang) separators() (dec, thou string) {
	switch l.valid() {
	case NL:
		return ",", "."
	case FR:
		return ",", "\u202f"
	}
	return ".", ","
}

// Number formats v with decimals digits after the mark (-1: as few as
// needed, at most 3), grouping thousands. NaN and ±Inf give "–".
func (l Lang) Number(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	var s string
	if decimals < 0 {
		s = strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
	} else {
		s = strconv.FormatFloat(v, 'f', decimals, 64)
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	if neg && strings.Trim(intPart+frac, "0") == "" {
		neg = false // no "-0"
	}
	dec, thou := l.separators()
	var b strings.Builder
	if neg {
		b.WriteString("−") // U+2212 minus sign
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(thou)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(dec)
		b.WriteString(frac)
	}
	return b.String()
}

// Percent formats a share in [0, 1] as a percentage with one decimal
// ("53,3 %" in nl and fr, "53.3%" in en); NaN gives "–".
func (l Lang) Percent(share float64) string {
	if math.IsNaN(share) || math.IsInf(share, 0) {
		return "–"
	}
	s := l.Number(100*share, 1)
	if l.valid() == EN {
		return s + "%"
	}
	return s + "\u00a0%"
}

// Distance formats a measured distance in metres: whole metres below
// 1 km, kilometres with one decimal below 100 km, whole kilometres above.
func (l Lang) Distance(m float64) string {
	switch {
	case math.IsNaN(m) || math.IsInf(m, 0):
		return "–"
	case math.Abs(m) < 999.5:
		return l.Number(m, 0) + "\u00a0m"
	case math.Abs(m) < 99950:
		return l.Number(m/1000, 1) + "\u00a0km"
	}
	return l.Number(m/1000, 0) + "\u00a0km"
}

// Minutes formats a time in minutes exactly ("30 min", "7,5 min").
func (l Lang) Minutes(m float64) string { return l.Number(m, -1) + "\u00a0min" }

// Threshold formats a class break in metres exactly (1200 → "1,2 km",
// 3750 → "3,75 km", 800 → "800 m").
func (l Lang) Threshold(m float64) string {
	if math.Abs(m) < 1000 {
		return l.Number(m, -1) + "\u00a0m"
	}
	return l.Number(m/1000, -1) + "\u00a0km"
}

// words holds the few legend words the styles need.
var words = map[string][3]string{ // nl, fr, en
	"no data":  {"geen gegevens", "pas de données", "no data"},
	"up to":    {"tot %s", "jusqu'à %s", "up to %s"},
	"range":    {"%s – %s", "%s – %s", "%s – %s"},
	"over":     {"meer dan %s", "plus de %s", "over %s"},
	"closer":   {"dichter: %s – %s", "plus proche : %s – %s", "closer: %s – %s"},
	"farther":  {"verder: %s – %s", "plus loin : %s – %s", "farther: %s – %s"},
	"closer+":  {"dichter: meer dan %s", "plus proche : plus de %s", "closer: over %s"},
	"farther+": {"verder: meer dan %s", "plus loin : plus de %s", "farther: over %s"},
	"same":     {"ongeveer gelijk (±%s)", "à peu près égal (±%s)", "about the same (±%s)"},
	"site":     {"gekozen locatie", "site retenu", "chosen site"},
	"other":    {"andere", "autre", "other"},
	"points":   {"punten", "points", "points"},
	"polygons": {"vlakken", "polygones", "polygons"},
}

// Pick returns the text of l from a {nl, fr, en} triple (en for any
// other language).
func (l Lang) Pick(w [3]string) string {
	switch l.valid() {
	case NL:
		return w[0]
	case FR:
		return w[1]
	}
	return w[2]
}

// Lookup returns m[key] in l, or key itself when m has no such entry.
func (l Lang) Lookup(m map[string][3]string, key string) string {
	if w, ok := m[key]; ok {
		return l.Pick(w)
	}
	return key
}

// Word returns a legend word in l.
func (l Lang) Word(key string) string { return l.Lookup(words, key) }

// categoryNames translates partons' categories (datasets/taxonomy).
var categoryNames = map[string][3]string{ // nl, fr, en
	"bakery":         {"bakkerij", "boulangerie", "bakery"},
	"butcher":        {"slagerij", "boucherie", "butcher"},
	"grocery":        {"kruidenier", "épicerie", "grocery"},
	"pharmacy":       {"apotheek", "pharmacie", "pharmacy"},
	"gp":             {"huisarts", "médecin généraliste", "GP"},
	"dentist":        {"tandarts", "dentiste", "dentist"},
	"hospital":       {"ziekenhuis", "hôpital", "hospital"},
	"post":           {"postpunt", "point postal", "post office"},
	"bank":           {"bank", "banque", "bank"},
	"atm":            {"geldautomaat", "distributeur de billets", "cash machine"},
	"kindergarten":   {"kleuterschool", "école maternelle", "kindergarten"},
	"primary_school": {"lagere school", "école élémentaire", "primary school"},
	"school":         {"school", "école", "school"},
	"library":        {"bibliotheek", "bibliothèque", "library"},
	"basket":         {"basispakket", "panier de services", "basket of services"},
	"food_shop":      {"voedingswinkel", "commerce alimentaire", "food shop"},
}

// Category returns a category's name in l; unknown categories are
// returned as they are.
func (l Lang) Category(c string) string { return l.Lookup(categoryNames, c) }
