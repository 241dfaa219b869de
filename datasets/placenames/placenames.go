package placenames

// The input data name each place once, in its own language (Ieper,
// Dunkerque). Readers of the other language know many places of the
// region by another name, so pages show the name of their language from
// the table below: Dutch, French and English exonyms of the Westhoek and of
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

// index is the position of lang in the tables: nl, fr, else en.
func index(lang string) int {
	switch lang {
	case "nl":
		return 0
	case "fr":
		return 1
	}
	return 2
}

// In is the name of a place in lang ("nl", "fr" or "en"): its exonym
// when the table knows one, else the name as the data writes it.
func In(name, lang string) string {
	if e, ok := exonyms[name]; ok {
		return e[index(lang)]
	}
	return name
}

// Written is the language a known name is written in ("nl" or "fr", by
// the table), "" for a name the table does not know.
func Written(name string) string {
	e, ok := exonyms[name]
	switch {
	case ok && e[0] == name:
		return "nl"
	case ok && e[1] == name:
		return "fr"
	}
	return ""
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

// Country is the name of the country with ISO code cc in lang; other
// codes are returned as they are.
func Country(cc, lang string) string {
	if n, ok := countryNames[cc]; ok {
		return n[index(lang)]
	}
	return cc
}
