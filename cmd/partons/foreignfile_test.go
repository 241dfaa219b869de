package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// access and prepare write one file each: they replace a file they wrote
// before, never another file that happens to have the name.
func TestSingleFileOutputsKeepForeignFiles(t *testing.T) {
	dir := t.TempDir()
	demand := writeFile(t, dir, "d.csv", "id,population\nv1,10\n")
	supply := writeFile(t, dir, "s.csv", "id,capacity\ns1,1\n")
	matrix := writeFile(t, dir, "m.csv", "origin_id,destination_id,cost\nv1,s1,3\n")
	notes := writeFile(t, dir, "notes.txt", "my notes\n")
	access := func(out string) (int, string) {
		code, _, e := runCLI(t, "access", "--matrix", matrix, "--demand", demand, "--supply", supply, "--model", "2sfca", "--max-cost", "30", "--out", out)
		return code, e
	}
	if code, e := access(notes); code == 0 || !strings.Contains(e, "is not a file partons access wrote") {
		t.Errorf("access over notes.txt: exit %d, %s", code, e)
	}
	if readFile(t, notes) != "my notes\n" {
		t.Error("access replaced notes.txt")
	}
	table := filepath.Join(dir, "access.csv")
	for range 2 { // a table of its own is replaced
		if code, e := access(table); code != 0 {
			t.Fatalf("access: exit %d, %s", code, e)
		}
	}

	code, _, e := runCLI(t, "prepare", "../../datasets/osmroad/testdata/town.osm", "-o", notes)
	if code == 0 || !strings.Contains(e, "is not a file partons prepare wrote") {
		t.Errorf("prepare over notes.txt: exit %d, %s", code, e)
	}
	if readFile(t, notes) != "my notes\n" {
		t.Error("prepare replaced notes.txt")
	}
	graph := filepath.Join(dir, "town.graph")
	for range 2 {
		if code, _, e := runCLI(t, "prepare", "-q", "../../datasets/osmroad/testdata/town.osm", "-o", graph); code != 0 {
			t.Fatalf("prepare: exit %d, %s", code, e)
		}
	}
}
