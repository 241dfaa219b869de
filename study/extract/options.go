package extract

import (
	"strings"

	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/study/usage"
)

// CheckOptions checks the choices of o that need no file, and reads the
// FIELD=COLUMN pairs (fields code, name, population) of the population
// files into o.PopulationFields. A mistake is a *usage.Error naming the
// option by its key.
func CheckOptions(o *Options, populationFields []string) error {
	for _, l := range o.AdminLevels {
		if l < 1 || l > 12 {
			return usage.Errorf("{admin_levels} %d: OpenStreetMap admin_level runs from 1 to 12 (2: countries, 8: municipalities)", l)
		}
	}
	if o.MergeM == 0 {
		return usage.Errorf("{merge_m} 0: use a positive distance, or a negative one to disable merging")
	}
	for _, kv := range populationFields {
		k, v, ok := strings.Cut(kv, "=")
		switch {
		case !ok || v == "":
			return usage.Errorf("{population_field} %q: want FIELD=COLUMN", kv)
		case k == "code":
			o.PopulationFields.Code = v
		case k == "name":
			o.PopulationFields.Name = v
		case k == "population":
			o.PopulationFields.Population = v
		default:
			return usage.Errorf("{population_field} %q: field is code, name or population", kv)
		}
	}
	if o.Apportion && len(o.Population) == 0 {
		return usage.Errorf("{apportion} needs {population}")
	}
	return nil
}

// Taxonomy is the default taxonomy extended by the categories of the
// configuration file path ("": the default alone).
func Taxonomy(path string) (*taxonomy.Taxonomy, error) {
	tax := taxonomy.Default()
	if path == "" {
		return tax, nil
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	if len(cfg.Categories) > 0 {
		if tax, err = tax.With(cfg.Categories); err != nil {
			return nil, usage.Errorf("{config} %s: %v", path, err)
		}
	}
	return tax, nil
}
