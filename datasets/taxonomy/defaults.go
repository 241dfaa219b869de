package taxonomy

// Vocabulary names used in Entry.Vocabulary.
const (
	VocabOSM     = "osm"     // OpenStreetMap key=value tags
	VocabBPE     = "bpe"     // INSEE Base permanente des équipements TYPEQU codes
	VocabLaPoste = "laposte" // La Poste contact-point kinds
	VocabUser    = "user"    // entries supplied through With
)

// Common category names of the default taxonomy.
const (
	Bakery        = "bakery"
	Butcher       = "butcher"
	Grocery       = "grocery"
	Pharmacy      = "pharmacy"
	GP            = "gp"
	Dentist       = "dentist"
	Hospital      = "hospital"
	Post          = "post"
	Bank          = "bank"
	ATM           = "atm"
	Kindergarten  = "kindergarten"
	PrimarySchool = "primary_school"
	School        = "school"
	Library       = "library"
)

// defaultTable is the built-in mapping, one source value per line. Note
// says what a code means when the raw value does not (BPE codes) and marks
// legacy BPE codes. Keep it in step with the table in doc.go; the tests
// check that every category documented there is a target here.
var defaultTable = []Entry{
	// OpenStreetMap tags.
	{VocabOSM, "shop=bakery", Bakery, ""},
	{VocabOSM, "shop=butcher", Butcher, ""},
	{VocabOSM, "shop=supermarket", Grocery, ""},
	{VocabOSM, "shop=convenience", Grocery, ""},
	{VocabOSM, "shop=greengrocer", Grocery, ""},
	{VocabOSM, "shop=general", Grocery, "village shop selling food among other goods"},
	{VocabOSM, "amenity=pharmacy", Pharmacy, ""},
	{VocabOSM, "healthcare=pharmacy", Pharmacy, ""},
	{VocabOSM, "amenity=doctors", GP, "doctors' practice; OSM does not say general practice"},
	{VocabOSM, "healthcare=doctor", GP, "doctors' practice; OSM does not say general practice"},
	{VocabOSM, "amenity=dentist", Dentist, ""},
	{VocabOSM, "healthcare=dentist", Dentist, ""},
	{VocabOSM, "amenity=hospital", Hospital, ""},
	{VocabOSM, "healthcare=hospital", Hospital, ""},
	{VocabOSM, "amenity=post_office", Post, ""},
	{VocabOSM, "amenity=bank", Bank, ""},
	{VocabOSM, "amenity=atm", ATM, ""},
	{VocabOSM, "amenity=kindergarten", Kindergarten, ""},
	{VocabOSM, "amenity=school", School, "level unknown: OSM does not distinguish primary from secondary"},
	{VocabOSM, "amenity=library", Library, ""},

	// INSEE BPE equipment codes (TYPEQU).
	{VocabBPE, "A203", Bank, "banque, caisse d'épargne"},
	{VocabBPE, "A206", Post, "bureau de poste"},
	{VocabBPE, "A207", Post, "relais poste"},
	{VocabBPE, "A208", Post, "agence postale"},
	{VocabBPE, "B101", Grocery, "hypermarché (legacy code)"},
	{VocabBPE, "B102", Grocery, "supermarché (legacy code)"},
	{VocabBPE, "B105", Grocery, "supermarché"},
	{VocabBPE, "B201", Grocery, "supérette"},
	{VocabBPE, "B202", Grocery, "épicerie"},
	{VocabBPE, "B203", Bakery, "boulangerie (legacy code)"},
	{VocabBPE, "B204", Butcher, "boucherie charcuterie"},
	{VocabBPE, "B207", Bakery, "boulangerie-pâtisserie"},
	{VocabBPE, "C101", Kindergarten, "école maternelle (legacy code)"},
	{VocabBPE, "C102", Kindergarten, "école maternelle de RPI dispersé (legacy code)"},
	{VocabBPE, "C104", PrimarySchool, "école élémentaire (legacy code)"},
	{VocabBPE, "C105", PrimarySchool, "école élémentaire de RPI dispersé (legacy code)"},
	{VocabBPE, "C107", Kindergarten, "école maternelle"},
	{VocabBPE, "C108", PrimarySchool, "école primaire"},
	{VocabBPE, "C109", PrimarySchool, "école élémentaire"},
	{VocabBPE, "D201", GP, "médecin omnipraticien (legacy code)"},
	{VocabBPE, "D265", GP, "médecin généraliste"},
	{VocabBPE, "D301", Pharmacy, "pharmacie (legacy code)"},
	{VocabBPE, "D307", Pharmacy, "pharmacie"},
	{VocabBPE, "F307", Library, "bibliothèque"},

	// La Poste contact-point kinds.
	{VocabLaPoste, "Bureau de Poste", Post, "post office run by La Poste"},
	{VocabLaPoste, "Agence postale communale", Post, "counter run by the commune"},
	{VocabLaPoste, "Agence postale intercommunale", Post, "counter run by a group of communes"},
	{VocabLaPoste, "Relais poste commerçant", Post, "counter in a shop"},
	{VocabLaPoste, "Relais poste urbain", Post, "counter run by a local partner in a town"},
	{VocabLaPoste, "La Poste Relais", Post, "current name of the shop counters"},
}

// BasketMember is one need of a basket: it is met by a service of any of
// Categories.
type BasketMember struct {
	Name       string
	Categories []string
}

// DefaultBasket returns the default basket of everyday services, after the
// Flemish "basic services" proximity indicator:
//
//	food_shop       bakery, butcher or grocery
//	gp              gp
//	pharmacy        pharmacy
//	primary_school  primary_school or school (OSM amenity=school does not
//	                distinguish levels, so a school of unknown level counts)
//
// Each call returns fresh slices the caller may modify.
func DefaultBasket() []BasketMember {
	return []BasketMember{
		{Name: "food_shop", Categories: []string{Bakery, Butcher, Grocery}},
		{Name: "gp", Categories: []string{GP}},
		{Name: "pharmacy", Categories: []string{Pharmacy}},
		{Name: "primary_school", Categories: []string{PrimarySchool, School}},
	}
}
