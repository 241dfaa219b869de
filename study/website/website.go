// Package website writes the static website of finished runs: it reads
// report folders (each file checked against its manifest, see
// datasets/reportdir), builds the pages with render/site and writes them,
// with a manifest.json that lists each file and its SHA-256, into a
// folder replaced atomically. Safe for concurrent use on distinct output
// folders.
package website

import (
	"bufio"
	"context"
	"io"

	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/render/site"
	"github.com/partons/partons/render/site/input"
)

// Options are the settings of Write.
type Options struct {
	Out     string      // the site folder, replaced atomically
	Site    site.Config // the form address (checked by site.CheckFormURL) and the title
	Version string      // the generator's version, for the manifest
	Log     io.Writer   // notes of the output folder; nil for none
}

// Result says what was written.
type Result struct {
	Runs, Files int // the runs read, the files of the site (manifest.json aside)
}

// Write reads the report folders dirs (one per year, say) and writes their
// website into o.Out. A changed report file is refused naming it
// (datasets.ErrInvalid); a cancelled ctx stops it with nothing written.
func Write(ctx context.Context, dirs []string, o Options) (*Result, error) {
	if err := site.CheckFormURL(o.Site.FormURL); err != nil {
		return nil, err
	}
	runs := make([]*input.Run, len(dirs))
	for i, d := range dirs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r, err := input.Load(d)
		if err != nil {
			return nil, err
		}
		runs[i] = r
	}
	files, err := site.Build(runs, o.Site)
	if err != nil {
		return nil, err
	}
	dir, err := output.Create(ctx, o.Out, output.Options{Command: "site", Log: o.Log})
	if err != nil {
		return nil, err
	}
	defer dir.Abort()
	sums := reportdir.Sums{}
	outputs := make([]reportdir.Output, 0, len(files)+1)
	for _, f := range files {
		write := sums.Hashing(f.Name, func(w *bufio.Writer) error { _, err := w.Write(f.Data); return err })
		if err := dir.WriteFile(f.Name, write); err != nil {
			return nil, err
		}
		outputs = append(outputs, reportdir.Output{File: f.Name})
	}
	outputs = append(outputs, reportdir.Output{File: "manifest.json", Description: "this file"})
	sums.Fill(outputs)
	rel := make([]string, len(dirs))
	for i, d := range dirs {
		rel[i] = reportdir.RelativePath(o.Out, d)
	}
	m := map[string]any{"generator": "partons", "version": o.Version, "manifest_version": reportdir.Version, "command": "site",
		"runs": rel, "form_url": o.Site.FormURL, "title": o.Site.Title, "outputs": outputs}
	if err := dir.WriteFile("manifest.json", func(w *bufio.Writer) error { return output.WriteJSON(w, m) }); err != nil {
		return nil, err
	}
	if err := dir.Commit(); err != nil {
		return nil, err
	}
	return &Result{Runs: len(runs), Files: len(files)}, nil
}
