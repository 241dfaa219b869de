// Package variant applies a scenario variant's changes to the base data:
// services closed, opened, moved, made mobile or given new capacity or
// hours, villages and settings changed. It edits copies of the records
// and says what a recomputation needs to know (which categories changed,
// which services closed); analysis.Recompute computes the variant.
package variant

import (
	"fmt"
	"slices"
	"sync"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/geo/index"
)

// Variant is the outcome of applying a scenario variant's changes to the
// base data: the new villages and services, which categories changed, and
// which base services were closed.
type Variant struct {
	Villages []datasets.Village
	Services []datasets.Service
	// Touched lists the categories whose services changed; Full means
	// every category must be recomputed (villages or settings changed).
	Touched map[string]bool
	Full    bool
	// Closed are the ids of the base services closed by the variant.
	Closed map[string]bool
	// CloseBorder: the variant closes the border to travel.
	CloseBorder bool
	// Modes: the variant changes what the further travel modes travel on
	// (a timetable); every category's mode blocks are recomputed.
	Modes bool
}

// Change is one edit a scenario variant makes to the base data, as plain
// data (whatever file format it was read from); exactly one field is set.
type Change struct {
	CloseServices *Selection
	// AddServices are services to open; each one's Raw is its category as
	// written, mapped to Category by Apply.
	AddServices   []datasets.Service
	MobileService *MobileService
	SetCapacity   *CapacityChange
	SetHours      *HoursChange
	DropVillages  *Selection
	AddVillages   []datasets.Village
	// Params: the variant changes run parameters, which its caller
	// applies to the Params it passes to Recompute; every category is
	// then recomputed.
	Params      bool
	CloseBorder bool
	// Modes: the variant changes what the further travel modes travel on
	// (a public-transport timetable). Its caller passes the changed modes
	// in the Params it gives Recompute; every category's mode blocks are
	// then recomputed, while straight-line and road results are reused.
	Modes bool
}

// Selection selects services or villages by ids, or by category, country
// and area together (area: the area code of the village a service lies
// nearest to). It must select something.
type Selection struct {
	IDs                     []string
	Category, Country, Area string
}

// MobileService is a mobile service (a post van, a travelling GP)
// stopping in the listed villages: one service point at each village's
// location, with id IDPrefix + the village id.
type MobileService struct {
	IDPrefix, Category string
	Villages           []string
}

// CapacityChange sets the capacity of the selected services.
type CapacityChange struct {
	Selection
	Capacity float64
}

// HoursChange sets the opening hours of the selected services (an OSM
// opening_hours value; empty: unknown). Distances do not change: no
// category is recomputed, the open-hour metrics are.
type HoursChange struct {
	Selection
	OpeningHours string
}

// ChangeError is a change that cannot be applied (unknown id, a filter
// that selects nothing, a category no data has).
type ChangeError struct {
	Change int // 1-based
	Reason string
}

func (e *ChangeError) Error() string { return fmt.Sprintf("change %d: %s", e.Change, e.Reason) }

// Apply applies a variant's changes, in order, to copies of the
// base villages and services. mapCategory maps a raw category (as in
// service files) to a category; added services must be of a category the
// base data has. Services are matched to areas through the village nearest
// to them. Closing never reorders the remaining services; added ones come
// last, so results stay deterministic.
//
// When no change edits the villages, Variant.Villages is villages itself
// (capacity clipped, so appending copies): callers must not modify it.
// Applying several variants to the same data, Base.Apply checks the
// base villages' ids once.
func Apply(villages []datasets.Village, services []datasets.Service, changes []Change,
	mapCategory func(string) string) (*Variant, error) {
	return NewBase(villages, services).Apply(changes, mapCategory)
}

// Base is the data the variants of a scenario change. Safe for
// concurrent use; its records must not change once given.
type Base struct {
	villages []datasets.Village
	services []datasets.Service
	// villageIDs is the outcome of checking the villages' ids, once.
	villageIDs func() datasets.ErrorList
}

// NewBase returns the base villages and services that Apply changes.
func NewBase(villages []datasets.Village, services []datasets.Service) *Base {
	return &Base{villages: villages, services: services,
		villageIDs: sync.OnceValue(func() datasets.ErrorList { return datasets.CheckUniqueIDs(villages) })}
}

// Apply is Apply on b's villages and services.
func (b *Base) Apply(changes []Change, mapCategory func(string) string) (*Variant, error) {
	villages, services := b.villages, b.services
	v := &Variant{
		Villages: slices.Clip(villages), Services: slices.Clone(services),
		Touched: map[string]bool{}, Closed: map[string]bool{},
	}
	villagesEdited := false
	cats := map[string]bool{}
	for i := range services {
		cats[services[i].Category] = true
	}
	var vix *index.Points // built on first use: only area filters need it
	areaOf := func(p orb.Point) string {
		if vix == nil {
			vpts := make([]orb.Point, len(villages))
			for i := range villages {
				vpts[i] = villages[i].Location
			}
			vix = index.New(vpts)
		}
		if i, _, ok := vix.Nearest(p, nil); ok {
			return villages[i].AreaCode
		}
		return ""
	}
	selectServices := func(f *Selection) ([]int, string) {
		var out []int
		if len(f.IDs) > 0 {
			pos := map[string]int{}
			for i := range v.Services {
				pos[v.Services[i].ID] = i
			}
			for _, id := range f.IDs {
				i, ok := pos[id]
				if !ok {
					return nil, fmt.Sprintf("no service has id %q", id)
				}
				out = append(out, i)
			}
			return out, ""
		}
		cat := f.Category
		if cat != "" && !cats[cat] {
			// A raw value or a label ("amenity=post_office", "Post")
			// selects the category it maps to, as for added services.
			if m := mapCategory(cat); cats[m] {
				cat = m
			} else {
				return nil, fmt.Sprintf("no service of category %q in the data", f.Category)
			}
		}
		for i := range v.Services {
			s := &v.Services[i]
			if (cat == "" || s.Category == cat) && (f.Country == "" || s.Country == f.Country) &&
				(f.Area == "" || areaOf(s.Location) == f.Area) {
				out = append(out, i)
			}
		}
		if len(out) == 0 {
			return nil, "the filter selects no service"
		}
		return out, ""
	}
	for ci, c := range changes {
		fail := func(reason string) (*Variant, error) { return nil, &ChangeError{Change: ci + 1, Reason: reason} }
		switch {
		case c.CloseServices != nil:
			sel, why := selectServices(c.CloseServices)
			if why != "" {
				return fail(why)
			}
			drop := map[int]bool{}
			for _, i := range sel {
				drop[i] = true
				v.Touched[v.Services[i].Category] = true
				v.Closed[v.Services[i].ID] = true
			}
			kept := v.Services[:0:0]
			for i := range v.Services {
				if !drop[i] {
					kept = append(kept, v.Services[i])
				}
			}
			v.Services = kept
		case c.AddServices != nil:
			for _, s := range c.AddServices {
				cat := mapCategory(s.Raw)
				if !cats[cat] {
					return fail(fmt.Sprintf("service %q: category %q (from %q) is not in the base data", s.ID, cat, s.Raw))
				}
				s.Category = cat
				v.Services = append(v.Services, s)
				v.Touched[cat] = true
			}
		case c.MobileService != nil:
			m := c.MobileService
			cat := mapCategory(m.Category)
			if !cats[cat] {
				return fail(fmt.Sprintf("category %q (from %q) is not in the base data", cat, m.Category))
			}
			pos := map[string]int{}
			for i := range v.Villages {
				pos[v.Villages[i].ID] = i
			}
			for _, id := range m.Villages {
				i, ok := pos[id]
				if !ok {
					return fail(fmt.Sprintf("no village has id %q", id))
				}
				vl := &v.Villages[i]
				v.Services = append(v.Services, datasets.Service{ID: m.IDPrefix + id, Name: m.IDPrefix + vl.Name,
					Category: cat, Raw: m.Category, Country: vl.Country, Location: vl.Location,
					Origin: datasets.Origin{Source: "scenario", Feature: -1}})
			}
			v.Touched[cat] = true
		case c.SetCapacity != nil:
			sel, why := selectServices(&c.SetCapacity.Selection)
			if why != "" {
				return fail(why)
			}
			for _, i := range sel {
				v.Services[i].Capacity, v.Services[i].HasCapacity = c.SetCapacity.Capacity, true
				v.Touched[v.Services[i].Category] = true
			}
		case c.SetHours != nil:
			sel, why := selectServices(&c.SetHours.Selection)
			if why != "" {
				return fail(why)
			}
			for _, i := range sel {
				v.Services[i].OpeningHours = c.SetHours.OpeningHours
				// Modes may time visits against opening hours (public
				// transport's round trips): the category is measured again.
				v.Touched[v.Services[i].Category] = true
			}
		case c.DropVillages != nil:
			f := c.DropVillages
			drop := map[string]bool{}
			ids := map[string]bool{}
			for i := range v.Villages {
				ids[v.Villages[i].ID] = true
			}
			for _, id := range f.IDs {
				if !ids[id] {
					return fail(fmt.Sprintf("no village has id %q", id))
				}
				drop[id] = true
			}
			for i := range v.Villages {
				vl := &v.Villages[i]
				if len(f.IDs) == 0 && (f.Country == "" || vl.Country == f.Country) && (f.Area == "" || vl.AreaCode == f.Area) {
					drop[vl.ID] = true
				}
			}
			if len(drop) == 0 {
				return fail("the filter selects no village")
			}
			kept := v.Villages[:0:0]
			for i := range v.Villages {
				if !drop[v.Villages[i].ID] {
					kept = append(kept, v.Villages[i])
				}
			}
			v.Villages = kept
			v.Full, villagesEdited = true, true
		case c.AddVillages != nil:
			v.Villages = append(v.Villages, c.AddVillages...)
			v.Full, villagesEdited = true, true
		case c.Params:
			v.Full = true
		case c.CloseBorder:
			v.CloseBorder = true
			v.Full = true
		case c.Modes:
			v.Modes = true
		}
	}
	if errs := datasets.CheckUniqueIDs(v.Services); len(errs) > 0 {
		return nil, &ChangeError{Reason: "service ids must stay unique: " + errs[0].Reason}
	}
	villageErrs := b.villageIDs
	if villagesEdited {
		villageErrs = func() datasets.ErrorList { return datasets.CheckUniqueIDs(v.Villages) }
	}
	if errs := villageErrs(); len(errs) > 0 {
		return nil, &ChangeError{Reason: "village ids must stay unique: " + errs[0].Reason}
	}
	return v, nil
}
