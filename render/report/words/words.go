// Package words holds the texts of report.html in Dutch, French and
// English ({nl, fr, en} triples keyed by an English key): the page's
// headings and sentences, the opening-hours and public-transport
// sections', country names and the Westhoek's exonyms. Read-only.
package words

import "github.com/partons/partons/render/qml"

// Text returns the text of key in l from Page, Hours or Transit; the key
// itself when none has it.
func Text(l qml.Lang, key string) string {
	for _, m := range []map[string][3]string{Page, Hours, Transit} {
		if _, ok := m[key]; ok {
			return l.Lookup(m, key)
		}
	}
	return key
}

// Countries translates ISO 3166-1 codes of the border regions partons
// is used in.
var Countries = map[string][3]string{
	"BE": {"België", "Belgique", "Belgium"},
	"FR": {"Frankrijk", "France", "France"},
	"NL": {"Nederland", "Pays-Bas", "Netherlands"},
	"DE": {"Duitsland", "Allemagne", "Germany"},
	"LU": {"Luxemburg", "Luxembourg", "Luxembourg"},
	"LI": {"Liechtenstein", "Liechtenstein", "Liechtenstein"},
	"CH": {"Zwitserland", "Suisse", "Switzerland"},
	"AT": {"Oostenrijk", "Autriche", "Austria"},
	"ES": {"Spanje", "Espagne", "Spain"},
	"AD": {"Andorra", "Andorre", "Andorra"},
	"MC": {"Monaco", "Monaco", "Monaco"},
}

// Exonyms are the Westhoek's places with an established name of their
// own in another language, keyed by the local name (as in the data):
// Dutch, French and English names.
var Exonyms = map[string][3]string{
	"Ieper":               {"Ieper", "Ypres", "Ypres"},
	"Poperinge":           {"Poperinge", "Poperinghe", "Poperinge"},
	"Diksmuide":           {"Diksmuide", "Dixmude", "Diksmuide"},
	"Veurne":              {"Veurne", "Furnes", "Veurne"},
	"Nieuwpoort":          {"Nieuwpoort", "Nieuport", "Nieuwpoort"},
	"Menen":               {"Menen", "Menin", "Menin"},
	"Wervik":              {"Wervik", "Wervicq", "Wervik"},
	"Mesen":               {"Mesen", "Messines", "Messines"},
	"Roeselare":           {"Roeselare", "Roulers", "Roeselare"},
	"Torhout":             {"Torhout", "Thourout", "Torhout"},
	"Koksijde":            {"Koksijde", "Coxyde", "Koksijde"},
	"De Panne":            {"De Panne", "La Panne", "De Panne"},
	"Passendale":          {"Passendale", "Passchendaele", "Passchendaele"},
	"Wijtschate":          {"Wijtschate", "Wytschaete", "Wytschaete"},
	"Dunkerque":           {"Duinkerke", "Dunkerque", "Dunkirk"},
	"Bailleul":            {"Belle", "Bailleul", "Bailleul"},
	"Cassel":              {"Kassel", "Cassel", "Cassel"},
	"Hazebrouck":          {"Hazebroek", "Hazebrouck", "Hazebrouck"},
	"Bergues":             {"Sint-Winoksbergen", "Bergues", "Bergues"},
	"Gravelines":          {"Grevelingen", "Gravelines", "Gravelines"},
	"Bourbourg":           {"Broekburg", "Bourbourg", "Bourbourg"},
	"Hondschoote":         {"Hondschote", "Hondschoote", "Hondschoote"},
	"Comines":             {"Komen", "Comines", "Comines"},
	"Comines-Warneton":    {"Komen-Waasten", "Comines-Warneton", "Comines-Warneton"},
	"Warneton":            {"Waasten", "Warneton", "Warneton"},
	"Bas-Warneton":        {"Neerwaasten", "Bas-Warneton", "Bas-Warneton"},
	"Estaires":            {"Stegers", "Estaires", "Estaires"},
	"Merville":            {"Mergem", "Merville", "Merville"},
	"Nieppe":              {"Niepkerke", "Nieppe", "Nieppe"},
	"Steenwerck":          {"Steenwerk", "Steenwerck", "Steenwerck"},
	"Méteren":             {"Meteren", "Méteren", "Méteren"},
	"Esquelbecq":          {"Ekelsbeke", "Esquelbecq", "Esquelbecq"},
	"Zuydcoote":           {"Zuidkote", "Zuydcoote", "Zuydcoote"},
	"Leffrinckoucke":      {"Leffrinkhoeke", "Leffrinckoucke", "Leffrinckoucke"},
	"Grande-Synthe":       {"Groot-Sinten", "Grande-Synthe", "Grande-Synthe"},
	"Coudekerque-Branche": {"Koudekerke-Branche", "Coudekerque-Branche", "Coudekerque-Branche"},
	"Loon-Plage":          {"Loon", "Loon-Plage", "Loon-Plage"},
	"Morbecque":           {"Moerbeke", "Morbecque", "Morbecque"},
	"Steenbecque":         {"Steenbeke", "Steenbecque", "Steenbecque"},
	"Caëstre":             {"Kaaster", "Caëstre", "Caëstre"},
	"Ghyvelde":            {"Gijvelde", "Ghyvelde", "Ghyvelde"},
}
