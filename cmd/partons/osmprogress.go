package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/partons/partons/datasets/osmfile"
)

// Reading OpenStreetMap extracts is the longest silent stage of run --osm,
// run --roads, extract and prepare (up to three passes over each file, shared
// by the readers of one command).
// The progress of a command travels in its context so that every place
// that opens an extract shows it without threading it through signatures.

type progressKey struct{}

// withProgress returns ctx carrying p.
func withProgress(ctx context.Context, p *progress) context.Context {
	return context.WithValue(ctx, progressKey{}, p)
}

type passObserverKey struct{}

// withPassObserver returns ctx calling seen with the path of an extract
// each time a pass over it starts: what a command costs in reads of its
// files, for its tests.
func withPassObserver(ctx context.Context, seen func(path string)) context.Context {
	return context.WithValue(ctx, passObserverKey{}, seen)
}

// osmFileSource is osmfile.FileSource(path) that, when ctx carries a
// progress that is on, shows how far each pass over the file has got:
// "reading be.osm.pbf, pass 2: 120 of 560 MB".
func osmFileSource(ctx context.Context, path string) osmfile.Source {
	src := osmfile.FileSource(path)
	if seen, ok := ctx.Value(passObserverKey{}).(func(string)); ok {
		open := src.Open
		src.Open = func() (io.ReadCloser, error) {
			seen(path)
			return open()
		}
	}
	p, _ := ctx.Value(progressKey{}).(*progress)
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
			p.step(fmt.Sprintf("reading %s, pass %d: %s of %s", src.Name, n, megabytes(read), megabytes(size)))
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
