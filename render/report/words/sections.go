package words

// Hours are the opening-hours section's texts: nl, fr, en.
var Hours = map[string][3]string{
	"hours": {"Openingsuren", "Heures d'ouverture", "Opening hours"},
	"hours note": {
		"Referentieweek %s (maandag %s), met de feestdagen van elk land. Diensten zonder gekende openingsuren tellen als onbekend, nooit als altijd open.",
		"Semaine de référence %s (lundi %s), avec les jours fériés de chaque pays. Les services sans heures connues comptent comme inconnus, jamais comme toujours ouverts.",
		"Reference week %s (Monday %s), with each country's public holidays. Services whose hours are not known count as unknown, never as always open."},
	"hours counts": {"Diensten met gekende uren: %s van %s.", "Services aux heures connues : %s sur %s.", "Services with known hours: %s of %s."},
	"hours week":   {"Aantal diensten open per uur van de week: %s", "Nombre de services ouverts à chaque heure de la semaine : %s", "Services open at each hour of the week: %s"},
	"hours slots": {
		"Aandeel van de inwoners met een dienst open in elk tijdvak binnen %s (in vogelvlucht); tussen haakjes het aandeel waarvoor dat onbekend is.",
		"Part des habitants ayant un service ouvert dans chaque créneau à moins de %s (à vol d'oiseau) ; entre parenthèses, la part pour laquelle c'est inconnu.",
		"Share of people with a service open in each slot within %s (straight line); in brackets the share for whom it is unknown."},
	"hours gain": {"Uren per week die de andere kant van de grens toevoegt (gemiddeld per inwoner)", "Heures par semaine ajoutées par l'autre côté de la frontière (moyenne par habitant)", "Hours a week the other side of the border adds (mean per person)"},
	"day names":  {"ma di wo do vr za zo", "lu ma me je ve sa di", "Mo Tu We Th Fr Sa Su"},
}

// Transit are the public-transport section's words: nl, fr, en.
var Transit = map[string][3]string{
	"transit": {"Met het openbaar vervoer", "En transports en commun", "By public transport"},
	"transit note": {
		"Reistijd van deur tot deur met bus, tram of trein, te voet en wachten inbegrepen, berekend voor elke vertrekminuut van het tijdvenster. De mediaan is wat iemand mag verwachten die op een willekeurige minuut vertrekt; op het platteland met een bus per uur is dat vaak de wandeltijd of helemaal niets, terwijl de beste tijd toont wat wie zich naar de dienstregeling richt haalt. Lees beide. Een dorp waar niets sneller is dan te voet telt met zijn wandeltijd; een dorp zonder verbinding binnen de langste reis telt als niet bereikt (nooit als bereikbaar); een dorp buiten het netwerk is onbekend.",
		"Temps de porte à porte en bus, tram ou train, marche et attente comprises, calculé pour chaque minute de départ de la plage horaire. La médiane est ce qu'attend quelqu'un qui part à une minute quelconque ; à la campagne, avec un bus par heure, c'est souvent le temps à pied ou rien du tout, alors que le meilleur temps montre ce qu'obtient qui s'organise selon l'horaire. Lisez les deux. Un village où rien ne bat la marche compte pour son temps à pied ; un village sans desserte dans le trajet le plus long compte comme non atteint (jamais comme accessible) ; un village hors réseau est inconnu.",
		"Door-to-door time by bus, tram or train, walking and waiting included, computed for every departure minute of the time window. The median is what someone leaving at a random minute can expect; in the countryside with an hourly bus it is often the walking time or nothing at all, while the best time shows what someone who plans around the timetable gets. Read both. A village where nothing beats walking counts at its walking time; one with no service within the longest journey counts as not reached (never as reachable); one off the network is unknown."},
	"transit median map": {"Mediane reistijd met het openbaar vervoer tot %s", "Temps médian en transports en commun : %s", "Median time by public transport to %s"},
	"transit best map":   {"Beste reistijd met het openbaar vervoer tot %s", "Meilleur temps en transports en commun : %s", "Best time by public transport to %s"},
	"no service":         {"geen verbinding (dorpen)", "sans desserte (villages)", "no service (villages)"},
	"off network":        {"buiten het netwerk (dorpen)", "hors réseau (villages)", "off the network (villages)"},
	"beyond note":        {"Dorpen zonder verbinding binnen de langste reis staan in de laatste klasse.", "Les villages sans desserte dans le trajet le plus long figurent dans la dernière classe.", "Villages with no service within the longest journey are in the last class."},
}
