package partons_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/partons/partons/"

// recordPackages are the datasets packages that hold records and no file
// format (hours reads the syntax of a tag value, not a file); every other
// package under datasets/ reads or writes one.
var recordPackages = []string{"datasets", "datasets/table", "datasets/taxonomy", "datasets/gtfs", "datasets/hours"}

// formatImports are outside packages that read or write a file format.
var formatImports = []string{
	"encoding/csv", "encoding/json", "encoding/xml", "database/sql",
	"gopkg.in/yaml.v3", "modernc.org/sqlite",
	"github.com/paulmach/orb/geojson", "github.com/paulmach/orb/encoding/",
	"github.com/paulmach/osm",
}

// TestAnalysisImportsNoFormat: analysis computes, it reads and writes no
// file: no package under analysis/ (test files aside) imports a datasets
// reader, a render writer or a format library.
func TestAnalysisImportsNoFormat(t *testing.T) {
	imports := packageImports(t, "analysis")
	if len(imports) == 0 {
		t.Fatal("no package found under analysis/")
	}
	for pkg, imps := range imports {
		for _, imp := range imps {
			if why := formatImport(imp); why != "" {
				t.Errorf("%s imports %s (%s): analysis imports no file format", pkg, imp, why)
			}
		}
	}
}

// formatImport says why imp is a file-format package, or "".
func formatImport(imp string) string {
	if rel, ok := strings.CutPrefix(imp, module); ok {
		switch {
		case strings.HasPrefix(rel, "render/") || rel == "render":
			return "a writer"
		case strings.HasPrefix(rel, "datasets/") && !slices.Contains(recordPackages, rel):
			return "a reader"
		}
		return ""
	}
	for _, f := range formatImports {
		if imp == f || strings.HasSuffix(f, "/") && strings.HasPrefix(imp, f) || strings.HasPrefix(imp, f+"/") {
			return "a format library"
		}
	}
	return ""
}

// packageImports maps each package under root (a folder of the module,
// testdata aside) to the imports of its non-test files.
func packageImports(t testing.TB, root string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == ".git") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(p))
		for _, is := range f.Imports {
			imp, err := strconv.Unquote(is.Path.Value)
			if err != nil {
				return err
			}
			if !slices.Contains(out[pkg], imp) {
				out[pkg] = append(out[pkg], imp)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFormatImport pins the classification the layer test relies on.
func TestFormatImport(t *testing.T) {
	for _, tc := range []struct {
		imp    string
		format bool
	}{
		{module + "datasets/scenario", true},
		{module + "datasets/odmatrix", true},
		{module + "render/report", true},
		{module + "datasets", false},
		{module + "datasets/table", false},
		{module + "geo/road", false},
		{"gopkg.in/yaml.v3", true},
		{"github.com/paulmach/orb/encoding/wkb", true},
		{"github.com/paulmach/orb/geojson", true},
		{"github.com/paulmach/osm/osmpbf", true},
		{"github.com/paulmach/orb", false},
		{"github.com/paulmach/orb/planar", false},
		{"encoding/binary", false},
	} {
		if got := formatImport(tc.imp) != ""; got != tc.format {
			t.Errorf("%s: format %v, want %v", tc.imp, got, tc.format)
		}
	}
}

// layers is the line of imports, lowest first: a package may import its
// own layer and the layers before it in its list of allowed layers. A
// folder of the module that is no layer (benchmarks, .ci) may import any
// layer but study and cmd.
var layers = []struct {
	name    string
	imports []string // the layers of ours it may import, its own included
}{
	{"geo", []string{"geo"}},
	{"datasets", []string{"datasets", "geo"}},
	{"travel", []string{"travel", "datasets", "geo"}},
	{"analysis", []string{"analysis", "travel", "datasets", "geo"}},
	{"render", []string{"render", "analysis", "travel", "datasets", "geo"}},
	{"study", []string{"study", "render", "analysis", "travel", "datasets", "geo"}},
	{"cmd", []string{"cmd", "study", "render", "analysis", "travel", "datasets", "geo"}},
}

// knownDebt lists the edges that break the line today, as
// "importer -> imported" with the reason; ARCHITECTURE.md lists the same
// under "Known debt". An entry that no longer occurs fails the test, so
// the list shrinks as the debt is paid.
var knownDebt = map[string]string{}

// layerOf returns the layer of a folder of the module ("analysis/locate"
// → "analysis"), or "" for a folder that is no layer.
func layerOf(pkg string) string {
	top, _, _ := strings.Cut(pkg, "/")
	for _, l := range layers {
		if l.name == top {
			return l.name
		}
	}
	return ""
}

// forbiddenEdge says why pkg (a folder of the module) may not import imp
// (an import path), or "".
func forbiddenEdge(pkg, imp string) string {
	rel, ours := strings.CutPrefix(imp, module)
	if !ours {
		return ""
	}
	to := layerOf(rel)
	if to == "cmd" && layerOf(pkg) != "cmd" {
		return "nothing imports cmd"
	}
	if to == "study" && layerOf(pkg) != "study" && layerOf(pkg) != "cmd" {
		return "only cmd imports study"
	}
	from := layerOf(pkg)
	if from == "" {
		return ""
	}
	for _, l := range layers {
		if l.name == from && !slices.Contains(l.imports, to) {
			if to == "" {
				to = rel
			}
			return from + " may import only " + strings.Join(l.imports, ", ") + ", not " + to
		}
	}
	return ""
}

// TestLayers: every import between packages of the module follows the
// line cmd → study → render → analysis → travel, datasets → geo; the
// known debt aside.
func TestLayers(t *testing.T) {
	imports := packageImports(t, ".")
	for _, l := range []string{"geo", "datasets", "travel", "analysis", "render", "study", "cmd"} {
		found := false
		for pkg := range imports {
			found = found || layerOf(pkg) == l
		}
		if !found {
			t.Errorf("no package found in layer %s", l)
		}
	}
	seen := map[string]bool{}
	for pkg, imps := range imports {
		for _, imp := range imps {
			why := forbiddenEdge(pkg, imp)
			if why == "" {
				continue
			}
			edge := pkg + " -> " + strings.TrimPrefix(imp, module)
			if _, ok := knownDebt[edge]; ok {
				seen[edge] = true
				continue
			}
			t.Errorf("%s imports %s: %s (see ARCHITECTURE.md)", pkg, imp, why)
		}
	}
	for edge := range knownDebt {
		if !seen[edge] {
			t.Errorf("known debt %q no longer occurs: remove it from knownDebt and ARCHITECTURE.md", edge)
		}
	}
}

// TestForbiddenEdge pins the rules TestLayers applies, one edge each.
func TestForbiddenEdge(t *testing.T) {
	for _, tc := range []struct {
		pkg, imp  string
		forbidden bool
	}{
		{"geo/index", module + "geo", false},
		{"geo/index", module + "datasets", true},
		{"geo/index", module + "geo/internal/hilbert", false},
		{"geo/road/internal/hilbert", module + "geo/internal/hilbert", false},
		{"geo/road", module + "travel", true},
		{"geo", "github.com/paulmach/orb", false},
		{"datasets/csvio", module + "geo/crs", false},
		{"datasets/load", module + "datasets/csvio", false},
		{"datasets/osmroad", module + "travel", true},
		{"datasets/gtfs", module + "analysis", true},
		{"travel/transit", module + "datasets/gtfs", false},
		{"travel", module + "geo/road", false},
		{"travel", module + "analysis/access", true},
		{"travel/traveltest", module + "render/output", true},
		{"analysis/access", module + "travel", false},
		{"analysis", module + "datasets/table", false},
		{"analysis", module + "render/report", true},
		{"analysis/locate", module + "study", true},
		{"analysis", module + "cmd/partons", true},
		{"render/report", module + "analysis", false},
		{"render/site", module + "datasets/reportdir", false},
		{"render/files", module + "study", true},
		{"render/files", module + "cmd/partons", true},
		{"study", module + "render/files", false},
		{"study", module + "cmd/partons", true},
		{"cmd/partons", module + "study", false},
		{"cmd/partons", module + "study/scenario", false},
		{"study/scenario", module + "study/roads", false},
		{"study/run", module + "render/files", false},
		{"study/roads", module + "cmd/partons", true},
		{"render", module + "study/results", true},
		{"analysis/access", module + "study/access", true},
		{"travel", module + "study", true},
		{"datasets/load", module + "study", true},
		{"geo/road", module + "study/roads", true},
		{"benchmarks", module + "study/run", true},
		{".ci/verify/hoursdump", module + "study", true},
		{"cmd/partons", module + "render/files", false},
		{"benchmarks/synth", module + "travel/transit", false},
		{"benchmarks", module + "cmd/partons", true},
		{".ci/verify/hoursdump", module + "cmd/partons", true},
	} {
		if got := forbiddenEdge(tc.pkg, tc.imp) != ""; got != tc.forbidden {
			t.Errorf("%s -> %s: forbidden %v, want %v", tc.pkg, tc.imp, got, tc.forbidden)
		}
	}
}
