package osmextract

import (
	"strings"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/osmextract/internal/tags"
	"github.com/partons/partons/geo"
	"github.com/partons/partons/geo/geodesic"
)

// villages turns the place features into villages (features arrive in
// OSM type and id order, which the output keeps).
func (r *reader) villages(res *Result, feats []feature, l *locator, files []string) {
	var vs []datasets.Village
	var infos []VillageInfo
	var items []mergeItem
	for k := range feats {
		f := &feats[k]
		place := f.tags.Find("place")
		if !r.set.tags.Place(place) {
			continue
		}
		c := r.rep.Places[place]
		c.add(f.id.Type)
		r.rep.Places[place] = c
		name := strings.TrimSpace(f.tags.Find("name"))
		if name == "" {
			r.rep.PlacesUnnamed++
			continue
		}
		v := datasets.Village{
			ID: f.id.String(), Name: name, Location: f.loc, Geometry: f.geom,
			Origin: datasets.Origin{Source: files[f.file], Feature: -1},
		}
		info := VillageInfo{
			OSM: f.id, Place: place, NameNL: f.tags.Find("name:nl"), NameFR: f.tags.Find("name:fr"),
			PopulationSource: PopUnknown,
		}
		info.Code, _ = r.set.tags.AreaCode(f.tags)
		if tag := f.tags.Find("population"); tag != "" {
			info.PopulationTag = tag
			if n, ok := tags.ParsePopulation(tag); ok {
				v.Population, v.HasPopulation, info.PopulationSource = n, true, PopOSM
			} else {
				r.rep.PopulationTagsUnparsed++
			}
		}
		country, area := l.locate(f.loc)
		v.Country = country
		if area >= 0 {
			v.AreaCode, v.AreaName = l.areaCode[area], l.areas[area].rel.tags.Find("name")
		}
		vs = append(vs, v)
		infos = append(infos, info)
		items = append(items, mergeItem{id: f.id, key: normName(name), named: true, loc: f.loc, geom: f.geom})
	}
	into := mergeAreas(items, r.set.mergeM)
	for k, j := range into {
		if j < 0 {
			continue
		}
		infos[j].MergedWith = append(infos[j].MergedWith, infos[k].OSM)
		if !vs[j].HasPopulation && vs[k].HasPopulation {
			vs[j].Population, vs[j].HasPopulation = vs[k].Population, true
			infos[j].PopulationSource, infos[j].PopulationTag = PopOSM, infos[k].PopulationTag
		}
		r.rep.VillagesMerged++
	}
	for k := range vs {
		if into[k] >= 0 {
			continue
		}
		if vs[k].Country == "" {
			r.rep.VillagesWithoutCountry++
		}
		if vs[k].AreaCode == "" {
			r.rep.VillagesWithoutArea++
		}
		res.Villages = append(res.Villages, vs[k])
		res.VillageInfo = append(res.VillageInfo, infos[k])
	}
	r.rep.Villages = len(res.Villages)
}

// services turns the service features into services, one per category.
func (r *reader) services(res *Result, feats []feature, l *locator, files []string) {
	var ss []datasets.Service
	var infos []ServiceInfo
	var items []mergeItem
	for k := range feats {
		f := &feats[k]
		ms := r.set.tags.Categories(f.tags)
		if len(ms) == 0 {
			continue
		}
		name := strings.TrimSpace(f.tags.Find("name"))
		country, _ := l.locate(f.loc)
		for _, m := range ms {
			c := r.rep.Categories[m.Category]
			c.add(f.id.Type)
			r.rep.Categories[m.Category] = c
			id := f.id.String()
			if len(ms) > 1 {
				id += "/" + m.Category
			}
			oh := f.tags.Find("opening_hours")
			ss = append(ss, datasets.Service{
				ID: id, Name: name, Category: m.Category, Raw: m.Raw, Country: country, Location: f.loc,
				OpeningHours: oh, Origin: datasets.Origin{Source: files[f.file], Feature: -1},
			})
			infos = append(infos, ServiceInfo{OSM: f.id, OpeningHours: oh})
			items = append(items, mergeItem{id: f.id, key: m.Category + "\x00" + normName(name), named: name != "", loc: f.loc, geom: f.geom})
		}
	}
	into := mergeAreas(items, r.set.mergeM)
	for k, j := range into {
		if j >= 0 {
			infos[j].MergedWith = append(infos[j].MergedWith, infos[k].OSM)
			r.rep.ServicesMerged++
		}
	}
	for k := range ss {
		if into[k] >= 0 {
			continue
		}
		if ss[k].Country == "" {
			r.rep.ServicesWithoutCountry++
		}
		res.Services = append(res.Services, ss[k])
		res.ServiceInfo = append(res.ServiceInfo, infos[k])
	}
	r.rep.Services = len(res.Services)
}

// mergeItem is a village or service as the duplicate merger sees it.
type mergeItem struct {
	id    ObjectID
	key   string // category and normalised name; equal keys may merge
	named bool
	loc   orb.Point
	geom  orb.Geometry
}

// mergeAreas finds, for every area item (way or relation), the node item
// it duplicates: same key, and the node inside the area or, when named,
// at most maxM metres from the area's point. The nearest such node wins
// (ties: the first in input order). into[k] is that node's index, or -1
// (for nodes, unmatched areas, and everything when maxM < 0).
// O(a·n_k) for a areas and n_k nodes sharing an area's key.
func mergeAreas(items []mergeItem, maxM float64) []int {
	into := make([]int, len(items))
	for k := range into {
		into[k] = -1
	}
	if maxM < 0 {
		return into
	}
	nodes := map[string][]int{}
	for k, it := range items {
		if it.id.Type == "node" {
			nodes[it.key] = append(nodes[it.key], k)
		}
	}
	for k, it := range items {
		cands := nodes[it.key]
		if it.id.Type == "node" || len(cands) == 0 {
			continue
		}
		b := it.geom.Bound()
		best, bestD := -1, 0.0
		for _, j := range cands {
			p := items[j].loc
			d := geodesic.Distance(p, it.loc)
			ok := (it.named && d <= maxM) || (b.Contains(p) && geo.Contains(it.geom, p))
			if ok && (best < 0 || d < bestD) {
				best, bestD = j, d
			}
		}
		into[k] = best
	}
	return into
}
