package odmatrix

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
)

// Run with: go test -run=^$ -fuzz=FuzzReadOD -fuzztime=30s ./datasets/odmatrix/
func FuzzReadOD(f *testing.F) {
	for _, s := range []string{
		"origin_id,destination_id,cost\na,x,1\n",
		"origin_id;destination_id;cost\na;x;1,5\nb;x;0\n",
		"origin_id,destination_id,cost\na,x,1\na,x,2\n",
		"origin_id,destination_id,cost\na,x,-1\n",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		m, err := ReadOD("f.csv", strings.NewReader(in))
		if err != nil {
			if !errors.Is(err, datasets.ErrInvalid) {
				t.Fatalf("non-data error on in-memory input: %v", err)
			}
			return
		}
		if len(m.Pairs) == 0 || len(m.Lines) != len(m.Pairs) {
			t.Fatalf("%d pairs, %d lines", len(m.Pairs), len(m.Lines))
		}
		seen := map[Pair]bool{}
		for _, p := range m.Pairs {
			if p.O < 0 || int(p.O) >= len(m.Origins) || p.D < 0 || int(p.D) >= len(m.Destinations) {
				t.Fatalf("pair %v out of range", p)
			}
			if math.IsNaN(p.Cost) || math.IsInf(p.Cost, 0) || p.Cost < 0 {
				t.Fatalf("bad cost %v", p.Cost)
			}
			k := Pair{O: p.O, D: p.D}
			if seen[k] {
				t.Fatalf("duplicate pair %v accepted", p)
			}
			seen[k] = true
		}
	})
}

// Run with: go test -run=^$ -fuzz=FuzzReadDemand -fuzztime=30s ./datasets/odmatrix/
func FuzzReadDemand(f *testing.F) {
	f.Add("id,population\na,1\nb,2.5\n")
	f.Add("id;population\na;1,5\n")
	f.Add("id,population\na,1\na,2\n")
	f.Fuzz(func(t *testing.T, in string) {
		w, err := ReadDemand("f.csv", strings.NewReader(in))
		if err != nil {
			if !errors.Is(err, datasets.ErrInvalid) {
				t.Fatalf("non-data error: %v", err)
			}
			return
		}
		ids := map[string]bool{}
		for _, r := range w {
			if r.ID == "" || ids[r.ID] || !(r.Value >= 0) || math.IsInf(r.Value, 0) {
				t.Fatalf("bad row %+v", r)
			}
			ids[r.ID] = true
		}
	})
}
