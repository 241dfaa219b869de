package access

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Two-step floating catchment by hand: with pairs up to cost 5, service x
// (capacity 1) reaches a (10 people) and y (capacity 2) reaches b (5
// people): x gives 1/10 = 0.1 to a, y gives 2/5 = 0.4 to b; c reaches
// nothing and is empty, never 0. The per-service table says the same.
func TestRun2SFCAByHand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	o := Options{
		Matrix: write("m.csv", "origin_id,destination_id,cost\na,x,3\nb,x,9\nb,y,4\n"),
		Demand: write("d.csv", "id,population\na,10\nb,5\nc,7\n"),
		Supply: write("s.csv", "id,capacity\nx,1\ny,2\n"),
		Model:  "2sfca", MaxCost: 5, Out: filepath.Join(dir, "a.csv"), Services: filepath.Join(dir, "sv.csv"),
	}
	r, err := Run(context.Background(), o, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if r.Column != "access_2sfca" || r.Demand != 3 || r.Supply != 2 || r.PairsKept != 2 || r.Pairs != 3 || r.Empty != 1 || !r.Bounded {
		t.Errorf("outcome %+v", r)
	}
	if st := r.Inequality; st.Mean != 0.2 || st.Population-st.Reached != 7 {
		t.Errorf("mean %v (want (10×0.1 + 5×0.4)/15 = 0.2), unreached population %v (want 7)", st.Mean, st.Population-st.Reached)
	}
	b, err := os.ReadFile(o.Out)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), "id,access_2sfca\na,0.1\nb,0.4\nc,\n"; got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
	sv, err := os.ReadFile(o.Services)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(sv), "\nx,1,1,10,10,0.1,10\n") || !strings.Contains(string(sv), "\ny,2,1,5,5,0.4,2.5\n") {
		t.Errorf("per-service table:\n%s", sv)
	}
}
