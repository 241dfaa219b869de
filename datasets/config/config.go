// Package config reads partons' run configuration from a YAML file: input
// schemas, thresholds, basket, category-mapping overrides and coverage.
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
	"os"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/partons/partons/datasets"
)

// Config is the content of a --config file.
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

	// CrossBorder switches the domestic/abroad metrics on (default) or off.
	CrossBorder *bool `yaml:"cross_border"`
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
	return Read(path, f)
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
	if err := c.validate(name); err != nil {
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

func (c *Config) validate(name string) error {
	bad := func(field, reason string) error {
		return &datasets.RecordError{Source: name, Feature: -1, Field: field, Reason: reason}
	}
	if c.Villages.ID == "" || c.Villages.Name == "" {
		return bad("villages", "id and name columns cannot be empty")
	}
	if c.Services.ID == "" || c.Services.Category == "" {
		return bad("services", "id and category columns cannot be empty")
	}
	for i, m := range c.Basket {
		if m.Name == "" || len(m.Categories) == 0 {
			return bad(fmt.Sprintf("basket[%d]", i), "a member needs a name and at least one category")
		}
	}
	keys := make([]string, 0, len(c.Coverage))
	for k := range c.Coverage {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, country := range c.Coverage[k] {
			if len(country) != 2 || strings.ToUpper(country) != country {
				return bad("coverage."+k, fmt.Sprintf("%q is not an ISO 3166-1 alpha-2 code in upper case", country))
			}
		}
	}
	return nil
}
