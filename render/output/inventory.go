package output

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// A report replaces the previous report of the same command by removing
// it. So that no command ever deletes a file it did not write, every
// report records the files partons put in it, in InventoryName, and a
// report is replaced only when it holds nothing else: a note or a photo
// a user saved inside an old report makes the next run refuse, naming it.
// Reports written before the inventory existed have none and are replaced
// as before.

// InventoryName is the report file listing, one slash-separated path a
// line in byte order, every file partons wrote in the report (itself
// included).
const InventoryName = ".partons-files"

// maxInventory bounds the inventory read back (a report holds a few
// hundred files at most; scenario variants add a dozen each).
const maxInventory = 1 << 20

// writeInventory writes the inventory of names into dir.
func writeInventory(dir string, names []string) error {
	all := append([]string{InventoryName}, names...)
	sort.Strings(all)
	var b strings.Builder
	for i, n := range all {
		if i > 0 && n == all[i-1] {
			continue
		}
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return os.WriteFile(filepath.Join(dir, InventoryName), []byte(b.String()), 0o666)
}

// foreignFiles returns the entries of the report at dir that its
// inventory does not list (directories that hold listed files excepted),
// sorted; nil when the report has no inventory.
func foreignFiles(dir string) ([]string, error) {
	p := filepath.Join(dir, InventoryName)
	fi, err := os.Lstat(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() { // a named pipe would block the read for good
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	listed := map[string]bool{}
	sc := bufio.NewScanner(&limitedReader{f: f, left: maxInventory})
	for sc.Scan() {
		n := sc.Text()
		if n == "" {
			continue
		}
		listed[n] = true
		for d := path.Dir(n); d != "." && d != "/"; d = path.Dir(d) {
			listed[d+"/"] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, InventoryName), err)
	}
	var foreign []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if !listed[rel+"/"] {
				foreign = append(foreign, rel+"/")
				return fs.SkipDir
			}
			return nil
		}
		if !listed[rel] {
			foreign = append(foreign, rel)
		}
		return nil
	})
	sort.Strings(foreign)
	return foreign, err
}

// limitedReader fails once more than left bytes are read.
type limitedReader struct {
	f    *os.File
	left int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		return 0, fmt.Errorf("inventory larger than %d bytes", maxInventory)
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.f.Read(p)
	l.left -= int64(n)
	return n, err
}

// nameList shortens a list of names for a message.
func nameList(names []string) string {
	const show = 3
	if len(names) > show {
		return fmt.Sprintf("%s and %d more", strings.Join(names[:show], ", "), len(names)-show)
	}
	return strings.Join(names, ", ")
}
