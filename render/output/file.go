package output

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// File is a single output file being written (a table of 'partons
// access', a graph file): bytes go to a temporary sibling that Commit
// renames into place, under the output's lock, like a Dir.
type File struct {
	ctx         context.Context
	final, tmp  string
	f           *os.File
	w           *bufio.Writer
	lock        *lock
	closed, end bool
}

// CreateFile starts an output file that will appear at path on Commit.
// path may be absent or a file (replaced), not a directory. The file is
// created with mode 0666 less the umask, as os.Create does.
func CreateFile(ctx context.Context, path string, o Options) (*File, error) {
	path = filepath.Clean(path)
	l, err := lockOutput(ctx, path, o, func() error { return checkFileReplaceable(path, o) })
	if err != nil {
		return nil, err
	}
	out := &File{ctx: ctx, final: path, lock: l}
	err = guard(func() error {
		var err error
		out.tmp, err = makeTemp(path, func(name string) error {
			f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
			out.f = f
			return err
		})
		return err
	})
	if err != nil {
		l.release()
		return nil, fmt.Errorf("output: %w", err)
	}
	out.w = bufio.NewWriterSize(out.f, 1<<20)
	return out, nil
}

// Writer is where the file's bytes go.
func (f *File) Writer() *bufio.Writer { return f.w }

// Commit renames the file into place. See CommitFiles.
func (f *File) Commit() error { return CommitFiles(f) }

// CommitFiles flushes the files and renames them all into place; a
// signal (Stop) sees either none or all of them renamed. Each file is
// aborted when the commit fails.
func CommitFiles(files ...*File) error {
	defer func() {
		for _, f := range files {
			f.Abort()
		}
	}()
	for _, f := range files {
		if f.end {
			return errors.New("output: file already committed or aborted")
		}
		if err := f.w.Flush(); err != nil {
			return fmt.Errorf("output: writing %s: %w", f.final, err)
		}
		f.closed = true
		if err := f.f.Close(); err != nil {
			return fmt.Errorf("output: writing %s: %w", f.final, err)
		}
		if err := f.ctx.Err(); err != nil {
			return err
		}
	}
	return guard(func() error {
		for _, f := range files {
			if err := os.Rename(f.tmp, f.final); err != nil {
				return fmt.Errorf("output: %w", err)
			}
			untrack(f.tmp)
			f.end = true
			f.lock.release()
		}
		return nil
	})
}

// Abort removes the temporary file and releases the lock; a previous
// file at the path stays. Safe to call after Commit (it does nothing).
func (f *File) Abort() {
	if f.end {
		return
	}
	f.end = true
	if !f.closed {
		f.f.Close()
	}
	guard(func() error {
		untrack(f.tmp)
		return os.Remove(f.tmp)
	})
	f.lock.release()
}

// CheckFile says whether path may receive an output file of o.Command:
// it is absent, empty, or a file o.Owns recognises as one the command
// wrote. Commands call it before any work; CreateFile checks again.
func CheckFile(path string, o Options) error {
	return checkFileReplaceable(filepath.Clean(path), o)
}

// checkFileReplaceable refuses to replace a file partons did not write:
// no command deletes a file it did not write.
func checkFileReplaceable(path string, o Options) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if fi.IsDir() {
		return fmt.Errorf("output: %s is a directory; name a file", path)
	}
	if !fi.Mode().IsRegular() {
		return notReport(fmt.Sprintf("output: %s is not a regular file; partons %s writes only regular files (choose another path)", path, orUnknown(o.Command)))
	}
	if fi.Size() == 0 {
		return nil
	}
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	if o.Owns != nil && o.Owns(head[:n]) {
		return nil
	}
	return notReport(fmt.Sprintf("output: %s exists and is not a file partons %s wrote; partons will not replace it (move it, or choose another path)", path, orUnknown(o.Command)))
}
