package tags

import (
	"reflect"
	"testing"

	"github.com/paulmach/osm"

	"github.com/partons/partons/datasets/taxonomy"
)

func rules(t *testing.T, c Config) *Rules {
	t.Helper()
	if c.Taxonomy == nil {
		c.Taxonomy = taxonomy.Default()
	}
	r, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestNewRejects(t *testing.T) {
	for _, tc := range []struct {
		c    Config
		want string
	}{
		{Config{Places: []string{"village", ""}}, "osmextract: empty place value"},
		{Config{AdminLevels: []int{8, 13}}, "osmextract: admin_level 13 not in 1…12"},
		{Config{AdminLevels: []int{0}}, "osmextract: admin_level 0 not in 1…12"},
	} {
		tc.c.Taxonomy = taxonomy.Default()
		if _, err := New(tc.c); err == nil || err.Error() != tc.want {
			t.Errorf("New(%+v) = %v, want %q", tc.c, err, tc.want)
		}
	}
}

func TestMatching(t *testing.T) {
	r := rules(t, Config{Places: []string{"village"}, AdminLevels: []int{2, 8},
		CodeKeys: []CodeKey{{Key: "ref:INS", Country: "BE"}, {Key: "ref:INSEE", Country: "FR"}}})
	pharmacy := osm.Tags{{Key: "amenity", Value: "pharmacy"}, {Key: "name", Value: "x"}}
	if !r.Interesting(pharmacy) || !r.Interesting(osm.Tags{{Key: "place", Value: "village"}}) {
		t.Error("a pharmacy and a village are interesting")
	}
	if r.Interesting(osm.Tags{{Key: "place", Value: "town"}}) || r.Interesting(osm.Tags{{Key: "amenity", Value: "bench"}}) {
		t.Error("a town (not in Places) and a bench are not interesting")
	}
	// Two tags of one category give it once, with the first raw tag in
	// key=value order.
	got := r.Categories(osm.Tags{{Key: "shop", Value: "bakery"}, {Key: "amenity", Value: "pharmacy"}, {Key: "healthcare", Value: "pharmacy"}})
	want := []Match{{Category: "bakery", Raw: "shop=bakery"}, {Category: "pharmacy", Raw: "amenity=pharmacy"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Categories = %v, want %v", got, want)
	}
	admin := func(level string) osm.Tags {
		return osm.Tags{{Key: "boundary", Value: "administrative"}, {Key: "admin_level", Value: level}}
	}
	if r.AdminLevel(admin("8")) != 8 || r.AdminLevel(admin("6")) != 0 || r.AdminLevel(osm.Tags{{Key: "admin_level", Value: "8"}}) != 0 {
		t.Error("AdminLevel: want 8 for a wanted level of an administrative boundary, else 0")
	}
	if code, c := r.AreaCode(osm.Tags{{Key: "ref:INSEE", Value: " 59183 "}}); code != "59183" || c != "FR" {
		t.Errorf("AreaCode = %q, %q", code, c)
	}
	if got := CountryCode(osm.Tags{{Key: "ISO3166-1", Value: "be"}}); got != "BE" {
		t.Errorf("CountryCode = %q, want BE", got)
	}
	if got := CountryCode(osm.Tags{{Key: "ISO3166-1:alpha2", Value: "BEL"}}); got != "" {
		t.Errorf("CountryCode of a three-letter code = %q, want empty", got)
	}
	b := rules(t, Config{Places: []string{"village"}, AdminLevels: []int{2}, BoundariesOnly: true})
	if b.Interesting(pharmacy) || b.Place("village") || b.AdminLevel(admin("2")) != 2 {
		t.Error("BoundariesOnly keeps boundaries and nothing else")
	}
}

func TestSplitTag(t *testing.T) {
	for raw, want := range map[string][2]string{"amenity=pharmacy": {"amenity", "pharmacy"}, " shop = bakery\t": {"shop", "bakery"}, "amenity=": {}, "=x": {}, "plain": {}} {
		k, v, ok := SplitTag(raw)
		if ok != (want[0] != "") || k != want[0] && ok || v != want[1] && ok {
			t.Errorf("SplitTag(%q) = %q, %q, %v", raw, k, v, ok)
		}
	}
}
