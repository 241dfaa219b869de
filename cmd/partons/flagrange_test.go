package main

import (
	"testing"

	"github.com/spf13/pflag"
)

// TestEveryNumericFlagHasARange: a numeric flag added without a range
// would accept negative or zero values where they mean nothing. The
// exceptions are listed with their reason.
func TestEveryNumericFlagHasARange(t *testing.T) {
	free := map[string]string{
		"extract --merge-m":      "negative disables merging; 0 is refused by runExtract",
		"extract --admin-levels": "checked against 1..12 by runExtract",
	}
	numeric := map[string]bool{"float64": true, "float64Slice": true, "int": true, "int64": true, "intSlice": true}
	for _, cmd := range newRootCmd().Commands() {
		cmd.Flags().VisitAll(func(fl *pflag.Flag) {
			name := cmd.Name() + " --" + fl.Name
			if !numeric[fl.Value.Type()] || free[name] != "" {
				return
			}
			if len(fl.Annotations[flagRangeKey]) == 0 {
				t.Errorf("%s: numeric flag without a range (limitFlag)", name)
			}
		})
	}
}

func TestCheckNumericFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string // "" for no error
	}{
		{[]string{"--a", "1", "--b", "0", "--c", "-3"}, ""},
		{[]string{"--a", "0"}, "--a 0: must be greater than 0"},
		{[]string{"--b", "-1"}, "--b -1: must be 0 or more"},
		{[]string{"--c", "NaN"}, "--c NaN: not a finite number"},
		{[]string{"--c", "-Inf"}, "--c -Inf: not a finite number"},
		{[]string{"--l", "1,2,NaN"}, "--l NaN: not a finite number"},
		{[]string{"--n", "-1"}, "--n -1: must be greater than 0"},
	}
	for _, tc := range tests {
		f := pflag.NewFlagSet("x", pflag.ContinueOnError)
		f.Float64("a", -1, "")
		f.Float64("b", -1, "") // defaults are not checked
		f.Float64("c", 0, "")
		f.Float64Slice("l", nil, "")
		f.Int("n", -1, "")
		limitFlag(f, positive, "a", "n")
		limitFlag(f, nonNegative, "b")
		if err := f.Parse(tc.args); err != nil {
			t.Fatal(err)
		}
		err := checkNumericFlags(f)
		got := ""
		if err != nil {
			got = err.Error()
			if exitCode(err) != exitUsage {
				t.Errorf("%v: exit %d, want usage", tc.args, exitCode(err))
			}
		}
		if got != tc.want {
			t.Errorf("%v: %q, want %q", tc.args, got, tc.want)
		}
	}
}
