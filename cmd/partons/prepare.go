package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/osmroad"
	"github.com/partons/partons/geo/road"
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
	cmd.MarkFlagRequired("out")
	addQuietFlag(cmd, &o.quiet)
	return cmd
}

func runPrepare(ctx context.Context, o *prepareOptions, files []string, stdout, stderr io.Writer) error {
	var profiles []road.Profile
	for _, p := range o.profiles {
		switch road.Profile(p) {
		case road.Car, road.Bicycle, road.Foot:
			profiles = append(profiles, road.Profile(p))
		default:
			return usagef("--profiles: %q is not car, bicycle or foot", p)
		}
	}
	pr := newProgress(stderr, o.quiet)
	ctx = withProgress(ctx, pr)
	var opts osmroad.Options
	if len(o.boundaries) > 0 {
		var srcs []load.Source
		for _, b := range o.boundaries {
			srcs = append(srcs, load.File(b))
		}
		bs, _, err := load.Boundaries(srcs, config.Default().Boundaries)
		if err != nil {
			return err
		}
		opts.Country = countryLabeller(bs)
	}
	var srcs []osmroad.Source
	for _, f := range files {
		srcs = append(srcs, osmFileSource(ctx, f))
	}
	pr.step("reading " + fmt.Sprint(len(files)) + " extract(s)")
	nets, rep, err := osmroad.ReadProfiles(ctx, srcs, profiles, opts)
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
	if err := writeGraphs(o.out, graphs); err != nil {
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

// writeGraphs writes the graphs one after the other into path, through a
// temporary file renamed into place.
func writeGraphs(path string, graphs []*road.Graph) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<20)
	for _, g := range graphs {
		if _, err := g.WriteTo(bw); err != nil {
			tmp.Close()
			return fmt.Errorf("prepare: writing %s: %w", path, err)
		}
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
