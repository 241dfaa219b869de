package output

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Every temporary name of an output at DIR/NAME starts with
// DIR/.NAME.tmp-; a previous report moved aside during a two-rename swap
// ends in ".old" as well. The lock file is DIR/.NAME.lock.

func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp-" }

// reg holds the temporary outputs of this process, for Stop. Its mutex
// also makes each swap indivisible with respect to Stop.
var reg struct {
	mu    sync.Mutex
	temps map[string]bool
}

// guard runs fn while no Stop can run.
func guard(fn func() error) error {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	return fn()
}

// track records a temporary path for Stop (reg.mu held); "" is ignored.
func track(p string) {
	if p == "" {
		return
	}
	if reg.temps == nil {
		reg.temps = map[string]bool{}
	}
	reg.temps[p] = true
}

// untrack forgets a temporary path (reg.mu held).
func untrack(p string) { delete(reg.temps, p) }

// makeTemp creates a new temporary sibling of path with create and
// records it for Stop (reg.mu held).
func makeTemp(path string, create func(name string) error) (string, error) {
	for range 100 {
		var b [6]byte
		rand.Read(b[:])
		name := filepath.Join(filepath.Dir(path), tempPrefix(path)+strconv.Itoa(os.Getpid())+"-"+hex.EncodeToString(b[:]))
		err := create(name)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		track(name)
		return name, nil
	}
	return "", fmt.Errorf("no free temporary name beside %s", path)
}

// Stop removes every unfinished output of this process (its temporary
// directories and files) and blocks every later write and swap for good:
// it is for a signal handler that exits right after. A swap under way
// completes first, so an output is either the previous one or the new one.
func Stop() {
	reg.mu.Lock()
	for p := range reg.temps {
		os.RemoveAll(p)
	}
}

// swap puts tmp at final. When final exists, the two are exchanged in one
// atomic step where the system allows it (Linux renameat2), else final is
// renamed aside (to tmp+".old") and tmp into place: Recover repairs a run
// killed between the two renames. old is where the previous output now is,
// to be removed; "" when there was none.
func swap(tmp, final string) (old string, err error) {
	if _, err := os.Lstat(final); errors.Is(err, os.ErrNotExist) {
		return "", os.Rename(tmp, final)
	}
	if err := exchange(tmp, final); err == nil {
		return tmp, nil
	}
	old = tmp + ".old"
	if err := os.Rename(final, old); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, final); err != nil {
		os.Rename(old, final) // put the previous output back
		return "", err
	}
	return old, nil
}

// Tidy repairs what killed processes left beside the output at path (see
// recoverLocked), unless a live process is writing it. Check calls it, so
// that a killed run's temporary folder goes at the start of the next
// command, not only when it reaches its own write phase.
func Tidy(path string) error {
	path = filepath.Clean(path)
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return nil // no parent folder: nothing left there
	}
	if !slices.ContainsFunc(entries, func(e os.DirEntry) bool { return strings.HasPrefix(e.Name(), tempPrefix(path)) }) {
		return nil // nothing to tidy: no lock file made
	}
	l, err := acquire(nil, path, nil)
	if l == nil || err != nil {
		return err
	}
	defer l.release()
	return recoverLocked(path)
}

// recoverLocked repairs what killed processes left beside path: a
// previous output moved aside by a half-done swap is put back when path is
// missing, and temporary directories and files are removed. The caller
// holds the output's lock, so every temporary name of path belongs to a
// dead process.
func recoverLocked(path string) error {
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	prefix := tempPrefix(path)
	type aside struct {
		name string
		mod  int64
	}
	var olds []aside
	var temps []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		p := filepath.Join(filepath.Dir(path), e.Name())
		if !strings.HasSuffix(e.Name(), ".old") {
			temps = append(temps, p)
			continue
		}
		var mod int64
		if fi, err := e.Info(); err == nil {
			mod = fi.ModTime().UnixNano()
		}
		olds = append(olds, aside{p, mod})
	}
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) && len(olds) > 0 {
		sort.Slice(olds, func(i, j int) bool { return olds[i].mod < olds[j].mod })
		last := olds[len(olds)-1].name
		if err := os.Rename(last, path); err != nil {
			return fmt.Errorf("output: putting back the previous output %s: %w", last, err)
		}
		olds = olds[:len(olds)-1]
	}
	for _, o := range olds {
		temps = append(temps, o.name)
	}
	for _, t := range temps {
		if err := removeTree(t); err != nil {
			return fmt.Errorf("output: removing %s, left by an interrupted run: %w", t, err)
		}
	}
	return nil
}

// removeTree removes a directory or file partons wrote; always with the
// output's lock held (a variable for tests to check that).
var removeTree = os.RemoveAll

// checkRemovable says whether every directory of the tree at path can be
// emptied by this process: replacing a report whose files cannot be
// removed would leave them behind.
func checkRemovable(path string) error {
	return filepath.WalkDir(path, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if err := writable(p); err != nil {
				return fmt.Errorf("%s is read-only (%w)", p, err)
			}
		}
		return nil
	})
}
