package report

import (
	"github.com/partons/partons/render/qml"
)

// texts holds every heading and sentence of the report: nl, fr, en.
var texts = map[string][3]string{
	"title":             {"Toegang tot dagelijkse diensten", "Accès aux services du quotidien", "Access to everyday services"},
	"lede":              {"%s dorpen, %s dienstpunten in %s categorieën. Afstanden in vogelvlucht over de ellipsoïde (WGS84), in meter.", "%s villages, %s points de service dans %s catégories. Distances à vol d'oiseau sur l'ellipsoïde (WGS84), en mètres.", "%s villages, %s service points in %s categories. Straight-line distances on the ellipsoid (WGS84), in metres."},
	"data dates":        {"Datum van de gegevens, per bron: %s", "Date des données, par source : %s", "Data date per source: %s"},
	"pair":              {"%s: %s", "%s : %s", "%s: %s"},
	"data date unknown": {"Datum van de gegevens: onbekend", "Date des données : inconnue", "Data date: unknown"},
	"read first":        {"Lees dit eerst", "À lire d'abord", "Read this first"},
	"gaps":              {"De gegevens dekken deze categorieën niet aan deze kant van de grens: daar is de afstand onbekend, niet groot. Een ontbrekend punt is geen ontbrekende dienst.", "Les données ne couvrent pas ces catégories de ce côté de la frontière : la distance y est inconnue, pas grande. Un point absent n'est pas un service absent.", "The data does not cover these categories on this side of the border: there the distance is unknown, not large. A missing point is not a missing service."},
	"partial":           {"Gedeeltelijk: de bron bevat niet alle punten, dus werkelijke afstanden kunnen korter zijn.", "Partiel : la source ne recense pas tous les points, les distances réelles peuvent être plus courtes.", "Partial: the source does not list every point, so real distances may be shorter."},
	"pop unknown":       {"Voor %s dorpen is het inwonertal onbekend: ze tellen mee op de kaarten, niet in de aandelen (nooit als nul).", "La population de %s villages est inconnue : ils figurent sur les cartes, pas dans les parts (jamais comptés comme zéro).", "Population is unknown for %s villages: they are on the maps, not in the shares (never counted as zero)."},
	"headline":          {"Kerncijfers per land", "Chiffres clés par pays", "Headline figures per country"},
	"headline note":     {"Aandeel van de inwoners binnen elke afstand en mediane afstand, gewogen naar inwonertal. Cursief met *: binnen het eigen land, omdat de gegevens de andere kant niet dekken (een bovengrens).", "Part des habitants à moins de chaque distance et distance médiane, pondérées par la population. En italique avec * : dans le pays même, car les données ne couvrent pas l'autre côté (une borne supérieure).", "Share of people within each distance and median distance, weighted by population. In italics with *: within the country, because the data does not cover the other side (an upper bound)."},
	"category":          {"Categorie", "Catégorie", "Category"},
	"median":            {"mediaan", "médiane", "median"},
	"within":            {"≤ %s", "≤ %s", "≤ %s"},
	"per area":          {"Per gebied: %s", "Par territoire : %s", "Per area: %s"},
	"area":              {"Gebied", "Territoire", "Area"},
	"country":           {"Land", "Pays", "Country"},
	"villages":          {"Dorpen", "Villages", "Villages"},
	"people":            {"Inwoners", "Habitants", "People"},
	"people known":      {"Tussen haakjes: inwoners met gekende afstand.", "Entre parenthèses : habitants dont la distance est connue.", "In brackets: people whose distance is known."},
	"maps":              {"Kaarten en verdelingen", "Cartes et distributions", "Maps and distributions"},
	"map caption":       {"Elk dorp gekleurd naar de afstand tot de dichtstbijzijnde dienst; zwarte kruisjes zijn de dienstpunten.", "Chaque village coloré selon la distance au service le plus proche ; les croix noires sont les points de service.", "Each village coloured by the distance to the nearest service; black crosses are the service points."},
	"cdf caption":       {"Aandeel van de inwoners binnen een afstand, per land.", "Part des habitants à moins d'une distance donnée, par pays.", "Share of people within a distance, per country."},
	"domestic only":     {"%s dorpen: alleen binnen het eigen land (andere kant niet gedekt)", "%s villages : dans le pays seulement (autre côté non couvert)", "%s villages: within their own country only (other side not covered)"},
	"basket def":        {"Afstand tot het verste onderdeel van het basispakket (%s), elk bij de dichtstbijzijnde dienst.", "Distance à l'élément le plus éloigné du panier (%s), chacun au service le plus proche.", "Distance to the farthest member of the basket (%s), each met by its nearest service."},
	"no data for":       {"Geen gegevens voor: %s.", "Pas de données pour : %s.", "No data for: %s."},
	"worst":             {"Slechtst bediende dorpen", "Villages les moins bien desservis", "Villages worst off"},
	"worst note":        {"De %s dorpen per land met de grootste afstand tot %s.", "Les %s villages de chaque pays les plus éloignés de : %s.", "The %s villages per country farthest from: %s."},
	"village":           {"Dorp", "Village", "Village"},
	"distance":          {"Afstand", "Distance", "Distance"},
	"farthest need":     {"Verste onderdeel", "Élément le plus éloigné", "Farthest need"},
	"none":              {"geen", "aucun", "none"},
	"unknown":           {"onbekend", "inconnue", "unknown"},
	"sources":           {"Gegevensbronnen", "Sources des données", "Data sources"},
	"source":            {"Bron", "Source", "Source"},
	"vintage":           {"Datum", "Millésime", "Vintage"},
	"licence":           {"Licentie", "Licence", "Licence"},
	"attribution":       {"Naamsvermelding", "Attribution", "Attribution"},
	"coverage":          {"Dekking per categorie en land", "Couverture par catégorie et pays", "Coverage per category and country"},
	"points":            {"punten", "points", "points"},
	"complete":          {"volledig", "complète", "complete"},
	"partial grade":     {"gedeeltelijk", "partielle", "partial"},
	"none grade":        {"geen gegevens", "pas de données", "no data"},
	"caveats":           {"Kanttekeningen", "Mises en garde", "Caveats"},
	"method":            {"Methode", "Méthode", "Method"},
	"method text":       {"Afstanden zijn geodetische lijnen op de WGS84-ellipsoïde (Karney 2013) van het punt van elk dorp (voor gemeenten hun hoofdplaats als die gegeven is, anders een punt binnen de gemeente) tot het dienstpunt; wegen en reistijden staan in villages.csv. Drempels: %s. Aandelen zijn van de inwoners met gekend inwonertal en gekende afstand.", "Les distances sont des géodésiques sur l'ellipsoïde WGS84 (Karney 2013) du point de chaque village (pour les communes, leur chef-lieu s'il est donné, sinon un point intérieur à la commune) au point de service ; routes et temps de trajet figurent dans villages.csv. Seuils : %s. Les parts portent sur les habitants dont la population et la distance sont connues.", "Distances are geodesics on the WGS84 ellipsoid (Karney 2013) from each village's point (for communes, their main place when given, else a point inside the commune) to the service point; roads and travel times are in villages.csv. Thresholds: %s. Shares are of people whose population and distance are known."},
	"scenario":          {"Scenario: %s", "Scénario : %s", "Scenario: %s"},
	"scenario note":     {"Verschil in afstand tot %s (scenario min huidige toestand): blauw dichterbij, rood verder.", "Écart de distance à : %s (scénario moins situation actuelle) : bleu plus proche, rouge plus loin.", "Change in distance to %s (scenario minus today): blue closer, red farther."},
	"lose":              {"Dorpen die verliezen", "Villages qui perdent", "Villages that lose"},
	"gain":              {"Dorpen die winnen", "Villages qui gagnent", "Villages that gain"},
	"change":            {"Verschil", "Écart", "Change"},
	"nobody":            {"geen", "aucun", "none"},
	"sites":             {"Gekozen locaties", "Sites retenus", "Chosen sites"},
	"site":              {"Locatie", "Site", "Site"},
	"people served":     {"Inwoners nieuw binnen bereik", "Habitants nouvellement desservis", "People newly within reach"},
	"lonlat":            {"Lengte, breedte", "Longitude, latitude", "Longitude, latitude"},
	"legend unknown":    {"geen gegevens", "pas de données", "no data"},
	"legend service":    {"dienstpunt", "point de service", "service point"},
	"area outline":      {"gebiedsgrens", "limite de territoire", "area boundary"},
	"km":                {"km", "km", "km"},
	"by villages":       {"Geen inwonertal gekend: aandeel van de dorpen en mediaan dorp, niet van de inwoners.", "Aucune population connue : part des villages et village médian, pas des habitants.", "No population known: share of villages and median village, not of people."},
	"n villages":        {"%s dorpen", "%s villages", "%s villages"},
	"by road":           {"Over de weg", "Par la route", "By road"},
	"by road note":      {"Routes over het OpenStreetMap-wegennet (%s, %s): aandeel van de inwoners binnen elke reistijd, mediane reistijd en mediane routelengte tot de dichtstbijzijnde dienst.", "Itinéraires sur le réseau routier OpenStreetMap (%s, %s) : part des habitants à moins de chaque temps de trajet, temps médian et longueur médiane de l'itinéraire vers le service le plus proche.", "Routes on the OpenStreetMap road network (%s, %s): share of people within each travel time, median time and median route length to the nearest service."},
	"route by time":     {"snelste route", "itinéraire le plus rapide", "fastest route"},
	"route by length":   {"kortste route", "itinéraire le plus court", "shortest route"},
	"median route":      {"mediane route", "itinéraire médian", "median route"},
	"median time":       {"mediane reistijd", "temps médian", "median time"},
	"road map":          {"Reistijd over de weg tot %s", "Temps de trajet par la route : %s", "Travel time by road to %s"},
	"footer":            {"Gemaakt met partons uit de gegevens hierboven.", "Produit par partons à partir des données ci-dessus.", "Made with partons from the data above."},
}

// t returns a text in l.
func t(l qml.Lang, key string) string { return l.Lookup(texts, key) }

// countryNames translates ISO 3166-1 codes of the border regions partons
// is used in.
var countryNames = map[string][3]string{
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

func countryName(l qml.Lang, code string) string { return l.Lookup(countryNames, code) }

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

// placeName returns a place's name in l: the Input's Names first, then
// Exonyms, else the name as given. local is true when the result is the
// name as given.
func (in *Input) placeName(name string) (string, bool) {
	if m, ok := in.Names[name]; ok {
		if s := m[in.Lang]; s != "" {
			return s, s == name
		}
	}
	if w, ok := Exonyms[name]; ok {
		s := in.Lang.Pick(w)
		return s, s == name
	}
	return name, true
}

// displayName is the place name in l followed by the local name when
// they differ: "Ypres (Ieper)".
func (in *Input) displayName(name string) string {
	s, local := in.placeName(name)
	if local {
		return s
	}
	return s + " (" + name + ")"
}
