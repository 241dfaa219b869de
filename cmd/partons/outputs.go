package main

import (
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/study"
)

// paths names the files one flag reads, for checkOutputs.
func paths(flag string, files ...string) []output.Path {
	var ps []output.Path
	for _, f := range files {
		ps = append(ps, output.Path{Name: flag, Path: f})
	}
	return ps
}

// outFile is an output file of a command, which may replace only a file
// owns recognises as the command's own.
func outFile(flag, path string, owns func(head []byte) bool) []output.Path {
	if path == "" {
		return nil
	}
	return []output.Path{{Name: flag, Path: path, Owns: owns}}
}

// outDir is a report directory written by a command.
func outDir(flag, dir string) output.Path { return output.Path{Name: flag, Path: dir, Dir: true} }

// specPaths are the files a run spec reads.
func specPaths(s study.Spec) []output.Path {
	var ps []output.Path
	ps = append(ps, paths("--villages", s.Villages...)...)
	ps = append(ps, paths("--services", s.Services...)...)
	ps = append(ps, paths("--boundaries", s.Boundaries...)...)
	ps = append(ps, paths("--roads", s.Roads...)...)
	ps = append(ps, paths("--osm", s.OSM...)...)
	ps = append(ps, paths("--transit", s.Transit...)...)
	if s.FlexZones != "" {
		ps = append(ps, paths("--flex-zones", s.FlexZones)...)
	}
	for _, p := range s.Population {
		ps = append(ps, paths("--population", study.PopulationPath(p))...)
	}
	return ps
}

// checkOutputs is every command's check, before any work, that its
// outputs overwrite none of its inputs nor each other, and that each
// output directory may receive a report of the command (see output.Check).
func checkOutputs(command string, outs []output.Path, ins ...[]output.Path) error {
	var all []output.Path
	for _, in := range ins {
		all = append(all, in...)
	}
	return output.Check(command, outs, all)
}
