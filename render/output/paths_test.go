package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckClashes: an output that is an input (by path, symlink or hard
// link), a directory output holding an input, and two outputs on one
// path are refused, naming both; unrelated paths pass.
func TestCheckClashes(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	os.WriteFile(at("demand.csv"), []byte("id,population\n"), 0o644)
	os.Symlink(at("demand.csv"), at("link.csv"))
	os.Link(at("demand.csv"), at("hard.csv"))
	os.MkdirAll(at("osm"), 0o755)
	os.WriteFile(at("osm/villages.geojson"), []byte("{}"), 0o644)
	os.Symlink(at("osm"), at("osmlink"))
	in := func(flag, p string) Path { return Path{Name: flag, Path: p} }
	file := func(flag, p string) Path { return Path{Name: flag, Path: p} }
	dirOut := func(p string) Path { return Path{Name: "out", Path: p, Dir: true} }
	for _, tc := range []struct {
		name      string
		outs, ins []Path
		want      string // "" when accepted
	}{
		{"out is input", []Path{file("--out", at("demand.csv"))}, []Path{in("--demand", at("demand.csv"))}, "--out " + at("demand.csv") + " is also read as --demand"},
		{"relative and absolute", []Path{file("--out", at("./x/../demand.csv"))}, []Path{in("--demand", at("demand.csv"))}, "is also read as --demand"},
		{"through a symlink", []Path{file("--out", at("link.csv"))}, []Path{in("--demand", at("demand.csv"))}, "is also read as --demand"},
		{"hard link", []Path{file("--out", at("hard.csv"))}, []Path{in("--demand", at("demand.csv"))}, "is also read as --demand"},
		{"two outputs", []Path{file("--out", at("a.csv")), file("--services", at("a.csv"))}, nil, "--out " + at("a.csv") + " and --services " + at("a.csv")},
		{"dir holds input", []Path{dirOut(at("osm"))}, []Path{in("--villages", at("osm/villages.geojson"))}, "would replace --villages"},
		{"dir via symlink holds input", []Path{dirOut(at("osmlink"))}, []Path{in("--villages", at("osm/villages.geojson"))}, "would replace --villages"},
		{"dir is input dir", []Path{dirOut(at("old"))}, []Path{in("OLD_DIR", at("old"))}, "is also read as OLD_DIR"},
		{"dir beside input", []Path{dirOut(at("report"))}, []Path{in("--villages", at("osm/villages.geojson"))}, ""},
		{"prefix is not inside", []Path{dirOut(at("os"))}, []Path{in("--villages", at("osm/villages.geojson"))}, ""},
		{"fresh file", []Path{file("--out", at("new/a.csv"))}, []Path{in("--demand", at("demand.csv"))}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Check("run", tc.outs, tc.ins)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrClash) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want ErrClash saying %q", err, tc.want)
			}
		})
	}
}
