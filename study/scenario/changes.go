package scenario

import (
	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/scenario"
)

// variantChanges turns a variant's changes, as read from the scenario
// file, into the analysis' format-free changes, one for one (so the index
// of an variant.ChangeError names the file's change). Added services and
// villages come from the file ("scenario", no feature index); a service's
// category is kept as written, for variant.Apply to map.
func variantChanges(v scenario.Variant) []variant.Change {
	out := make([]variant.Change, len(v.Changes))
	for i, c := range v.Changes {
		a := &out[i]
		origin := datasets.Origin{Source: "scenario", Feature: -1}
		switch {
		case c.CloseServices != nil:
			a.CloseServices = selection(c.CloseServices)
		case c.AddServices != nil:
			a.AddServices = make([]datasets.Service, 0, len(c.AddServices))
			for _, ns := range c.AddServices {
				s := datasets.Service{ID: ns.ID, Name: ns.Name, Raw: ns.Category, Country: ns.Country,
					Location: orb.Point{ns.Lon, ns.Lat}, OpeningHours: ns.OpeningHours, Origin: origin}
				if ns.Capacity != nil {
					s.Capacity, s.HasCapacity = *ns.Capacity, true
				}
				a.AddServices = append(a.AddServices, s)
			}
		case c.MobileService != nil:
			m := c.MobileService
			a.MobileService = &variant.MobileService{IDPrefix: m.IDPrefix, Category: m.Category, Villages: m.Villages}
		case c.SetHours != nil:
			a.SetHours = &variant.HoursChange{Selection: *selection(&c.SetHours.Filter), OpeningHours: c.SetHours.OpeningHours}
		case c.SetCapacity != nil:
			a.SetCapacity = &variant.CapacityChange{Selection: *selection(&c.SetCapacity.Filter), Capacity: c.SetCapacity.Capacity}
		case c.DropVillages != nil:
			a.DropVillages = selection(c.DropVillages)
		case c.AddVillages != nil:
			a.AddVillages = make([]datasets.Village, 0, len(c.AddVillages))
			for _, nv := range c.AddVillages {
				vl := datasets.Village{ID: nv.ID, Name: nv.Name, Country: nv.Country, AreaCode: nv.AreaCode, AreaName: nv.AreaName,
					Location: orb.Point{nv.Lon, nv.Lat}, Geometry: orb.Point{nv.Lon, nv.Lat}, Origin: origin}
				if nv.Population != nil {
					vl.Population, vl.HasPopulation = *nv.Population, true
				}
				a.AddVillages = append(a.AddVillages, vl)
			}
		case c.Set != nil:
			a.Params = true
		case c.CloseBorder:
			a.CloseBorder = true
		case c.RemoveRoutes != nil, c.ScaleFrequency != nil, c.AddRoute != nil:
			a.Modes = true // the caller edits the timetable and passes the new mode
		}
	}
	return out
}

func selection(f *scenario.Filter) *variant.Selection {
	return &variant.Selection{IDs: f.IDs, Category: f.Category, Country: f.Country, Area: f.Area}
}

// variantSettings is the run parameters a variant sets (its last `set`
// change), nil when it sets none.
func variantSettings(v scenario.Variant) *scenario.Settings {
	var s *scenario.Settings
	for _, c := range v.Changes {
		if c.Set != nil {
			s = c.Set
		}
	}
	return s
}

// checkTimetableChanges refuses a timetable change when the base reads no
// public-transport feed: there is no timetable to edit.
func checkTimetableChanges(path string, sf *scenario.File, hasTransit bool) error {
	if hasTransit {
		return nil
	}
	for k, v := range sf.Variants {
		for i, c := range v.Changes {
			name := ""
			switch {
			case c.RemoveRoutes != nil:
				name = "remove_routes"
			case c.ScaleFrequency != nil:
				name = "scale_frequency"
			case c.AddRoute != nil:
				name = "add_route"
			default:
				continue
			}
			return &scenario.Error{File: path, Line: sf.ChangeLine(k, i), Variant: v.Name, Change: i + 1,
				Reason: name + " edits the public-transport timetable: the base reads no feed (give transit in the base)"}
		}
	}
	return nil
}
