package main

import (
	"io"

	"github.com/partons/partons/study"
	"github.com/partons/partons/study/results"
)

// runFlagsExclusiveWithManifest are the flags a manifest already decides.
var runFlagsExclusiveWithManifest = []string{"villages", "services", "boundaries", "roads", "config",
	"thresholds-m", "categories", "cross-border", "village-field", "service-field", "villages-epsg",
	"services-epsg", "attribution", "profile", "route-by", "snap-m", "max-road-m", "max-time-min",
	"border", "time-thresholds-min", "outputs", "model", "decay", "catchment", "format", "lang", "osm", "population", "apportion", "when", "lenient-hours"}

// specFromManifest reads the run recorded in a manifest.json written by
// partons run.
func specFromManifest(o *runOptions, stderr io.Writer) (study.Spec, *study.Manifest, error) {
	for _, f := range runFlagsExclusiveWithManifest {
		if o.changed(f) {
			return study.Spec{}, nil, usagef("--manifest decides every input and parameter: drop --%s", f)
		}
	}
	return results.ReadManifest(o.manifestPath, stderr)
}
