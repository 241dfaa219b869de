package site

import (
	"path"
	"strings"
	"testing"

	"github.com/partons/partons/render/site/input"
)

// load reads report folders for a test.
func load(t testing.TB, dirs ...string) []*input.Run {
	t.Helper()
	runs := make([]*input.Run, len(dirs))
	for i, d := range dirs {
		r, err := input.Load(d)
		if err != nil {
			t.Fatal(err)
		}
		runs[i] = r
	}
	return runs
}

// build renders a site and returns its files by name.
func build(t testing.TB, runs []*input.Run, cfg Config) map[string][]byte {
	t.Helper()
	files, err := Build(runs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string][]byte, len(files))
	for i, f := range files {
		if i > 0 && files[i-1].Name >= f.Name {
			t.Fatalf("files not sorted: %s before %s", files[i-1].Name, f.Name)
		}
		out[f.Name] = f.Data
	}
	return out
}

// attrs returns the values of every attribute name="…" in body (the
// pages quote every attribute).
func attrs(body, name string) []string {
	var out []string
	key := " " + name + `="`
	for {
		i := strings.Index(body, key)
		if i < 0 {
			return out
		}
		body = body[i+len(key):]
		j := strings.IndexByte(body, '"')
		if j < 0 {
			return out
		}
		out = append(out, body[:j])
		body = body[j:]
	}
}

// checkLinks checks every link of every page: an internal one must name a
// file of the site (and an id of it, for a fragment); an external one
// must be allowed by external.
func checkLinks(t *testing.T, files map[string][]byte, external func(string) bool) {
	t.Helper()
	ids := map[string]map[string]bool{}
	for name, data := range files {
		ids[name] = map[string]bool{}
		for _, id := range attrs(string(data), "id") {
			ids[name][id] = true
		}
	}
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if strings.Contains(string(data), " src=") || strings.Contains(string(data), " action=") {
			t.Errorf("%s loads or posts something", name)
		}
		for _, h := range attrs(string(data), "href") {
			href := strings.ReplaceAll(h, "&amp;", "&")
			if strings.Contains(href, ":") {
				if !external(href) {
					t.Errorf("%s: external link %q", name, href)
				}
				continue
			}
			target, frag, _ := strings.Cut(href, "#")
			file := name
			if target != "" {
				file = path.Clean(path.Join(path.Dir(name), target))
			}
			if _, ok := files[file]; !ok {
				t.Errorf("%s: link %q to %s: no such file", name, href, file)
				continue
			}
			if frag != "" && !ids[file][frag] {
				t.Errorf("%s: link %q: %s has no id %q", name, href, file, frag)
			}
		}
	}
}
