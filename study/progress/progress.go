// Package progress shows how a long command advances, on a terminal only:
// the step it is at, a bar while it computes, how far a pass over an
// OpenStreetMap extract has got. The progress of a command travels in its
// context, so every place that opens an extract shows it without threading
// it through signatures.
//
// A Progress is used by one command at a time; its methods are not safe
// for concurrent use, but the sources of OSMFileSource may report from
// the reader's goroutines (each pass reports on its own).
package progress

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/partons/partons/datasets/osmfile"
)

// Progress prints steps on w when it is a terminal.
type Progress struct {
	w  io.Writer
	on bool
}

// New returns a Progress printing on w when w is a terminal and quiet is
// false; otherwise it prints nothing.
func New(w io.Writer, quiet bool) *Progress {
	on := false
	if f, ok := w.(*os.File); ok && !quiet {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &Progress{w: w, on: on}
}

// Step shows the step the command is at.
func (p *Progress) Step(s string) {
	if p != nil && p.on {
		fmt.Fprintf(p.w, "\r\033[K%s…", s)
	}
}

// Bar returns a progress callback drawing "label [#####.....] 45%" on
// the terminal, redrawn at most every percent; nil when progress is off.
func (p *Progress) Bar(label string) func(done, total int) {
	if p == nil || !p.on {
		return nil
	}
	last := -1
	return func(done, total int) {
		pct := 100 * done / max(total, 1)
		if pct == last {
			return
		}
		last = pct
		const width = 30
		n := width * done / max(total, 1)
		fmt.Fprintf(p.w, "\r\033[K%s [%s%s] %3d%%", label, strings.Repeat("#", n), strings.Repeat(".", width-n), pct)
	}
}

// Done clears the line of the last step.
func (p *Progress) Done() {
	if p != nil && p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

type progressKey struct{}

// With returns ctx carrying p.
func With(ctx context.Context, p *Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, p)
}

// From is the Progress ctx carries; nil (which prints nothing) when none.
func From(ctx context.Context) *Progress {
	p, _ := ctx.Value(progressKey{}).(*Progress)
	return p
}

type passObserverKey struct{}

// WithPassObserver returns ctx calling seen with the path of an extract
// each time a pass over it starts: what a command costs in reads of its
// files, for its tests.
func WithPassObserver(ctx context.Context, seen func(path string)) context.Context {
	return context.WithValue(ctx, passObserverKey{}, seen)
}

// OSMFileSource is osmfile.FileSource(path) that, when ctx carries a
// progress that is on, shows how far each pass over the file has got:
// "reading be.osm.pbf, pass 2: 120 of 560 MB".
func OSMFileSource(ctx context.Context, path string) osmfile.Source {
	src := osmfile.FileSource(path)
	if seen, ok := ctx.Value(passObserverKey{}).(func(string)); ok {
		open := src.Open
		src.Open = func() (io.ReadCloser, error) {
			seen(path)
			return open()
		}
	}
	p := From(ctx)
	if p == nil || !p.on {
		return src
	}
	var size int64
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	}
	var mu sync.Mutex
	pass := 0
	open := src.Open
	src.Open = func() (io.ReadCloser, error) {
		rc, err := open()
		if err != nil {
			return nil, err
		}
		mu.Lock()
		pass++
		n := pass
		mu.Unlock()
		return &countingReader{rc: rc, report: func(read int64) {
			p.Step(fmt.Sprintf("reading %s, pass %d: %s of %s", src.Name, n, megabytes(read), megabytes(size)))
		}}, nil
	}
	return src
}

func megabytes(n int64) string { return fmt.Sprintf("%d MB", (n+(1<<20)-1)>>20) }

// countingReader calls report with the bytes read so far, at most once per
// MiB read.
type countingReader struct {
	rc       io.ReadCloser
	read     int64
	reported int64
	report   func(read int64)
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.rc.Read(b)
	c.read += int64(n)
	if c.read-c.reported >= 1<<20 || (err == io.EOF && c.read != c.reported) {
		c.reported = c.read
		c.report(c.read)
	}
	return n, err
}

func (c *countingReader) Close() error { return c.rc.Close() }
