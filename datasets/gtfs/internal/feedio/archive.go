// Package feedio opens GTFS feeds (a .zip or a folder) with resource
// bounds, and reads their CSV files strictly, line by line, collecting
// every problem with its file, line and field. It is shared by the GTFS
// reader and its GTFS-Flex companion.
//
// Bounds: each file at most MaxFileBytes uncompressed (as declared in the
// zip directory and as actually read), all of a zip's files at most
// MaxTotalBytes, at most MaxEntries entries, lines at most MaxLineBytes.
// An Archive is not safe for concurrent use.
package feedio

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/partons/partons/datasets"
)

// Bounds of one feed (the same 1 GiB per file as the other inputs).
const (
	MaxFileBytes  = 1 << 30
	MaxTotalBytes = 4 << 30
	MaxEntries    = 10_000
	MaxLineBytes  = 1 << 20
)

// Archive is one opened feed.
type Archive struct {
	Path   string // as given
	dir    string // folder feed, or ""
	prefix string // zip feeds packed in one sub-folder: "name/"
	files  map[string]*zip.File
	closer io.Closer
	names  []string
	ctx    context.Context
}

// SetContext makes the tables opened afterwards stop reading (Next
// returns false) once ctx is done; the caller then returns ctx.Err().
func (a *Archive) SetContext(ctx context.Context) { a.ctx = ctx }

func invalid(src, reason string) error {
	return &datasets.RecordError{Source: src, Feature: -1, Reason: reason}
}

// Open opens a .zip file or a folder.
func Open(p string) (*Archive, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		ents, err := os.ReadDir(p)
		if err != nil {
			return nil, err
		}
		a := &Archive{Path: p, dir: p}
		for _, e := range ents {
			if e.Type().IsRegular() {
				a.names = append(a.names, e.Name())
			}
		}
		sort.Strings(a.names)
		return a, nil
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	a, err := OpenZip(p, f, fi.Size())
	if err != nil {
		f.Close()
		return nil, err
	}
	a.closer = f
	return a, nil
}

// OpenZip reads a zip archive's directory from r and checks every entry:
// no unsafe or duplicate names, no entry declaring more than MaxFileBytes.
func OpenZip(name string, r io.ReaderAt, size int64) (*Archive, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, invalid(name, fmt.Sprintf("not a readable zip archive (truncated or corrupt?): %v", err))
	}
	if len(zr.File) > MaxEntries {
		return nil, invalid(name, fmt.Sprintf("zip archive has %d entries: more than %d", len(zr.File), MaxEntries))
	}
	a := &Archive{Path: name, files: map[string]*zip.File{}}
	var total uint64
	for _, f := range zr.File {
		n := f.Name
		if n == "" || strings.ContainsAny(n, "\\\x00") || path.IsAbs(n) || strings.HasPrefix(n, "/") ||
			strings.Contains("/"+n+"/", "/../") || (len(n) > 1 && n[1] == ':') {
			return nil, invalid(name, fmt.Sprintf("zip entry %q has an unsafe name (absolute or with ..): refused", n))
		}
		if strings.HasSuffix(n, "/") {
			continue
		}
		if _, dup := a.files[n]; dup {
			return nil, invalid(name, fmt.Sprintf("zip entry %q appears twice", n))
		}
		if f.UncompressedSize64 > MaxFileBytes {
			return nil, invalid(name, fmt.Sprintf("zip entry %q declares %d bytes uncompressed: more than the %d one file may have (zip bomb?)", n, f.UncompressedSize64, MaxFileBytes))
		}
		total += f.UncompressedSize64
		if total > MaxTotalBytes {
			return nil, invalid(name, fmt.Sprintf("zip entries declare more than %d bytes uncompressed in all (zip bomb?)", uint64(MaxTotalBytes)))
		}
		a.files[n] = f
	}
	// A feed packed inside one folder of the archive.
	if _, ok := a.files["stops.txt"]; !ok {
		if _, ok := a.files["trips.txt"]; !ok {
			var dirs []string
			for n := range a.files {
				if d, base := path.Split(n); (base == "trips.txt" || base == "stops.txt") && strings.Count(d, "/") == 1 {
					dirs = append(dirs, d)
				}
			}
			sort.Strings(dirs)
			if len(dirs) > 0 && (len(dirs) == 1 || dirs[0] == dirs[len(dirs)-1]) {
				a.prefix = dirs[0]
			}
		}
	}
	for n := range a.files {
		if rest, ok := strings.CutPrefix(n, a.prefix); ok && !strings.Contains(rest, "/") {
			a.names = append(a.names, rest)
		}
	}
	sort.Strings(a.names)
	return a, nil
}

// Names lists the feed's files (sorted).
func (a *Archive) Names() []string { return a.names }

// Has reports whether the feed has the named file.
func (a *Archive) Has(name string) bool {
	i := sort.SearchStrings(a.names, name)
	return i < len(a.names) && a.names[i] == name
}

// Source names a file of the feed in messages: "feed.zip/stops.txt".
func (a *Archive) Source(name string) string { return a.Path + "/" + name }

// Open opens one file of the feed, reading at most MaxFileBytes.
func (a *Archive) Open(name string) (io.ReadCloser, error) {
	if a.dir != "" {
		fp := filepath.Join(a.dir, name)
		fi, err := os.Stat(fp)
		if err != nil {
			return nil, err
		}
		if !fi.Mode().IsRegular() {
			return nil, invalid(a.Source(name), "not a regular file")
		}
		if fi.Size() > MaxFileBytes {
			return nil, invalid(a.Source(name), fmt.Sprintf("file is %d bytes: more than the %d one file may have; split the feed", fi.Size(), MaxFileBytes))
		}
		f, err := os.Open(fp)
		if err != nil {
			return nil, err
		}
		return &limited{r: f, c: f, left: MaxFileBytes, src: a.Source(name)}, nil
	}
	f := a.files[a.prefix+name]
	if f == nil {
		return nil, os.ErrNotExist
	}
	rc, err := f.Open()
	if err != nil {
		return nil, invalid(a.Source(name), fmt.Sprintf("cannot read the zip entry: %v", err))
	}
	return &limited{r: rc, c: rc, left: MaxFileBytes, src: a.Source(name)}, nil
}

// Close releases the archive.
func (a *Archive) Close() error {
	if a.closer != nil {
		return a.closer.Close()
	}
	return nil
}

// limited fails a read that goes past its bound and names a corrupt entry.
type limited struct {
	r    io.Reader
	c    io.Closer
	left int64
	src  string
}

func (l *limited) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, invalid(l.src, fmt.Sprintf("more than %d bytes uncompressed (zip bomb?)", MaxFileBytes))
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if err != nil && err != io.EOF {
		var re *datasets.RecordError
		if !errors.As(err, &re) {
			err = invalid(l.src, fmt.Sprintf("cannot read (truncated or corrupt archive?): %v", err))
		}
	}
	return n, err
}

func (l *limited) Close() error { return l.c.Close() }
