package validate

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/config"
	"github.com/paulmach/orb"
)

func write(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReadListsEveryProblem: three problems on three lines of one file
// are all found, with the file's columns and the optional column it lacks.
func TestReadListsEveryProblem(t *testing.T) {
	p := write(t, t.TempDir(), "v.csv", "id,name,country,lon,lat\n"+
		"a,Alpha,BE,2.9,95\n"+
		"b,Beta,BE,2.9,50.8\n"+
		"b,Beta bis,BE,2.9,50.8\n"+
		"c,Gamma,BE,2.9,95\n")
	res, err := Read(context.Background(), File{Path: p, Kind: "auto"}, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	if res.Kind != "villages" || !res.Guessed || res.CategoryColumn != "category" {
		t.Errorf("read as %q (guessed %v, by %q), want villages guessed by category", res.Kind, res.Guessed, res.CategoryColumn)
	}
	var lines []int
	for _, e := range res.Problems {
		lines = append(lines, e.Line)
	}
	if len(lines) != 3 || lines[0] != 2 || lines[1] != 4 || lines[2] != 5 {
		t.Errorf("problems on lines %v, want 2, 4, 5: %v", lines, res.Problems)
	}
	if strings.Join(res.Columns, ",") != "id,name,country,lon,lat" {
		t.Errorf("columns %v", res.Columns)
	}
	if len(res.Missing) != 1 || res.Missing[0] != (Optional{Field: "population", Column: "population"}) {
		t.Errorf("missing %+v, want population", res.Missing)
	}
	if res.Villages != nil {
		t.Errorf("villages kept from a file with problems: %d", len(res.Villages))
	}
	groups := Grouped(res.Problems)
	if len(groups) != 2 || groups[0].N != 2 || strings.Join(groups[0].Places, ",") != "line 2,line 5" || groups[1].N != 1 {
		t.Errorf("groups %+v, want the latitude twice (lines 2, 5) and the duplicate once", groups)
	}
}

func TestReadKinds(t *testing.T) {
	dir := t.TempDir()
	svc := write(t, dir, "s.csv", "id,name,TYPEQU,country,lon,lat\ns,Post,amenity=post_office,FR,2.5,50.9\n")
	res, err := Read(context.Background(), File{Path: svc, Kind: "auto", Fields: map[string]string{"category": "TYPEQU"}}, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	if res.Kind != "services" || res.Records != 1 || len(res.Services) != 1 || len(res.Problems) != 0 || res.Missing != nil {
		t.Errorf("mapped services file: %+v", res)
	}
	_, err = Read(context.Background(), File{Path: svc, Kind: "villages", Fields: map[string]string{"no_such_field": "x"}}, config.Default())
	var fe *FieldsError
	if !errors.As(err, &fe) || fe.Kind != "villages" || fe.Path != svc {
		t.Errorf("unknown field: error %v, want a FieldsError", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, File{Path: svc, Kind: "services"}, config.Default()); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v", err)
	}
}

func TestReadGTFS(t *testing.T) {
	res, err := Read(context.Background(), File{Path: "../../datasets/gtfs/testdata/tiny", Kind: "auto"}, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	want := ", 1 agency, 5 stops; service 2026-01-05 to 2026-01-30; 7 timetabled trips on Monday 2026-01-05, a typical weekday"
	if res.Kind != "gtfs" || res.Summary != want || len(res.Problems) != 0 {
		t.Errorf("tiny feed: kind %q summary %q problems %v", res.Kind, res.Summary, res.Problems)
	}
	res, err = Read(context.Background(), File{Path: "../../testdata/hostile/gtfs/many-problems.zip", Kind: "auto"}, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 3 || res.Summary != "" || !errors.Is(res.Problems, datasets.ErrInvalid) {
		t.Errorf("many-problems: %d problems %v, want 3", len(res.Problems), res.Problems)
	}
	if IsGTFS(t.TempDir()) || !IsGTFS("feed.ZIP") {
		t.Error("IsGTFS: an empty folder is no feed, a .zip is one")
	}
}

// TestPlacement: a village claiming Belgium at the equator is placed
// wrong.
func TestPlacement(t *testing.T) {
	vs := []datasets.Village{{ID: "v", Name: "V", Country: "BE", Location: orb.Point{2.9, 0.5}}}
	if probs := Placement(vs, nil, nil); len(probs) == 0 {
		t.Error("a Belgian village at the equator passes")
	}
	if probs := Placement([]datasets.Village{{ID: "v", Name: "V", Country: "BE", Location: orb.Point{2.9, 50.8}}}, nil, nil); len(probs) != 0 {
		t.Errorf("Ieper flagged: %v", probs)
	}
}

// TestReadContributions: the sample's seven reports read without problem;
// a report without its service is a problem naming its line.
func TestReadContributions(t *testing.T) {
	res, err := Read(context.Background(), File{Path: "../../datasets/westhoek/data/contributions.csv", Kind: "contributions"}, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 7 || len(res.Reports) != 7 || len(res.Problems) != 0 {
		t.Errorf("sample reports: %d records, %d reports, problems %v", res.Records, len(res.Reports), res.Problems)
	}
	head, _, _ := strings.Cut(read(t, "../../datasets/westhoek/data/contributions.csv"), "\n")
	cols := strings.Split(head, ",")
	row := make([]string, len(cols))
	for i, c := range cols {
		row[i] = map[string]string{"id": "r1", "kind": "closed", "observed_on": "2025-01-01", "status": "confirmed"}[c]
	}
	p := write(t, t.TempDir(), "c.csv", head+"\n"+strings.Join(row, ",")+"\n")
	res, err = Read(context.Background(), File{Path: p, Kind: "contributions"}, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) == 0 || res.Problems[0].Line != 2 || res.Reports != nil {
		t.Errorf("report without a service: problems %v, %d reports kept", res.Problems, len(res.Reports))
	}
}

func read(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
