package westhoek

// Translations gives the texts of the sample's metadata that a report
// shows (source names, vintages, licences, caveats) in Dutch, French and
// English, keyed by the English text of metadata.json. A test checks that
// every such text has an entry.
var Translations = map[string][3]string{ // nl, fr, en
	// Source names.
	"OpenStreetMap place nodes (Belgium extract)": {
		"OpenStreetMap-plaatsknopen (uittreksel België)",
		"Nœuds de lieux OpenStreetMap (extrait Belgique)",
		"OpenStreetMap place nodes (Belgium extract)"},
	"OpenStreetMap points of interest, nodes only (Belgium extract)": {
		"OpenStreetMap-nuttige plaatsen, alleen knopen (uittreksel België)",
		"Points d'intérêt OpenStreetMap, nœuds seulement (extrait Belgique)",
		"OpenStreetMap points of interest, nodes only (Belgium extract)"},
	"Statbel municipality boundaries (2011 geometry, 589-municipality layout) with population 2020": {
		"Statbel-gemeentegrenzen (geometrie 2011, indeling in 589 gemeenten) met bevolking 2020",
		"Limites communales Statbel (géométrie 2011, découpage en 589 communes) avec la population 2020",
		"Statbel municipality boundaries (2011 geometry, 589-municipality layout) with population 2020"},
	"French communes: IGN Admin Express 2018 (simplified) with INSEE legal populations (population_2026_ref)": {
		"Franse gemeenten: IGN Admin Express 2018 (vereenvoudigd) met wettelijke INSEE-bevolking (population_2026_ref)",
		"Communes françaises : IGN Admin Express 2018 (simplifié) avec les populations légales INSEE (population_2026_ref)",
		"French communes: IGN Admin Express 2018 (simplified) with INSEE legal populations (population_2026_ref)"},
	"OpenStreetMap place nodes (France)": {
		"OpenStreetMap-plaatsknopen (Frankrijk)",
		"Nœuds de lieux OpenStreetMap (France)",
		"OpenStreetMap place nodes (France)"},
	"La Poste, points de contact du réseau postal": {
		"La Poste, contactpunten van het postnet (points de contact du réseau postal)",
		"La Poste, points de contact du réseau postal",
		"La Poste, points de contact du réseau postal"},

	// Vintages.
	"boundaries 2011, population 2020-01-01": {
		"grenzen 2011, bevolking 1-1-2020",
		"limites 2011, population au 1er janvier 2020",
		"boundaries 2011, population 2020-01-01"},
	"boundaries 2018, population reference 2026": {
		"grenzen 2018, referentiebevolking 2026",
		"limites 2018, population de référence 2026",
		"boundaries 2018, population reference 2026"},

	// Licences.
	"ODbL 1.0 (Open Database License)": {
		"ODbL 1.0 (Open Database License)",
		"ODbL 1.0 (Open Database License)",
		"ODbL 1.0 (Open Database License)"},
	"CC BY 2.0":                {"CC BY 2.0", "CC BY 2.0", "CC BY 2.0"},
	"Licence Ouverte / Etalab": {"Licence Ouverte / Etalab", "Licence Ouverte / Etalab", "Licence Ouverte / Etalab"},
	"published by La Poste as open data (Licence Ouverte expected; not verified from the file itself)": {
		"door La Poste als open data gepubliceerd (Licence Ouverte verwacht; niet nagegaan in het bestand zelf)",
		"publié par La Poste en données ouvertes (Licence Ouverte attendue ; non vérifiée dans le fichier lui-même)",
		"published by La Poste as open data (Licence Ouverte expected; not verified from the file itself)"},

	// Caveats.
	"Belgian services are OpenStreetMap nodes of November 2015: shops mapped only as building outlines are missing, so Belgian counts are lower bounds and a village may have a service the sample lacks.": {
		"De Belgische diensten zijn OpenStreetMap-knopen van november 2015: winkels die alleen als gebouwomtrek getekend zijn ontbreken, dus de Belgische aantallen zijn ondergrenzen en een dorp kan een dienst hebben die in de steekproef ontbreekt.",
		"Les services belges sont des nœuds OpenStreetMap de novembre 2015 : les commerces cartographiés seulement comme contour de bâtiment manquent, les nombres belges sont donc des minorants et un village peut avoir un service absent de l'échantillon.",
		"Belgian services are OpenStreetMap nodes of November 2015: shops mapped only as building outlines are missing, so Belgian counts are lower bounds and a village may have a service the sample lacks."},
	"French services are post offices and other postal counters only (La Poste 2020). Every other category is not covered in France: distances to it across the border are not meaningful.": {
		"De Franse diensten zijn alleen postkantoren en andere postloketten (La Poste 2020). Geen enkele andere categorie is gedekt in Frankrijk: afstanden ertoe over de grens heen zeggen niets.",
		"Les services français sont uniquement des bureaux de poste et autres points postaux (La Poste 2020). Aucune autre catégorie n'est couverte en France : les distances à travers la frontière n'y ont pas de sens.",
		"French services are post offices and other postal counters only (La Poste 2020). Every other category is not covered in France: distances to it across the border are not meaningful."},
	"Belgian village populations are OpenStreetMap population tags of no single date or definition; some tag a municipality total on its main village, so summing them double counts. Most Belgian places have no population (null): report it as unknown, never as zero.": {
		"De inwonertallen van de Belgische dorpen zijn OpenStreetMap-tags zonder vaste datum of definitie; sommige zetten het gemeentetotaal op het hoofddorp, dus optellen telt dubbel. De meeste Belgische plaatsen hebben geen inwonertal (null): dat is onbekend, nooit nul.",
		"Les populations des villages belges sont des attributs OpenStreetMap sans date ni définition communes ; certains portent le total de la commune sur son village principal, les additionner compte donc deux fois. La plupart des lieux belges n'ont pas de population (null) : elle est inconnue, jamais nulle.",
		"Belgian village populations are OpenStreetMap population tags of no single date or definition; some tag a municipality total on its main village, so summing them double counts. Most Belgian places have no population (null): report it as unknown, never as zero."},
	"OpenStreetMap amenity=school does not say the school level; it is category school, which the default basket accepts as a primary school.": {
		"OpenStreetMap amenity=school zegt niet welk onderwijsniveau; het is de categorie school, die het standaardbasispakket als lagere school aanvaardt.",
		"OpenStreetMap amenity=school ne précise pas le niveau de l'école ; c'est la catégorie école, que le panier par défaut accepte comme école élémentaire.",
		"OpenStreetMap amenity=school does not say the school level; it is category school, which the default basket accepts as a primary school."},
	"No road network is included: distances from this sample alone are straight-line.": {
		"Er is geen wegennet bij: afstanden uit deze steekproef alleen zijn in vogelvlucht.",
		"Aucun réseau routier n'est inclus : les distances tirées de ce seul échantillon sont à vol d'oiseau.",
		"No road network is included: distances from this sample alone are straight-line."},
}
