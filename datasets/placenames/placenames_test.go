package placenames

import "testing"

func TestIn(t *testing.T) {
	for _, tc := range []struct{ name, lang, want string }{
		{"Ieper", "fr", "Ypres"}, {"Ieper", "nl", "Ieper"}, {"Ieper", "en", "Ypres"},
		{"Dunkerque", "nl", "Duinkerke"}, {"Dunkerque", "en", "Dunkirk"}, {"Bailleul", "nl", "Belle"},
		{"Hondschoote", "nl", "Hondschote"}, {"Poperinge", "fr", "Poperinghe"}, {"Steenvoorde", "nl", "Steenvoorde"},
		{"Heuvelland", "fr", "Heuvelland"}, {"Zwarte Leen", "fr", "Zwarte Leen"}, {"Ieper", "de", "Ypres"},
	} {
		if got := In(tc.name, tc.lang); got != tc.want {
			t.Errorf("In(%s, %s) = %s, want %s", tc.name, tc.lang, got, tc.want)
		}
	}
	for name, want := range map[string]string{"Ieper": "nl", "Dunkerque": "fr", "Comines-Warneton": "fr", "Nowhere": ""} {
		if got := Written(name); got != want {
			t.Errorf("Written(%s) = %q, want %q", name, got, want)
		}
	}
	if Country("FR", "nl") != "Frankrijk" || Country("BE", "fr") != "Belgique" || Country("XX", "en") != "XX" {
		t.Error("Country")
	}
}

// TestTableKeys: every entry's key is the place's name in nl or fr, as
// data from either side writes it (else it could never match), except
// the one disambiguated name.
func TestTableKeys(t *testing.T) {
	for k, v := range exonyms {
		if k != v[0] && k != v[1] && k != "Comines (Nord)" {
			t.Errorf("exonyms[%q] = %v: the key is in neither nl nor fr", k, v)
		}
	}
}
