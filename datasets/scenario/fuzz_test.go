package scenario

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/partons/partons/datasets"
)

// FuzzRead feeds arbitrary bytes to the scenario reader: it never panics,
// fails only with an *Error naming the file (invalid input), and accepts
// only files whose variants have distinct names usable as folder names
// and changes of exactly one kind.
//
// Run: go test -run=^$ -fuzz=FuzzRead -fuzztime=60s ./datasets/scenario/
func FuzzRead(f *testing.F) {
	seeds, err := filepath.Glob("../../testdata/hostile/*/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range append(seeds, "example.yaml") {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("variants:\n  - name: a\n    changes:\n      - set_capacity: {category: x, capacity: .nan}\n"))
	f.Add([]byte("variants:\n  - name: a\n    changes:\n      - add_villages: [{id: v, name: V, lon: 200, lat: 0}]\n"))
	f.Add([]byte("variants:\n  - name: a\n    changes:\n      - add_route: {id: r, stops: [{stop: f:s}, {lon: 2, lat: 50}], run_min: [3], headway_min: 20, first: '07:00', last: '09:00'}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sc, err := Read("fuzz.yaml", bytes.NewReader(b))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz.yaml" || !errors.Is(err, datasets.ErrInvalid) {
				t.Fatalf("error %v is not a scenario Error naming fuzz.yaml", err)
			}
			return
		}
		if len(sc.Variants) == 0 {
			t.Fatal("a file without variants accepted")
		}
		names := map[string]bool{"base": true}
		for _, v := range sc.Variants {
			if v.Name == "" || names[v.Name] || len(v.Name) > MaxNameBytes || !utf8.ValidString(v.Name) ||
				strings.ContainsAny(v.Name, `/\:*?"<>|`) || strings.HasPrefix(v.Name, ".") {
				t.Fatalf("variant name %q accepted", v.Name)
			}
			names[v.Name] = true
			for _, c := range v.Changes {
				if c.check() != "" || c.checkTimetable() != nil {
					t.Fatalf("variant %q: change %+v accepted", v.Name, c)
				}
			}
		}
	})
}
