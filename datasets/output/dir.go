package output

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Generator is the value of "generator" in every manifest partons writes;
// a directory holding such a manifest may be replaced by a new report.
const Generator = "partons"

// ErrNotReport is returned when the output directory exists, is not empty
// and is not a previous partons report: partons never clobbers it.
var ErrNotReport = errors.New("output: directory exists and is not a partons report")

// Dir is a report directory being written. Files go to a temporary sibling
// directory; Commit renames it into place, so a failed run never leaves a
// half-written or clobbered report.
type Dir struct {
	final, tmp string
	done       bool
}

// Create starts a report that will appear at path on Commit. It fails
// early when path exists and is neither empty nor a partons report.
func Create(path string) (*Dir, error) {
	path = filepath.Clean(path)
	if err := checkReplaceable(path); err != nil {
		return nil, err
	}
	parent := filepath.Dir(path)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("output: %w", err)
	}
	return &Dir{final: path, tmp: tmp}, nil
}

func checkReplaceable(path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("output: %s exists and is not a directory", path)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(path, "manifest.json"))
	if err == nil {
		var m struct {
			Generator string `json:"generator"`
		}
		if json.Unmarshal(b, &m) == nil && m.Generator == Generator {
			return nil
		}
	}
	return fmt.Errorf("%w: %s (choose another --out or remove it)", ErrNotReport, path)
}

// Final is the path the report will have after Commit.
func (d *Dir) Final() string { return d.final }

// WriteFile creates name (a slash-separated path inside the report) and
// fills it with fn. Safe for concurrent use on distinct names.
func (d *Dir) WriteFile(name string, fn func(w *bufio.Writer) error) error {
	path := filepath.Join(d.tmp, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
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
	return nil
}

// Commit moves the finished report into place, replacing a previous
// report at the same path.
func (d *Dir) Commit() error {
	if d.done {
		return errors.New("output: report already committed or aborted")
	}
	if err := checkReplaceable(d.final); err != nil {
		return err
	}
	var old string
	if _, err := os.Stat(d.final); err == nil {
		old = d.tmp + ".old"
		if err := os.Rename(d.final, old); err != nil {
			return fmt.Errorf("output: %w", err)
		}
	}
	if err := os.Rename(d.tmp, d.final); err != nil {
		if old != "" {
			os.Rename(old, d.final) // put the previous report back
		}
		return fmt.Errorf("output: %w", err)
	}
	d.done = true
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// Abort removes the temporary directory; the previous report, if any,
// stays untouched. Safe to call after Commit (it does nothing then).
func (d *Dir) Abort() {
	if !d.done {
		os.RemoveAll(d.tmp)
		d.done = true
	}
}
