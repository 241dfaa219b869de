package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/paulmach/orb"
	"github.com/spf13/cobra"

	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/osmextract"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/travel"
)

type prepareOptions struct {
	out        string
	profiles   []string
	boundaries []string
	quiet      bool
}

func newPrepareCmd() *cobra.Command {
	o := &prepareOptions{}
	cmd := &cobra.Command{
		Use:   "prepare FILE…",
		Short: "Build the routable road graph once from OpenStreetMap extracts",
		Long: `Reads OpenStreetMap extracts (.osm.pbf, .osm, .osm.bz2), merges them by OSM id
so that roads crossing the border connect, builds one routable graph per
profile and saves them in a versioned, checksummed graph file that
'partons run --roads FILE' loads in a fraction of the parsing time.`,
		Example: `  partons prepare belgium-latest.osm.pbf nord-pas-de-calais-latest.osm.pbf -o westhoek.graph`,
		Args:    wrapArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPrepare(cmd.Context(), o, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVarP(&o.out, "out", "o", "", "graph file to write (required)")
	cmd.Flags().StringSliceVar(&o.profiles, "profiles", []string{"car", "bicycle", "foot"}, "profiles to build")
	cmd.Flags().StringArrayVar(&o.boundaries, "boundaries", nil, "GeoJSON country polygons, to count border-crossing edges")
	addQuietFlag(cmd, &o.quiet)
	return cmd
}

func runPrepare(ctx context.Context, o *prepareOptions, files []string, stdout, stderr io.Writer) error {
	if o.out == "" {
		return usagef("--out FILE is required")
	}
	var profiles []road.Profile
	for _, p := range o.profiles {
		prof, err := travel.ParseProfile(p)
		if err != nil {
			return usagef("--profiles: %q is not car, bicycle or foot", p)
		}
		if slices.Contains(profiles, prof) {
			return usagef("--profiles: %s is given twice", p)
		}
		profiles = append(profiles, prof)
	}
	if len(profiles) == 0 {
		return usagef("--profiles: name at least one of car, bicycle and foot")
	}
	if err := checkOutputs("prepare", outFile("--out", o.out, graphFileOwned), paths("FILE", files...), paths("--boundaries", o.boundaries...)); err != nil {
		return err
	}
	pr := newProgress(stderr, o.quiet)
	ctx = withProgress(ctx, pr)
	var country func(orb.Point) string
	if len(o.boundaries) > 0 {
		var srcs []load.Source
		for _, b := range o.boundaries {
			srcs = append(srcs, load.File(b))
		}
		bs, _, err := load.Boundaries(srcs, config.Default().Boundaries)
		if err != nil {
			return err
		}
		country = countryLabeller(bs)
	}
	// Without --boundaries, count the crossings on the extracts' own
	// complete country relations, as a closed border would draw them,
	// read in the same passes as the roads.
	var ext *osmextract.Options
	if len(o.boundaries) == 0 {
		ext = countryExtract()
	}
	pr.step("reading " + fmt.Sprint(len(files)) + " extract(s)")
	res, roads, err := readOSM(ctx, files, ext, profiles)
	if err != nil {
		return err
	}
	if res != nil {
		bs, _, why := countriesIn(res, files)
		if why != "" {
			fmt.Fprintf(stderr, "partons: border-crossing edges not counted: %s; give --boundaries to count them\n", why)
		} else {
			country = countryLabeller(bs)
		}
	}
	nets, rep, err := roads.Networks(ctx, country)
	if err != nil {
		return err
	}
	meta := graphMeta(rep)
	graphs := make([]*road.Graph, len(nets))
	for i, n := range nets {
		pr.step("building the " + string(n.Profile) + " graph")
		g, err := road.Build(n.Profile, n.Vertices, n.Edges)
		if err != nil {
			return fmt.Errorf("prepare: %s: %w", n.Profile, err)
		}
		g.Meta = meta
		graphs[i] = g
	}
	pr.step("writing " + o.out)
	if err := writeGraphs(ctx, o.out, graphs, stderr); err != nil {
		return err
	}
	pr.done()
	fmt.Fprint(stdout, rep.String())
	for _, g := range graphs {
		c, largest := g.Components()
		fmt.Fprintf(stdout, "%s: %d vertices, %d edges, %d components (largest %d vertices)\n",
			g.Profile(), g.NumVertices(), g.NumEdges(), c, largest)
	}
	fmt.Fprintf(stdout, "wrote %s\n", o.out)
	return nil
}

// writeGraphs writes the graphs one after the other into path, through an
// output.File renamed into place (removed on a signal, and by the next
// writer if the process is killed). The file gets the usual mode 0666
// less the umask (0644 with the common umask 022), as any file a command
// writes: a graph holds nothing private.
func writeGraphs(ctx context.Context, path string, graphs []*road.Graph, stderr io.Writer) error {
	f, err := output.CreateFile(ctx, path, output.Options{Command: "prepare", Log: stderr, Owns: graphFileOwned})
	if err != nil {
		return err
	}
	defer f.Abort()
	for _, g := range graphs {
		if _, err := g.WriteTo(f.Writer()); err != nil {
			return fmt.Errorf("prepare: writing %s: %w", path, err)
		}
	}
	return f.Commit()
}

// graphFileOwned recognises a graph file by its magic: prepare replaces
// only a graph file, never another file at its -o path.
func graphFileOwned(head []byte) bool { return bytes.HasPrefix(head, graphMagic) }
