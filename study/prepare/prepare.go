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
	"slices"
	"sync"

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
	// Hierarchy, when set, builds each graph's contraction hierarchy for
	// HierarchyWeight and stores it in the file (format version 2), so
	// that a run loading the file searches on it without contracting.
	Hierarchy bool
	// HierarchyProfiles, when not empty, are the only profiles whose
	// graphs Hierarchy contracts; the others are stored without one.
	HierarchyProfiles []road.Profile
	// Contractions bounds the graphs contracted at once (each on its own
	// goroutine) when Hierarchy is set; 0 means one. The file's bytes are
	// the same for any value. Each contraction holds its graph and its
	// state: on the 31.5M-node synthetic network, one at a time peaks at
	// 7.5 GB and two at 10.4 GB for 0.80 of the wall time on 2 cores
	// (benchmarks/RESULTS.md).
	Contractions int
	// HierarchyOptions tune the contraction (road.CoreDegree).
	HierarchyOptions []road.HierarchyOption
}

// HierarchyWeight is the weight whose hierarchy Prepare stores: the one a
// run routes by unless told otherwise (route_by time, whatever the
// profile).
const HierarchyWeight = road.Time

// Result is what Prepare built and wrote.
type Result struct {
	Report *osmroad.Report // what the OSM read found
	Graphs []GraphSummary  // one per profile, as written
}

// GraphSummary describes one graph written.
type GraphSummary struct {
	Profile             road.Profile
	Vertices, Edges     int
	Components, Largest int // weakly connected components, and the vertex count of the largest
	// HierarchyArcs and Shortcuts size the stored hierarchy, Core its
	// junctions left uncontracted (road.CoreDegree; zeros without one).
	HierarchyArcs, Shortcuts, Core int
	Hierarchy                      bool // a hierarchy was built and stored
}

// Prepare reads the OpenStreetMap extracts files, builds one graph per
// profile and writes them into o.Out. A cancelled ctx stops it with the
// file left as it was. The graphs are built and written in profile
// order, each on the arrays of its network (road.FromArrays keeps them: no
// copy) and dropped once written, so that at most one graph is held with
// the tables of the read. With Hierarchy, up to o.Contractions graphs are
// contracted at once, each on its own goroutine, and the next graph is
// built once one of them is written. Each is written once contracted and
// once the one before it is written, so the file is the same as if they
// were contracted one after another (contraction is deterministic), and
// at most o.Contractions graphs are held with their contraction's state.
// An error is the one a run one profile after another would meet first: a
// graph's contraction or writing before any later profile's. The file is written through an output.File renamed
// into place (removed on a signal, and by the next writer if the process
// is killed), with the usual mode 0666 less the umask (0644 with the
// common umask 022), as any file a command writes: a graph holds nothing
// private.
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
	f, err := output.CreateFile(ctx, o.Out, output.Options{Command: "prepare", Log: o.Log, Owns: GraphFileOwned})
	if err != nil {
		return nil, err
	}
	defer f.Abort()
	var meta map[string]string
	var sums []GraphSummary
	slots := max(1, o.Contractions)
	sem := make(chan struct{}, slots)
	// written is closed once the previous graph is written (or failed, in
	// failed); each contraction writes after it.
	written := make(chan struct{})
	close(written)
	var failed error
	var mu sync.Mutex // guards failed and sums
	rep, err := osm.EachArrays(ctx, country, func(a road.Arrays) error {
		if meta == nil {
			meta = roads.GraphMeta(&osmroad.Report{Files: osm.Files()}) // the files are known before the networks
		}
		pr.Step("building the " + string(a.Profile) + " graph")
		a.Meta = meta
		g, err := road.FromArrays(a) // keeps the arrays: no copy of the network
		if err != nil {
			return fmt.Errorf("prepare: %s: %w", a.Profile, err)
		}
		write := func() error {
			if _, err := graphfile.Write(f.Writer(), g); err != nil {
				return fmt.Errorf("prepare: writing %s: %w", o.Out, err)
			}
			c, largest := g.Components()
			ha, sc := g.HierarchySizes(HierarchyWeight)
			mu.Lock()
			sums = append(sums, GraphSummary{Profile: g.Profile(), Vertices: g.NumVertices(), Edges: g.NumEdges(), Components: c, Largest: largest,
				HierarchyArcs: ha, Shortcuts: sc, Core: g.HierarchyCore(HierarchyWeight), Hierarchy: g.HasHierarchy(HierarchyWeight)})
			mu.Unlock()
			return nil
		}
		if !o.Hierarchy || (len(o.HierarchyProfiles) > 0 && !slices.Contains(o.HierarchyProfiles, a.Profile)) {
			// Written after the graphs before it, which may still be
			// contracting, so that the file keeps the profiles' order
			// and nothing else writes meanwhile.
			select {
			case <-written:
			case <-ctx.Done():
				return ctx.Err()
			}
			mu.Lock()
			err := failed
			mu.Unlock()
			if err != nil {
				return err
			}
			pr.Step("writing the " + string(g.Profile()) + " graph")
			if err := write(); err != nil {
				mu.Lock()
				failed = err
				mu.Unlock()
				return err
			}
			return nil
		}
		pr.Step("contracting the " + string(a.Profile) + " graph")
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		before, done := written, make(chan struct{})
		written = done
		go func() {
			defer close(done)
			defer func() { <-sem }() // the graph is held until written
			err := g.BuildHierarchy(HierarchyWeight, o.HierarchyOptions...)
			if err != nil {
				err = fmt.Errorf("prepare: %s: %w", a.Profile, err)
			}
			<-before
			mu.Lock()
			if failed != nil {
				err = failed
			}
			mu.Unlock()
			if err == nil {
				err = write()
			}
			mu.Lock()
			failed = err
			mu.Unlock()
		}()
		// Wait for a free slot before the next graph is built, so that
		// no built graph waits for one.
		select {
		case sem <- struct{}{}:
			<-sem
		case <-ctx.Done():
			return ctx.Err()
		}
		mu.Lock()
		defer mu.Unlock()
		return failed
	})
	<-written // every contraction done and written
	if failed != nil {
		err = failed // an earlier profile's, before what stopped the read
	}
	if err != nil {
		return nil, err
	}
	if err := f.Commit(); err != nil {
		return nil, err
	}
	pr.Done()
	return &Result{Report: rep, Graphs: sums}, nil
}

// GraphFileOwned recognises a graph file by its magic: prepare replaces
// only a graph file, never another file at its path.
func GraphFileOwned(head []byte) bool { return bytes.HasPrefix(head, roads.GraphMagic) }
