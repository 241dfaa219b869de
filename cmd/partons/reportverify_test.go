package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/datasets/reportdir"
)

// TestManifestChecksumsMatchFiles: every file of a run's report and of a
// scenario's base and variant reports is listed in its manifest.json with
// the SHA-256 and size of the bytes on disk (computed here independently),
// and ReadVerified returns exactly those bytes.
func TestManifestChecksumsMatchFiles(t *testing.T) {
	dir := t.TempDir()
	run := filepath.Join(dir, "run")
	if code, _, e := runCLI(t, "run", "-q", "--out", run); code != 0 {
		t.Fatal(e)
	}
	sc := filepath.Join(dir, "scenario")
	if code, _, e := runCLI(t, "scenario", "-q", "../../datasets/scenario/example.yaml", "--out", sc, "--variant-outputs", variantReports); code != 0 {
		t.Fatal(e)
	}
	for _, rep := range []string{run, filepath.Join(sc, "base"), filepath.Join(sc, "shared-counter-watou")} {
		var m struct {
			Outputs []struct {
				File   string `json:"file"`
				SHA256 string `json:"sha256"`
				Bytes  int64  `json:"bytes"`
			} `json:"outputs"`
		}
		if err := json.Unmarshal([]byte(readFile(t, filepath.Join(rep, "manifest.json"))), &m); err != nil {
			t.Fatal(err)
		}
		r, err := reportdir.Open(rep)
		if err != nil {
			t.Fatal(err)
		}
		listed := 0
		for _, o := range m.Outputs {
			if o.File == "manifest.json" {
				if o.SHA256 != "" {
					t.Errorf("%s: manifest.json records a checksum of itself", rep)
				}
				continue
			}
			b, err := os.ReadFile(filepath.Join(rep, o.File))
			if err != nil {
				t.Errorf("%s: %s listed but not written: %v", rep, o.File, err)
				continue
			}
			sum := sha256.Sum256(b)
			if o.SHA256 != hex.EncodeToString(sum[:]) || o.Bytes != int64(len(b)) {
				t.Errorf("%s: %s recorded as %s (%d bytes), is %x (%d bytes)", rep, o.File, o.SHA256, o.Bytes, sum, len(b))
			}
			got, err := r.ReadVerified(o.File)
			if err != nil || string(got) != string(b) {
				t.Errorf("%s: ReadVerified(%s) = %d bytes, %v", rep, o.File, len(got), err)
			}
			listed++
		}
		if listed < 3 {
			t.Errorf("%s: only %d files listed with checksums", rep, listed)
		}
	}
}

// TestReadVerifiedRefuses: each way a report file can differ from what
// its manifest recorded is refused, naming the file, as invalid data.
func TestReadVerifiedRefuses(t *testing.T) {
	src := filepath.Join(t.TempDir(), "r")
	if code, _, e := runCLI(t, "run", "-q", "--outputs", "villages.csv,areas.csv", "--out", src); code != 0 {
		t.Fatal(e)
	}
	orig := readFile(t, filepath.Join(src, "villages.csv"))
	cases := []struct {
		name   string
		tamper func(path string) error
		want   string
	}{
		{"truncated", func(p string) error { return os.WriteFile(p, []byte(orig[:len(orig)/2]), 0o644) }, "truncated"},
		{"appended", func(p string) error { return os.WriteFile(p, []byte(orig+"x,y\n"), 0o644) }, "bytes where"},
		{"same size", func(p string) error {
			return os.WriteFile(p, []byte(strings.Replace(orig, ",BE,", ",FR,", 1)), 0o644)
		}, "sha256"},
		{"removed", os.Remove, "but missing"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(src, "villages.csv")
			if err := os.WriteFile(p, []byte(orig), 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := reportdir.Open(src)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := r.ReadVerified("villages.csv"); err != nil {
				t.Fatalf("untouched file refused: %v", err)
			}
			if err := tc.tamper(p); err != nil {
				t.Fatal(err)
			}
			_, err = r.ReadVerified("villages.csv")
			if err == nil || exitCode(err) != exitInvalid || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v (exit %d), want exit 3 naming %s with %q", err, exitCode(err), p, tc.want)
			}
		})
	}
}
