package reportdir

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
)

// writeReport writes files through Sums into a new folder with a
// manifest listing them, as a run does, and returns the folder.
func writeReport(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	sums := Sums{}
	m := Manifest{Generator: "partons", ManifestVersion: Version, Command: "run", Run: &Run{}}
	for _, name := range []string{"a.csv", "b.csv"} {
		body, ok := files[name]
		if !ok {
			continue
		}
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		if err := sums.Hashing(name, func(w *bufio.Writer) error { _, err := w.WriteString(body); return err })(w); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		m.Outputs = append(m.Outputs, Output{File: name})
	}
	m.Outputs = append(m.Outputs, Output{File: "unsummed.csv"}, Output{File: "manifest.json"})
	sums.Fill(m.Outputs)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestSumsRecordTheBytesWritten: Hashing records the SHA-256 and size of
// exactly the bytes that reach the file (computed here independently),
// and ReadVerified returns them.
func TestSumsRecordTheBytesWritten(t *testing.T) {
	body := strings.Repeat("id,name\nv1,Ieper\n", 5000) // more than one buffer
	dir := writeReport(t, map[string]string{"a.csv": body})
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(body))
	o := r.outputs["a.csv"]
	if o.SHA256 != hex.EncodeToString(sum[:]) || o.Bytes != int64(len(body)) {
		t.Errorf("recorded %s (%d bytes), want %x (%d bytes)", o.SHA256, o.Bytes, sum, len(body))
	}
	got, err := r.ReadVerified("a.csv")
	if err != nil || string(got) != body {
		t.Errorf("ReadVerified = %d bytes, %v", len(got), err)
	}
	if !r.Lists("a.csv") || r.Lists("b.csv") || !r.CSVGuarded() || r.Dir() != dir {
		t.Errorf("Lists/CSVGuarded/Dir wrong")
	}
}

// TestReadVerifiedRefuses: each way a file can differ from what the
// manifest recorded is refused as invalid data naming the file.
func TestReadVerifiedRefuses(t *testing.T) {
	const orig = "id,country\nv1,BE\n"
	cases := []struct {
		name, file string
		tamper     func(path string) error
		want       string
	}{
		{"truncated", "a.csv", func(p string) error { return os.WriteFile(p, []byte(orig[:5]), 0o644) }, "truncated"},
		{"appended", "a.csv", func(p string) error { return os.WriteFile(p, []byte(orig+"x\n"), 0o644) }, "bytes where"},
		{"same size", "a.csv", func(p string) error {
			return os.WriteFile(p, []byte(strings.Replace(orig, "BE", "FR", 1)), 0o644)
		}, "sha256"},
		{"removed", "a.csv", os.Remove, "but missing"},
		{"not listed", "c.csv", func(string) error { return nil }, "does not list"},
		{"no checksum", "unsummed.csv", func(string) error { return nil }, "records no sha256"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeReport(t, map[string]string{"a.csv": orig})
			r, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, tc.file)
			if err := tc.tamper(p); err != nil {
				t.Fatal(err)
			}
			_, err = r.ReadVerified(tc.file)
			if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), tc.want) || !isInvalid(err) {
				t.Errorf("got %v, want invalid data naming %s with %q", err, p, tc.want)
			}
		})
	}
}

func TestOpenRefuses(t *testing.T) {
	empty := t.TempDir()
	if _, err := Open(empty); err == nil || !strings.Contains(err.Error(), "missing") || !isInvalid(err) {
		t.Errorf("folder without manifest: %v", err)
	}
	if _, err := Open(filepath.Join(empty, "nope")); err == nil || !strings.Contains(err.Error(), "not a report folder") {
		t.Errorf("missing folder: %v", err)
	}
}

func isInvalid(err error) bool { return errors.Is(err, datasets.ErrInvalid) }
