// Package extract reads OpenStreetMap extracts (merged by OSM id) into the
// three inputs of a run, villages, services and boundaries as GeoJSON,
// with a manifest.json of the inputs, data date, counts and extract-edge
// artefacts; optionally joined with official population figures per
// municipality. Distances in metres. Progress goes to the study/progress
// of the context.
package extract

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"time"

	"github.com/partons/partons/datasets/osmextract"
	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/datasets/population"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/progress"
)

// Options are the settings of Extract.
type Options struct {
	Out         string             // the output folder, replaced atomically
	Places      []string           // place=* values read as villages
	AdminLevels []int              // admin_level values read as boundaries
	MergeM      float64            // merge a node and an area of one service within this many metres (negative: never)
	Taxonomy    *taxonomy.Taxonomy // the service categories; nil for taxonomy.Default()

	Population       []string               // [CC=]CSV files of official population per municipality
	PopulationFields population.ReadOptions // their columns
	Apportion        bool                   // share a municipality's figure among its villages

	Version string    // the generator's version, for the manifest
	Log     io.Writer // notes of the output folder; nil for none
}

// Result is what Extract read and wrote.
type Result struct {
	Extract    *osmextract.Result
	Population *population.Report // nil without population files
}

// Extract reads the OpenStreetMap extracts files and writes into o.Out
// villages.geojson, services.geojson, boundaries.geojson and
// manifest.json. A cancelled ctx stops it with nothing written.
func Extract(ctx context.Context, files []string, o Options) (*Result, error) {
	tables, err := study.ReadPopulation(o.Population, o.PopulationFields)
	if err != nil {
		return nil, err
	}
	tax := o.Taxonomy
	if tax == nil {
		tax = taxonomy.Default()
	}
	dir, err := output.Create(ctx, o.Out, output.Options{Command: "extract", Log: o.Log})
	if err != nil {
		return nil, err
	}
	defer dir.Abort()

	pr := progress.From(ctx)
	srcs := make([]osmfile.Source, len(files))
	for i, f := range files {
		srcs[i] = progress.OSMFileSource(ctx, f)
	}
	pr.Step(fmt.Sprintf("reading %d extract(s)", len(files)))
	res, err := osmextract.Extract(ctx, srcs, osmextract.Options{
		Places: o.Places, AdminLevels: o.AdminLevels, Taxonomy: tax, MergeDistanceM: o.MergeM,
	})
	if err != nil {
		return nil, err
	}
	var popRep *population.Report
	if len(tables) > 0 {
		popRep = osmextract.ApplyPopulation(res, tables, population.Options{Apportion: o.Apportion})
	}
	pr.Step("writing " + o.Out)
	for _, w := range []struct {
		name string
		fn   func(io.Writer) error
	}{
		{osmextract.VillagesFile, res.WriteVillages},
		{osmextract.ServicesFile, res.WriteServices},
		{osmextract.BoundariesFile, res.WriteBoundaries},
	} {
		if err := dir.WriteFile(w.name, func(bw *bufio.Writer) error { return w.fn(bw) }); err != nil {
			return nil, err
		}
	}
	m := manifestOf(o, res, tables, popRep)
	if err := dir.WriteFile("manifest.json", func(bw *bufio.Writer) error { return output.WriteJSON(bw, m) }); err != nil {
		return nil, err
	}
	if err := dir.Commit(); err != nil {
		return nil, err
	}
	pr.Done()
	return &Result{Extract: res, Population: popRep}, nil
}

// extractManifest is manifest.json of an extract.
type extractManifest struct {
	Generator   string                 `json:"generator"`
	Version     string                 `json:"version"`
	Command     string                 `json:"command"`
	DataDate    string                 `json:"data_date"`
	Attribution []string               `json:"attribution"`
	Inputs      []extractInput         `json:"inputs"`
	Parameters  extractParameters      `json:"parameters"`
	Outputs     map[string]int         `json:"outputs"`
	Rules       map[string]string      `json:"rules"`
	Extract     *osmextract.Report     `json:"extract"`
	Population  *extractPopulationInfo `json:"population,omitempty"`
}

type extractInput struct {
	File            string     `json:"file"`
	Format          string     `json:"format"`
	Bytes           int64      `json:"bytes"`
	SHA256          string     `json:"sha256"`
	ReplicationTime string     `json:"replication_time,omitempty"`
	WritingProgram  string     `json:"writing_program,omitempty"`
	Bounds          [4]float64 `json:"bounds_lon_lat,omitempty"`
}

type extractParameters struct {
	Places       []string                 `json:"places"`
	AdminLevels  []int                    `json:"admin_levels"`
	AreaCodeKeys []osmextract.AreaCodeKey `json:"area_code_keys"`
	MergeM       float64                  `json:"merge_distance_m"`
	Apportion    bool                     `json:"apportion"`
	PlaceWeights map[string]float64       `json:"place_weights,omitempty"`
}

type extractPopulationInfo struct {
	Tables []extractPopulationTable `json:"tables"`
	Report *population.Report       `json:"report"`
}

type extractPopulationTable struct {
	File    string `json:"file"`
	Country string `json:"country,omitempty"`
	Rows    int    `json:"rows"`
}

func manifestOf(o Options, res *osmextract.Result, tables []*population.Table, popRep *population.Report) *extractManifest {
	rep := res.Report
	m := &extractManifest{
		Generator: output.Generator, Version: o.Version, Command: "extract",
		Attribution: []string{"OpenStreetMap: " + osmextract.Attribution},
		Parameters: extractParameters{
			Places: o.Places, AdminLevels: o.AdminLevels, AreaCodeKeys: osmextract.DefaultAreaCodeKeys,
			MergeM: o.MergeM, Apportion: o.Apportion,
		},
		Outputs: map[string]int{
			osmextract.VillagesFile: len(res.Villages), osmextract.ServicesFile: len(res.Services),
			osmextract.BoundariesFile: len(res.Boundaries),
		},
		Rules: map[string]string{
			"duplicates": "a node and an area (closed way or relation) with the same category and normalised name are one service when the node is inside the area or within merge_distance_m (WGS84 geodesic) of the area's point inside it; unnamed ones only when the node is inside; the node is kept",
			"population": "municipality by area code, else by unique normalised area name in the country; its figure goes to a village only when it is the municipality's only village and carries its name or code (official); with apportion, villages with a measured population keep it and the rest of the figure is shared by place weight in whole people (largest remainder)",
			"order":      "villages and services by OSM type (node, way, relation) then id; boundaries municipalities first, then countries, each by id",
		},
		Extract: rep,
	}
	if !rep.DataDate.IsZero() {
		m.DataDate = rep.DataDate.UTC().Format(time.RFC3339)
	}
	if o.Apportion {
		m.Parameters.PlaceWeights = osmextract.PlaceWeights
	}
	for _, f := range rep.Files {
		in := extractInput{File: f.Name, Format: string(f.Format), Bytes: f.Size, SHA256: f.SHA256, WritingProgram: f.WritingProgram}
		if !f.ReplicationTime.IsZero() {
			in.ReplicationTime = f.ReplicationTime.UTC().Format(time.RFC3339)
		}
		if f.Bounds != nil {
			in.Bounds = [4]float64{f.Bounds.Min[0], f.Bounds.Min[1], f.Bounds.Max[0], f.Bounds.Max[1]}
		}
		m.Inputs = append(m.Inputs, in)
	}
	if popRep != nil {
		p := &extractPopulationInfo{Report: popRep}
		for _, t := range tables {
			p.Tables = append(p.Tables, extractPopulationTable{File: t.Source, Country: t.Country, Rows: len(t.Rows)})
			m.Attribution = append(m.Attribution, "population: "+t.Source)
		}
		m.Population = p
	}
	return m
}
