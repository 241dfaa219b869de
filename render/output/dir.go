package output

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	slashpath "path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Generator is the value of "generator" in every manifest partons writes;
// a directory holding such a manifest may be replaced by a new report of
// the same command.
const Generator = "partons"

// ErrNotReport is returned when the output directory exists, is not empty
// and is not a previous report of the same command: partons never
// clobbers it.
var ErrNotReport = errors.New("output: directory exists and is not a partons report")

// Options say who writes an output.
type Options struct {
	// Command is the command writing the output ("run", "extract"…); it
	// is recorded as "command" in the report's manifest.json, and only a
	// report of the same command is ever replaced.
	Command string
	// Log, when set, is told when the output is locked by another
	// process and Create waits for it.
	Log io.Writer
	// Owns, for CreateFile, recognises a file the command wrote from its
	// first bytes (at most 512): an existing non-empty file it does not
	// recognise is never replaced. Nil recognises none.
	Owns func(head []byte) bool
}

// Dir is a report directory being written. Files go to a temporary sibling
// directory; Commit swaps it into place atomically, so a failed or killed
// run never leaves a half-written or clobbered report. While a Dir is
// open it holds the output's lock, so that two processes writing the same
// path take turns.
type Dir struct {
	ctx        context.Context
	final, tmp string
	command    string
	lock       *lock
	done       bool

	mu      sync.Mutex
	written []string // names passed to WriteFile, for the inventory
}

// Create starts a report that will appear at path on Commit. It fails
// early when path exists and is neither empty nor a report of
// o.Command, waits (until ctx is done) while another process writes
// path, and first repairs what a killed run left (see Recover).
func Create(ctx context.Context, path string, o Options) (*Dir, error) {
	path = filepath.Clean(path)
	l, err := lockOutput(ctx, path, o, func() error { return checkReplaceable(path, o.Command) })
	if err != nil {
		return nil, err
	}
	d := &Dir{ctx: ctx, final: path, command: o.Command, lock: l}
	err = guard(func() error {
		tmp, err := makeTemp(path, func(name string) error { return os.Mkdir(name, 0o777) })
		d.tmp = tmp
		return err
	})
	if err != nil {
		l.release()
		return nil, fmt.Errorf("output: %w", err)
	}
	return d, nil
}

// lockOutput takes the lock of the output at path once check accepts
// what is there, first repairs what a killed run left there, and checks
// again under the lock: another process may have written path meanwhile.
func lockOutput(ctx context.Context, path string, o Options, check func() error) (*lock, error) {
	if err := check(); err != nil {
		return nil, err
	}
	l, err := acquire(ctx, path, o.Log)
	if err != nil {
		return nil, err
	}
	if err := recoverLocked(path); err != nil {
		l.release()
		return nil, err
	}
	if err := check(); err != nil {
		l.release()
		return nil, err
	}
	return l, nil
}

// CheckDir says whether path may receive a report of command: it is
// absent, an empty directory, or a previous report of command that
// partons can remove. Commands call it (through Check) before any work.
func CheckDir(path, command string) error { return checkReplaceable(filepath.Clean(path), command) }

func checkReplaceable(path, command string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%w: %s is a file; choose another folder", ErrNotReport, path)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if len(entries) == 0 || len(entries) == 1 && entries[0].Name() == InventoryName && !entries[0].IsDir() {
		return nil // empty, or a report in which partons wrote nothing
	}
	var m struct {
		Generator string `json:"generator"`
		Command   string `json:"command"`
	}
	b, err := readRegular(filepath.Join(path, "manifest.json"))
	if err != nil || json.Unmarshal(b, &m) != nil || m.Generator != Generator {
		return fmt.Errorf("%w: %s holds %s (choose another folder, or empty it)", ErrNotReport, path, listEntries(entries))
	}
	if got := strings.Fields(m.Command); len(got) == 0 || got[0] != command {
		return notReport(fmt.Sprintf("output: %s holds the output of partons %s, which partons %s would delete (choose another folder)",
			path, orUnknown(m.Command), command))
	}
	foreign, err := foreignFiles(path)
	if err != nil {
		return fmt.Errorf("output: %s cannot be replaced: %w", path, err)
	}
	if len(foreign) > 0 {
		return notReport(fmt.Sprintf("output: %s is a report of partons %s but also holds %s, which partons did not write and will not delete (move it out, or choose another folder)",
			path, command, nameList(foreign)))
	}
	if err := checkRemovable(path); err != nil {
		return fmt.Errorf("output: %s cannot be replaced: %w", path, err)
	}
	return nil
}

// readRegular reads a regular file; anything else (a named pipe would
// block the read for good, a device never end) is an error.
func readRegular(p string) ([]byte, error) {
	fi, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	return os.ReadFile(p)
}

// notReport is an ErrNotReport with its own message.
type notReport string

func (e notReport) Error() string { return string(e) }
func (e notReport) Unwrap() error { return ErrNotReport }

func orUnknown(s string) string {
	if s == "" {
		return "(unknown command)"
	}
	return s
}

// listEntries names the first few entries of a directory.
func listEntries(entries []os.DirEntry) string {
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() {
			n += "/"
		}
		names = append(names, n)
	}
	sort.Strings(names)
	const show = 3
	if len(names) > show {
		return fmt.Sprintf("%s and %d more", strings.Join(names[:show], ", "), len(names)-show)
	}
	return strings.Join(names, ", ")
}

// Final is the path the report will have after Commit.
func (d *Dir) Final() string { return d.final }

// WriteFile creates name (a slash-separated path inside the report) and
// fills it with fn. Safe for concurrent use on distinct names. It fails
// once the Dir's context is done.
func (d *Dir) WriteFile(name string, fn func(w *bufio.Writer) error) error {
	if err := d.ctx.Err(); err != nil {
		return err
	}
	path := filepath.Join(d.tmp, filepath.FromSlash(name))
	var f *os.File
	err := guard(func() error {
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			return err
		}
		var err error
		f, err = os.Create(path)
		return err
	})
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	d.mu.Lock()
	d.written = append(d.written, slashpath.Clean(name))
	d.mu.Unlock()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := fn(bw); err != nil {
		f.Close()
		return fmt.Errorf("output: writing %s: %w", name, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("output: writing %s: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("output: writing %s: %w", name, err)
	}
	return d.ctx.Err()
}

// Commit moves the finished report into place, replacing a previous
// report at the same path in one atomic step, and releases the lock.
func (d *Dir) Commit() error {
	if d.done {
		return errors.New("output: report already committed or aborted")
	}
	defer d.Abort()
	if err := d.ctx.Err(); err != nil {
		return err
	}
	if err := checkReplaceable(d.final, d.command); err != nil {
		return err
	}
	d.mu.Lock()
	err := guard(func() error { return writeInventory(d.tmp, d.written) })
	d.mu.Unlock()
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	var old string
	err = guard(func() error {
		var err error
		old, err = swap(d.tmp, d.final)
		if err == nil {
			d.done = true
			untrack(d.tmp)
			track(old) // the previous report, now beside the new one: Stop removes it too
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	// The previous report goes before the lock: once the lock is free,
	// the next writer removes every temporary name beside the output as
	// a dead process's (recoverLocked), and would race this removal.
	defer d.lock.release()
	if old != "" {
		err := guard(func() error {
			untrack(old)
			return removeTree(old)
		})
		if err != nil {
			return fmt.Errorf("output: %s written, but the previous report left at %s: %w", d.final, old, err)
		}
	}
	return nil
}

// Abort removes the temporary directory and releases the lock; the
// previous report, if any, stays untouched. Safe to call after Commit (it
// does nothing then).
func (d *Dir) Abort() {
	if d.done {
		return
	}
	d.done = true
	guard(func() error {
		untrack(d.tmp)
		return os.RemoveAll(d.tmp)
	})
	d.lock.release()
}
