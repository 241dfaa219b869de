package output

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A report lists what partons wrote in it; a report that also holds
// anything else is not replaced, and the message names what is there.
func TestInventoryProtectsUserFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report")
	d := writeReport(t, out, "scenario", "1")
	if err := d.WriteFile("closed-post/villages.csv", func(w *bufio.Writer) error {
		_, err := w.WriteString("id\n")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	inv, err := os.ReadFile(filepath.Join(out, InventoryName))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(inv), ".partons-files\nclosed-post/villages.csv\nmanifest.json\n"; got != want {
		t.Fatalf("inventory %q, want %q", got, want)
	}
	// Replacing a report that holds only what partons wrote works.
	if err := writeReport(t, out, "scenario", "2").Commit(); err != nil {
		t.Fatalf("replacing a clean report: %v", err)
	}

	cases := []struct {
		name, add, want string
		dir             bool
	}{
		{"a file at the top", "notes.txt", "notes.txt", false},
		{"a file in a report folder", "closed-post/photo.jpg", "closed-post/", false},
		{"a folder of the user's", "visit", "visit/", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report")
			d := writeReport(t, out, "scenario", "1")
			d.WriteFile("closed-post/villages.csv", func(w *bufio.Writer) error { return nil })
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(out, filepath.FromSlash(tc.add))
			if tc.dir {
				if err := os.Mkdir(p, 0o755); err != nil {
					t.Fatal(err)
				}
			} else if err := os.WriteFile(p, []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Create(context.Background(), out, Options{Command: "scenario"})
			if !errors.Is(err, ErrNotReport) || !strings.Contains(err.Error(), "also holds "+tc.want) {
				t.Fatalf("Create over a report holding %s: %v", tc.add, err)
			}
			if _, err := os.Stat(p); err != nil {
				t.Errorf("%s is gone: %v", tc.add, err)
			}
		})
	}
}

// A report written before inventories existed is replaced as before.
func TestReportWithoutInventoryReplaced(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "manifest.json"), []byte(`{"generator":"partons","command":"run"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "villages.csv"), []byte("id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeReport(t, out, "run", "new").Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "villages.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the old report's villages.csv survived: %v", err)
	}
}

// A folder holding only a folder named like the inventory is not an empty
// report: what is inside it is the user's, and stays.
func TestInventoryNamedFolderKept(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report")
	mine := filepath.Join(out, InventoryName, "notes.txt")
	if err := os.MkdirAll(filepath.Dir(mine), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Create(context.Background(), out, Options{Command: "run"})
	if err == nil {
		d.Commit()
	}
	if !errors.Is(err, ErrNotReport) {
		t.Errorf("Create over a folder holding %s/: %v, want ErrNotReport", InventoryName, err)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("the user's file is gone: %v", err)
	}
}
