//go:build unix

package output

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// lock is an advisory flock(2) on DIR/.NAME.lock, held while an output
// is written and swapped. Only partons processes honour it. The lock file
// stays beside the output: removing it would let two processes lock
// different files of the same name.
type lock struct{ f *os.File }

// acquire takes the lock of the output at path, polling until it is free
// or ctx is done; log, when set, is told once that it waits. With a nil
// ctx it does not wait: a held lock gives (nil, nil).
func acquire(ctx context.Context, path string, log io.Writer) (*lock, error) {
	parent := filepath.Dir(path)
	if err := os.MkdirAll(parent, 0o777); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	name := filepath.Join(parent, "."+filepath.Base(path)+".lock")
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		return nil, fmt.Errorf("output: locking %s: %w", path, err)
	}
	told := false
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return &lock{f}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, fmt.Errorf("output: locking %s: %w", name, err)
		}
		if ctx == nil {
			f.Close()
			return nil, nil
		}
		if !told && log != nil {
			fmt.Fprintf(log, "partons: another partons process is writing %s; waiting for it to finish (lock %s)\n", path, name)
			told = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// release unlocks; safe to call more than once and on nil.
func (l *lock) release() {
	if l != nil && l.f != nil {
		l.f.Close()
		l.f = nil
	}
}

// writable says whether this process may create and remove entries in dir.
func writable(dir string) error {
	const wOK, xOK = 2, 1
	return syscall.Access(dir, wOK|xOK)
}
