package output

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeReport starts a report of command at out holding a manifest.
func writeReport(t testing.TB, out, command, content string) *Dir {
	t.Helper()
	d, err := Create(context.Background(), out, Options{Command: command})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("manifest.json", func(w *bufio.Writer) error {
		_, err := w.WriteString(`{"generator":"partons","command":"` + command + `","n":"` + content + `"}`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return d
}

// names lists a directory.
func names(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, e := range entries {
		n = append(n, e.Name())
	}
	return n
}

func content(t testing.TB, out string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDirAtomic(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "report")
	d := writeReport(t, out, "run", "1")
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("report visible before Commit")
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	// An aborted second report leaves the first untouched and no litter.
	writeReport(t, out, "run", "2").Abort()
	if c := content(t, out); !strings.Contains(c, `"1"`) {
		t.Fatalf("aborted run changed the report: %s", c)
	}
	// A committed one replaces it.
	if err := writeReport(t, out, "run", "3").Commit(); err != nil {
		t.Fatal(err)
	}
	if c := content(t, out); !strings.Contains(c, `"3"`) {
		t.Fatalf("report not replaced: %s", c)
	}
	if got, want := names(t, parent), []string{".report.lock", "report"}; !slices.Equal(got, want) {
		t.Errorf("parent holds %v, want %v", got, want)
	}
}

// TestCreateRefuses: only an absent path, an empty directory or a report
// of the same command is written; the error names what is there.
func TestCreateRefuses(t *testing.T) {
	parent := t.TempDir()
	foreign := filepath.Join(parent, "mine")
	os.Mkdir(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("x"), 0o644)
	os.Mkdir(filepath.Join(foreign, "photos"), 0o755)
	extract := filepath.Join(parent, "osm")
	os.Mkdir(extract, 0o755)
	os.WriteFile(filepath.Join(extract, "manifest.json"), []byte(`{"generator":"partons","command":"extract"}`), 0o644)
	file := filepath.Join(parent, "f.csv")
	os.WriteFile(file, []byte("a\n"), 0o644)
	empty := filepath.Join(parent, "empty")
	os.Mkdir(empty, 0o755)
	for _, tc := range []struct {
		path, command, want string
	}{
		{foreign, "run", "holds notes.txt, photos/"},
		{extract, "run", "holds the output of partons extract, which partons run would delete"},
		{file, "run", "is a file"},
		{extract, "extract", ""},
		{empty, "run", ""},
		{filepath.Join(parent, "new"), "diff", ""},
	} {
		t.Run(filepath.Base(tc.path)+"-"+tc.command, func(t *testing.T) {
			d, err := Create(context.Background(), tc.path, Options{Command: tc.command})
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				d.Abort()
				return
			}
			if !errors.Is(err, ErrNotReport) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want ErrNotReport saying %q", err, tc.want)
			}
		})
	}
	if got := names(t, foreign); !slices.Equal(got, []string{"notes.txt", "photos"}) {
		t.Errorf("foreign directory changed: %v", got)
	}
}

// TestRecoverHalfDoneSwap: a run killed between the two renames of a
// swap left the previous report aside and no report; the next Create puts
// it back and removes the litter of killed runs.
func TestRecoverHalfDoneSwap(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "report")
	mk := func(name, body string) {
		os.MkdirAll(filepath.Join(parent, name, "sub"), 0o755)
		os.WriteFile(filepath.Join(parent, name, "manifest.json"), []byte(body), 0o644)
	}
	mk(".report.tmp-1-aa.old", `{"generator":"partons","command":"run","n":"old"}`)
	mk(".report.tmp-1-aa", `{"generator":"partons","command":"run","n":"new"}`)
	mk(".report.tmp-2-bb", `half`)
	os.WriteFile(filepath.Join(parent, ".report.tmp-3-cc"), nil, 0o644)
	os.WriteFile(filepath.Join(parent, ".other.tmp-1-aa"), nil, 0o644) // another output's: kept
	d := writeReport(t, out, "run", "next")
	if c := content(t, out); !strings.Contains(c, `"old"`) {
		t.Fatalf("previous report not put back: %s", c)
	}
	d.Abort()
	if got, want := names(t, parent), []string{".other.tmp-1-aa", ".report.lock", "report"}; !slices.Equal(got, want) {
		t.Errorf("parent holds %v, want %v", got, want)
	}
}

// TestLockSerialises: a second writer of the same output waits for the
// first, says so, and gives up when its context ends.
func TestLockSerialises(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report")
	first := writeReport(t, out, "run", "first")

	waiting := make(chan struct{})
	done := make(chan error)
	go func() {
		d, err := Create(context.Background(), out, Options{Command: "run", Log: signalWriter(waiting)})
		if err == nil {
			err = d.Commit()
		}
		done <- err
	}()
	<-waiting
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("second writer: %v", err)
	}

	held := writeReport(t, out, "run", "held")
	defer held.Abort()
	ctx, cancel := context.WithCancel(context.Background())
	waiting = make(chan struct{})
	go func() {
		_, err := Create(ctx, out, Options{Command: "run", Log: signalWriter(waiting)})
		done <- err
	}()
	<-waiting
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled wait: %v", err)
	}
}

// signalWriter closes ch on its first write.
type signalWriter chan struct{}

func (s signalWriter) Write(b []byte) (int, error) {
	select {
	case <-s:
	default:
		close(s)
	}
	return len(b), nil
}

func TestCancelledWriteLeavesReport(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "report")
	if err := writeReport(t, out, "run", "1").Commit(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	d, err := Create(ctx, out, Options{Command: "run"})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := d.WriteFile("manifest.json", func(w *bufio.Writer) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("WriteFile after cancel: %v", err)
	}
	if err := d.Commit(); !errors.Is(err, context.Canceled) {
		t.Errorf("Commit after cancel: %v", err)
	}
	if c := content(t, out); !strings.Contains(c, `"1"`) {
		t.Errorf("report changed: %s", c)
	}
	if got, want := names(t, parent), []string{".report.lock", "report"}; !slices.Equal(got, want) {
		t.Errorf("parent holds %v, want %v", got, want)
	}
}

func TestReadOnlyReportRefused(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may remove read-only directories")
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "report")
	if err := writeReport(t, out, "run", "1").Commit(); err != nil {
		t.Fatal(err)
	}
	os.Chmod(out, 0o555)
	defer os.Chmod(out, 0o755)
	if _, err := Create(context.Background(), out, Options{Command: "run"}); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("got %v, want a read-only error", err)
	}
	if got, want := names(t, parent), []string{".report.lock", "report"}; !slices.Equal(got, want) {
		t.Errorf("parent holds %v, want %v", got, want)
	}
}

// TestCheckTidies: Check removes a killed run's temporary folder at once
// (not only when the next command reaches its write phase), but leaves
// the folder of a live writer, and makes no lock file where there is
// nothing to tidy.
func TestCheckTidies(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "report")
	os.MkdirAll(filepath.Join(parent, ".report.tmp-1-aa", "big"), 0o755)
	if err := Check("run", []Path{{Name: "out", Path: out, Dir: true}}, nil); err != nil {
		t.Fatal(err)
	}
	if got, want := names(t, parent), []string{".report.lock"}; !slices.Equal(got, want) {
		t.Errorf("parent holds %v, want %v", got, want)
	}
	live := writeReport(t, out, "run", "live")
	defer live.Abort()
	if err := Check("run", []Path{{Name: "out", Path: out, Dir: true}}, nil); err != nil {
		t.Fatal(err)
	}
	if len(names(t, parent)) != 2 {
		t.Errorf("a live writer's folder was removed: %v", names(t, parent))
	}
	other := filepath.Join(t.TempDir(), "x")
	if err := Check("run", []Path{{Name: "out", Path: other, Dir: true}}, nil); err != nil {
		t.Fatal(err)
	}
	if got := names(t, filepath.Dir(other)); len(got) != 0 {
		t.Errorf("Check made %v where there was nothing to tidy", got)
	}
}

// TestPreviousReportRemovedUnderLock: Commit removes the previous report
// (now at a temporary name) before it frees the lock. It used to free the
// lock first: a process taking it meanwhile removes every temporary name
// as a dead run's leftover, racing the removal.
func TestPreviousReportRemovedUnderLock(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report")
	if err := writeReport(t, out, "run", "1").Commit(); err != nil {
		t.Fatal(err)
	}
	removals := 0
	defer func(rt func(string) error) { removeTree = rt }(removeTree)
	removeTree = func(p string) error {
		removals++
		l, err := acquire(nil, out, nil)
		if l != nil || err != nil {
			l.release()
			t.Errorf("the lock of %s is free while %s is removed (err %v)", out, filepath.Base(p), err)
		}
		return os.RemoveAll(p)
	}
	if err := writeReport(t, out, "run", "2").Commit(); err != nil {
		t.Fatal(err)
	}
	if removals != 1 {
		t.Errorf("%d removals, want 1 (the previous report)", removals)
	}
	if c := content(t, out); !strings.Contains(c, `"2"`) {
		t.Fatalf("report not replaced: %s", c)
	}
}
