package main

import (
	"github.com/partons/partons/study"
)

// Names this package (its tests mostly) still gives to study types and
// functions; each goes when its last user calls study directly.

type (
	manifest   = study.Manifest
	fileFields = study.FileFields

	manifestOutput = study.ManifestOutput
)

var (
	splitFileArg = study.SplitFileArg
)
