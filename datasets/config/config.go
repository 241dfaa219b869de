// Package config reads partons' run configuration from a YAML file: input
// schemas, thresholds, basket, category-mapping overrides, coverage and
// public transport.
// Every field is optional; absent fields keep their defaults. Unknown keys
// are errors (a typo must not silently change an analysis).
//
// Units: thresholds in metres.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/geo/crs"
)

// Config is the content of a run configuration file.
type Config struct {
	Villages   datasets.VillageSchema  `yaml:"villages"`
	Services   datasets.ServiceSchema  `yaml:"services"`
	Boundaries datasets.BoundarySchema `yaml:"boundaries"`

	// ThresholdsM are the distance thresholds in metres, ascending.
	ThresholdsM []float64 `yaml:"thresholds_m"`

	// Basket replaces the default basket when non-empty.
	Basket []BasketMember `yaml:"basket"`

	// Categories maps raw source values to categories, extending or
	// overriding the built-in taxonomy ("shop=deli": grocery).
	Categories map[string]string `yaml:"categories"`

	// Coverage lists, per category, the countries the service data covers
	// (pharmacy: [BE]). When absent, coverage is inferred from the data.
	Coverage map[string][]string `yaml:"coverage"`

	// Indicators names official indicator sets to write
	// (flemish_basic_services, insee_gamme_proximite).
	Indicators []string `yaml:"indicators"`

	// CrossBorder switches the domestic/abroad metrics on (default) or off.
	CrossBorder *bool `yaml:"cross_border"`

	// VillagesFiles and ServicesFiles are input files read before those
	// given on the command line, each with its own field mappings over
	// Villages or Services. Load resolves relative paths against the
	// folder of the configuration file.
	VillagesFiles []InputFile `yaml:"villages_files"`
	ServicesFiles []InputFile `yaml:"services_files"`

	// Slots replace the default opening-hours slots when non-empty.
	Slots []Slot `yaml:"slots"`

	// Public transport, keyed as in the run section of manifest.json.
	// Transit lists GTFS feeds (.zip or folder) and FlexZones an on-demand
	// zone file; Load resolves their relative paths against the folder of
	// the configuration file. A nil pointer or empty value is not set.
	Transit              []string `yaml:"transit"`
	Depart               string   `yaml:"depart"` // "YYYY-MM-DD HH:MM-HH:MM", the date or the window alone
	MaxWalkM             *float64 `yaml:"max_walk_m"`
	MaxTransfers         *int     `yaml:"max_transfers"`
	MaxTransitMin        *float64 `yaml:"max_transit_min"`
	TransitThresholdsMin []int    `yaml:"transit_thresholds_min"`
	FlexZones            string   `yaml:"flex_zones"`

	source string     // the file's name, for Problem
	root   *yaml.Node // the parsed file, for the lines of Problem
}

// Slot is a named time of the week for opening hours: When is "DAYS
// HH:MM-HH:MM" ("Mo-Fr 18:00-21:00"); MinMinutes (default 60) is how long
// a service must be open inside the window on one of the days.
type Slot struct {
	Name       string `yaml:"name"`
	When       string `yaml:"when"`
	MinMinutes int    `yaml:"min_minutes"`
}

// InputFile is an input file with the field mappings of that file alone.
type InputFile struct {
	Path   string            `yaml:"path"`
	Fields map[string]string `yaml:"fields"` // field → column, as in villages:/services:
	EPSG   int               `yaml:"epsg"`   // of CSV x/y columns; 0: the schema's
}

// BasketMember is one need of the basket met by any of its categories.
type BasketMember struct {
	Name       string   `yaml:"name"`
	Categories []string `yaml:"categories"`
}

// Default returns the configuration used when no file is given.
func Default() Config {
	return Config{
		Villages:   datasets.DefaultVillageSchema(),
		Services:   datasets.DefaultServiceSchema(),
		Boundaries: datasets.DefaultBoundarySchema(),
	}
}

// Load reads a YAML configuration file on top of Default.
func Load(path string) (Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	c, err := Read(path, f)
	if err != nil {
		return c, err
	}
	dir := filepath.Dir(path)
	rel := func(p *string) {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	for _, l := range [][]InputFile{c.VillagesFiles, c.ServicesFiles} {
		for i := range l {
			rel(&l[i].Path)
		}
	}
	for i := range c.Transit {
		rel(&c.Transit[i])
	}
	rel(&c.FlexZones)
	return c, nil
}

// Read parses a YAML configuration from r; name is used in errors.
func Read(name string, r io.Reader) (Config, error) {
	c := Default()
	data, err := io.ReadAll(r)
	if err != nil {
		return c, fmt.Errorf("config: %s: %w", name, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return c, &datasets.RecordError{Source: name, Feature: -1, Reason: "empty configuration file"}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return c, &datasets.RecordError{Source: name, Feature: -1, Reason: yamlReason(err)}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return c, &datasets.RecordError{Source: name, Feature: -1, Reason: yamlReason(err)}
	}
	c.source, c.root = name, &root
	if err := c.validate(name, &root); err != nil {
		return c, err
	}
	return c, nil
}

func yamlReason(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return strings.Join(te.Errors, "; ")
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

func (c *Config) validate(name string, root *yaml.Node) error {
	bad := func(reason string, path ...any) error {
		return &datasets.RecordError{Source: name, Line: Line(root, path...), Feature: -1, Field: PathKey(path), Reason: reason}
	}
	if c.Villages.ID == "" || c.Villages.Name == "" {
		return bad("id and name columns cannot be empty", "villages")
	}
	if c.Services.ID == "" || c.Services.Category == "" {
		return bad("id and category columns cannot be empty", "services")
	}
	for _, e := range []struct {
		key  string
		code int
	}{{"villages", c.Villages.Coords.EPSG}, {"services", c.Services.Coords.EPSG}} {
		if _, err := crs.Name(e.code); e.code != 0 && err != nil {
			return bad(strings.TrimPrefix(err.Error(), "crs: "), e.key, "epsg")
		}
	}
	for k, files := range [][]InputFile{c.VillagesFiles, c.ServicesFiles} {
		key := [...]string{"villages_files", "services_files"}[k]
		for i, f := range files {
			if strings.TrimSpace(f.Path) == "" {
				return bad("a file needs a path", key, i)
			}
			if _, err := crs.Name(f.EPSG); f.EPSG != 0 && err != nil {
				return bad(strings.TrimPrefix(err.Error(), "crs: "), key, i, "epsg")
			}
		}
	}
	for i, t := range c.ThresholdsM {
		if err := datasets.ValidateThreshold(t, c.ThresholdsM[:i], "m"); err != nil {
			return bad(err.Error(), "thresholds_m", i)
		}
	}
	seen := map[string]bool{}
	for i, m := range c.Basket {
		switch {
		case m.Name == "" || len(m.Categories) == 0:
			return bad("a member needs a name and at least one category", "basket", i)
		case seen[m.Name]:
			return bad(fmt.Sprintf("member %q appears twice", m.Name), "basket", i, "name")
		}
		seen[m.Name] = true
		for j, cat := range m.Categories {
			if strings.TrimSpace(cat) == "" {
				return bad("empty category", "basket", i, "categories", j)
			}
		}
	}
	for _, k := range sortedKeys(c.Categories) {
		if strings.TrimSpace(k) == "" || strings.TrimSpace(c.Categories[k]) == "" {
			return bad(fmt.Sprintf("%q: %q: raw value and category cannot be empty", k, c.Categories[k]), "categories", k)
		}
	}
	slotNames := map[string]bool{}
	for i, s := range c.Slots {
		if _, err := hours.ParseSlot(s.Name, s.When, s.MinMinutes); err != nil {
			return bad(err.Error(), "slots", i)
		}
		if slotNames[s.Name] {
			return bad(fmt.Sprintf("slot %q appears twice", s.Name), "slots", i, "name")
		}
		slotNames[s.Name] = true
	}
	for _, k := range sortedKeys(c.Coverage) {
		for j, country := range c.Coverage[k] {
			if !alpha2(country) {
				return bad(fmt.Sprintf("%q is not an ISO 3166-1 alpha-2 code in upper case", country), "coverage", k, j)
			}
		}
	}
	return c.validateTransit(bad)
}

// validateTransit checks the public-transport keys as the run checks the
// same options given on a command line.
func (c *Config) validateTransit(bad func(reason string, path ...any) error) error {
	for i, f := range c.Transit {
		if strings.TrimSpace(f) == "" {
			return bad("a feed needs a path", "transit", i)
		}
	}
	if c.Depart != "" {
		if _, err := gtfs.ParseDepart(c.Depart); err != nil {
			return bad(err.Error(), "depart")
		}
	}
	for _, f := range []struct {
		key string
		v   *float64
	}{{"max_walk_m", c.MaxWalkM}, {"max_transit_min", c.MaxTransitMin}} {
		if f.v != nil && (math.IsNaN(*f.v) || math.IsInf(*f.v, 0) || *f.v <= 0) {
			return bad(fmt.Sprintf("%v: want a finite number greater than 0", *f.v), f.key)
		}
	}
	if c.MaxTransitMin != nil && *c.MaxTransitMin > MaxTransitMin {
		return bad(fmt.Sprintf("%v: at most %d minutes", *c.MaxTransitMin, MaxTransitMin), "max_transit_min")
	}
	if c.MaxTransfers != nil && (*c.MaxTransfers < 0 || *c.MaxTransfers > MaxTransfers) {
		return bad(fmt.Sprintf("%d: want 0 to %d", *c.MaxTransfers, MaxTransfers), "max_transfers")
	}
	for i, m := range c.TransitThresholdsMin {
		if m <= 0 || (i > 0 && m <= c.TransitThresholdsMin[i-1]) {
			return bad(fmt.Sprintf("%d: minutes must be positive and strictly ascending", m), "transit_thresholds_min", i)
		}
	}
	return nil
}

// Problem is a bad value of the file at the key path (mapping keys as
// strings, sequence indices as ints), as invalid input naming the file,
// the line of the key and the key; for a check that needs more than the
// file, such as a setting with nothing to apply to.
func (c Config) Problem(reason string, path ...any) error {
	return &datasets.RecordError{Source: c.source, Line: Line(c.root, path...), Feature: -1, Field: PathKey(path), Reason: reason}
}

// alpha2 reports whether s is two ASCII upper-case letters.
func alpha2(s string) bool {
	return len(s) == 2 && 'A' <= s[0] && s[0] <= 'Z' && 'A' <= s[1] && s[1] <= 'Z'
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// The bounds of the public-transport search a run accepts: transfers
// per trip (the search's rounds) and door-to-door minutes (a day).
const (
	MaxTransfers  = 20
	MaxTransitMin = 1440
)

// PathKey formats a path of mapping keys and sequence indices as
// "basket[1].name", the inverse of KeyPath.
func PathKey(path []any) string {
	var b strings.Builder
	for _, p := range path {
		switch p := p.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", p)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, p)
		}
	}
	return b.String()
}

// KeyPath splits a key as partons names settings in messages and
// manifests ("basket[1].name", "village_schema.epsg") into the path Line
// takes: mapping keys as strings, sequence indices as ints.
func KeyPath(key string) []any {
	var path []any
	for _, part := range strings.Split(key, ".") {
		name, idx, _ := strings.Cut(part, "[")
		if name != "" {
			path = append(path, name)
		}
		if idx != "" {
			if n, err := strconv.Atoi(strings.TrimSuffix(idx, "]")); err == nil {
				path = append(path, n)
			}
		}
	}
	return path
}

// Line returns the 1-based line of the node at path (mapping keys as
// strings, sequence indices as ints) in a parsed YAML document, or of
// the deepest node of the path that exists; 0 when there is none. For a
// mapping key it is the line of the key. O(size of the nodes on the
// path).
func Line(root *yaml.Node, path ...any) int {
	n := root
	if n == nil {
		return 0
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := 0
	for _, p := range path {
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		var next *yaml.Node
		switch p := p.(type) {
		case int:
			if n.Kind == yaml.SequenceNode && p >= 0 && p < len(n.Content) {
				next = n.Content[p]
				line = next.Line
			}
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == p {
						line = n.Content[i].Line
						next = n.Content[i+1]
						break
					}
				}
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	return line
}
