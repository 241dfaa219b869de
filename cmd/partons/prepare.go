package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/spf13/cobra"

	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/study/prepare"
	"github.com/partons/partons/study/progress"
)

type prepareOptions struct {
	out        string
	profiles   []string
	boundaries []string
	quiet      bool
	hierarchy  []string
	coreDegree float64
	contract   int
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
			if cmd.Flags().Changed("hierarchy") && len(o.hierarchy) == 0 {
				return usagef("--hierarchy=: name profiles (--hierarchy=car), or give --hierarchy alone for every profile")
			}
			for _, f := range []string{"core-degree", "contractions"} {
				if cmd.Flags().Changed(f) && !cmd.Flags().Changed("hierarchy") {
					return usagef("--%s tunes the contraction: give it with --hierarchy", f)
				}
			}
			// A bare --hierarchy takes no value after a space: "car"
			// there is a FILE, most likely meant as --hierarchy=car.
			if slices.Equal(o.hierarchy, []string{prepare.AllProfiles}) {
				for _, a := range args {
					if _, err := prepare.Profiles([]string{a}); err == nil {
						if _, err := os.Stat(a); err != nil {
							return usagef("FILE %q is a profile, not a file: to contract only its graph, write --hierarchy=%s (with =)", a, a)
						}
					}
				}
			}
			return runPrepare(cmd.Context(), o, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVarP(&o.out, "out", "o", "", "graph file to write (required)")
	cmd.Flags().StringSliceVar(&o.profiles, "profiles", []string{"car", "bicycle", "foot"}, "profiles to build")
	cmd.Flags().StringArrayVar(&o.boundaries, "boundaries", nil, "GeoJSON country polygons, to count border-crossing edges")
	cmd.Flags().StringSliceVar(&o.hierarchy, "hierarchy", nil, "also store the contraction hierarchy for travel time of each graph, or with --hierarchy=PROFILES of those (e.g. --hierarchy=car), which run then searches on (slower prepare, faster run, costs within a rounding bound)")
	cmd.Flags().Lookup("hierarchy").NoOptDefVal = prepare.AllProfiles
	cmd.Flags().Float64Var(&o.coreDegree, "core-degree", road.DefaultCoreDegree, "with --hierarchy: leave the junctions uncontracted once those left have on average this many arcs (a core searched by Dijkstra: faster prepare, slower searches); 0 contracts them all")
	cmd.Flags().IntVar(&o.contract, "contractions", 1, "with --hierarchy: graphs contracted at once, each on its own core (2 is faster on 2 cores but holds a third more memory; the file is the same)")
	limitFlag(cmd.Flags(), nonNegative, "core-degree")
	limitFlag(cmd.Flags(), positive, "contractions")
	addQuietFlag(cmd, &o.quiet)
	return cmd
}

func runPrepare(ctx context.Context, o *prepareOptions, files []string, stdout, stderr io.Writer) error {
	if o.out == "" {
		return usagef("--out FILE is required")
	}
	profiles, err := prepare.Profiles(o.profiles)
	if err != nil {
		return flagged(err)
	}
	contracted, err := prepare.HierarchyProfiles(o.hierarchy, profiles)
	if err != nil {
		return flagged(err)
	}
	if err := checkOutputs("prepare", outFile("--out", o.out, prepare.GraphFileOwned), paths("FILE", files...), paths("--boundaries", o.boundaries...)); err != nil {
		return err
	}
	ctx = progress.With(ctx, progress.New(stderr, o.quiet))
	memoryForPrepare()
	res, err := prepare.Prepare(ctx, files, prepare.Options{Out: o.out, Profiles: profiles, Boundaries: o.boundaries, Log: stderr, Hierarchy: len(contracted) > 0, HierarchyProfiles: contracted,
		HierarchyOptions: []road.HierarchyOption{road.CoreDegree(o.coreDegree)}, Contractions: o.contract,
		NoBorders: func(why string) {
			fmt.Fprintf(stderr, "partons: border-crossing edges not counted: %s; give --boundaries to count them\n", why)
		}})
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, res.Report.String())
	for _, g := range res.Graphs {
		fmt.Fprintf(stdout, "%s: %d vertices, %d edges, %d components (largest %d vertices)\n",
			g.Profile, g.Vertices, g.Edges, g.Components, g.Largest)
		if g.Hierarchy {
			core := ""
			if g.Core > 0 {
				core = fmt.Sprintf(", core of %d junctions", g.Core)
			}
			fmt.Fprintf(stdout, "%s: contraction hierarchy for %v: %d arcs, %d of them shortcuts%s\n", g.Profile, prepare.HierarchyWeight, g.HierarchyArcs, g.Shortcuts, core)
		}
	}
	fmt.Fprintf(stdout, "wrote %s\n", o.out)
	return nil
}
