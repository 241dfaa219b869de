package main

import (
	"fmt"
	"os"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/reportdir"
)

// runFlagsExclusiveWithManifest are the flags a manifest already decides.
var runFlagsExclusiveWithManifest = []string{"villages", "services", "boundaries", "roads", "config",
	"thresholds-m", "categories", "cross-border", "village-field", "service-field", "villages-epsg",
	"services-epsg", "attribution", "profile", "route-by", "snap-m", "max-road-m", "max-time-min",
	"border", "time-thresholds-min", "outputs", "model", "decay", "catchment", "format", "lang", "osm", "population", "apportion", "when", "lenient-hours"}

// specFromManifest reads the run recorded in a manifest.json written by
// partons run.
func specFromManifest(o *runOptions) (runSpec, *manifest, error) {
	for _, f := range runFlagsExclusiveWithManifest {
		if o.changed(f) {
			return runSpec{}, nil, usagef("--manifest decides every input and parameter: drop --%s", f)
		}
	}
	m, err := reportdir.Read(o.manifestPath)
	if err != nil {
		return runSpec{}, nil, err
	}
	if m.Command != "run" || m.Run == nil {
		return runSpec{}, nil, &datasets.RecordError{Source: o.manifestPath, Feature: -1, Field: "run",
			Reason: "not the manifest of a partons run (no \"run\" section)"}
	}
	if m.Version != version {
		fmt.Fprintf(os.Stderr, "partons: warning: %s was written by partons %s, this is %s: outputs may differ\n",
			o.manifestPath, m.Version, version)
	}
	return *m.Run, m, nil
}

// checkInputsUnchanged compares the inputs just read with the hashes the
// manifest recorded: a changed file cannot reproduce the report.
func checkInputsUnchanged(path string, want *manifest, in *inputs) error {
	recorded := map[string]string{}
	for _, f := range want.Inputs {
		recorded[f.Name] = f.SHA256
	}
	var errs datasets.ErrorList
	for _, f := range in.files {
		if h, ok := recorded[f.Name]; ok && h != f.SHA256 {
			errs.Add(&datasets.RecordError{Source: path, Feature: -1, Field: "inputs",
				Reason: fmt.Sprintf("%s has changed since the manifest was written (sha256 %s, now %s)", f.Name, h, f.SHA256)})
		}
	}
	return errs.Err()
}

// checkRoadsUnchanged does the same for road extracts.
func checkRoadsUnchanged(path string, want *manifest, got *roadInfo) error {
	if want == nil || want.Roads == nil || got == nil {
		return nil
	}
	recorded := map[string]string{}
	for _, f := range want.Roads.Files {
		recorded[f.Name] = f.SHA256
	}
	var errs datasets.ErrorList
	for _, f := range got.Files {
		if h, ok := recorded[f.Name]; ok && h != f.SHA256 {
			errs.Add(&datasets.RecordError{Source: path, Feature: -1, Field: "roads",
				Reason: fmt.Sprintf("%s has changed since the manifest was written", f.Name)})
		}
	}
	return errs.Err()
}
