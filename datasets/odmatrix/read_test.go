package odmatrix

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/partons/partons/datasets"
)

func open(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestReadODHospital(t *testing.T) {
	m, err := ReadOD("hospital_od.csv", open(t, "hospital_od.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"1", "2", "3"}; !reflect.DeepEqual(m.Origins, want) || !reflect.DeepEqual(m.Destinations, want) {
		t.Fatalf("ids %v / %v", m.Origins, m.Destinations)
	}
	if len(m.Pairs) != 9 || len(m.Lines) != 9 {
		t.Fatalf("%d pairs, %d lines", len(m.Pairs), len(m.Lines))
	}
	if p := m.Pairs[5]; p != (Pair{O: 1, D: 2, Cost: 40}) || m.Lines[5] != 7 {
		t.Errorf("pair 5 = %+v at line %d, want {1 2 40} at line 7", p, m.Lines[5])
	}
	d, err := ReadDemand("hospital_demand.csv", open(t, "hospital_demand.csv"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := ReadSupply("hospital_supply.csv", open(t, "hospital_supply.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []Weighted{{"1", 100}, {"2", 50}, {"3", 10}}; !reflect.DeepEqual(d, want) {
		t.Errorf("demand %v", d)
	}
	if want := []Weighted{{"1", 15}, {"2", 20}, {"3", 100}}; !reflect.DeepEqual(s, want) {
		t.Errorf("supply %v", s)
	}
	if err := m.Check(d, s); err != nil {
		t.Errorf("Check: %v", err)
	}
}

func TestReadODFormats(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []Pair
		ids  []string // origins
	}{
		{"semicolon decimal comma BOM", "\xEF\xBB\xBForigin_id;destination_id;cost\na;x;12,5\nb;x;0\n",
			[]Pair{{0, 0, 12.5}, {1, 0, 0}}, []string{"a", "b"}},
		{"tab extra columns", "mode\torigin_id\tdestination_id\tcost\ncar\t a \tx\t1e1\n",
			[]Pair{{0, 0, 10}}, []string{"a"}},
		{"quoted ids keep commas", "origin_id,destination_id,cost\n\"a,1\",x,3\n",
			[]Pair{{0, 0, 3}}, []string{"a,1"}},
		{"reordered columns", "cost,destination_id,origin_id\n7,x,a\n2,y,a\n",
			[]Pair{{0, 0, 7}, {0, 1, 2}}, []string{"a"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := ReadOD("m.csv", strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(m.Pairs, tc.want) || !reflect.DeepEqual(m.Origins, tc.ids) {
				t.Errorf("got %v %v, want %v %v", m.Pairs, m.Origins, tc.want, tc.ids)
			}
		})
	}
}

// want is one expected problem.
type want struct {
	line   int
	field  string
	reason string // substring
}

func checkProblems(t testing.TB, err error, wants []want) {
	t.Helper()
	if !errors.Is(err, datasets.ErrInvalid) {
		t.Fatalf("err = %v, want datasets.ErrInvalid", err)
	}
	var list datasets.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err %T is not an ErrorList", err)
	}
	if len(list) != len(wants) {
		t.Fatalf("%d problems, want %d:\n%v", len(list), len(wants), err)
	}
	for i, w := range wants {
		e := list[i]
		if e.Source != "in.csv" || e.Line != w.line || e.Field != w.field || !strings.Contains(e.Reason, w.reason) {
			t.Errorf("problem %d = %q (line %d field %q), want line %d field %q containing %q",
				i, e.Error(), e.Line, e.Field, w.line, w.field, w.reason)
		}
	}
}

func TestReadODRejects(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		wants []want
	}{
		{"empty", "", []want{{0, "", "empty file"}}},
		{"blank", " \n\n", []want{{0, "", "empty file"}}},
		{"header only", "origin_id,destination_id,cost\n", []want{{1, "", "no data rows"}}},
		{"missing column", "origin_id,destination,cost\na,b,1\n", []want{{1, "destination_id", "required column"}}},
		{"duplicate column", "origin_id,destination_id,cost,cost\na,b,1,2\n", []want{{1, "cost", "duplicate column"}}},
		{"duplicate column after blank lines", "\n\norigin_id,destination_id,cost,cost\na,b,1,2\n", []want{{3, "cost", "duplicate column"}}},
		{"negative", "origin_id,destination_id,cost\na,x,-1\n", []want{{2, "cost", "negative"}}},
		{"NaN", "origin_id,destination_id,cost\na,x,NaN\n", []want{{2, "cost", "not a number"}}},
		{"Inf", "origin_id,destination_id,cost\na,x,Inf\n", []want{{2, "cost", "not a number"}}},
		{"non-numeric and blank", "origin_id,destination_id,cost\na,x,ten\na,y,\n",
			[]want{{2, "cost", "not a number"}, {3, "cost", "empty number"}}},
		{"overflow", "origin_id,destination_id,cost\na,x,1e999\n", []want{{2, "cost", "out of range"}}},
		{"decimal comma needs semicolon", "origin_id,destination_id,cost\na,x,\"1,5\"\n", []want{{2, "cost", "not a number"}}},
		{"missing ids", "origin_id,destination_id,cost\n,x,1\na, ,1\n",
			[]want{{2, "origin_id", "missing id"}, {3, "destination_id", "missing id"}}},
		{"duplicate pairs", "origin_id,destination_id,cost\na,x,1\nb,x,2\na,x,3\nb,x,2\na,x,1\n",
			[]want{{4, "destination_id", `duplicate pair ("a", "x") (first at line 2)`},
				{5, "destination_id", `("b", "x") (first at line 3)`},
				{6, "destination_id", `("a", "x") (first at line 2)`}}},
		{"field count", "origin_id,destination_id,cost\na,x\n", []want{{2, "", "row has 2 fields"}}},
		{"bad quote", "origin_id,destination_id,cost\na,\"x,1\n", []want{{2, "", "CSV syntax"}}},
		{"invalid UTF-8", "origin_id,destination_id,cost\na\xff,x,1\n", []want{{2, "origin_id", "UTF-8"}}},
		{"every problem", "origin_id,destination_id,cost\na,x,-2\nb,y,z\n,y,1\n",
			[]want{{2, "cost", "negative"}, {3, "cost", "not a number"}, {4, "origin_id", "missing id"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := ReadOD("in.csv", strings.NewReader(tc.in))
			if m != nil {
				t.Errorf("got a matrix with bad input")
			}
			checkProblems(t, err, tc.wants)
		})
	}
}

func TestReadWeightedRejects(t *testing.T) {
	cases := []struct {
		name   string
		supply bool
		in     string
		wants  []want
	}{
		{"empty", false, "", []want{{0, "", "empty file"}}},
		{"wrong column", false, "id,capacity\na,1\n", []want{{1, "population", "required column"}}},
		{"missing id column", true, "code,capacity\na,1\n", []want{{1, "id", "required column"}}},
		{"duplicate id", false, "id,population\na,1\nb,2\na,3\n", []want{{4, "id", `duplicate id "a" (first at in.csv:2)`}}},
		{"negative", true, "id,capacity\na,-1\n", []want{{2, "capacity", "negative"}}},
		{"blank value", true, "id,capacity\na,\n", []want{{2, "capacity", "missing value"}}},
		{"not a number", false, "id,population\na,many\n", []want{{2, "population", "not a number"}}},
		{"NaN", false, "id,population\na,nan\n", []want{{2, "population", "not a number"}}},
		{"missing id", false, "id,population\n,4\n", []want{{2, "id", "missing id"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			read := ReadDemand
			if tc.supply {
				read = ReadSupply
			}
			w, err := read("in.csv", strings.NewReader(tc.in))
			if w != nil {
				t.Errorf("got rows with bad input: %v", w)
			}
			checkProblems(t, err, tc.wants)
		})
	}
}

func TestCheck(t *testing.T) {
	in := "origin_id,destination_id,cost\na,x,1\nq,x,2\nq,z,3\nb,z,4\nr,y,5\n"
	m, err := ReadOD("in.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	demand := []Weighted{{"a", 1}, {"b", 2}, {"c", 0}}
	supply := []Weighted{{"x", 1}, {"y", 1}}
	checkProblems(t, m.Check(demand, supply), []want{
		{3, "origin_id", `origin id "q" is not in the demand table (2 pairs)`},
		{4, "destination_id", `destination id "z" is not in the supply table (2 pairs)`},
		{6, "origin_id", `origin id "r" is not in the demand table (1 pair)`},
	})
	// Ids of the tables absent from the matrix are fine: unreachable.
	if err := m.Check([]Weighted{{"a", 1}, {"b", 1}, {"q", 1}, {"r", 1}, {"s", 1}}, []Weighted{{"x", 1}, {"y", 1}, {"z", 1}, {"w", 1}}); err != nil {
		t.Errorf("Check with every id known: %v", err)
	}
}

func TestReadError(t *testing.T) {
	// The second read times out, after the header has been peeked.
	r := iotest.TimeoutReader(strings.NewReader("origin_id,destination_id,cost\na,x,1\n"))
	_, err := ReadOD("in.csv", r)
	if !errors.Is(err, iotest.ErrTimeout) || errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), "odmatrix: reading in.csv") {
		t.Errorf("err = %v, want a wrapped read error", err)
	}
	boom := errors.New("boom")
	_, err = ReadDemand("in.csv", iotest.ErrReader(boom))
	if !errors.Is(err, boom) || errors.Is(err, datasets.ErrInvalid) {
		t.Errorf("err = %v, want boom", err)
	}
}
