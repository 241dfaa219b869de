package reportdir

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/partons/partons/datasets"
)

// A report's manifest.json records the SHA-256 and size of every other
// file of the report (outputs[].sha256, outputs[].bytes). Readers open a
// report with Open and read each file through ReadVerified, so that a
// truncated, edited or swapped file is refused, named, rather than read.

// Sums collects the checksums of the files of one report as they are
// written; the manifest, written last, lists them.
type Sums map[string]Output

// Hashing wraps a report file's writer so that the bytes it writes are
// counted and hashed into s under name.
func (s Sums) Hashing(name string, write func(w *bufio.Writer) error) func(w *bufio.Writer) error {
	return func(w *bufio.Writer) error {
		h := &countingHash{Hash: sha256.New()}
		bw := bufio.NewWriterSize(io.MultiWriter(w, h), 1<<16)
		if err := write(bw); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		s[name] = Output{File: name, SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: h.n}
		return nil
	}
}

// Fill sets the checksum of every listed output that was written.
func (s Sums) Fill(outputs []Output) {
	for i := range outputs {
		if sum, ok := s[outputs[i].File]; ok {
			outputs[i].SHA256, outputs[i].Bytes = sum.SHA256, sum.Bytes
		}
	}
}

type countingHash struct {
	hash.Hash
	n int64
}

func (c *countingHash) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return c.Hash.Write(p)
}

// Report is a report folder whose manifest.json has been read; its files
// are read through ReadVerified.
type Report struct {
	dir      string
	Manifest *Manifest
	outputs  map[string]Output
}

// Open reads dir's manifest.json. A folder without one, or whose
// manifest cannot be read (not JSON, NaN, from a newer partons), is
// refused: its files could not be checked.
func Open(dir string) (*Report, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s: not a report folder (give the folder partons run wrote)", dir)
	}
	path := filepath.Join(dir, "manifest.json")
	m, err := Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &datasets.RecordError{Source: path, Feature: -1,
			Reason: "missing: not a partons report, or an incomplete one, so its files cannot be checked"}
	}
	if err != nil {
		return nil, err
	}
	r := &Report{dir: dir, Manifest: m, outputs: map[string]Output{}}
	for _, o := range m.Outputs {
		r.outputs[o.File] = o
	}
	return r, nil
}

// Dir is the report's folder, as given to Open.
func (r *Report) Dir() string { return r.dir }

// CSVGuarded reports whether the report's CSV files were written with the
// formula guard (output.GuardCSVText): unless its run asked for raw CSV.
func (r *Report) CSVGuarded() bool {
	return r.Manifest == nil || r.Manifest.Run == nil || !r.Manifest.Run.CSVRaw
}

// Lists reports whether the manifest lists the file name.
func (r *Report) Lists(name string) bool {
	_, ok := r.outputs[name]
	return ok
}

// ReadVerified returns the bytes of the report file name after checking
// them against the manifest: a file the manifest does not list, lists
// without a checksum, or that is missing, of another size (truncated or
// extended) or of another SHA-256 (edited) is an error naming the file
// (datasets.ErrInvalid: exit 3).
func (r *Report) ReadVerified(name string) ([]byte, error) {
	path := filepath.Join(r.dir, name)
	manifestPath := filepath.Join(r.dir, "manifest.json")
	bad := func(reason string) error { return &datasets.RecordError{Source: path, Feature: -1, Reason: reason} }
	o, ok := r.outputs[name]
	switch {
	case !ok:
		return nil, bad(manifestPath + " does not list this file: it is not part of the report")
	case o.SHA256 == "":
		return nil, bad(manifestPath + " records no sha256 for it, so it cannot be checked (a report written " +
			"before partons recorded checksums: run it again from this manifest to write one)")
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, bad("listed in " + manifestPath + " but missing")
	}
	if err != nil {
		return nil, err
	}
	if int64(len(b)) != o.Bytes {
		return nil, bad(fmt.Sprintf("%d bytes where %s records %d: truncated or changed after the report was written; "+
			"refusing to read it", len(b), manifestPath, o.Bytes))
	}
	sum := sha256.Sum256(b)
	if got := hex.EncodeToString(sum[:]); got != o.SHA256 {
		return nil, bad(fmt.Sprintf("sha256 %s where %s records %s: changed after the report was written; "+
			"refusing to read it", got, manifestPath, o.SHA256))
	}
	return b, nil
}
