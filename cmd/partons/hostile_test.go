package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The hostile corpus: testdata/hostile/<topic>/ holds one small file per
// crafted input and a cases.tsv that says how partons must answer each
// (see testdata/hostile/README.md). Every case runs through the partons
// binary, so exit codes, messages and crashes are what a user would see.

const hostileRoot = "../../testdata/hostile"

// hostileCase is one row of a cases.tsv.
type hostileCase struct {
	topic, name string
	line        int
	exit        int
	stderr      string
	args        []string
}

// readHostileCases parses one cases.tsv.
func readHostileCases(tb testing.TB, path string) []hostileCase {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	topic := filepath.Base(filepath.Dir(path))
	var cases []hostileCase
	header := false
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if !header {
			if strings.Join(cols, "\t") != "name\texit\tstderr\targs" {
				tb.Fatalf("%s:%d: header must be name, exit, stderr, args (tab-separated), got %q", path, line, text)
			}
			header = true
			continue
		}
		if len(cols) != 4 {
			tb.Fatalf("%s:%d: want 4 tab-separated columns, got %d", path, line, len(cols))
		}
		code, err := strconv.Atoi(cols[1])
		if err != nil {
			tb.Fatalf("%s:%d: exit %q: %v", path, line, cols[1], err)
		}
		if cols[0] == "" || strings.TrimSpace(cols[3]) == "" {
			tb.Fatalf("%s:%d: a case needs a name and arguments", path, line)
		}
		cases = append(cases, hostileCase{topic: topic, name: cols[0], line: line, exit: code, stderr: cols[2], args: strings.Fields(cols[3])})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if !header {
		tb.Fatalf("%s: no header", path)
	}
	return cases
}

// expand replaces the placeholders of a case's arguments.
func (c hostileCase) expand(dir, out, tmp string) []string {
	r := strings.NewReplacer("{dir}", dir, "{out}", out, "{tmp}", tmp)
	args := make([]string, len(c.args))
	for i, a := range c.args {
		args[i] = r.Replace(a)
	}
	return args
}

func TestHostileCorpus(t *testing.T) {
	tables, err := filepath.Glob(filepath.Join(hostileRoot, "*", "cases.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) == 0 {
		t.Fatal("no testdata/hostile/*/cases.tsv")
	}
	sort.Strings(tables)
	for _, table := range tables {
		dir, err := filepath.Abs(filepath.Dir(table))
		if err != nil {
			t.Fatal(err)
		}
		cases := readHostileCases(t, table)
		checkHostileFilesUsed(t, dir, cases)
		seen := map[string]int{}
		for _, c := range cases {
			if first, dup := seen[c.name]; dup {
				t.Fatalf("%s:%d: case %q already on line %d", table, c.line, c.name, first)
			}
			seen[c.name] = c.line
			c := c
			t.Run(c.topic+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				tmp := t.TempDir()
				args := c.expand(dir, filepath.Join(t.TempDir(), "out"), tmp)
				r := runPartons(t, tmp, 2*time.Minute, args...)
				where := fmt.Sprintf("%s:%d", filepath.Join("testdata/hostile", c.topic, "cases.tsv"), c.line)
				if r.code != c.exit {
					t.Errorf("%s: partons %s: exit %d, want %d\nstderr:\n%s", where, strings.Join(c.args, " "), r.code, c.exit, r.stderr)
				}
				if !strings.Contains(strings.ToLower(r.stderr), strings.ToLower(c.stderr)) {
					t.Errorf("%s: partons %s: stderr lacks %q:\n%s", where, strings.Join(c.args, " "), c.stderr, r.stderr)
				}
				for _, bad := range []string{"panic:", "goroutine ", "runtime error"} {
					if strings.Contains(r.stderr, bad) {
						t.Errorf("%s: partons %s crashed (%q on stderr):\n%s", where, strings.Join(c.args, " "), bad, r.stderr)
					}
				}
			})
		}
	}
}

// checkHostileFilesUsed fails when a file of a topic folder is named by no
// case: every committed hostile input must be exercised.
func checkHostileFilesUsed(tb testing.TB, dir string, cases []hostileCase) {
	tb.Helper()
	var all strings.Builder
	for _, c := range cases {
		all.WriteString(strings.Join(c.args, " "))
		all.WriteByte('\n')
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if name == "cases.tsv" || name == "README.md" {
			continue
		}
		if !strings.Contains(all.String(), "{dir}/"+name) {
			tb.Errorf("testdata/hostile/%s/%s is used by no case in cases.tsv", filepath.Base(dir), name)
		}
	}
}
