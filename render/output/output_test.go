package output

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/table"
)

func sample() (table.Table, []orb.Geometry) {
	t := table.FromRows(
		[]table.Column{{Name: "id"}, {Name: "d_m", Kind: table.Number, Decimals: 1}, {Name: "ok", Kind: table.Bool}},
		[][]table.Cell{
			{table.Str("a,\"b\""), table.Float(12.345, 1), table.Boolean(true)},
			{table.Str("<x&y>"), table.NullCell, table.NullCell},
		})
	g := []orb.Geometry{orb.Point{2.885, 50.8503}, orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}
	return t, g
}

func TestWriteCSV(t *testing.T) {
	tb, _ := sample()
	var b bytes.Buffer
	if err := WriteCSV(&b, tb); err != nil {
		t.Fatal(err)
	}
	want := "id,d_m,ok\n\"a,\"\"b\"\"\",12.3,true\n<x&y>,,\n"
	if b.String() != want {
		t.Fatalf("got %q\nwant %q", b.String(), want)
	}
}

func TestCSVQuoting(t *testing.T) {
	for in, want := range map[string]string{"plain": "plain", "a,b": `"a,b"`, `say "hi"`: `"say ""hi"""`, "two\nlines": "\"two\nlines\"", " lead": `" lead"`} {
		if got := string(appendCSVField(nil, in, false)); got != want {
			t.Errorf("%q -> %q, want %q", in, got, want)
		}
	}
}

// TestParallelFormattingSameBytes: a Concurrent table formatted on all
// cores gives exactly the bytes of the sequential path.
func TestParallelFormattingSameBytes(t *testing.T) {
	cols := []table.Column{{Name: "id"}, {Name: "v", Kind: table.Number, Decimals: 3}}
	row := func(i int, dst []table.Cell) []table.Cell {
		return append(dst[:0], table.Str("r,"+strings.Repeat("x", i%7)), table.Float(float64(i)/7, 3))
	}
	n := 20000
	var seqCSV, parCSV bytes.Buffer
	seq := table.Table{Columns: cols, Len: n, Row: row}
	par := table.Table{Columns: cols, Len: n, Row: row, Concurrent: true}
	if err := WriteCSV(&seqCSV, seq); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&parCSV, par); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(seqCSV.Bytes(), parCSV.Bytes()) {
		t.Fatal("parallel formatting changed the bytes")
	}
}

// TestCSVFormulaGuard: text cells a spreadsheet would run as formulas
// (OWASP: leading = + - @ tab CR) get a leading quote; numbers, including
// negative ones, stay numbers; CSVGuard(false) writes the raw values.
func TestCSVFormulaGuard(t *testing.T) {
	tb := table.FromRows(
		[]table.Column{{Name: "id"}, {Name: "gain_m", Kind: table.Number, Decimals: 1}},
		[][]table.Cell{
			{table.Str("=1+1"), table.Float(-12.5, 1)},
			{table.Str("+cmd|' /C calc'!A0"), table.Float(3, 1)},
			{table.Str("-2+3"), table.Float(-0.04, 1)},
			{table.Str("@SUM(A1:A9)"), table.NullCell},
			{table.Str("\t=1"), table.NullCell},
			{table.Str("\r=1"), table.NullCell},
			{table.Str("a;=1+1"), table.NullCell},
			{table.Str("x=1-1; ok"), table.NullCell},
			{table.Str("'=kept"), table.NullCell},
		})
	guarded := "id,gain_m\n" +
		"'=1+1,-12.5\n" +
		"'+cmd|' /C calc'!A0,3.0\n" +
		"'-2+3,0.0\n" +
		"'@SUM(A1:A9),\n" +
		"'\t=1,\n" +
		"\"'\r=1\",\n" +
		"\"a;=1+1\",\n" +
		"x=1-1; ok,\n" +
		"''=kept,\n"
	raw := "id,gain_m\n" +
		"=1+1,-12.5\n" +
		"+cmd|' /C calc'!A0,3.0\n" +
		"-2+3,0.0\n" +
		"@SUM(A1:A9),\n" +
		"\"\t=1\",\n" +
		"\"\r=1\",\n" +
		"a;=1+1,\n" +
		"x=1-1; ok,\n" +
		"'=kept,\n"
	for _, tc := range []struct {
		name string
		opts []CSVOption
		want string
	}{
		{"default", nil, guarded},
		{"guard on", []CSVOption{CSVGuard(true)}, guarded},
		{"raw", []CSVOption{CSVGuard(false)}, raw},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteCSV(&b, tb, tc.opts...); err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Fatalf("got\n%q\nwant\n%q", b.String(), tc.want)
			}
			// Every record still parses as CSV with the same fields.
			recs, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
			if err != nil || len(recs) != tb.Len+1 {
				t.Fatalf("not CSV: %v (%d records)", err, len(recs))
			}
		})
	}
	for in, want := range map[string]string{"=x": "'=x", "bakery": "bakery", "": "", "-": "'-", "5": "5", "é": "é"} {
		if got := GuardCSVText(in); got != want {
			t.Errorf("GuardCSVText(%q) = %q, want %q", in, got, want)
		}
	}
	if got := CSVText("=a,b", true); got != `"'=a,b"` {
		t.Errorf("CSVText = %q", got)
	}
	if got := CSVText("=a,b", false); got != `"=a,b"` {
		t.Errorf("CSVText raw = %q", got)
	}
}

// TestInfiniteCellRefused: an infinite value is an overflow; the writers
// return an error naming the row and column instead of writing "+Inf" or
// an empty cell.
func TestInfiniteCellRefused(t *testing.T) {
	n := 5000 // enough rows for the parallel formatter
	rows := make([][]table.Cell, n)
	for i := range rows {
		rows[i] = []table.Cell{table.Str("v"), table.Float(1, 1)}
	}
	rows[4321][1] = table.Float(math.Inf(1), 1)
	tb := table.FromRows([]table.Column{{Name: "id"}, {Name: "share", Kind: table.Number, Decimals: 4}}, rows)
	want := `row 4322, column "share": infinite value`
	var b bytes.Buffer
	if err := WriteCSV(&b, tb); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("WriteCSV: %v, want %q", err, want)
	}
}

// UnguardCSVText gives back exactly what GuardCSVText guarded, including
// values that start with quotes; what was never guarded stays as it is.
func TestUnguardCSVText(t *testing.T) {
	for _, s := range []string{"=1+1", "'=1+1", "''=1", "'", "''", "'a", "a'", "-12.5", "", "@", "\t", "x"} {
		g := GuardCSVText(s)
		if got := UnguardCSVText(g); got != s {
			t.Errorf("UnguardCSVText(GuardCSVText(%q) = %q) = %q", s, g, got)
		}
	}
	for in, want := range map[string]string{"'=1": "=1", "''=1": "'=1", "'a": "'a", "-3": "-3", "'": "'"} {
		if got := UnguardCSVText(in); got != want {
			t.Errorf("UnguardCSVText(%q) = %q, want %q", in, got, want)
		}
	}
}

// Run with: go test ./render/output -run '^$' -fuzz FuzzCSVGuardRoundTrip
func FuzzCSVGuardRoundTrip(f *testing.F) {
	for _, s := range []string{"=1+1", "'=1", "''", "-2+3", "bakery", "@SUM(A1)", "'\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g := GuardCSVText(s)
		if got := UnguardCSVText(g); got != s {
			t.Fatalf("round trip of %q through %q gave %q", s, g, got)
		}
		if g != "" && formulaTrigger(g[0]) {
			t.Fatalf("guarded %q still starts with a formula trigger", g)
		}
	})
}
