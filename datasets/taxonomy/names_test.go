package taxonomy

import (
	"errors"
	"strings"
	"testing"
)

func TestName(t *testing.T) {
	t.Parallel()
	cases := []struct {
		label, want string
		err         string // fragment of the error; "" for none
	}{
		{"bakery", "bakery", ""},
		{"primary_school", "primary_school", ""},
		{"Pharmacy", "pharmacy", ""},
		{"  Boulangerie artisanale ", "boulangerie_artisanale", ""},
		{"<img src=x onerror=alert(5)>", "img_src_x_onerror_alert_5", ""},
		{"bakery; DROP TABLE", "bakery_drop_table", ""},
		{"épicerie", "epicerie", ""},
		{"Straße", "strasse", ""},
		{"Œuvre", "oeuvre", ""},
		{"a:b;c", "a_b_c", ""},
		{"shop=florist", "shop_florist", ""},
		{"__x__y__", "x_y", ""},
		{"24h shop", "c_24h_shop", ""},
		{"Café ☕ du coin", "cafe_du_coin", ""},
		{strings.Repeat("ab", 30), strings.Repeat("ab", 20), ""},
		{strings.Repeat("a", 39) + "_b", strings.Repeat("a", 39), ""},
		{"", "", "no letter or digit"},
		{"!!!", "", "no letter or digit"},
		{"日本", "", "no letter or digit"},
		{"basket", "", "reserved"},
		{"Basket", "", "reserved"},
		{"STATUS", "", "reserved"},
		{"all", "", "reserved"},
		{"basket domestic", "", "basket_"},
	}
	for _, tc := range cases {
		got, err := Name(tc.label)
		switch {
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("Name(%q) = %q, %v; want %q", tc.label, got, err, tc.want)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err) || !errors.Is(err, ErrBadName)):
			t.Errorf("Name(%q) = %q, %v; want an error with %q", tc.label, got, err, tc.err)
		}
		if err == nil {
			if len(got) > MaxNameBytes || got[0] < 'a' || got[0] > 'z' || strings.Trim(got, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
				t.Errorf("Name(%q) = %q breaks the rule", tc.label, got)
			}
			if again, _ := Name(got); again != got {
				t.Errorf("Name not idempotent: %q -> %q -> %q", tc.label, got, again)
			}
		}
	}
}

// TestCommonCategoriesAreTheirOwnNames keeps the existing columns (and so
// the reports) unchanged.
func TestCommonCategoriesAreTheirOwnNames(t *testing.T) {
	t.Parallel()
	cats := Default().Categories()
	for _, m := range DefaultBasket() {
		cats = append(cats, m.Name)
	}
	for _, c := range cats {
		if got, err := Name(c); err != nil || got != c {
			t.Errorf("Name(%q) = %q, %v", c, got, err)
		}
	}
	if err := CheckNames(Default().Categories()); err != nil {
		t.Error(err)
	}
}

func TestNamesCollisions(t *testing.T) {
	t.Parallel()
	type add struct{ label, where string }
	cases := []struct {
		name string
		adds []add
		err  string // fragment of the last Add's error
	}{
		{"same label twice", []add{{"Foo", "a.csv:2"}, {"Foo", "a.csv:3"}}, ""},
		{"case", []add{{"Foo", "a.csv:2"}, {"foo", "b.csv:7"}},
			`category "foo" (b.csv:7) and category "Foo" (a.csv:2): both give the column name "foo"`},
		{"punctuation", []add{{"bakery", "a.csv:2"}, {"Bakery!", "a.csv:9"}}, `both give the column name "bakery"`},
		{"extension", []add{{"post", "a.csv:2"}, {"post road", "a.csv:3"}}, `names "post_road" and "post"`},
		{"extension other way", []add{{"post_nearest", "a.csv:2"}, {"post", "a.csv:3"}}, `"post_nearest"`},
		{"not an extension", []add{{"post", "a.csv:2"}, {"post_box", "a.csv:3"}, {"postal", ""}}, ""},
		{"reserved", []add{{"basket", "a.csv:4"}}, `category "basket" (a.csv:4): "basket" is reserved`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var n Names
			var err error
			for _, a := range tc.adds {
				_, err = n.Add(a.label, a.where)
			}
			if tc.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) || !errors.Is(err, ErrBadName) {
				t.Fatalf("err %v, want %q", err, tc.err)
			}
		})
	}
	var n Names
	if got, _ := n.Add("Boulangerie artisanale", "x"); got != "boulangerie_artisanale" || n.Label(got) != "Boulangerie artisanale" || n.Label("gp") != "gp" {
		t.Errorf("Add/Label: %q, %q", got, n.Label(got))
	}
}

func TestCheckNames(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		names []string
		err   string
	}{
		{[]string{"bakery", "gp", "post_box"}, ""},
		{[]string{"Foo"}, `its name would be "foo"`},
		{[]string{"post", "post_road"}, "rename one"},
		{[]string{"gp", "gp"}, "listed twice"},
		{[]string{"basket"}, "reserved"},
	} {
		err := CheckNames(tc.names)
		if (tc.err == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("CheckNames(%q) = %v, want %q", tc.names, err, tc.err)
		}
	}
}

func TestWithKeepsKnownSpelling(t *testing.T) {
	t.Parallel()
	tax, err := Default().With(map[string]string{"shop=chemist": "Pharmacy", "shop=florist": "Fleuriste"})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := tax.Map("shop=chemist"); c != Pharmacy {
		t.Errorf("override to Pharmacy maps to %q, want %q", c, Pharmacy)
	}
	if c, _ := tax.Map("shop=florist"); c != "Fleuriste" {
		t.Errorf("new category %q", c)
	}
}
