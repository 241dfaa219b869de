// Command synth writes the synthetic benchmark data sets:
//
//	go run ./benchmarks/synth -villages 100000 -services 1000 -out DIR
//
// produces DIR/villages.geojson and DIR/services.csv (same bytes for the
// same arguments), for the peer baselines in benchmarks/run.sh; with
// -osm-nodes N it also writes a national-size road network of about N OSM
// nodes, DIR/roads.osm.pbf, with DIR/boundaries.geojson (two countries),
// and places the villages and services on it (see benchmarks.SynthRoads):
//
//	go run ./benchmarks/synth -osm-nodes 1000000 -villages 1333 -services 2000 -out DIR
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/partons/partons/benchmarks"
)

func main() {
	nv := flag.Int("villages", 100000, "number of villages")
	ns := flag.Int("services", 1000, "number of services")
	seed := flag.Uint64("seed", 1, "random seed")
	osmNodes := flag.Int("osm-nodes", 0, "also write a road network of about this many OSM nodes (0: none)")
	out := flag.String("out", ".", "output directory")
	flag.Parse()
	if err := run(*nv, *ns, *seed, *osmNodes, *out); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}

func run(nv, ns int, seed uint64, osmNodes int, out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	files := map[string][]byte{}
	if osmNodes > 0 {
		net := benchmarks.SynthRoads{Nodes: osmNodes, Seed: seed}
		f, err := os.Create(filepath.Join(out, "roads.osm.pbf"))
		if err != nil {
			return err
		}
		bw := bufio.NewWriter(f)
		st, err := net.WriteOSM(bw)
		if err == nil {
			err = bw.Flush()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "synth: %d nodes, %d ways, %d links crossing the border\n", st.Nodes, st.Ways, st.Crossings)
		files["villages.geojson"], files["services.csv"], files["boundaries.geojson"] = net.Places(nv, ns)
	} else {
		files["villages.geojson"], files["services.csv"] = benchmarks.Synth(nv, ns, seed)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
