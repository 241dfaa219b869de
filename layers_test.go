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
		if d.IsDir() && d.Name() == "testdata" {
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
