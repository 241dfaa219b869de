package feedio

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
)

func zipBytes(t *testing.T, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for i := 0; i < len(files); i += 2 {
		w, err := z.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[i+1]))
	}
	z.Close()
	return buf.Bytes()
}

func TestZipInOneFolder(t *testing.T) {
	b := zipBytes(t, "gtfs/stops.txt", "stop_id\nA\n", "gtfs/trips.txt", "trip_id\n", "README", "x")
	a, err := OpenZip("f.zip", bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(a.Names(), ","); got != "stops.txt,trips.txt" {
		t.Errorf("names %s", got)
	}
	var p Problems
	tb, ok := a.OpenTable("stops.txt", &p)
	if !ok || !tb.Next() || tb.Get("stop_id") != "A" || tb.Line() != 2 || tb.Next() || p.Len() != 0 {
		t.Errorf("table: %v %v", ok, p.Err())
	}
}

func TestTable(t *testing.T) {
	var p Problems
	tb := NewTable("f.txt", strings.NewReader("\ufeff stop_id ,name,name\n\"A\",\" x \",dup\nB,y,z,extra\n\"C\n"), &p)
	var got []string
	for tb.Next() {
		got = append(got, tb.Get("stop_id")+"="+tb.Get("name")+"@"+itoa(tb.Line()))
	}
	if strings.Join(got, " ") != "A=x@2" || tb.Rows != 3 {
		t.Errorf("rows %v (%d read)", got, tb.Rows)
	}
	var msgs []string
	for _, e := range p.List {
		msgs = append(msgs, e.Error())
	}
	want := []string{`f.txt:1: field "name": column appears twice in the header`, "f.txt:3: malformed CSV: wrong number of fields",
		`f.txt:4: malformed CSV: extraneous or missing " in quoted-field`}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestProblemsBound(t *testing.T) {
	var p Problems
	for i := 0; i < MaxProblems+5; i++ {
		p.Add("f", i, "", "bad")
	}
	var l datasets.ErrorList
	if !errors.As(p.Err(), &l) || len(l) != MaxProblems+1 || !strings.Contains(l[MaxProblems].Reason, "and 5 more problems") {
		t.Errorf("%d listed", len(l))
	}
}

func TestFolderFeed(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "stops.txt"), []byte("stop_id\n"), 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	a, err := Open(dir)
	if err != nil || strings.Join(a.Names(), ",") != "stops.txt" || a.Source("stops.txt") != dir+"/stops.txt" {
		t.Fatalf("%v %v", err, a.Names())
	}
	rc, err := a.Open("stops.txt")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != "stop_id\n" {
		t.Errorf("%q", b)
	}
	if _, err := Open(filepath.Join(dir, "missing.zip")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
}

func TestLongLine(t *testing.T) {
	var p Problems
	long := "id\nshort\n" + strings.Repeat("x", MaxLineBytes+10) + "\nafter\n"
	tb := NewTable("f.txt", strings.NewReader(long), &p)
	n := 0
	for tb.Next() {
		n++
	}
	if n != 1 || p.Len() != 1 || !strings.Contains(p.List[0].Error(), "f.txt:3: a line longer than") {
		t.Errorf("%d rows, %v", n, p.Err())
	}
}

// TestTableCancel: a table of an archive whose context is done stops
// within 65,536 rows.
func TestTableCancel(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "stops.txt"), []byte("stop_id\n"+strings.Repeat("A\n", 200_000)), 0o644)
	a, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a.SetContext(ctx)
	var p Problems
	tb, _ := a.OpenTable("stops.txt", &p)
	n := 0
	for tb.Next() {
		n++
	}
	if n >= 1<<16 || p.Len() != 0 {
		t.Errorf("read %d rows after cancellation, problems %v", n, p.Err())
	}
}
