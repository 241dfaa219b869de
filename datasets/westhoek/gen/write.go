package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
)

func sortFeatures(fs []feature) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].country != fs[j].country {
			return fs[i].country < fs[j].country
		}
		return fs[i].id < fs[j].id
	})
}

func checkUnique(fs []feature) error {
	seen := map[string]bool{}
	for _, f := range fs {
		if seen[f.id] {
			return fmt.Errorf("duplicate id %q", f.id)
		}
		seen[f.id] = true
	}
	return nil
}

// marshal encodes v without HTML escaping and without a trailing newline.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// writeCollection writes a FeatureCollection with one feature per line.
func writeCollection(path string, fs []feature) error {
	if len(fs) == 0 {
		return errors.New(path + ": no features")
	}
	var buf bytes.Buffer
	buf.WriteString("{\"type\":\"FeatureCollection\",\"features\":[\n")
	for i, f := range fs {
		b, err := marshal(f)
		if err != nil {
			return fmt.Errorf("%s: %s: %w", path, f.id, err)
		}
		buf.Write(b)
		if i < len(fs)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]}\n")
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

func writeJSON(path string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
