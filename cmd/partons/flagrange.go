package main

import (
	"fmt"
	"math"

	"github.com/spf13/pflag"
)

// Numeric flags are checked before any work starts: every float flag (or
// float list) given on the command line must be finite (pflag accepts
// "NaN" and "Inf"), and a flag annotated with a range by limitFlag must
// lie in it. Flags left at their default are not checked (defaults such as
// --p -1 mean "not given").

// flagRangeKey is the pflag annotation holding a flag's range.
const flagRangeKey = "partons-range"

// Ranges a numeric flag can be limited to.
const (
	positive    = "positive"     // > 0
	nonNegative = "non-negative" // >= 0
)

// limitFlag restricts the numeric flags names of f to rng. It panics on
// an unknown flag name: a programmer error.
func limitFlag(f *pflag.FlagSet, rng string, names ...string) {
	for _, name := range names {
		if err := f.SetAnnotation(name, flagRangeKey, []string{rng}); err != nil {
			panic(err)
		}
	}
}

// checkNumericFlags checks every numeric flag set in f. The error is a
// usage error naming the flag.
func checkNumericFlags(f *pflag.FlagSet) error {
	var err error
	f.Visit(func(fl *pflag.Flag) {
		if err == nil {
			err = checkNumericFlag(f, fl)
		}
	})
	return err
}

func checkNumericFlag(f *pflag.FlagSet, fl *pflag.Flag) error {
	var vals []float64
	switch fl.Value.Type() {
	case "float64":
		v, _ := f.GetFloat64(fl.Name)
		vals = []float64{v}
	case "float64Slice":
		vals, _ = f.GetFloat64Slice(fl.Name)
	case "int":
		v, _ := f.GetInt(fl.Name)
		vals = []float64{float64(v)}
	case "int64":
		v, _ := f.GetInt64(fl.Name)
		vals = []float64{float64(v)}
	case "intSlice":
		is, _ := f.GetIntSlice(fl.Name)
		for _, v := range is {
			vals = append(vals, float64(v))
		}
	default:
		return nil
	}
	rng := ""
	if a := fl.Annotations[flagRangeKey]; len(a) > 0 {
		rng = a[0]
	}
	for _, v := range vals {
		var why string
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			why = "not a finite number"
		case rng == positive && v <= 0:
			why = "must be greater than 0"
		case rng == nonNegative && v < 0:
			why = "must be 0 or more"
		default:
			continue
		}
		return usagef("--%s %s: %s", fl.Name, fmt.Sprint(v), why)
	}
	return nil
}
