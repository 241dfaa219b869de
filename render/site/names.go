package site

import (
	"strings"
	"unicode"

	"github.com/partons/partons/datasets/placenames"
	"github.com/partons/partons/render/qml"
)

// placeName is the name of a place in lang (datasets/placenames).
func placeName(name string, lang qml.Lang) string { return placenames.In(name, string(lang)) }

// countryName is the name of a country in lang.
func countryName(cc string, lang qml.Lang) string { return placenames.Country(cc, string(lang)) }

// fold drops the accents of Latin letters (é → e, ß → ss, œ → oe).
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae", 'ç': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss",
}

// slug is a file-name-safe form of s: lowercase ASCII letters and digits
// separated by single hyphens, at most 60 bytes; "" when nothing is left.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case fold[r] != "":
			b.WriteString(fold[r])
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
		if b.Len() >= 60 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

// slugs gives every village a distinct page name from its name (then its
// area, then its id), in the order of ids so that the same villages get
// the same names whatever the order of the input. Names that would clash
// with the site's own pages are avoided too.
func slugs(ids, names, areas []string) []string {
	out := make([]string, len(ids))
	order := make([]int, len(ids))
	for i := range order {
		order[i] = i
	}
	sortBy(order, func(i int) string { return ids[i] })
	taken := map[string]bool{"index": true, "by-name": true, "reports": true, "map": true, "about": true}
	count := map[string]int{}
	for _, i := range order {
		count[slug(names[i])]++
	}
	for _, i := range order {
		base := slug(names[i])
		if base == "" {
			base = "village"
		}
		cand := base
		if count[slug(names[i])] > 1 || taken[cand] {
			if a := slug(areas[i]); a != "" && a != base {
				cand = base + "-" + a
			}
		}
		for n := 2; taken[cand]; n++ {
			cand = base + "-" + itoa(n)
		}
		taken[cand] = true
		out[i] = cand
	}
	return out
}
