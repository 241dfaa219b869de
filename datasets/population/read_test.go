package population

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
)

func readFile(tb testing.TB, name string, o ReadOptions) *Table {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	t, err := Read(name, f, o)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func TestReadOfficialFormats(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file                 string
		rows                 int
		first, last          Row
		code, name, popField string
	}{
		{"be-statbel2020-excerpt.csv", 13,
			Row{Code: "01000", Name: "België", Population: 11492641, Line: 2},
			Row{Code: "57097", Name: "Komen-Waasten", Population: 18058, Line: 14}, "", "", ""},
		{"fr-insee2026-excerpt.csv", 7,
			Row{Code: "59004", Name: "Aix-en-Pévèle", Population: 1338, Line: 2},
			Row{Code: "59532", Name: "Saint-Georges-sur-l'Aa", Population: 287, Line: 8}, "", "", ""},
		// Explicit columns: the men of Statbel instead of the total.
		{"be-statbel2020-excerpt.csv", 13,
			Row{Code: "01000", Name: "België", Population: 5660064, Line: 2},
			Row{Code: "57097", Name: "Komen-Waasten", Population: 8818, Line: 14}, "NIS code", "Woonplaats", "Mannen"},
	}
	for _, tc := range cases {
		t.Run(tc.file+tc.popField, func(t *testing.T) {
			tb := readFile(t, tc.file, ReadOptions{Code: tc.code, Name: tc.name, Population: tc.popField, Country: "be"})
			if len(tb.Rows) != tc.rows || tb.Rows[0] != tc.first || tb.Rows[len(tb.Rows)-1] != tc.last || tb.Country != "BE" {
				t.Errorf("%d rows, first %+v, last %+v, country %q", len(tb.Rows), tb.Rows[0], tb.Rows[len(tb.Rows)-1], tb.Country)
			}
		})
	}
}

func TestReadSeparatorsAndProblems(t *testing.T) {
	t.Parallel()
	ok := []struct{ name, in string }{
		{"semicolon", "code;nom;population\n59001;A;10\n59002;B;20.5\n"},
		{"tab", "code\tname\tpopulation\n59001\tA\t10\n59002\tB\t20.5\n"},
		{"blank line", "code,name,population\n59001,A,10\n\n59002,B,20.5\n"},
	}
	for _, tc := range ok {
		tb, err := Read(tc.name, strings.NewReader(tc.in), ReadOptions{})
		if err != nil || len(tb.Rows) != 2 || tb.Rows[1].Population != 20.5 {
			t.Errorf("%s: %v %+v", tc.name, err, tb)
		}
	}
	bad := []struct {
		name, in string
		want     []string
	}{
		{"no population column", "code,name,people\n1,A,2\n", []string{`pop.csv:1: field "population": no population column`}},
		{"named column missing", "code,name,population\n1,A,2\n", []string{`pop.csv:1: field "Totaal": no such column`}},
		{"bad rows", "code,name,population\n59001,A,-1\n,B,2\n59003,C,x\n59001,D,3\n0059001,E,4\n",
			[]string{`pop.csv:2: field "population": population "-1"`, `pop.csv:3: field "code": empty code`,
				`pop.csv:4: field "population": population "x"`, `pop.csv:5: field "code": code "59001" already on line 2`,
				`pop.csv:6: field "code": code "0059001" already on line 2`}},
		{"empty", "", []string{"pop.csv:1: empty file"}},
		{"bad quote", "code,name,population\n1,\"A,2\n", []string{"pop.csv:2:"}},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			o := ReadOptions{}
			if tc.name == "named column missing" {
				o.Population = "Totaal"
			}
			_, err := Read("pop.csv", strings.NewReader(tc.in), o)
			if !errors.Is(err, datasets.ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestNormName(t *testing.T) {
	t.Parallel()
	cases := []struct{ a, b string }{
		{"Aix-en-Pévèle", "aix en pevele"},
		{"Saint-Georges-sur-l'Aa", "SAINT GEORGES SUR L AA"},
		{"  Ieper ", "ieper"},
		{"Œuilly", "oeuilly"},
		{"Komen-Waasten", "komen  waasten"},
		{"Ś. Wojciech", "s wojciech"},
	}
	for _, tc := range cases {
		if NormName(tc.a) != NormName(tc.b) {
			t.Errorf("NormName(%q) = %q, NormName(%q) = %q", tc.a, NormName(tc.a), tc.b, NormName(tc.b))
		}
	}
	if NormName("Ieper") == NormName("Iepers") {
		t.Error("different names equal")
	}
}

// FuzzRead: never panics, fails only with ErrInvalid, and rows have a code
// and a non-negative population.
//
// Run: go test -run=^$ -fuzz=FuzzRead -fuzztime=30s ./datasets/population/
func FuzzRead(f *testing.F) {
	for _, n := range []string{"be-statbel2020-excerpt.csv", "fr-insee2026-excerpt.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("code;nom;population\n1;A;1e3\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := Read("fuzz.csv", strings.NewReader(string(b)), ReadOptions{})
		if err != nil {
			if !errors.Is(err, datasets.ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		for _, r := range tb.Rows {
			if r.Code == "" || !(r.Population >= 0) {
				t.Fatalf("bad row %+v", r)
			}
		}
	})
}
