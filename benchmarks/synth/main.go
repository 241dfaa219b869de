// Command synth writes the synthetic benchmark data set:
//
//	go run ./benchmarks/synth -villages 100000 -services 1000 -out DIR
//
// producing DIR/villages.geojson and DIR/services.csv (same bytes for the
// same arguments), for the peer baselines in benchmarks/run.sh.
package main

import (
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
	out := flag.String("out", ".", "output directory")
	flag.Parse()
	v, s := benchmarks.Synth(*nv, *ns, *seed)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for name, b := range map[string][]byte{"villages.geojson": v, "services.csv": s} {
		if err := os.WriteFile(filepath.Join(*out, name), b, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
