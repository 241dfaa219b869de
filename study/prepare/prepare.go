// Package prepare builds the routable road graphs once from OpenStreetMap
// extracts (merged by OSM id, so that roads crossing the border connect)
// and saves them in one versioned, checksummed graph file that a run
// loads in a fraction of the parsing time. Distances in the graphs are in
// metres. Progress goes to the study/progress of the context.
package prepare

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/osmextract"
	"github.com/partons/partons/datasets/osmroad"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/geo/road/graphfile"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/study/progress"
	"github.com/partons/partons/study/roads"
)

// Options are the settings of Prepare.
type Options struct {
	Out        string         // the graph file, replaced atomically (only a graph file is ever replaced)
	Profiles   []road.Profile // one graph each, in this order
	Boundaries []string       // country polygons to count border-crossing edges; none: the extracts' own countries
	// NoBorders, when set, is told why border-crossing edges could not
	// be counted (no boundaries given and the extracts hold no complete
	// country).
	NoBorders func(why string)
	Log       io.Writer // notes of the output file; nil for none
}

// Result is what Prepare built and wrote.
type Result struct {
	Report *osmroad.Report // what the OSM read found
	Graphs []*road.Graph   // one per profile, as written
}

// Prepare reads the OpenStreetMap extracts files, builds one graph per
// profile and writes them into o.Out. A cancelled ctx stops it with the
// file left as it was.
func Prepare(ctx context.Context, files []string, o Options) (*Result, error) {
	pr := progress.From(ctx)
	var country func(orb.Point) string
	if len(o.Boundaries) > 0 {
		var srcs []load.Source
		for _, b := range o.Boundaries {
			srcs = append(srcs, load.File(b))
		}
		bs, _, err := load.Boundaries(srcs, config.Default().Boundaries)
		if err != nil {
			return nil, err
		}
		country = roads.CountryLabeller(bs)
	}
	// Without boundaries, count the crossings on the extracts' own
	// complete country relations, as a closed border would draw them,
	// read in the same passes as the roads.
	var ext *osmextract.Options
	if len(o.Boundaries) == 0 {
		ext = roads.CountryExtract()
	}
	pr.Step("reading " + fmt.Sprint(len(files)) + " extract(s)")
	res, osm, err := roads.ReadOSM(ctx, files, ext, o.Profiles)
	if err != nil {
		return nil, err
	}
	if res != nil {
		bs, _, why := roads.CountriesIn(res, files)
		if why != "" {
			if o.NoBorders != nil {
				o.NoBorders(why)
			}
		} else {
			country = roads.CountryLabeller(bs)
		}
	}
	nets, rep, err := osm.Networks(ctx, country)
	if err != nil {
		return nil, err
	}
	meta := roads.GraphMeta(rep)
	graphs := make([]*road.Graph, len(nets))
	for i, n := range nets {
		pr.Step("building the " + string(n.Profile) + " graph")
		g, err := road.Build(n.Profile, n.Vertices, n.Edges)
		if err != nil {
			return nil, fmt.Errorf("prepare: %s: %w", n.Profile, err)
		}
		g.Meta = meta
		graphs[i] = g
	}
	pr.Step("writing " + o.Out)
	if err := writeGraphs(ctx, o.Out, graphs, o.Log); err != nil {
		return nil, err
	}
	pr.Done()
	return &Result{Report: rep, Graphs: graphs}, nil
}

// writeGraphs writes the graphs one after the other into path, through an
// output.File renamed into place (removed on a signal, and by the next
// writer if the process is killed). The file gets the usual mode 0666
// less the umask (0644 with the common umask 022), as any file a command
// writes: a graph holds nothing private.
func writeGraphs(ctx context.Context, path string, graphs []*road.Graph, log io.Writer) error {
	f, err := output.CreateFile(ctx, path, output.Options{Command: "prepare", Log: log, Owns: GraphFileOwned})
	if err != nil {
		return err
	}
	defer f.Abort()
	for _, g := range graphs {
		if _, err := graphfile.Write(f.Writer(), g); err != nil {
			return fmt.Errorf("prepare: writing %s: %w", path, err)
		}
	}
	return f.Commit()
}

// GraphFileOwned recognises a graph file by its magic: prepare replaces
// only a graph file, never another file at its path.
func GraphFileOwned(head []byte) bool { return bytes.HasPrefix(head, roads.GraphMagic) }
