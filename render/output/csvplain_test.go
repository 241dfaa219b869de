package output

import (
	"math/rand/v2"
	"testing"
)

// TestPlainCSVTextAsGuarded: the one-pass test for plain text gives the
// bytes of the full guard (GuardCSVText, hiddenTrigger, appendCSVField)
// on random strings over every byte the guard and the quoting look at,
// and it does take the plain path for the usual ids, names and statuses.
func TestPlainCSVTextAsGuarded(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const alphabet = "ab1 ,\"\n\r;=+-@\t'é"
	for i := 0; i < 200_000; i++ {
		s := make([]byte, rng.IntN(6))
		for k := range s {
			s[k] = alphabet[rng.IntN(len(alphabet))]
		}
		want := string(appendCSVField([]byte("x,"), GuardCSVText(string(s)), hiddenTrigger(string(s))))
		if got := string(appendCSVText([]byte("x,"), string(s), true)); got != want {
			t.Fatalf("appendCSVText(%q) = %q, want %q", s, got, want)
		}
		if plainCSVText(string(s)) && want != "x,"+string(s) {
			t.Fatalf("plainCSVText(%q) but the guard writes %q", s, want)
		}
	}
	for _, s := range []string{"v12", "Village 12", "FR", "ok", "s949", "Saint-Omer", "bakery:not_covered", "Liège"} {
		if !plainCSVText(s) {
			t.Errorf("plainCSVText(%q) = false", s)
		}
	}
}
