package indicators

// Member is one need of a set, met by a service of any of Categories.
// A member with no Categories is one partons does not measure: no
// category of datasets/taxonomy stands for it (Note says why when it is
// not plain).
type Member struct {
	Name       string
	Categories []string // partons categories (datasets/taxonomy); none: not measured
	Official   string   // the official name, with the BPE TYPEQU codes partons reads
	Note       string   // where the partons categories and the official type differ
}

// Measured tells whether partons measures the member.
func (m Member) Measured() bool { return len(m.Categories) > 0 }

// Set is a named official indicator.
type Set struct {
	Name       string
	Title      string
	Source     string // who defines it, where
	Definition string
	// Caveats says where partons' reading differs from the office's beyond
	// the members it does not measure (those are listed by NotMeasured).
	Caveats     string
	Members     []Member
	ThresholdsM []float64 // distances the set is read at; none: the distance itself
}

// NotMeasured lists the official names of the members partons does not
// measure, in the set's order.
func (s Set) NotMeasured() []string {
	var out []string
	for _, m := range s.Members {
		if !m.Measured() {
			out = append(out, m.Official)
		}
	}
	return out
}

// Sources of the definitions below, as cited in the sets.
const (
	// srcFlanders is the Flemish indicator page (data year 2022): the share
	// of inhabitants who reach a basket of basic services ("een bakker,
	// slager of kleine voedingswinkel, een dokter, een apotheker, en een
	// lagere en/of kleuterschool") within 15 minutes by bicycle (3.75 km)
	// and within 15 minutes on foot (1.2 km) from their home. The same
	// indicator was earlier published as "Nabijheid van basisvoorzieningen"
	// (MIROK indicator fiche 3, 2017).
	srcFlanders = "Departement Omgeving (Vlaamse overheid), indicator 'Toegang tot basisvoorzieningen', " +
		"https://indicatoren.omgeving.vlaanderen.be/indicatoren/toegang-tot-basisvoorzieningen (data 2022); " +
		"formerly 'Nabijheid van basisvoorzieningen' (Ruimterapport Vlaanderen, MIROK fiche 3)"
	// srcGammes is INSEE's page on the gammes of the BPE: equipment types
	// that tend to be present in the same communes are grouped into three
	// gammes (proximité, intermédiaire, supérieure); the composition is
	// revised with every vintage of the BPE.
	//
	// What is verified and what is not. INSEE publishes each vintage's
	// composition as a table of TYPEQU codes and gammes (for 2021
	// https://www.insee.fr/fr/statistiques/fichier/3568650/BPE_gammes_2021_internet_v2.xlsx).
	// partons does not ship that table, and the member lists below were
	// written from INSEE's published lists by equipment name: which types
	// belong to which gamme has NOT been checked type by type against the
	// table. The page itself names two of the groupings read here: école
	// maternelle groups C101 and C102, école élémentaire C104 and C105 (the
	// codes of BPE 2021, "legacy" in datasets/taxonomy). The codes in a
	// member's Official name are the ones partons reads for it
	// (datasets/taxonomy, checked by TestGammeCodesMapToMembers), not a
	// transcription of the table. Later vintages differ: the BPE of 2023
	// was "largement revue et complétée" (209 types instead of 188;
	// https://www.insee.fr/fr/statistiques/8217535), so check the lists
	// against the table of the vintage compared with.
	srcGammes = "INSEE, 'Les gammes d'équipements issues de la Base permanente des équipements' " +
		"(https://www.insee.fr/fr/statistiques/3568650, BPE 2021 vintage; the composition is revised every vintage)"
	// srcAccess is the Insee Première that measures the road time from each
	// commune to the nearest equipment of each type of a basket (the
	// "panier de la vie courante") and of each gamme.
	srcAccess = "INSEE Première n° 1579 (January 2016), 'L'accès aux services, une question de densité des territoires' " +
		"(https://www.insee.fr/fr/statistiques/1908098): time by road to the nearest equipment of each type"
	gammeDefinition = "for each equipment type of the gamme, the distance to its nearest equipment and, when the run " +
		"was routed, the road time (road_min), as INSEE measures access by road; the row 'all' is the farthest type"
	gammeCaveats = "the gamme lists equipment types by their official names; partons measures the types it has a " +
		"category for, reading French BPE codes and OpenStreetMap tags alike (datasets/taxonomy); every other type is " +
		"written as not_measured; the member lists follow INSEE's lists of the BPE 2021 gammes by name and were not checked " +
		"type by type against INSEE's table of codes and gammes"
)

// notMeasured is a member partons has no category for.
func notMeasured(name, official, note string) Member {
	return Member{Name: name, Official: official, Note: note}
}

// Builtin are the sets partons knows, by name.
var Builtin = []Set{
	{
		Name:   "flemish_basic_services",
		Title:  "Toegang tot basisvoorzieningen (Vlaanderen)",
		Source: srcFlanders,
		Definition: "a home is close to basic services when each of them lies within 1.2 km (15 minutes on foot) or " +
			"3.75 km (15 minutes by bicycle); the indicator is the share of inhabitants so served. partons reads it per " +
			"village as the farthest member, each met by its nearest service, straight line",
		Caveats: "the office measures from every home, partons from the village point; 'food shop' is any of bakery, " +
			"butcher and grocery, and partons' grocery also counts supermarkets where the office names a small food shop",
		Members: []Member{
			{Name: "food_shop", Categories: []string{"bakery", "butcher", "grocery"}, Official: "bakker, slager of kleine voedingswinkel",
				Note: "grocery also counts supermarkets"},
			{Name: "gp", Categories: []string{"gp"}, Official: "dokter (huisarts)"},
			{Name: "pharmacy", Categories: []string{"pharmacy"}, Official: "apotheker"},
			{Name: "school", Categories: []string{"primary_school", "school", "kindergarten"}, Official: "lagere en/of kleuterschool",
				Note: "school is an OpenStreetMap school of unknown level"},
		},
		ThresholdsM: []float64{1200, 3750},
	},
	{
		Name:       "insee_gamme_proximite",
		Title:      "Gamme de proximité de la Base permanente des équipements (INSEE)",
		Source:     srcGammes + "; " + srcAccess,
		Definition: gammeDefinition,
		Caveats:    gammeCaveats + "; épicerie and supérette are read as partons' grocery, which also counts supermarkets",
		Members: []Member{
			{Name: "poste", Categories: []string{"post"}, Official: "bureau de poste, relais poste, agence postale (A206, A207, A208)"},
			{Name: "epicerie", Categories: []string{"grocery"}, Official: "épicerie, supérette (B202, B201)", Note: "grocery also counts supermarkets"},
			{Name: "boulangerie", Categories: []string{"bakery"}, Official: "boulangerie-pâtisserie (B207; legacy B203)"},
			{Name: "boucherie", Categories: []string{"butcher"}, Official: "boucherie charcuterie (B204)"},
			{Name: "ecole_maternelle", Categories: []string{"kindergarten"}, Official: "école maternelle (C107; legacy C101, C102)"},
			{Name: "ecole_elementaire", Categories: []string{"primary_school", "school"}, Official: "école élémentaire (C108, C109; legacy C104, C105)",
				Note: "school is an OpenStreetMap school of unknown level"},
			{Name: "medecin_generaliste", Categories: []string{"gp"}, Official: "médecin généraliste (D265; legacy D201)"},
			{Name: "chirurgien_dentiste", Categories: []string{"dentist"}, Official: "chirurgien-dentiste",
				Note: "read from OpenStreetMap dentists; no BPE code is mapped"},
			{Name: "pharmacie", Categories: []string{"pharmacy"}, Official: "pharmacie (D307; legacy D301)"},
			notMeasured("infirmier", "infirmier", ""),
			notMeasured("masseur_kinesitherapeute", "masseur kinésithérapeute", ""),
			notMeasured("coiffure", "coiffure", ""),
			notMeasured("restaurant", "restaurant, restauration rapide", ""),
			notMeasured("soins_beaute", "soins de beauté", ""),
			notMeasured("agence_immobiliere", "agence immobilière", ""),
			notMeasured("fleuriste", "fleuriste, jardinerie, animalerie", ""),
			notMeasured("reparation_automobile", "réparation automobile et de matériel agricole", ""),
			notMeasured("macon", "maçon", ""),
			notMeasured("platrier_peintre", "plâtrier, peintre", ""),
			notMeasured("menuisier", "menuisier, charpentier, serrurier", ""),
			notMeasured("plombier", "plombier, couvreur, chauffagiste", ""),
			notMeasured("electricien", "électricien", ""),
			notMeasured("entreprise_batiment", "entreprise générale du bâtiment", ""),
			notMeasured("boulodrome", "boulodrome", ""),
			notMeasured("tennis", "tennis", ""),
			notMeasured("salle_multisports", "salle ou terrain multisports", ""),
			notMeasured("terrain_grands_jeux", "terrain de grands jeux", ""),
		},
	},
	{
		Name:       "insee_gamme_intermediaire",
		Title:      "Gamme intermédiaire de la Base permanente des équipements (INSEE)",
		Source:     srcGammes + "; " + srcAccess,
		Definition: gammeDefinition,
		Caveats:    gammeCaveats,
		Members: []Member{
			{Name: "banque", Categories: []string{"bank"}, Official: "banque, caisse d'épargne (A203)"},
			notMeasured("supermarche", "supermarché", "partons' grocery does not tell a supermarket from an épicerie"),
			notMeasured("college", "collège", "OpenStreetMap schools carry no level"),
			notMeasured("police", "police", ""),
			notMeasured("gendarmerie", "gendarmerie", ""),
			notMeasured("finances_publiques", "centre de finances publiques", ""),
			notMeasured("pompes_funebres", "pompes funèbres", ""),
			notMeasured("controle_technique", "contrôle technique automobile", ""),
			notMeasured("ecole_conduite", "école de conduite", ""),
			notMeasured("veterinaire", "vétérinaire", ""),
			notMeasured("blanchisserie", "blanchisserie, teinturerie", ""),
			notMeasured("librairie", "librairie, papeterie, journaux", ""),
			notMeasured("vetements", "magasin de vêtements", ""),
			notMeasured("equipement_foyer", "magasin d'équipements du foyer", ""),
			notMeasured("chaussures", "magasin de chaussures", ""),
			notMeasured("electromenager", "magasin d'électroménager et de matériel audio-vidéo", ""),
			notMeasured("meubles", "magasin de meubles", ""),
			notMeasured("sports_loisirs", "magasin d'articles de sports et de loisirs", ""),
			notMeasured("bricolage", "droguerie, quincaillerie, bricolage", ""),
			notMeasured("parfumerie", "parfumerie, cosmétique", ""),
			notMeasured("bijouterie", "horlogerie, bijouterie", ""),
			notMeasured("optique", "magasin d'optique", ""),
			notMeasured("station_service", "station-service", ""),
			notMeasured("orthophoniste", "orthophoniste", ""),
			notMeasured("podologue", "pédicure-podologue", ""),
			notMeasured("laboratoire", "laboratoire d'analyses et de biologie médicales", ""),
			notMeasured("ambulance", "ambulance", ""),
			notMeasured("personnes_agees_hebergement", "personnes âgées : hébergement", ""),
			notMeasured("personnes_agees_aide", "personnes âgées : service d'aide", ""),
			notMeasured("garde_enfants", "garde d'enfants d'âge préscolaire", ""),
			notMeasured("bassin_natation", "bassin de natation", ""),
			notMeasured("athletisme", "athlétisme", ""),
		},
	},
	{
		Name:       "insee_gamme_superieure",
		Title:      "Gamme supérieure de la Base permanente des équipements (INSEE)",
		Source:     srcGammes + "; " + srcAccess,
		Definition: gammeDefinition,
		Caveats:    gammeCaveats + "; a short-stay hospital is read as any OpenStreetMap hospital",
		Members: []Member{
			{Name: "court_sejour", Categories: []string{"hospital"}, Official: "établissement de santé de court séjour",
				Note: "OpenStreetMap hospitals are not split by length of stay; no BPE code is mapped"},
			notMeasured("urgences", "urgences", "not every hospital has an emergency department"),
			notMeasured("maternite", "maternité", ""),
			notMeasured("lycee_general", "lycée d'enseignement général et/ou technologique", "OpenStreetMap schools carry no level"),
			notMeasured("lycee_professionnel", "lycée d'enseignement professionnel", "OpenStreetMap schools carry no level"),
			notMeasured("hypermarche", "hypermarché", "partons' grocery does not tell a hypermarket from an épicerie"),
			notMeasured("france_travail", "France Travail (Pôle emploi)", ""),
			notMeasured("travail_temporaire", "agence de travail temporaire", ""),
			notMeasured("location_automobile", "location d'automobiles et d'utilitaires légers", ""),
			notMeasured("moyen_sejour", "établissement de santé de moyen séjour", ""),
			notMeasured("long_sejour", "établissement de santé de long séjour", ""),
			notMeasured("psychiatrie", "structure psychiatrique en ambulatoire", ""),
			notMeasured("centre_sante", "centre de santé", ""),
			notMeasured("dialyse", "centre de dialyse", ""),
			notMeasured("specialiste_cardiologie", "spécialiste en cardiologie", ""),
			notMeasured("specialiste_dermatologie", "spécialiste en dermatologie et vénéréologie", ""),
			notMeasured("specialiste_gastro", "spécialiste en gastro-entérologie, hépatologie", ""),
			notMeasured("specialiste_psychiatrie", "spécialiste en psychiatrie", ""),
			notMeasured("specialiste_ophtalmologie", "spécialiste en ophtalmologie", ""),
			notMeasured("specialiste_orl", "spécialiste en oto-rhino-laryngologie", ""),
			notMeasured("specialiste_pediatrie", "spécialiste en pédiatrie", ""),
			notMeasured("specialiste_gynecologie", "spécialiste en gynécologie", ""),
			notMeasured("specialiste_radiologie", "spécialiste en radiodiagnostic et imagerie médicale", ""),
			notMeasured("sage_femme", "sage-femme", ""),
			notMeasured("orthoptiste", "orthoptiste", ""),
			notMeasured("audioprothesiste", "audioprothésiste", ""),
			notMeasured("cinema", "cinéma", ""),
			notMeasured("theatre", "théâtre, art de rue, pôle cirque", ""),
			notMeasured("musee", "musée", ""),
			notMeasured("conservatoire", "conservatoire", ""),
		},
	},
}
