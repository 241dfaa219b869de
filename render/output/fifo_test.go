//go:build unix

package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A manifest or an inventory that is a named pipe no one writes is
// refused at once; reading it used to block for good.
func TestPipeInReportRefused(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"manifest.json", "is not a partons report"},
		{InventoryName, "is not a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report")
			if err := os.MkdirAll(out, 0o755); err != nil {
				t.Fatal(err)
			}
			if tc.name != "manifest.json" {
				if err := os.WriteFile(filepath.Join(out, "manifest.json"), []byte(`{"generator":"partons","command":"run"}`), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := syscall.Mkfifo(filepath.Join(out, tc.name), 0o600); err != nil {
				t.Skip("no named pipes here:", err)
			}
			if err := os.WriteFile(filepath.Join(out, "villages.csv"), []byte("id\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			err := CheckDir(out, "run")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("CheckDir over a report whose %s is a pipe: %v, want %q", tc.name, err, tc.want)
			}
			if tc.name == "manifest.json" && !errors.Is(err, ErrNotReport) {
				t.Errorf("%v is not ErrNotReport", err)
			}
		})
	}
}
