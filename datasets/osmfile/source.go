package osmfile

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
	"github.com/paulmach/osm/osmxml"
)

// Source is one OpenStreetMap file. Open is called once per pass (twice
// per read) and must return the same bytes each time.
type Source struct {
	Name string // shown in reports and errors
	Open func() (io.ReadCloser, error)
}

// FileSource returns a Source reading the file at path.
func FileSource(path string) Source {
	return Source{
		Name: filepath.Base(path),
		Open: func() (io.ReadCloser, error) { return os.Open(path) },
	}
}

// Format is the encoding of a Source.
type Format string

// Supported formats.
const (
	FormatPBF   Format = "pbf"     // .osm.pbf, protocol buffers
	FormatXML   Format = "xml"     // .osm
	FormatXMLBz Format = "xml+bz2" // .osm.bz2
	FormatXMLGz Format = "xml+gz"  // .osm.gz
)

// formatByName chooses the format from the file name; "" if unknown.
func formatByName(name string) Format {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, ".pbf"):
		return FormatPBF
	case strings.HasSuffix(n, ".osm"), strings.HasSuffix(n, ".xml"):
		return FormatXML
	case strings.HasSuffix(n, ".osm.bz2"), strings.HasSuffix(n, ".xml.bz2"):
		return FormatXMLBz
	case strings.HasSuffix(n, ".osm.gz"), strings.HasSuffix(n, ".xml.gz"):
		return FormatXMLGz
	}
	return ""
}

// sniffFormat recognises the format from the first bytes: bzip2 and gzip
// magic numbers, an XML document, or a PBF file whose first block header is
// an "OSMHeader" or "OSMData" blob. "" if none matches.
func sniffFormat(head []byte) Format {
	switch {
	case bytes.HasPrefix(head, []byte("BZh")):
		return FormatXMLBz
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return FormatXMLGz
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(t, []byte("<")) {
		return FormatXML
	}
	if len(head) >= 6 {
		n := binary.BigEndian.Uint32(head)
		if n > 0 && n < maxBlobHeaderSize && head[4] == 0x0a {
			if l := int(head[5]); len(head) >= 6+l {
				typ := string(head[6 : 6+l])
				if typ == "OSMHeader" || typ == "OSMData" {
					return FormatPBF
				}
			}
		}
	}
	return ""
}

// checkXMLRoot reports whether the XML prologue in head leads to an <osm>
// root element. It skips a BOM, the XML declaration, comments, doctype and
// white space. complete tells that head is the whole input; otherwise, if
// head ends before the root is reached, it gives the benefit of the doubt.
func checkXMLRoot(head []byte, complete bool) bool {
	t := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for {
		t = bytes.TrimLeft(t, " \t\r\n")
		switch {
		case len(t) < 5:
			return !complete
		case bytes.HasPrefix(t, []byte("<?")):
			i := bytes.Index(t, []byte("?>"))
			if i < 0 {
				return true
			}
			t = t[i+2:]
		case bytes.HasPrefix(t, []byte("<!--")):
			i := bytes.Index(t, []byte("-->"))
			if i < 0 {
				return true
			}
			t = t[i+3:]
		case bytes.HasPrefix(t, []byte("<!")):
			i := bytes.IndexByte(t, '>')
			if i < 0 {
				return true
			}
			t = t[i+1:]
		default:
			name := t[1:]
			return bytes.HasPrefix(name, []byte("osm")) && len(name) > 3 &&
				strings.ContainsRune(" \t\r\n>/", rune(name[3]))
		}
	}
}

// opened is one pass over one source: the scanner, and the raw file reader
// whose SHA-256 and size are computed as the scanner consumes it.
type opened struct {
	format  Format
	scanner osm.Scanner
	pbf     *safeScanner // nil unless format is PBF
	guard   *pbfGuard    // nil unless format is PBF
	raw     *hashReader
	closer  io.Closer
}

// hashReader hashes and counts the bytes read through it.
type hashReader struct {
	r io.Reader
	h hash.Hash
	n int64
}

func (h *hashReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.h.Write(p[:n])
	h.n += int64(n)
	return n, err
}

// finish drains the raw file (so the hash covers every byte) and returns
// the hex SHA-256 and size.
func (o *opened) finish() (string, int64, error) {
	if _, err := io.Copy(io.Discard, o.raw); err != nil {
		return "", 0, err
	}
	return fmt.Sprintf("%x", o.raw.h.Sum(nil)), o.raw.n, nil
}

// fileReport starts the report of a first pass over src: name, format and,
// for PBF, the header's writing program, replication time and bounds.
func (o *opened) fileReport(src Source) (FileReport, error) {
	fr := FileReport{Name: src.Name, Format: o.format}
	if o.pbf == nil {
		return fr, nil
	}
	h, err := o.pbf.Header()
	if err != nil {
		return fr, scanErr(o, src, element{}, err)
	}
	if h != nil {
		fr.WritingProgram, fr.ReplicationTime = h.WritingProgram, h.ReplicationTimestamp
		if h.Bounds != nil {
			fr.Bounds = bound(h.Bounds)
		}
	}
	return fr, nil
}

// end checks that the scanner stopped at the end of the file, not on an
// error or a cancellation of ctx, then returns what finish does. Errors are
// *FileError values naming last.
func (o *opened) end(ctx context.Context, src Source, last element) (string, int64, error) {
	err := o.scanner.Err()
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return "", 0, scanErr(o, src, last, err)
	}
	sum, size, err := o.finish()
	if err != nil {
		return "", 0, scanErr(o, src, last, err)
	}
	return sum, size, nil
}

func (o *opened) close() {
	if o.guard != nil {
		o.guard.close() // first: osmpbf's Close would read the rest of the file through it
	}
	if o.scanner != nil {
		o.scanner.Close()
	}
	o.closer.Close()
}

// open starts one pass over src, wanting the elements of want (0: all;
// PBF data blocks without them are not decoded). setup configures a PBF
// scanner (skips, filters) before its first block is decoded.
func open(ctx context.Context, src Source, procs int, memo *blockMemo, want kinds, setup func(*osmpbf.Scanner)) (*opened, error) {
	if src.Open == nil {
		return nil, &FileError{Source: src.Name, Offset: -1, Err: fmt.Errorf("%w: nil Open function", ErrMalformed)}
	}
	rc, err := src.Open()
	if err != nil {
		return nil, &FileError{Source: src.Name, Offset: -1, Err: err}
	}
	o := &opened{raw: &hashReader{r: rc, h: sha256.New()}, closer: rc}
	br := bufio.NewReaderSize(o.raw, 64<<10)
	head, err := br.Peek(512)
	if len(head) == 0 {
		rc.Close()
		if err == nil || err == io.EOF {
			err = fmt.Errorf("%w: empty file", ErrMalformed)
		}
		return nil, &FileError{Source: src.Name, Offset: 0, Err: err}
	}
	o.format = formatByName(src.Name)
	if o.format == "" {
		o.format = sniffFormat(head)
	}
	fail := func(err error) (*opened, error) {
		rc.Close()
		return nil, &FileError{Source: src.Name, Format: o.format, Offset: 0, Err: err}
	}
	var xr io.Reader
	switch o.format {
	case FormatPBF:
		o.guard = newPBFGuard(br, memo, want, procs)
		dec := osmpbf.New(ctx, o.guard, procs)
		setup(dec)
		o.pbf = newSafeScanner(dec, o.guard.Offset)
		o.scanner = o.pbf
		return o, nil
	case FormatXML:
		xr = br
	case FormatXMLBz:
		xr = bzip2.NewReader(br)
	case FormatXMLGz:
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fail(fmt.Errorf("%w: gzip: %v", ErrMalformed, err))
		}
		xr = zr
	default:
		return fail(fmt.Errorf("%w: not an OSM PBF or XML file", ErrMalformed))
	}
	xb := bufio.NewReaderSize(xr, 64<<10)
	xhead, err := xb.Peek(512)
	switch {
	case len(xhead) == 0 && err != nil && err != io.EOF:
		return fail(fmt.Errorf("%w: %v", ErrMalformed, err))
	case !checkXMLRoot(xhead, err == io.EOF):
		return fail(fmt.Errorf("%w: XML root element is not <osm>", ErrMalformed))
	}
	o.scanner = osmxml.New(ctx, xb)
	return o, nil
}
