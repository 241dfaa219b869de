package main

import (
	"github.com/partons/partons/study"
)

// The commands not yet moved into study (extract, prepare, validate,
// contributions export, diff, history) call the study functions under the
// names they had in this package; each goes when its command moves.

type (
	manifest   = study.Manifest
	fileFields = study.FileFields

	manifestOutput = study.ManifestOutput
)

const osmExtractSource = study.OSMExtractSource

var (
	populationPath     = study.PopulationPath
	contributionFiles  = study.ContributionFiles
	defaultSpec        = study.DefaultSpec
	inputFiles         = study.InputFiles
	checkFileFields    = study.CheckFileFields
	fieldsFor          = study.FieldsFor
	printCategoryNames = study.PrintCategoryNames
	printHoursProblems = study.PrintHoursProblems
	printMergeProblems = study.PrintMergeProblems
	splitFileArg       = study.SplitFileArg
)
