package roads

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/osmextract"
	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/datasets/osmroad"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/study/progress"
)

// The same OpenStreetMap files often give a run its villages, services
// and boundaries and its roads (OSM inputs X, with or without roads X), or
// its roads and the country polygons a closed border needs. They are
// read once for all of these: one shared read (at most three passes over
// each file) feeding the extract and the road network builder.

// OSMRoads are road networks collected by a shared read, not built yet
// (building needs the country labels, known once the read is over).
type OSMRoads struct {
	files    []string
	profiles []road.Profile
	col      *osmroad.Collector
	read     *osmfile.ReadReport
}

// ReadOSM reads files once for the extract with ext (none when nil) and
// the road networks of profiles (none when empty).
func ReadOSM(ctx context.Context, files []string, ext *osmextract.Options, profiles []road.Profile) (*osmextract.Result, *OSMRoads, error) {
	srcs := make([]osmfile.Source, len(files))
	for i, f := range files {
		srcs[i] = progress.OSMFileSource(ctx, f)
	}
	var consumers []osmfile.Consumer
	var ec *osmextract.Collector
	if ext != nil {
		var err error
		if ec, err = osmextract.NewCollector(*ext); err != nil {
			return nil, nil, err
		}
		consumers = append(consumers, ec)
	}
	var roads *OSMRoads
	if len(profiles) > 0 {
		rc, err := osmroad.NewCollector(profiles, osmroad.Options{})
		if err != nil {
			return nil, nil, err
		}
		roads = &OSMRoads{files: files, profiles: profiles, col: rc}
		consumers = append(consumers, rc)
	}
	read, err := osmfile.Read(ctx, srcs, 0, consumers...)
	if err != nil {
		return nil, nil, err
	}
	if roads != nil {
		roads.read = read
	}
	var res *osmextract.Result
	if ec != nil {
		if res, err = ec.Result(ctx, srcs, read); err != nil {
			return nil, nil, err
		}
	}
	return res, roads, nil
}

// Files reports the files read.
func (o *OSMRoads) Files() []osmfile.FileReport { return o.read.Files }

// EachArrays hands the collected networks to fn one at a time, as the
// arrays of their road graphs (see osmroad.Collector.EachArrays). Call it
// once.
func (o *OSMRoads) EachArrays(ctx context.Context, country func(orb.Point) string, fn func(road.Arrays) error) (*osmroad.Report, error) {
	return o.col.EachArrays(ctx, o.read, country, func(a road.Arrays, _ []int64) error { return fn(a) })
}

// Holds reports whether o holds the network of profile read from files.
func (o *OSMRoads) Holds(files []string, profile road.Profile) bool {
	return o != nil && slices.Equal(o.files, files) && slices.Equal(o.profiles, []road.Profile{profile})
}

// CountryExtract are the extract options reading only the complete
// admin_level=2 relations: the countries of road extracts.
func CountryExtract() *osmextract.Options {
	return &osmextract.Options{BoundariesOnly: true, AdminLevels: []int{2}}
}

// CountriesIn interprets a country extract of files: the country
// polygons, and the country relations the extract edge cuts. When no
// country polygon remains, why says so and why.
func CountriesIn(res *osmextract.Result, files []string) (bs []datasets.Boundary, cut []string, why string) {
	var other []string
	for _, sk := range res.Report.Skipped {
		switch {
		case sk.AdminLevel != 2:
		case sk.MissingMembers > 0 || sk.MissingNodes > 0:
			cut = append(cut, fmt.Sprintf("%s (%s)", sk.Name, sk.OSM))
		default:
			other = append(other, fmt.Sprintf("%s (%s): %s", sk.Name, sk.OSM, sk.Reason))
		}
	}
	if len(res.Boundaries) == 0 {
		var reasons []string
		if len(cut) > 0 {
			reasons = append(reasons, "the extract edge cuts "+strings.Join(cut, "; "))
		}
		if len(other) > 0 {
			reasons = append(reasons, "skipped "+strings.Join(other, "; "))
		}
		if len(reasons) == 0 {
			reasons = append(reasons, "none in the files")
		}
		return nil, nil, fmt.Sprintf("%s holds no complete admin_level=2 relation with an ISO 3166-1 code (%s)",
			strings.Join(files, ", "), strings.Join(reasons, "; "))
	}
	return res.Boundaries, cut, ""
}
