package geojsonio

import (
	"fmt"
	"strings"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio/internal/jsonscan"
)

// maxListedKeys caps the property names an error about a missing mapped
// property lists.
const maxListedKeys = 40

// noteKey remembers a property name for checkMapped's error, once.
// Called only while a mapped property is still unseen.
func (c *featureCtx) noteKey(key []byte, plain bool) {
	if len(c.keys) >= maxListedKeys {
		return
	}
	k := string(jsonscan.DecodedKey(key, plain))
	for _, have := range c.keys {
		if have == k {
			return
		}
	}
	c.keys = append(c.keys, k)
}

// unseenMapped returns the mapped properties no feature had so far.
func (c *featureCtx) unseenMapped() []datasets.FieldColumn {
	var out []datasets.FieldColumn
	for _, m := range c.mapped {
		found := false
		for i, n := range c.names {
			if n == m.Column && c.seen[i] {
				found = true
				break
			}
		}
		if !found {
			out = append(out, m)
		}
	}
	return out
}

// checkMapped reports, once the collection is read, each mapped property
// that no feature has: population mapped to a property "pop" on a file
// without "pop" would otherwise read every population as unknown. An empty
// collection has nothing to check.
func (c *featureCtx) checkMapped() {
	if c.features == 0 || c.probs.Full() {
		return
	}
	for _, m := range c.unseenMapped() {
		names := make([]string, len(c.keys))
		for i, k := range c.keys {
			names[i] = fmt.Sprintf("%q", k)
		}
		list := "none"
		if len(names) > 0 {
			list = strings.Join(names, ", ")
			if len(names) == maxListedKeys {
				list += ", …"
			}
		}
		c.probs.Add(&datasets.RecordError{Feature: -1, Field: m.Column,
			Reason: fmt.Sprintf("%s is mapped to property %q, which no feature has; the features' properties are [%s]",
				m.Field, m.Column, list)})
	}
}
