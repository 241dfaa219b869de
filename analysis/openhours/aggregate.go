package openhours

import (
	"math"
	"sort"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/hours"
)

// Levels of aggregation.
const (
	LevelAll     = "all"
	LevelCountry = "country"
	LevelArea    = "area"
)

// SlotShare is the share of people with a service of Category open in
// Slot within Threshold, at one level: Yes, No and Unknown are
// populations (villages without population are left out and counted in
// NoPopulation); Share = Yes / (Yes + No), NaN when both are 0. Unknown
// holds villages whose answer a service of unknown hours could change, or
// that did not join the travel mode.
type SlotShare struct {
	Category, Slot string
	Threshold      float64
	Level, Code    string // Code: "" for all, a country, or country/area code
	Villages       int
	NoPopulation   int
	Yes, No        float64
	Unknown        float64
	Share          float64
}

// Gain is the border gain in open hours for Category within Threshold at
// one level: population-weighted means of the hours a week at least one
// service is open, with every service and with those of the village's
// own country only, over the Villages whose both values are known and
// who have a population and a country.
type Gain struct {
	Category     string
	Threshold    float64
	Level, Code  string
	Villages     int
	Unknown      int // villages with a population and a country whose hours are unknown
	Population   float64
	MeanHours    float64
	MeanDomestic float64
	MeanGain     float64
}

// levels returns the aggregation keys of a village.
func levels(v datasets.Village) [][2]string {
	out := [][2]string{{LevelAll, ""}}
	if v.Country != "" {
		out = append(out, [2]string{LevelCountry, v.Country})
		if v.AreaCode != "" {
			out = append(out, [2]string{LevelArea, v.Country + "/" + v.AreaCode})
		}
	}
	return out
}

// SlotShares returns, per category, slot and threshold, the share of
// people with a service open in the slot within the threshold, overall,
// per country and per area, sorted by category, slot, threshold, level
// (all, country, area) and code.
func SlotShares(res *Result, villages []datasets.Village, thresholds []float64) []SlotShare {
	var out []SlotShare
	for _, c := range res.Categories {
		for _, sr := range c.Slots {
			for _, t := range thresholds {
				acc := map[[2]string]*SlotShare{}
				for i, v := range villages {
					ans := hours.No
					switch {
					case sr.Status[i] == Unsnapped:
						ans = hours.Unknown
					case sr.YesCost[i] <= t:
						ans = hours.Yes
					case sr.MaybeCost[i] <= t:
						ans = hours.Unknown
					}
					for _, k := range levels(v) {
						a := acc[k]
						if a == nil {
							a = &SlotShare{Category: c.Name, Slot: sr.Slot, Threshold: t, Level: k[0], Code: k[1]}
							acc[k] = a
						}
						a.Villages++
						if !v.HasPopulation {
							a.NoPopulation++
							continue
						}
						switch ans {
						case hours.Yes:
							a.Yes += v.Population
						case hours.No:
							a.No += v.Population
						default:
							a.Unknown += v.Population
						}
					}
				}
				for _, a := range sorted(acc) {
					a.Share = math.NaN()
					if a.Yes+a.No > 0 {
						a.Share = a.Yes / (a.Yes + a.No)
					}
					out = append(out, *a)
				}
			}
		}
	}
	return out
}

// Gains returns, per category and threshold, the border gain in open
// hours overall, per country and per area, sorted like SlotShares.
func Gains(res *Result, villages []datasets.Village) []Gain {
	var out []Gain
	for _, c := range res.Categories {
		for _, w := range c.Within {
			acc := map[[2]string]*Gain{}
			for i, v := range villages {
				if !v.HasPopulation || v.Country == "" {
					continue
				}
				known := w.Status[i] != HoursUnknown && w.Status[i] != Unsnapped &&
					w.DomesticStatus[i] != HoursUnknown && w.DomesticStatus[i] != Unsnapped
				for _, k := range levels(v) {
					a := acc[k]
					if a == nil {
						a = &Gain{Category: c.Name, Threshold: w.Threshold, Level: k[0], Code: k[1]}
						acc[k] = a
					}
					if !known {
						a.Unknown++
						continue
					}
					a.Villages++
					a.Population += v.Population
					a.MeanHours += v.Population * w.Minutes[i] / 60
					a.MeanDomestic += v.Population * w.Domestic[i] / 60
				}
			}
			for _, a := range sorted(acc) {
				if a.Population > 0 {
					a.MeanHours /= a.Population
					a.MeanDomestic /= a.Population
					a.MeanGain = a.MeanHours - a.MeanDomestic
				} else {
					a.MeanHours, a.MeanDomestic, a.MeanGain = math.NaN(), math.NaN(), math.NaN()
				}
				out = append(out, *a)
			}
		}
	}
	return out
}

var levelOrder = map[string]int{LevelAll: 0, LevelCountry: 1, LevelArea: 2}

// sorted returns the values of acc by level then code.
func sorted[T any](acc map[[2]string]*T) []*T {
	keys := make([][2]string, 0, len(acc))
	for k := range acc {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		if keys[a][0] != keys[b][0] {
			return levelOrder[keys[a][0]] < levelOrder[keys[b][0]]
		}
		return keys[a][1] < keys[b][1]
	})
	out := make([]*T, len(keys))
	for n, k := range keys {
		out[n] = acc[k]
	}
	return out
}
