package osmextract

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/partons/partons/datasets/osmarea"
	"github.com/partons/partons/datasets/osmextract/internal/tags"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/geo"
	"github.com/partons/partons/geo/index"
)

// Extract reads sources (PBF, XML, XML+bzip2/gzip, mixed freely) as one
// merged data set and returns its villages, services and boundaries (see
// the package comment for what is kept and how). On a malformed, truncated
// or changing file, or cancellation, it returns an error naming the file
// (an *osmfile.FileError) and no partial result. O(S + K log K) time for S
// bytes of input and K kept objects.
//
// To extract in the same passes as another reader of the same files (the
// road network), give a Collector to osmfile.Read instead.
func Extract(ctx context.Context, sources []osmfile.Source, opts Options) (*Result, error) {
	if len(sources) == 0 {
		return nil, errNoSources
	}
	c, err := NewCollector(opts)
	if err != nil {
		return nil, err
	}
	read, err := osmfile.Read(ctx, sources, opts.Procs, c)
	if err != nil {
		return nil, err
	}
	return c.Result(ctx, sources, read)
}

// Collector extracts villages, services and boundaries from a shared read
// (osmfile.Read). Use it for one read only.
type Collector struct{ r *reader }

var _ osmfile.Consumer = (*Collector)(nil)

// NewCollector returns a Collector with the settings of opts.
func NewCollector(opts Options) (*Collector, error) {
	set, err := opts.settings(defaultProcs(opts.Procs))
	if err != nil {
		return nil, err
	}
	return &Collector{r: &reader{set: set, rep: &Report{
		Places: map[string]Count{}, Categories: map[string]Count{},
	}}}, nil
}

// Result assembles what the collector kept, once read (the report of the
// osmfile.Read call over sources) has ended without error.
func (c *Collector) Result(ctx context.Context, sources []osmfile.Source, read *osmfile.ReadReport) (*Result, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := c.r
	r.rep.Files = read.Files
	r.rep.Scanned = Count{Nodes: read.NodesScanned, Ways: read.WaysScanned, Relations: read.RelationsScanned}
	names := make([]string, len(sources))
	for i, s := range sources {
		names[i] = s.Name
	}
	res := r.build(names)
	r.dataDate(read.Newest)
	res.Report = r.rep
	return res, nil
}

// dataDate fills DataDate and NewestElement.
func (r *reader) dataDate(newest time.Time) {
	r.rep.NewestElement = newest
	for _, f := range r.rep.Files {
		if f.ReplicationTime.After(r.rep.DataDate) {
			r.rep.DataDate = f.ReplicationTime.UTC()
		}
	}
	if r.rep.DataDate.IsZero() {
		r.rep.DataDate = r.rep.NewestElement
	}
}

// feature is a candidate place or service: a tagged node, closed way or
// assembled relation.
type feature struct {
	id   ObjectID
	file int32
	tags osm.Tags
	geom orb.Geometry // orb.Point, orb.Polygon or orb.MultiPolygon
	loc  orb.Point    // the node, or a point inside the area
}

// boundaryRec is an assembled administrative boundary.
type boundaryRec struct {
	rel   *relRec
	level int
	mp    orb.MultiPolygon
	loc   orb.Point
}

// build assembles areas, locates places and services in the boundaries
// and merges node/area duplicates.
func (r *reader) build(files []string) *Result {
	var feats []feature
	var bounds []boundaryRec
	for _, n := range r.nodes {
		feats = append(feats, feature{id: ObjectID{"node", n.id}, file: n.file, tags: n.tags, geom: n.pt, loc: n.pt})
	}
	for k := range r.ways {
		if f, ok := r.wayFeature(&r.ways[k]); ok {
			feats = append(feats, f)
		}
	}
	for k := range r.rels {
		rel := &r.rels[k]
		level := r.set.tags.AdminLevel(rel.tags)
		interesting := r.set.tags.Interesting(rel.tags)
		a := r.assemble(rel.members)
		r.rep.Artefacts.MissingMembers += int64(a.missingMembers)
		r.rep.Artefacts.UnclosedRings += int64(a.Unclosed)
		r.rep.Artefacts.OrphanInners += int64(a.OrphanInners)
		if !a.ok() {
			r.skip(rel, level, a)
			continue
		}
		loc, err := geo.PointOnSurface(a.MP)
		if err != nil {
			r.rep.Artefacts.EmptyAreas++
			r.skip(rel, level, a)
			continue
		}
		if level > 0 {
			bounds = append(bounds, boundaryRec{rel: rel, level: level, mp: a.MP, loc: loc})
		}
		if interesting {
			var geom orb.Geometry = a.MP
			if len(a.MP) == 1 {
				geom = a.MP[0]
			}
			feats = append(feats, feature{id: ObjectID{"relation", rel.id}, file: rel.file, tags: rel.tags, geom: geom, loc: loc})
		}
	}
	loc := r.locator(bounds)
	res := &Result{}
	r.boundaries(res, bounds, loc, files)
	r.villages(res, feats, loc, files)
	r.services(res, feats, loc, files)
	return res
}

// wayFeature makes a closed, tagged way into an area feature; open ways,
// ways tagged area=no, ways with missing nodes and rings without interior
// are counted and skipped.
func (r *reader) wayFeature(w *wayRec) (feature, bool) {
	if w.tags == nil {
		return feature{}, false
	}
	if len(w.refs) < 4 || w.refs[0] != w.refs[len(w.refs)-1] || w.tags.Find("area") == "no" {
		r.rep.Artefacts.OpenWays++
		return feature{}, false
	}
	c, missing := r.wayChain(w)
	if missing > 0 {
		r.rep.Artefacts.IncompleteWays++
		return feature{}, false
	}
	ring := orb.Ring(c.Pts)
	ar := osmarea.SignedArea(ring)
	if len(ring) < 4 || ar == 0 {
		r.rep.Artefacts.EmptyAreas++
		return feature{}, false
	}
	if ar < 0 {
		slices.Reverse(ring)
	}
	poly := orb.Polygon{ring}
	p, err := geo.PointOnSurface(poly)
	if err != nil {
		r.rep.Artefacts.EmptyAreas++
		return feature{}, false
	}
	return feature{id: ObjectID{"way", w.id}, file: w.file, tags: w.tags, geom: poly, loc: p}, true
}

// skip records a relation that could not be assembled.
func (r *reader) skip(rel *relRec, level int, a assembly) {
	kind := "boundary"
	if level == 0 {
		kind = "service"
		if r.set.tags.Place(rel.tags.Find("place")) {
			kind = "place"
		}
	}
	var why []string
	if a.missingMembers > 0 {
		why = append(why, strconv.Itoa(a.missingMembers)+" member ways missing (extract edge)")
	}
	if a.missingNodes > 0 {
		why = append(why, strconv.Itoa(a.missingNodes)+" node references missing (extract edge)")
	}
	if a.Unclosed > 0 {
		why = append(why, strconv.Itoa(a.Unclosed)+" rings do not close")
	}
	if len(why) == 0 {
		why = append(why, "no ring with an interior")
	}
	r.rep.Skipped = append(r.rep.Skipped, Skipped{
		OSM: ObjectID{"relation", rel.id}, Name: rel.tags.Find("name"), Kind: kind, AdminLevel: level,
		MissingMembers: a.missingMembers, MissingNodes: a.missingNodes, UnclosedRings: a.Unclosed,
		Reason: strings.Join(why, ", "),
	})
}

// locator finds the country and the area (municipality) of a point.
type locator struct {
	countries   []*boundaryRec
	countryCode []string
	cix         *index.Polygons
	areas       []*boundaryRec // highest admin level (smallest areas) first, then id
	areaCountry []string
	areaCode    []string
	aix         *index.Polygons
}

// locator indexes the country boundaries (the level-2 ones with a valid
// ISO code) and the area boundaries, and gives each area a country.
func (r *reader) locator(bounds []boundaryRec) *locator {
	l := &locator{}
	var cpolys, apolys []orb.MultiPolygon
	for k := range bounds {
		b := &bounds[k]
		if b.level == r.set.countryLvl {
			if code := tags.CountryCode(b.rel.tags); code != "" {
				l.countries = append(l.countries, b)
				l.countryCode = append(l.countryCode, code)
				cpolys = append(cpolys, b.mp)
			}
			continue
		}
		l.areas = append(l.areas, b)
	}
	slices.SortStableFunc(l.areas, func(a, b *boundaryRec) int {
		return cmp.Or(cmp.Compare(b.level, a.level), cmp.Compare(a.rel.id, b.rel.id))
	})
	l.cix = index.NewPolygons(cpolys)
	for _, a := range l.areas {
		apolys = append(apolys, a.mp)
		code, keyCountry := r.set.tags.AreaCode(a.rel.tags)
		if code == "" {
			code = ObjectID{"relation", a.rel.id}.String()
		}
		country := l.country(a.loc)
		if country == "" {
			country = keyCountry
		}
		l.areaCode = append(l.areaCode, code)
		l.areaCountry = append(l.areaCountry, country)
	}
	l.aix = index.NewPolygons(apolys)
	return l
}

// country returns the code of the country polygon containing p, or "".
func (l *locator) country(p orb.Point) string {
	if i, ok := l.cix.Locate(p); ok {
		return l.countryCode[i]
	}
	return ""
}

// locate returns the country and the area (index into l.areas, -1 if
// none) of p. The country comes from the country polygons, else from the
// area. An area of another country than the point's is not used.
func (l *locator) locate(p orb.Point) (country string, area int) {
	country, area = l.country(p), -1
	if i, ok := l.aix.Locate(p); ok {
		ac := l.areaCountry[i]
		if country == "" {
			country = ac
		}
		if ac == "" || ac == country {
			area = int(i)
		}
	}
	return country, area
}

// boundaries writes the assembled boundaries with a known country:
// areas first (highest admin level first), then countries, each by id.
func (r *reader) boundaries(res *Result, bounds []boundaryRec, l *locator, files []string) {
	add := func(b *boundaryRec, country, code string) {
		if country == "" {
			r.rep.Skipped = append(r.rep.Skipped, Skipped{
				OSM: ObjectID{"relation", b.rel.id}, Name: b.rel.tags.Find("name"), Kind: "boundary", AdminLevel: b.level,
				Reason: "country unknown: in no country polygon and no code tag names one",
			})
			return
		}
		name := b.rel.tags.Find("name")
		bd := datasets.Boundary{
			ID: ObjectID{"relation", b.rel.id}.String(), Country: country, Geometry: b.mp,
			Origin: datasets.Origin{Source: files[b.rel.file], Feature: -1},
		}
		if b.level != r.set.countryLvl {
			bd.AreaCode, bd.AreaName = code, name
		}
		res.Boundaries = append(res.Boundaries, bd)
		res.BoundaryInfo = append(res.BoundaryInfo, BoundaryInfo{
			OSM: ObjectID{"relation", b.rel.id}, AdminLevel: b.level, Name: name, AreaKm2: osmarea.SphericalAreaKm2(b.mp),
		})
	}
	for i, a := range l.areas {
		add(a, l.areaCountry[i], l.areaCode[i])
	}
	var countries []*boundaryRec
	for k := range bounds {
		if bounds[k].level == r.set.countryLvl {
			countries = append(countries, &bounds[k])
		}
	}
	for _, c := range countries {
		add(c, tags.CountryCode(c.rel.tags), "")
	}
	r.rep.Boundaries = len(res.Boundaries)
}

// normName is the comparison key of names: trimmed, inner white space
// collapsed, lower case.
func normName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
