// Package taxonomy maps the category vocabularies of service-point sources
// onto a small set of common categories, so that a Belgian bakery tagged
// shop=bakery in OpenStreetMap and a French boulangerie coded B207 in the
// INSEE Base permanente des équipements (BPE) land in the same category.
//
// Categories are free strings: a value the taxonomy does not know passes
// through unchanged (trimmed) and is reported as unknown, so the caller can
// record it in the run manifest. A value that already is a common category
// name ("pharmacy") maps to itself.
//
// # Vocabularies
//
//   - "osm": OpenStreetMap tags written key=value (amenity=pharmacy,
//     shop=bakery, healthcare=doctor, …).
//   - "bpe": INSEE BPE equipment codes (TYPEQU). Current codes were checked
//     against the BPE 2024 nomenclature; legacy codes are those of earlier
//     vintages (the school codes C101 to C105 are still those of BPE 2021,
//     as INSEE's page on the 2021 gammes shows; the BPE of 2023 was largely
//     revised), and D201 before the health codes were renumbered. Both are
//     kept because older extracts are still in use;
//     legacy and current codes never collide. Codes whose meaning is not a
//     clean fit are left out: B104 (hypermarché, counted with department
//     stores since the revision) and every code not listed below.
//   - "laposte": the kind of a La Poste contact point ("Bureau de Poste",
//     "Agence postale communale", "Relais poste commerçant", …).
//   - "user": entries added or replaced with With.
//
// # Common categories
//
//	bakery          shop=bakery; BPE B207 boulangerie-pâtisserie, B203 boulangerie (legacy)
//	butcher         shop=butcher; BPE B204 boucherie charcuterie
//	grocery         shop=supermarket, shop=convenience, shop=greengrocer, shop=general;
//	                BPE B105 supermarché, B201 supérette, B202 épicerie,
//	                B101 hypermarché and B102 supermarché (legacy)
//	pharmacy        amenity=pharmacy, healthcare=pharmacy; BPE D307, D301 (legacy)
//	gp              amenity=doctors, healthcare=doctor; BPE D265 médecin généraliste,
//	                D201 médecin omnipraticien (legacy). OSM does not say whether a
//	                doctors' practice is general practice; in villages it nearly always is.
//	dentist         amenity=dentist, healthcare=dentist
//	hospital        amenity=hospital, healthcare=hospital
//	post            every postal counter: amenity=post_office; BPE A206 bureau de poste,
//	                A207 relais poste, A208 agence postale; every La Poste contact-point kind
//	bank            amenity=bank; BPE A203 banque, caisse d'épargne
//	atm             amenity=atm
//	kindergarten    amenity=kindergarten; BPE C107 école maternelle, C101 and C102 (legacy)
//	primary_school  BPE C108 école primaire, C109 école élémentaire, C104 and C105 (legacy)
//	school          amenity=school: OSM does not distinguish levels, so a primary
//	                school, a secondary school and a mixed campus all land here
//	library         amenity=library; BPE F307 bibliothèque
//
// Deliberately not mapped: shop=chemist (a drugstore, not a pharmacy),
// amenity=post_box (no counter service), amenity=marketplace (periodic),
// restaurants, cafés, fuel stations and care homes (outside the scope of
// everyday services measured here).
//
// # Basket
//
// DefaultBasket is the set of everyday services a village should reach,
// after the Flemish "basic services" (basisvoorzieningen) proximity
// indicator: a food shop, a GP, a pharmacy and a primary school.
//
// # Normalisation
//
// Lookups trim surrounding white space, collapse inner runs of white space
// to one space, drop the spaces around the first "=" (so "amenity = pharmacy"
// matches) and compare case-insensitively with Unicode case folding
// (strings.ToLower). Accents are preserved: "épicerie" and "epicerie" are
// different keys. No Unicode normalisation (NFC) is applied.
//
// # Bare values
//
// Sources often drop the OpenStreetMap key: "post_office" rather than
// "amenity=post_office". A value without "=" that is neither an entry nor
// a category name is tried as the value of every key of the key=value
// entries (amenity, shop, healthcare and the keys of user entries). It
// maps when those entries agree on one category ("doctors" → gp); when
// they disagree it is ambiguous, stays unknown, and Resolve lists the
// tags it could be.
//
// # Category names
//
// A category's label (a common category, or an unknown value passed
// through) becomes part of column names, GeoJSON and GeoPackage keys and
// the "category:status" pairs of the status column, so every writer uses
// its name instead, derived by Name: lower-case ASCII a-z, 0-9 and "_",
// accents dropped (é → e), other runs of characters → "_", trimmed,
// "c_" before a leading digit, at most MaxNameBytes bytes. The common
// categories are their own names, so their columns never change.
// Reserved names (all, basket, status, and basket_…) are refused. Names
// collects a run's labels and refuses two labels with the same name
// ("Foo" and "foo") and a name that is another's followed by "_" and a
// metric word (post and post_road both claim post_road_status), naming
// both labels and where each was found. The labels stay in the manifest.
//
// # Concurrency
//
// A Taxonomy is immutable once built; every method is safe for concurrent
// use. With returns a new Taxonomy and leaves the receiver unchanged. A
// Names is used from one goroutine.
package taxonomy
