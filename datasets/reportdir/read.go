package reportdir

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/partons/partons/datasets"
)

// Version is the layout of manifest.json this partons writes:
//
//	1 (no manifest_version key): column schemas with Go field names
//	  ("AreaCode"), input paths as given on the command line.
//	2: every key snake_case; input paths relative to the manifest's folder.
const Version = 2

// Read reads a run's manifest.json. A version 1 manifest is
// brought to the current layout (its paths stay as they were given); in a
// version 2 one, relative input paths are resolved against the manifest's
// folder, so a report can be replayed from anywhere. A manifest from a
// newer partons is refused.
func Read(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, b)
}

// Parse is Read on the bytes b of the file at path.
func Parse(path string, b []byte) (*Manifest, error) {
	var err error
	bad := func(field, reason string) error {
		return &datasets.RecordError{Source: path, Feature: -1, Field: field, Reason: reason}
	}
	var head struct {
		Generator       string `json:"generator"`
		ManifestVersion *int   `json:"manifest_version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		e := bad("", "not a partons manifest: "+err.Error()).(*datasets.RecordError)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			e.Line = 1 + bytes.Count(b[:min(int(se.Offset), len(b))], []byte("\n"))
		}
		return nil, e
	}
	if head.Generator != "partons" {
		return nil, bad("generator", "not a partons manifest (generator is not \"partons\")")
	}
	v := 1
	if head.ManifestVersion != nil {
		v = *head.ManifestVersion
	}
	switch {
	case v > Version:
		return nil, bad("manifest_version", fmt.Sprintf("manifest version %d was written by a newer partons; this one reads versions 1 to %d", v, Version))
	case v < 1:
		return nil, bad("manifest_version", fmt.Sprintf("manifest version %d does not exist (1 to %d)", v, Version))
	case v == 1:
		if b, err = migrateManifestV1(b); err != nil {
			return nil, bad("", "not a partons manifest: "+err.Error())
		}
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, bad("", "not a partons manifest: "+err.Error())
	}
	m.ManifestVersion = v
	if v >= 2 {
		dir := filepath.Dir(path)
		m.Relocate(func(p string) string {
			if filepath.IsAbs(p) {
				return p
			}
			return filepath.Join(dir, p)
		})
	}
	return &m, nil
}

// migrateManifestV1 renames the Go field names version 1 wrote for the
// column schemas ("AreaCode", "EPSG") to their snake_case keys.
func migrateManifestV1(b []byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	if run, ok := doc["run"].(map[string]any); ok {
		for _, k := range []string{"village_schema", "service_schema", "boundary_schema"} {
			run[k] = snakeKeys(run[k])
		}
	}
	if p, ok := doc["parameters"].(map[string]any); ok {
		p["schemas"] = snakeKeys(p["schemas"])
	}
	return json.Marshal(doc)
}

// snakeKeys rewrites the keys of v's objects, recursively, to snake_case.
func snakeKeys(v any) any {
	obj, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := make(map[string]any, len(obj))
	for k, x := range obj {
		out[snakeCase(k)] = snakeKeys(x)
	}
	return out
}

// snakeCase turns a Go field name into a snake_case key: "AreaCode" is
// "area_code", "EPSG" is "epsg", "ID" is "id".
func snakeCase(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) && i > 0 && (unicode.IsLower(r[i-1]) || (i+1 < len(r) && unicode.IsLower(r[i+1]) && unicode.IsUpper(r[i-1]))) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// Relocate rewrites with fn every input path the manifest records: the
// run's files, the inputs list and the road files. Names of the embedded
// sample are not paths and stay. The manifest's run, inputs and road
// information are copied first, as they may be shared with the job.
func (m *Manifest) Relocate(fn func(string) string) {
	if m.Run == nil {
		return
	}
	r := *m.Run
	paths := map[string]string{}
	move := func(l []string, pop bool) []string {
		out := make([]string, len(l))
		for i, p := range l {
			prefix := ""
			if cc, rest, ok := strings.Cut(p, "="); pop && ok && len(cc) == 2 && strings.ToUpper(cc) == cc {
				prefix, p = cc+"=", rest // population: [CC=]path
			}
			paths[p] = fn(p)
			out[i] = prefix + paths[p]
		}
		return out
	}
	r.Villages, r.Services, r.Boundaries = move(r.Villages, false), move(r.Services, false), move(r.Boundaries, false)
	r.Roads, r.OSM, r.Population = move(r.Roads, false), move(r.OSM, false), move(r.Population, true)
	r.Contributions = move(r.Contributions, false)
	r.Transit = move(r.Transit, false)
	r.FileFields = append(r.FileFields[:0:0], r.FileFields...)
	for i := range r.FileFields {
		r.FileFields[i].Path = fn(r.FileFields[i].Path)
	}
	m.Run = &r
	inputs := append(m.Inputs[:0:0], m.Inputs...)
	for i := range inputs {
		if p, ok := paths[inputs[i].Name]; ok {
			inputs[i].Name = p
		}
	}
	m.Inputs = inputs
	if m.Transit != nil {
		ti := *m.Transit
		ti.Feeds = append(ti.Feeds[:0:0], ti.Feeds...)
		for i := range ti.Feeds {
			if p, ok := paths[ti.Feeds[i].Path]; ok {
				ti.Feeds[i].Path = p
			}
		}
		m.Transit = &ti
	}
	if m.Roads != nil {
		ri := *m.Roads
		ri.Files = append(ri.Files[:0:0], ri.Files...)
		for i := range ri.Files {
			if p, ok := paths[ri.Files[i].Name]; ok {
				ri.Files[i].Name = p
			}
		}
		m.Roads = &ri
	}
}

// RelativeTo makes the manifest's input paths relative to dir, the folder
// it is written to (a path on another volume stays absolute).
func (m *Manifest) RelativeTo(dir string) error {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	m.Relocate(func(p string) string { return relativeFrom(absDir, p) })
	return nil
}

// RelativePath is p relative to the folder dir (p itself when either has
// no absolute form, absolute when no relative path exists).
func RelativePath(dir, p string) string {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return p
	}
	return relativeFrom(absDir, p)
}

func relativeFrom(absDir, p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(absDir, abs)
	if err != nil {
		return abs
	}
	return filepath.ToSlash(rel)
}
