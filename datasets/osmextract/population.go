package osmextract

import (
	"github.com/partons/partons/datasets/population"
)

// PlaceWeights are the apportionment weights of the place classes: each
// class roughly ten times the typical size of the one below (OSM wiki:
// hamlet up to a few hundred people, village up to about 10,000, town up
// to 100,000). Other values weigh 1.
var PlaceWeights = map[string]float64{"city": 1000, "town": 100, "village": 10, "hamlet": 1}

// ApplyPopulation joins official municipality figures to the villages of
// res (see package population for the matching and apportioning rules)
// and sets their Population and VillageInfo.PopulationSource: "osm" for a
// kept tag, "official", "apportioned" or "unknown". O(v log v + r).
func ApplyPopulation(res *Result, tables []*population.Table, o population.Options) *population.Report {
	places := make([]population.Place, len(res.Villages))
	for i := range res.Villages {
		v, in := &res.Villages[i], &res.VillageInfo[i]
		w, ok := PlaceWeights[in.Place]
		if !ok {
			w = 1
		}
		places[i] = population.Place{
			Code: in.Code, Name: v.Name, Country: v.Country, AreaCode: v.AreaCode, AreaName: v.AreaName,
			Weight: w, Population: v.Population, HasPopulation: v.HasPopulation,
		}
	}
	out, rep := population.Enrich(places, tables, o)
	for i, oc := range out {
		v, in := &res.Villages[i], &res.VillageInfo[i]
		v.Population, v.HasPopulation = oc.Population, oc.HasPopulation
		switch oc.Status {
		case population.Kept:
			// the OSM source stays
		case population.Official:
			in.PopulationSource = PopOfficial
		case population.Apportioned:
			in.PopulationSource = PopApportioned
		default:
			in.PopulationSource = PopUnknown
		}
	}
	return rep
}
