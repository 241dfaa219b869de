package taxonomy

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
)

func TestDefaultMapsEachVocabulary(t *testing.T) {
	t.Parallel()
	cases := []struct {
		raw, want, vocab string
	}{
		// OpenStreetMap.
		{"shop=bakery", Bakery, VocabOSM},
		{"shop=butcher", Butcher, VocabOSM},
		{"shop=supermarket", Grocery, VocabOSM},
		{"shop=convenience", Grocery, VocabOSM},
		{"shop=greengrocer", Grocery, VocabOSM},
		{"shop=general", Grocery, VocabOSM},
		{"amenity=pharmacy", Pharmacy, VocabOSM},
		{"healthcare=pharmacy", Pharmacy, VocabOSM},
		{"amenity=doctors", GP, VocabOSM},
		{"healthcare=doctor", GP, VocabOSM},
		{"amenity=dentist", Dentist, VocabOSM},
		{"amenity=hospital", Hospital, VocabOSM},
		{"amenity=post_office", Post, VocabOSM},
		{"amenity=bank", Bank, VocabOSM},
		{"amenity=atm", ATM, VocabOSM},
		{"amenity=school", School, VocabOSM},
		{"amenity=kindergarten", Kindergarten, VocabOSM},
		{"amenity=library", Library, VocabOSM},
		// INSEE BPE, current and legacy codes.
		{"D307", Pharmacy, VocabBPE},
		{"D301", Pharmacy, VocabBPE},
		{"D265", GP, VocabBPE},
		{"D201", GP, VocabBPE},
		{"A203", Bank, VocabBPE},
		{"A206", Post, VocabBPE},
		{"A207", Post, VocabBPE},
		{"A208", Post, VocabBPE},
		{"B207", Bakery, VocabBPE},
		{"B203", Bakery, VocabBPE},
		{"B204", Butcher, VocabBPE},
		{"B105", Grocery, VocabBPE},
		{"B102", Grocery, VocabBPE},
		{"B101", Grocery, VocabBPE},
		{"B201", Grocery, VocabBPE},
		{"B202", Grocery, VocabBPE},
		{"C107", Kindergarten, VocabBPE},
		{"C101", Kindergarten, VocabBPE},
		{"C102", Kindergarten, VocabBPE},
		{"C108", PrimarySchool, VocabBPE},
		{"C109", PrimarySchool, VocabBPE},
		{"C104", PrimarySchool, VocabBPE},
		{"C105", PrimarySchool, VocabBPE},
		{"F307", Library, VocabBPE},
		// La Poste: the three kinds of the 2020 contact-point file, and more.
		{"Bureau de Poste", Post, VocabLaPoste},
		{"Agence postale communale", Post, VocabLaPoste},
		{"Relais poste commerçant", Post, VocabLaPoste},
		{"Agence postale intercommunale", Post, VocabLaPoste},
		{"Relais poste urbain", Post, VocabLaPoste},
		{"La Poste Relais", Post, VocabLaPoste},
	}
	tax := Default()
	vocabOf := map[string]string{}
	for _, e := range tax.Entries() {
		vocabOf[e.Raw] = e.Vocabulary
	}
	for _, tc := range cases {
		t.Run(tc.raw, func(t *testing.T) {
			got, known := tax.Map(tc.raw)
			if !known || got != tc.want {
				t.Errorf("Map(%q) = %q, %v; want %q, true", tc.raw, got, known, tc.want)
			}
			if v := vocabOf[tc.raw]; v != tc.vocab {
				t.Errorf("entry %q has vocabulary %q, want %q", tc.raw, v, tc.vocab)
			}
		})
	}
}

func TestDeliberatelyUnmapped(t *testing.T) {
	t.Parallel()
	// Values the package comment says are left out on purpose.
	for _, raw := range []string{
		"shop=chemist", "amenity=post_box", "amenity=marketplace", "amenity=restaurant",
		"amenity=cafe", "amenity=fuel", "amenity=nursing_home", "B104", "B208",
	} {
		if got, known := Default().Map(raw); known {
			t.Errorf("Map(%q) = %q, known; want unknown", raw, got)
		}
	}
}

func TestNormalisation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, raw, want string
		known           bool
	}{
		{"spaces around =", "amenity = pharmacy", Pharmacy, true},
		{"tab before =", "amenity\t=pharmacy", Pharmacy, true},
		{"surrounding space", "  shop=bakery\n", Bakery, true},
		{"upper case", "SHOP=Bakery", Bakery, true},
		{"lower-case BPE code", "d307", Pharmacy, true},
		{"La Poste lower case", "bureau de poste", Post, true},
		{"La Poste upper case with accent", "RELAIS POSTE COMMERÇANT", Post, true},
		{"inner spaces collapsed", "Agence  postale   communale", Post, true},
		{"accent is not dropped", "Relais poste commercant", "Relais poste commercant", false},
		{"category maps to itself", "pharmacy", Pharmacy, true},
		{"category case-insensitive", " Primary_School ", PrimarySchool, true},
		{"unknown trimmed unchanged", "  Kapper  ", "Kapper", false},
		{"unknown tag keeps its spelling", "Shop = Hairdresser", "Shop = Hairdresser", false},
		{"empty", "   ", "", false},
		{"only =", "=", "=", false},
		{"value with second =", "amenity=pharmacy=yes", "amenity=pharmacy=yes", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, known := Default().Map(tc.raw)
			if got != tc.want || known != tc.known {
				t.Errorf("Map(%q) = %q, %v; want %q, %v", tc.raw, got, known, tc.want, tc.known)
			}
		})
	}
}

func TestWith(t *testing.T) {
	t.Parallel()
	base := Default()
	tax, err := base.With(map[string]string{
		"amenity = doctors": "doctor_any", // override, normalised key
		"Kapper":            " hairdresser ",
		"D307":              "pharmacy", // same category, still becomes a user entry
	})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		raw, want string
		known     bool
	}{
		{"amenity=doctors", "doctor_any", true},
		{"healthcare=doctor", GP, true}, // untouched entry
		{"kapper", "hairdresser", true},
		{"hairdresser", "hairdresser", true}, // new category maps to itself
		{"D307", Pharmacy, true},
		{"shop=bakery", Bakery, true},
	}
	for _, tc := range cases {
		if got, known := tax.Map(tc.raw); got != tc.want || known != tc.known {
			t.Errorf("With: Map(%q) = %q, %v; want %q, %v", tc.raw, got, known, tc.want, tc.known)
		}
	}
	// The receiver is unchanged.
	if got, _ := base.Map("amenity=doctors"); got != GP {
		t.Errorf("With modified the receiver: amenity=doctors -> %q", got)
	}
	if got, known := base.Map("Kapper"); known {
		t.Errorf("With modified the receiver: Kapper -> %q known", got)
	}
	// Overridden entries are replaced, not duplicated, and marked "user".
	if n, m := len(tax.Entries()), len(base.Entries())+1; n != m {
		t.Errorf("len(Entries) = %d, want %d (two replaced, one added)", n, m)
	}
	vocab := map[string]string{}
	for _, e := range tax.Entries() {
		vocab[e.Raw] = e.Vocabulary
	}
	for _, raw := range []string{"amenity = doctors", "Kapper", "D307"} {
		if vocab[raw] != VocabUser {
			t.Errorf("entry %q vocabulary = %q, want %q", raw, vocab[raw], VocabUser)
		}
	}
	if _, ok := vocab["amenity=doctors"]; ok {
		t.Error("overridden built-in entry amenity=doctors is still listed")
	}
	if !contains(tax.Categories(), "hairdresser") || !contains(tax.Categories(), "doctor_any") {
		t.Errorf("Categories() = %v, want hairdresser and doctor_any", tax.Categories())
	}
}

func TestWithErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		in   map[string]string
	}{
		{"empty key", map[string]string{"": "x"}},
		{"blank key", map[string]string{"  ": "x"}},
		{"empty category", map[string]string{"shop=hairdresser": ""}},
		{"blank category", map[string]string{"shop=hairdresser": " \t"}},
		{"conflicting duplicates", map[string]string{"Shop=X": "a", "shop = x": "b"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tax, err := Default().With(tc.in)
			if !errors.Is(err, ErrInvalidOverride) {
				t.Fatalf("With(%v) error = %v, want ErrInvalidOverride", tc.in, err)
			}
			if tax != nil {
				t.Error("With returned a taxonomy with an error")
			}
		})
	}
	// Same category under two spellings of one key is not a conflict.
	if _, err := Default().With(map[string]string{"Shop=X": "a", "shop = x": "a"}); err != nil {
		t.Errorf("duplicate keys with the same category: %v", err)
	}
}

func TestEntriesAndCategoriesSortedAndCopied(t *testing.T) {
	t.Parallel()
	tax := Default()
	es := tax.Entries()
	if !sort.SliceIsSorted(es, func(i, j int) bool {
		if es[i].Vocabulary != es[j].Vocabulary {
			return es[i].Vocabulary < es[j].Vocabulary
		}
		return es[i].Raw < es[j].Raw
	}) {
		t.Error("Entries not sorted by vocabulary then raw")
	}
	if len(es) != len(defaultTable) {
		t.Errorf("len(Entries) = %d, want %d (no duplicate keys in the table)", len(es), len(defaultTable))
	}
	want := []string{ATM, Bakery, Bank, Butcher, Dentist, GP, Grocery, Hospital, Kindergarten,
		Library, Pharmacy, Post, PrimarySchool, School}
	sort.Strings(want)
	if got := tax.Categories(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Categories() = %v, want %v", got, want)
	}
	es[0].Category = "mutated"
	tax.Categories()[0] = "mutated"
	if tax.Entries()[0].Category == "mutated" || tax.Categories()[0] == "mutated" {
		t.Error("Entries/Categories share memory with the taxonomy")
	}
	for _, e := range es[1:] {
		if e.Raw == "" || e.Category == "" {
			t.Errorf("incomplete entry %+v", e)
		}
		if e.Vocabulary == VocabBPE && !regexp.MustCompile(`^[A-G][0-9]{3}$`).MatchString(e.Raw) {
			t.Errorf("BPE entry %q is not a TYPEQU code", e.Raw)
		}
		if e.Vocabulary == VocabOSM && strings.Count(e.Raw, "=") != 1 {
			t.Errorf("OSM entry %q is not key=value", e.Raw)
		}
	}
}

func TestDefaultBasketCategoriesExist(t *testing.T) {
	t.Parallel()
	cats := Default().Categories()
	basket := DefaultBasket()
	names := map[string]bool{}
	for _, m := range basket {
		if names[m.Name] {
			t.Errorf("duplicate basket member %q", m.Name)
		}
		names[m.Name] = true
		if len(m.Categories) == 0 {
			t.Errorf("basket member %q has no category", m.Name)
		}
		for _, c := range m.Categories {
			if !contains(cats, c) {
				t.Errorf("basket member %q uses %q, not a category of the default taxonomy", m.Name, c)
			}
		}
	}
	for _, n := range []string{"food_shop", "gp", "pharmacy", "primary_school"} {
		if !names[n] {
			t.Errorf("basket lacks %q", n)
		}
	}
	// primary_school must accept OSM schools of unknown level.
	school, _ := Default().Map("amenity=school")
	for _, m := range basket {
		if m.Name == "primary_school" && !contains(m.Categories, school) {
			t.Errorf("primary_school does not accept %q", school)
		}
	}
	basket[0].Categories[0] = "mutated"
	if DefaultBasket()[0].Categories[0] == "mutated" {
		t.Error("DefaultBasket shares memory between calls")
	}
}

// TestDocListsEveryCategory keeps the table in doc.go in step with the
// built-in table.
func TestDocListsEveryCategory(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Default().Categories() {
		if !regexp.MustCompile(`(?m)^//\t` + regexp.QuoteMeta(c) + ` `).Match(doc) {
			t.Errorf("doc.go does not document category %q", c)
		}
	}
	for _, e := range Default().Entries() {
		if e.Vocabulary == VocabBPE && !strings.Contains(string(doc), e.Raw) {
			t.Errorf("doc.go does not mention BPE code %s", e.Raw)
		}
	}
}

func TestNilAndZeroTaxonomy(t *testing.T) {
	t.Parallel()
	var nilTax *Taxonomy
	if got, known := nilTax.Map(" shop=bakery "); got != "shop=bakery" || known {
		t.Errorf("nil Map = %q, %v", got, known)
	}
	var zero Taxonomy
	if got, known := zero.Map("shop=bakery"); got != "shop=bakery" || known {
		t.Errorf("zero Map = %q, %v", got, known)
	}
	tax, err := nilTax.With(map[string]string{"a": "b"})
	if err != nil {
		t.Fatal(err)
	}
	if got, known := tax.Map("A"); got != "b" || !known {
		t.Errorf("nil.With Map = %q, %v", got, known)
	}
}

func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			tax := Default()
			for j := 0; j < 200; j++ {
				if c, ok := tax.Map("amenity=pharmacy"); !ok || c != Pharmacy {
					t.Errorf("concurrent Map = %q, %v", c, ok)
					return
				}
				if _, err := tax.With(map[string]string{fmt.Sprint("k", i, j): "v"}); err != nil {
					t.Error(err)
					return
				}
			}
		}(i)
	}
	wg.Wait()
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// A bare OSM value maps through the one category its keys agree on; an
// ambiguous one stays unknown and says which tags it could be.
func TestResolveBareValues(t *testing.T) {
	tax, err := Default().With(map[string]string{"shop=chemist": "drugstore", "amenity=chemist": "pharmacy"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		raw  string
		want Resolution
	}{
		{"post_office", Resolution{Category: Post, Known: true, Vocabulary: VocabOSM, Via: "amenity=post_office"}},
		{" Post_Office ", Resolution{Category: Post, Known: true, Vocabulary: VocabOSM, Via: "amenity=post_office"}},
		{"doctors", Resolution{Category: GP, Known: true, Vocabulary: VocabOSM, Via: "amenity=doctors"}},
		{"supermarket", Resolution{Category: Grocery, Known: true, Vocabulary: VocabOSM, Via: "shop=supermarket"}},
		// amenity=dentist and healthcare=dentist agree.
		{"dentist", Resolution{Category: Dentist, Known: true}}, // a category name first
		{"chemist", Resolution{Category: "chemist", Ambiguous: []string{"amenity=chemist", "shop=chemist"}}},
		{"amenity=post", Resolution{Category: "amenity=post"}}, // has a key: no bare lookup
		{"D307", Resolution{Category: Pharmacy, Known: true, Vocabulary: VocabBPE}},
		{"florist", Resolution{Category: "florist"}},
	}
	for _, tc := range tests {
		got := tax.Resolve(tc.raw)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Resolve(%q) = %+v, want %+v", tc.raw, got, tc.want)
		}
		if c, known := tax.Map(tc.raw); c != tc.want.Category || known != tc.want.Known {
			t.Errorf("Map(%q) = %q, %v; want %q, %v", tc.raw, c, known, tc.want.Category, tc.want.Known)
		}
	}
}
