package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrClash is returned when a command would write over a file it reads,
// or write two outputs to one path.
var ErrClash = errors.New("output: outputs and inputs clash")

// Path is a file or directory a command reads or writes, with the name
// messages give it: the caller's own name for the option or argument
// that set it (a command line passes its flag, "--out", or argument,
// "OLD_DIR").
type Path struct {
	Name string
	Path string
	Dir  bool // an output directory: nothing inside it may be an input
	// Owns, for an output file, recognises a file of the command's from
	// its first bytes (see Options.Owns): any other existing file is
	// never replaced.
	Owns func(head []byte) bool
}

// Check is the one check every command makes before any work: no output
// is an input or holds one (a directory output is replaced whole), no two
// outputs share a path, and each directory output may receive a report
// of command (see CheckDir). Paths are compared resolved (absolute,
// symlinks followed) and, for existing files, by identity (hard links).
// Empty paths and "-" are skipped. Check first tidies each output's
// folder (Tidy), so that a half-done swap is repaired before it is judged.
func Check(command string, outs, ins []Path) error {
	type resolved struct {
		Name, Path string
		Dir        bool
		Owns       func([]byte) bool
		abs        string
		fi         os.FileInfo
	}
	res := func(ps []Path) []resolved {
		var r []resolved
		for _, p := range ps {
			if p.Path == "" || p.Path == "-" {
				continue
			}
			rp := resolved{Name: p.Name, Path: p.Path, Dir: p.Dir, Owns: p.Owns, abs: resolve(p.Path)}
			rp.fi, _ = os.Stat(p.Path)
			r = append(r, rp)
		}
		return r
	}
	ro, ri := res(outs), res(ins)
	same := func(a, b resolved) bool {
		return a.abs == b.abs || (a.fi != nil && b.fi != nil && os.SameFile(a.fi, b.fi))
	}
	for i, o := range ro {
		for _, in := range ri {
			switch {
			case same(o, in):
				return fmt.Errorf("%w: %s %s is also read as %s %s; write elsewhere", ErrClash, o.Name, o.Path, in.Name, in.Path)
			case o.Dir && within(in.abs, o.abs):
				return fmt.Errorf("%w: %s %s would replace %s %s, which it reads; write elsewhere", ErrClash, o.Name, o.Path, in.Name, in.Path)
			}
		}
		for _, p := range ro[:i] {
			if same(o, p) || (p.Dir && within(o.abs, p.abs)) || (o.Dir && within(p.abs, o.abs)) {
				return fmt.Errorf("%w: %s %s and %s %s are the same path; give each output its own", ErrClash, p.Name, p.Path, o.Name, o.Path)
			}
		}
	}
	for _, o := range ro {
		if err := Tidy(o.Path); err != nil {
			return err
		}
		if o.Dir {
			if err := CheckDir(o.Path, command); err != nil {
				return err
			}
		} else if err := CheckFile(o.Path, Options{Command: command, Owns: o.Owns}); err != nil {
			return err
		}
	}
	return nil
}

// resolve makes p absolute with every symlink of its existing part
// followed.
func resolve(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	var rest []string
	for {
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			return filepath.Join(append([]string{r}, rest...)...)
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return filepath.Join(append([]string{abs}, rest...)...)
		}
		rest = append([]string{filepath.Base(abs)}, rest...)
		abs = parent
	}
}

// within says whether p is inside dir (both resolved).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
