package taxonomy

import (
	"strings"
	"testing"
)

// FuzzMap checks the lookup invariants on arbitrary input:
//
//	go test -fuzz=FuzzMap -fuzztime=30s ./datasets/taxonomy/
func FuzzMap(f *testing.F) {
	for _, s := range []string{"amenity=pharmacy", " Shop = Bakery ", "D307", "Bureau de Poste",
		"RELAIS POSTE COMMERÇANT", "=", "a=b=c", "", "\t\n", "pharmacy", "İ=ı"} {
		f.Add(s)
	}
	cats := map[string]bool{}
	for _, c := range Default().Categories() {
		cats[c] = true
	}
	f.Fuzz(func(t *testing.T, raw string) {
		tax := Default()
		got, known := tax.Map(raw)
		if known && !cats[got] {
			t.Fatalf("Map(%q) = %q known, not a category", raw, got)
		}
		if !known && got != strings.TrimSpace(raw) {
			t.Fatalf("Map(%q) = %q unknown, want the trimmed input", raw, got)
		}
		if n := normalize(raw); normalize(n) != n {
			t.Fatalf("normalize not idempotent on %q: %q then %q", raw, n, normalize(n))
		}
		g2, k2 := tax.Map(" \t" + raw + "\n")
		if k2 != known || (known && g2 != got) {
			t.Fatalf("surrounding space changed Map(%q): %q,%v vs %q,%v", raw, got, known, g2, k2)
		}
		// Upper-casing a known ASCII value keeps it known.
		if known && isASCII(raw) {
			if g3, k3 := tax.Map(strings.ToUpper(raw)); !k3 || g3 != got {
				t.Fatalf("Map(upper(%q)) = %q,%v; want %q", raw, g3, k3, got)
			}
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// FuzzName checks the name rule on arbitrary labels:
//
//	go test -fuzz=FuzzName -fuzztime=30s ./datasets/taxonomy/
func FuzzName(f *testing.F) {
	for _, s := range []string{"bakery", "<img src=x onerror=alert(5)>", "Foo", "24h", "basket", "épicerie", "", "\xff", "a;b:c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, label string) {
		name, err := Name(label)
		if err != nil {
			return
		}
		if name == "" || len(name) > MaxNameBytes || name[0] < 'a' || name[0] > 'z' || name[len(name)-1] == '_' ||
			strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" || strings.Contains(name, "__") {
			t.Fatalf("Name(%q) = %q breaks the rule", label, name)
		}
		if again, err := Name(name); err != nil || again != name {
			t.Fatalf("Name(%q) = %q, Name of that = %q, %v", label, name, again, err)
		}
		if up, err := Name(strings.ToUpper(label)); isASCII(label) && (err != nil || up != name) {
			t.Fatalf("Name(upper(%q)) = %q, %v; want %q", label, up, err, name)
		}
	})
}
