package study

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/study/usage"
)

// categoryError turns a category-name problem found at o into an invalid
// input error (exit 3) on the service's category field.
func categoryError(o datasets.Origin, err error) *datasets.RecordError {
	reason := err.Error()
	var ne *taxonomy.NameError
	if errors.As(err, &ne) {
		c := *ne
		c.Where = "" // the record error names the file and line already
		reason = c.Error()
	}
	return &datasets.RecordError{Source: o.Source, Line: o.Line, Feature: o.Feature, Field: "category", Reason: reason}
}

// categoryNames starts a run's category names with the targets of the
// category overrides (a config's `categories:`), so that an override and a
// service category whose names collide are reported together, and checks
// them.
func categoryNames(overrides map[string]string) (*taxonomy.Names, error) {
	names := &taxonomy.Names{}
	keys := make([]string, 0, len(overrides))
	for k := range overrides {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var errs datasets.ErrorList
	tax := taxonomy.Default()
	for _, k := range keys {
		label := strings.TrimSpace(overrides[k])
		if r := tax.Resolve(label); r.Known && r.Via == "" {
			label = r.Category // a known category keeps its spelling; a target is never read as a bare tag value
		}
		if _, err := names.Add(label, fmt.Sprintf("category override of %q", k)); err != nil {
			errs.Add(&datasets.RecordError{Source: "category overrides", Feature: -1, Field: k, Reason: err.Error()})
		}
	}
	return names, errs.Err()
}

// analysedName is the name of a category given in the run settings
// (the analysed categories, a basket, coverage): its column-safe name.
func analysedName(setting, label string) (string, error) {
	name, err := taxonomy.Name(label)
	if err != nil {
		return "", usage.Errorf("%s: %v", setting, err)
	}
	return name, nil
}

// nameSettings rewrites the categories of p (the analysed list, the
// basket, declared coverage) to their names.
func nameSettings(p *analysis.Params) error {
	var err error
	cats := make([]string, len(p.Categories))
	for i, c := range p.Categories {
		if cats[i], err = analysedName("{categories}", c); err != nil {
			return err
		}
	}
	p.Categories = cats
	basket := make([]analysis.BasketMember, len(p.Basket))
	for i, m := range p.Basket {
		basket[i] = analysis.BasketMember{Name: m.Name, Categories: make([]string, len(m.Categories))}
		for k, c := range m.Categories {
			if basket[i].Categories[k], err = analysedName(fmt.Sprintf("basket member %q", m.Name), c); err != nil {
				return err
			}
		}
	}
	p.Basket = basket
	return nil
}

// namedCoverage renames the categories of declared coverage to their
// names; two that give the same name are an error.
func namedCoverage(declared map[string][]string) (map[string][]string, error) {
	if declared == nil {
		return nil, nil
	}
	keys := make([]string, 0, len(declared))
	for k := range declared {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(map[string][]string, len(declared))
	from := map[string]string{}
	for _, k := range keys {
		name, err := analysedName("coverage", k)
		if err != nil {
			return nil, err
		}
		if prev, ok := from[name]; ok {
			return nil, usage.Errorf("coverage: categories %q and %q both give the name %q", prev, k, name)
		}
		from[name] = k
		out[name] = declared[k]
	}
	return out, nil
}

// CategoryNameProblems lists the category-name problems of services
// (read without other problems) as a run would find them.
func CategoryNameProblems(cfg config.Config, services []datasets.Service) datasets.ErrorList {
	tax, err := taxonomy.Default().With(cfg.Categories)
	if err != nil {
		return nil // config.Load has refused such overrides already
	}
	var list datasets.ErrorList
	names, err := categoryNames(cfg.Categories)
	if err == nil {
		_, err = MapCategories(tax, names, slices.Clone(services))
	}
	if !errors.As(err, &list) {
		return nil
	}
	return list
}

// SameCategory reports whether two categories are one: the same label, or
// labels with the same name ("Boulangerie artisanale" and the
// boulangerie_artisanale of run's columns).
func SameCategory(a, b string) bool {
	if a == b {
		return true
	}
	na, errA := taxonomy.Name(a)
	nb, errB := taxonomy.Name(b)
	return errA == nil && errB == nil && na == nb
}

// MapCategories maps every service's raw category through the taxonomy
// and then to its column-safe name (in place; see taxonomy.Name) and
// lists which raw value went to which category. Labels whose names
// collide, or that give no usable name, are invalid input naming the
// services (one error per label).
func MapCategories(t *taxonomy.Taxonomy, names *taxonomy.Names, services []datasets.Service) ([]MappingEntry, error) {
	type key struct{ raw, cat string }
	n := map[key]*MappingEntry{}
	var errs datasets.ErrorList
	bad := map[string]bool{}
	for i := range services {
		s := &services[i]
		if s.Raw == "" {
			s.Raw = s.Category
		}
		r := t.Resolve(s.Raw)
		cat, err := names.Add(r.Category, s.Origin.String())
		if err != nil {
			if !bad[r.Category] {
				bad[r.Category] = true
				errs.Add(categoryError(s.Origin, err))
			}
			continue
		}
		s.Category = cat
		k := key{strings.TrimSpace(s.Raw), cat}
		e := n[k]
		if e == nil {
			v := "unmapped"
			if r.Known {
				v = r.Vocabulary
				if v == "" {
					v = "taxonomy"
				}
			}
			e = &MappingEntry{Raw: k.raw, Category: k.cat, Vocabulary: v, Via: r.Via, Ambiguous: r.Ambiguous}
			if r.Category != cat {
				e.Label = r.Category
			}
			n[k] = e
		}
		e.Services++
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	out := make([]MappingEntry, 0, len(n))
	for _, e := range n {
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Raw != out[j].Raw {
			return out[i].Raw < out[j].Raw
		}
		return out[i].Category < out[j].Category
	})
	return out, nil
}

func sortStrings(s []string) { sort.Strings(s) }
