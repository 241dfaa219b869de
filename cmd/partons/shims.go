package main

import (
	"context"
	"io"

	"github.com/partons/partons/study"
	"github.com/partons/partons/study/progress"
)

// The commands not yet moved into study (extract, prepare, validate,
// contributions export, diff, history) call the study functions under the
// names they had in this package; each goes when its command moves.

// progressLine is a study progress under its former method names.
type progressLine struct{ *progress.Progress }

func (p progressLine) step(s string) { p.Step(s) }
func (p progressLine) done()         { p.Done() }

func newProgress(w io.Writer, quiet bool) progressLine { return progressLine{progress.New(w, quiet)} }

func withProgress(ctx context.Context, p progressLine) context.Context {
	return progress.With(ctx, p.Progress)
}

type (
	manifest   = study.Manifest
	fileFields = study.FileFields

	manifestOutput = study.ManifestOutput
)

const osmExtractSource = study.OSMExtractSource

var (
	populationPath     = study.PopulationPath
	readPopulation     = study.ReadPopulation
	contributionFiles  = study.ContributionFiles
	defaultSpec        = study.DefaultSpec
	inputFiles         = study.InputFiles
	jobFromSpec        = study.NewJob
	readInputs         = study.ReadInputs
	checkFileFields    = study.CheckFileFields
	fieldsFor          = study.FieldsFor
	printCategoryNames = study.PrintCategoryNames
	printHoursProblems = study.PrintHoursProblems
	printMergeProblems = study.PrintMergeProblems
	splitFileArg       = study.SplitFileArg
	osmFileSource      = progress.OSMFileSource
)
