package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestFileCommit: files appear only on commit, with the mode os.Create
// gives (0666 less the umask, not CreateTemp's 0600), and an aborted one
// leaves the previous file.
func TestFileCommit(t *testing.T) {
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref")
	f, err := os.Create(ref)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	want, _ := os.Stat(ref)
	os.Remove(ref)

	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	owns := func(head []byte) bool { return len(head) == 1 && head[0] >= '0' && head[0] <= '9' }
	create := func(path, body string) *File {
		t.Helper()
		f, err := CreateFile(context.Background(), path, Options{Command: "access", Owns: owns})
		if err != nil {
			t.Fatal(err)
		}
		f.Writer().WriteString(body)
		return f
	}
	fa, fb := create(a, "1"), create(b, "2")
	if _, err := os.Stat(a); !os.IsNotExist(err) {
		t.Fatal("file visible before commit")
	}
	if err := CommitFiles(fa, fb); err != nil {
		t.Fatal(err)
	}
	for path, body := range map[string]string{a: "1", b: "2"} {
		got, _ := os.ReadFile(path)
		fi, _ := os.Stat(path)
		if string(got) != body || fi.Mode() != want.Mode() {
			t.Errorf("%s: %q mode %v, want %q mode %v", path, got, fi.Mode(), body, want.Mode())
		}
	}
	create(a, "3").Abort()
	if got, _ := os.ReadFile(a); string(got) != "1" {
		t.Errorf("aborted write changed the file: %q", got)
	}
	if got, want := names(t, dir), []string{".a.csv.lock", ".b.csv.lock", "a.csv", "b.csv"}; !slices.Equal(got, want) {
		t.Errorf("dir holds %v, want %v", got, want)
	}
	if _, err := CreateFile(context.Background(), dir, Options{}); err == nil {
		t.Error("a directory accepted as an output file")
	}
}

// An existing file is replaced only when it is empty or the command
// recognises it as its own; anything else stays, with a clear error.
func TestFileNeverReplacesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	owns := func(head []byte) bool { return string(head) == "id,access_2sfca\n" }
	for _, tc := range []struct {
		name, body string
		ok         bool
	}{
		{"absent", "", true},
		{"empty", "\x00", true},
		{"its own", "id,access_2sfca\n", true},
		{"a user's notes", "my notes\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".csv")
			switch tc.body {
			case "":
			case "\x00":
				os.WriteFile(path, nil, 0o644)
			default:
				os.WriteFile(path, []byte(tc.body), 0o644)
			}
			o := Options{Command: "access", Owns: owns}
			errCheck := CheckFile(path, o)
			f, err := CreateFile(context.Background(), path, o)
			if tc.ok {
				if errCheck != nil || err != nil {
					t.Fatalf("CheckFile: %v, CreateFile: %v", errCheck, err)
				}
				f.Writer().WriteString("id,access_2sfca\nnew\n")
				if err := f.Commit(); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(errCheck, ErrNotReport) || !errors.Is(err, ErrNotReport) {
				t.Fatalf("CheckFile: %v, CreateFile: %v; want ErrNotReport", errCheck, err)
			}
			if got, _ := os.ReadFile(path); string(got) != tc.body {
				t.Errorf("the file changed: %q", got)
			}
		})
	}
}
