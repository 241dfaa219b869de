package flex

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/gtfs/internal/feedio"
	"github.com/partons/partons/datasets/hours"
)

// Defaults of a configured on-demand zone's rules.
const (
	DefaultMaxWalkM       = 500
	DefaultMaxRideFactor  = 2.0
	DefaultBookingLeadMin = 60
	DefaultMaxTransfers   = 1
)

// zoneKeys are the properties a configured zone may have.
var zoneKeys = map[string]bool{"id": true, "name": true, "hours": true, "country": true, "max_walk_m": true,
	"max_ride_factor": true, "booking_lead_min": true, "max_transfers": true}

// ReadZones reads a configuration file of on-demand zones: a GeoJSON
// FeatureCollection (RFC 7946, WGS84 lon/lat), one Feature per zone,
// whose geometry is the zone's Polygon or MultiPolygon and whose
// properties are its rules:
//
//	id                the zone's id (or the feature's "id"); required, unique
//	name              a name for reports
//	hours             operating hours, an OpenStreetMap opening_hours value
//	                  ("Mo-Fr 07:00-19:00; Sa 08:00-13:00"); required
//	country           ISO 3166-1 alpha-2 code whose public holidays the
//	                  hours' PH rules name (BE, FR, …); required when they
//	                  name PH, so that a holiday is never a guess
//	max_walk_m        longest walk to or from the pick-up point, metres
//	                  (default 500)
//	max_ride_factor   longest ride as a multiple of the direct car time
//	                  between pick-up and drop-off, at least 1 (default 2)
//	booking_lead_min  minutes between booking and departure (default 60)
//	max_transfers     transfers to or from fixed-route public transport a
//	                  journey with this service may make (default 1)
//
// Any other property is an error, so a misspelt rule is not silently
// replaced by its default. Ids are namespaced by the file name without
// extension ("westhoek-flex.geojson" → "westhoek-flex:ZONE"). Problems come
// back all together as a datasets.ErrorList naming the file, feature and
// property.
func ReadZones(path string) (*Flex, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	var p feedio.Problems
	if fi.Size() > feedio.MaxFileBytes {
		p.Add(path, 0, "", "file is %d bytes: more than the %d one input file may have", fi.Size(), feedio.MaxFileBytes)
		return nil, p.Err()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ns := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	fx := &Flex{Feed: ns}
	ids, props, areas, index := readFeatures(path, data, &p)
	for i, id := range ids {
		z := Zone{ID: ns + ":" + id, Area: areas[i], Bound: areas[i].Bound(),
			OnDemand: &OnDemand{MaxWalkM: DefaultMaxWalkM, MaxRideFactor: DefaultMaxRideFactor,
				BookingLeadMin: DefaultBookingLeadMin, MaxTransfers: DefaultMaxTransfers}}
		if err := zoneRules(&z, props[i]); err != nil {
			p.AddFeature(path, index[i], err.field, "zone %q: %s", id, err.reason)
			continue
		}
		fx.Zones = append(fx.Zones, z)
	}
	if len(ids) == 0 && p.Len() == 0 {
		p.Add(path, 0, "", "no zone: the file holds no feature")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	fx.buildIndex()
	fx.Files = append(fx.Files, gtfs.FileRows{Feed: ns, File: filepath.Base(path), Read: len(fx.Zones), Used: len(fx.Zones), Unused: map[string]int{}})
	return fx, nil
}

type ruleError struct{ field, reason string }

// zoneRules reads a configured zone's properties into its rules.
func zoneRules(z *Zone, props map[string]json.RawMessage) *ruleError {
	var keys []string
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !zoneKeys[k] {
			return &ruleError{k, "unknown property (known: booking_lead_min, country, hours, id, max_ride_factor, max_transfers, max_walk_m, name)"}
		}
	}
	name, ok := propString(props, "name")
	if !ok {
		return &ruleError{"name", "want a string"}
	}
	z.Name = name
	h, ok := propString(props, "hours")
	switch {
	case !ok:
		return &ruleError{"hours", "want an opening_hours string"}
	case h == "":
		return &ruleError{"hours", "required: the operating hours (\"Mo-Fr 07:00-19:00\"); a zone is never open at unknown times"}
	}
	parsed, err := hours.Parse(h)
	if err != nil {
		return &ruleError{"hours", fmt.Sprintf("%q: %v", h, err)}
	}
	od := z.OnDemand
	od.Hours, od.Parsed = h, parsed
	country, ok := propString(props, "country")
	if !ok {
		return &ruleError{"country", "want a string"}
	}
	switch {
	case country != "" && hours.CalendarFor(country) == nil && parsed.UsesHolidays():
		return &ruleError{"country", fmt.Sprintf("%q: no public-holiday calendar for it (known: %s), and the hours name PH", country, strings.Join(hours.Countries(), ", "))}
	case country == "" && parsed.UsesHolidays():
		return &ruleError{"country", fmt.Sprintf("required: the hours %q name public holidays (PH); give the zone's country (%s)", h, strings.Join(hours.Countries(), ", "))}
	}
	od.Country = country
	for _, n := range []struct {
		key     string
		lo, hi  float64
		integer bool
		to      *float64
		toInt   *int
		meaning string
	}{
		{"max_walk_m", 0, 10_000, false, &od.MaxWalkM, nil, "metres"},
		{"max_ride_factor", 1, 10, false, &od.MaxRideFactor, nil, "times the direct car time"},
		{"booking_lead_min", 0, 14 * 1440, true, nil, &od.BookingLeadMin, "minutes"},
		{"max_transfers", 0, 10, true, nil, &od.MaxTransfers, "transfers"},
	} {
		raw, ok := props[n.key]
		if !ok || string(raw) == "null" {
			continue
		}
		var v float64
		if err := json.Unmarshal(raw, &v); err != nil || math.IsNaN(v) || v < n.lo || v > n.hi || n.integer && v != math.Trunc(v) {
			kind := "a number"
			if n.integer {
				kind = "a whole number"
			}
			return &ruleError{n.key, fmt.Sprintf("%s: want %s from %g to %g (%s)", raw, kind, n.lo, n.hi, n.meaning)}
		}
		if n.to != nil {
			*n.to = v
		} else {
			*n.toInt = int(v)
		}
	}
	return nil
}
