package validate

import (
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/config"
	"github.com/partons/partons/datasets/contributions"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/runspec"
	"github.com/partons/partons/study/speccheck"
	"github.com/partons/partons/study/usage"
)

// Options are the files a validation reads: FILE[:field=col,…] arguments
// of each kind, and Args read as As says (villages, services, boundaries,
// contributions or auto), with the schemas of the configuration file
// Config ("": the defaults) under Fields.
type Options struct {
	Config string
	Fields runspec.Fields

	As                             string
	Villages, Services, Boundaries []string
	Contributions, Args            []string
}

// Files reads the configuration of o and lists the files to validate:
// those of the configuration (villages_files, services_files) and of o,
// with their field mappings, in the order validate reads them. A mistake
// in o is a *usage.Error.
func Files(o Options) (config.Config, []File, error) {
	switch o.As {
	case "auto", "villages", "services", "boundaries", "contributions":
	default:
		return config.Config{}, nil, usage.Errorf("{as} %q: want villages, services, boundaries, contributions or auto", o.As)
	}
	cfg, err := runspec.Config(o.Config, o.Fields)
	if err != nil {
		return cfg, nil, err
	}
	vs, ss, ff := study.InputFiles(cfg, o.Villages, o.Services)
	if err := speccheck.CheckFileFields(ff); err != nil {
		return cfg, nil, err
	}
	var files []File
	for _, p := range vs {
		files = append(files, File{p, "villages", speccheck.FieldsFor(ff, "villages", p)})
	}
	for _, p := range ss {
		files = append(files, File{p, "services", speccheck.FieldsFor(ff, "services", p)})
	}
	for _, p := range o.Boundaries {
		files = append(files, File{Path: p, Kind: "boundaries"})
	}
	for _, a := range o.Contributions {
		p, fields := speccheck.SplitFileArg(a)
		files = append(files, File{p, "contributions", fields})
	}
	for _, a := range o.Args {
		p, fields := speccheck.SplitFileArg(a)
		files = append(files, File{p, o.As, fields})
	}
	if len(files) == 0 {
		return cfg, nil, usage.Errorf("validate: name at least one file (FILE, {villages}, {services} or {boundaries})")
	}
	return cfg, files, nil
}

// Across lists the problems found across the files read without problems
// of their own, as a run would meet them: placement (Placement), residents'
// reports against the services, category names, and opening hours.
func Across(cfg config.Config, villages []datasets.Village, services []datasets.Service,
	boundaries []datasets.Boundary, reports []contributions.Report) datasets.ErrorList {
	probs := datasets.ErrorList(Placement(villages, services, boundaries))
	probs = append(probs, study.MergeProblems(services, reports)...)
	probs = append(probs, study.CategoryNameProblems(cfg, services)...)
	return append(probs, study.HoursProblems(services)...)
}
