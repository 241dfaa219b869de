package site

import (
	"strings"
	"unicode"

	"github.com/partons/partons/render/qml"
)

// The input data name each place once, in its own language (Ieper,
// Dunkerque). Readers of the other language know many places of the
// region by another name, so pages show the name of their language from
// this table: Dutch, French and English exonyms of the Westhoek and of
// French Flanders (Nord), as used by the municipalities' own bilingual
// signs and by the Dutch and French Wikipedia articles on each place
// (lists of Dutch exonyms for places in France and of French names for
// places in Flanders). A name not in the table is shown as it is written
// in the data. Keys are the names as the data writes them; values are
// {nl, fr, en}.
var exonyms = map[string][3]string{
	// West Flanders (Belgium).
	"Ieper":            {"Ieper", "Ypres", "Ypres"},
	"Poperinge":        {"Poperinge", "Poperinghe", "Poperinge"},
	"Mesen":            {"Mesen", "Messines", "Messines"},
	"Menen":            {"Menen", "Menin", "Menen"},
	"Wervik":           {"Wervik", "Wervik", "Wervik"},
	"Veurne":           {"Veurne", "Furnes", "Veurne"},
	"Nieuwpoort":       {"Nieuwpoort", "Nieuport", "Nieuwpoort"},
	"Diksmuide":        {"Diksmuide", "Dixmude", "Diksmuide"},
	"Roeselare":        {"Roeselare", "Roulers", "Roeselare"},
	"Kortrijk":         {"Kortrijk", "Courtrai", "Kortrijk"},
	"Brugge":           {"Brugge", "Bruges", "Bruges"},
	"Oostende":         {"Oostende", "Ostende", "Ostend"},
	"De Panne":         {"De Panne", "La Panne", "De Panne"},
	"Koksijde":         {"Koksijde", "Coxyde", "Koksijde"},
	"Passendale":       {"Passendale", "Passchendaele", "Passchendaele"},
	"Zillebeke":        {"Zillebeke", "Zillebeke", "Zillebeke"},
	"Komen":            {"Komen", "Comines", "Comines"},
	"Waasten":          {"Waasten", "Warneton", "Warneton"},
	"Comines-Warneton": {"Komen-Waasten", "Comines-Warneton", "Comines-Warneton"},
	"Komen-Waasten":    {"Komen-Waasten", "Comines-Warneton", "Comines-Warneton"},
	"Ploegsteert":      {"Ploegsteert", "Ploegsteert", "Ploegsteert"},
	"Heuvelland":       {"Heuvelland", "Heuvelland", "Heuvelland"},
	// French Flanders (Nord, France).
	"Dunkerque":           {"Duinkerke", "Dunkerque", "Dunkirk"},
	"Bailleul":            {"Belle", "Bailleul", "Bailleul"},
	"Steenvoorde":         {"Steenvoorde", "Steenvoorde", "Steenvoorde"},
	"Hondschoote":         {"Hondschote", "Hondschoote", "Hondschoote"},
	"Hazebrouck":          {"Hazebroek", "Hazebrouck", "Hazebrouck"},
	"Cassel":              {"Kassel", "Cassel", "Cassel"},
	"Bergues":             {"Sint-Winoksbergen", "Bergues", "Bergues"},
	"Bourbourg":           {"Broekburg", "Bourbourg", "Bourbourg"},
	"Gravelines":          {"Grevelingen", "Gravelines", "Gravelines"},
	"Armentières":         {"Armentiers", "Armentières", "Armentières"},
	"Lille":               {"Rijsel", "Lille", "Lille"},
	"Calais":              {"Kales", "Calais", "Calais"},
	"Saint-Omer":          {"Sint-Omaars", "Saint-Omer", "Saint-Omer"},
	"Esquelbecq":          {"Ekelsbeke", "Esquelbecq", "Esquelbecq"},
	"Ghyvelde":            {"Gijvelde", "Ghyvelde", "Ghyvelde"},
	"Leffrinckoucke":      {"Leffrinkhoeke", "Leffrinckoucke", "Leffrinckoucke"},
	"Zuydcoote":           {"Zuidkote", "Zuydcoote", "Zuydcoote"},
	"Téteghem":            {"Tetegem", "Téteghem", "Téteghem"},
	"Coudekerque-Branche": {"Koudekerke-Brug", "Coudekerque-Branche", "Coudekerque-Branche"},
	"Grande-Synthe":       {"Groot-Sinten", "Grande-Synthe", "Grande-Synthe"},
	"Merville":            {"Mergem", "Merville", "Merville"},
	"Estaires":            {"Stegers", "Estaires", "Estaires"},
	"Nieppe":              {"Niepe", "Nieppe", "Nieppe"},
	"Halluin":             {"Halewijn", "Halluin", "Halluin"},
	"Tourcoing":           {"Toerkonje", "Tourcoing", "Tourcoing"},
	"Roubaix":             {"Robaais", "Roubaix", "Roubaix"},
	"Wervicq-Sud":         {"Zuid-Wervik", "Wervicq-Sud", "Wervicq-Sud"},
	"Comines (Nord)":      {"Komen (Frankrijk)", "Comines (Nord)", "Comines (Nord)"},
	"Godewaersvelde":      {"Godewaarsvelde", "Godewaersvelde", "Godewaersvelde"},
	"Boeschepe":           {"Boeschepe", "Boeschepe", "Boeschepe"},
	"Wormhout":            {"Wormhout", "Wormhout", "Wormhout"},
	"Houtkerque":          {"Houtkerke", "Houtkerque", "Houtkerque"},
	"Oost-Cappel":         {"Oostkappel", "Oost-Cappel", "Oost-Cappel"},
	"Bray-Dunes":          {"Bray-Duinen", "Bray-Dunes", "Bray-Dunes"},
}

// placeName is the name of a place in lang: its exonym when the table
// knows one, else the name as the data writes it.
func placeName(name string, lang qml.Lang) string {
	if e, ok := exonyms[name]; ok {
		return e[langIndex(lang)]
	}
	return name
}

func langIndex(l qml.Lang) int {
	switch l {
	case qml.NL:
		return 0
	case qml.FR:
		return 1
	}
	return 2
}

// countryNames name the countries of the region; other codes are shown
// as they are.
var countryNames = map[string][3]string{
	"BE": {"België", "Belgique", "Belgium"},
	"FR": {"Frankrijk", "France", "France"},
	"NL": {"Nederland", "Pays-Bas", "Netherlands"},
	"DE": {"Duitsland", "Allemagne", "Germany"},
	"LU": {"Luxemburg", "Luxembourg", "Luxembourg"},
}

func countryName(cc string, lang qml.Lang) string {
	if n, ok := countryNames[cc]; ok {
		return n[langIndex(lang)]
	}
	return cc
}

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
