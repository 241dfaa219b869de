package results

import (
	"fmt"
	"io"
	"os"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/jsonpos"
	"github.com/partons/partons/study/usage"
)

// ReadManifest reads the run recorded in a manifest.json written by
// partons run, warning on stderr when another version of partons wrote it.
func ReadManifest(path string, stderr io.Writer) (study.Spec, *study.Manifest, error) {
	m, err := reportdir.Read(path)
	if err != nil {
		return study.Spec{}, nil, err
	}
	if m.Command != "run" || m.Run == nil {
		return study.Spec{}, nil, &datasets.RecordError{Source: path, Feature: -1, Field: "run",
			Reason: "not the manifest of a partons run (no \"run\" section)"}
	}
	if m.Version != study.Version {
		fmt.Fprintf(stderr, "partons: warning: %s was written by partons %s, this is %s: outputs may differ\n",
			path, m.Version, study.Version)
	}
	return *m.Run, m, nil
}

// ManifestSpecError locates a bad spec value in a replayed manifest: its
// key in the run section and the line it is on.
func ManifestSpecError(path string, err error) error {
	data, _ := os.ReadFile(path) // read a moment ago; no line if it fails now
	if se, ok := err.(*study.SpecError); ok {
		key := "run." + se.Key
		return &datasets.RecordError{Source: path, Line: jsonpos.Line(data, config.KeyPath(key)), Feature: -1, Field: key, Reason: se.Reason}
	}
	if ue, ok := err.(*usage.Error); ok {
		return &datasets.RecordError{Source: path, Line: jsonpos.Line(data, []any{"run"}), Feature: -1, Field: "run", Reason: ue.Error()}
	}
	return err
}

// CheckInputsUnchanged compares the inputs just read with the hashes the
// manifest recorded: a changed file cannot reproduce the report.
func CheckInputsUnchanged(path string, want *study.Manifest, in *study.Inputs) error {
	recorded := map[string]string{}
	for _, f := range want.Inputs {
		recorded[f.Name] = f.SHA256
	}
	var errs datasets.ErrorList
	for _, f := range in.Files {
		if h, ok := recorded[f.Name]; ok && h != f.SHA256 {
			errs.Add(&datasets.RecordError{Source: path, Feature: -1, Field: "inputs",
				Reason: fmt.Sprintf("%s has changed since the manifest was written (sha256 %s, now %s)", f.Name, h, f.SHA256)})
		}
	}
	return errs.Err()
}

// CheckRoadsUnchanged does the same for road extracts.
func CheckRoadsUnchanged(path string, want *study.Manifest, got *study.RoadInfo) error {
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
