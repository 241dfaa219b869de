package speccheck

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestSplitFileArg(t *testing.T) {
	dir := t.TempDir()
	odd := filepath.Join(dir, "x:category=odd.csv") // an existing file is a path, whatever its name
	if err := os.WriteFile(odd, []byte("id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		arg, path string
		fields    map[string]string
	}{
		{"fr.csv", "fr.csv", nil},
		{"fr.csv:category=TYPEQU", "fr.csv", map[string]string{"category": "TYPEQU"}},
		{"fr.csv:category=TYPEQU,x=LAMBERT_X,epsg=2154", "fr.csv", map[string]string{"category": "TYPEQU", "x": "LAMBERT_X", "epsg": "2154"}},
		{`C:\data\bpe.csv`, `C:\data\bpe.csv`, nil},
		{`C:\data\bpe.csv:category=TYPEQU`, `C:\data\bpe.csv`, map[string]string{"category": "TYPEQU"}},
		{"data/a:b/fr.csv", "data/a:b/fr.csv", nil}, // suffix is not field=col
		{"fr.csv:", "fr.csv:", nil},                           // empty suffix
		{"fr.csv:category=", "fr.csv:category=", nil},         // empty column
		{"fr.csv:category=A,=B", "fr.csv:category=A,=B", nil}, // empty field
		{"a:b:fr.csv:id=code", "a:b:fr.csv", map[string]string{"id": "code"}},
		{odd, odd, nil},
	}
	for _, tc := range tests {
		path, fields := SplitFileArg(tc.arg)
		if path != tc.path || !reflect.DeepEqual(fields, tc.fields) {
			t.Errorf("SplitFileArg(%q) = %q, %v; want %q, %v", tc.arg, path, fields, tc.path, tc.fields)
		}
	}
}
