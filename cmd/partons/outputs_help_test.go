package main

import (
	"strings"
	"testing"

	"github.com/partons/partons/render/files"
)

// TestOutputsHelpFromRegistry: `partons run --help` describes --outputs
// from the registry of report files: every file a run writes is named,
// villages.qml (which comes with villages.geojson) included.
func TestOutputsHelpFromRegistry(t *testing.T) {
	code, out, errOut := runCLI(t, "run", "--help")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	i := strings.Index(out, "--outputs")
	if i < 0 {
		t.Fatalf("no --outputs in the help:\n%s", out)
	}
	line := out[i:]
	if j := strings.Index(line, "\n      --"); j > 0 {
		line = line[:j]
	}
	line = strings.Join(strings.Fields(line), " ")
	for _, f := range files.Of(files.Run) {
		if !strings.Contains(line, f.Name) {
			t.Errorf("--outputs help lacks %s: %q", f.Name, line)
		}
	}
}
