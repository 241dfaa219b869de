package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/partons/partons/render/output"
	"github.com/partons/partons/study/compare"
)

// exitGuard is the exit code when a --fail-if guard trips.
const exitGuard = 4

// exitGuardUnknown is the exit code when a --fail-if guard could not be
// evaluated because its indicator is unknown in either report (and
// --unknown is fail, the default).
const exitGuardUnknown = 5

// guardError is a tripped --fail-if guard.
type guardError struct{ msg string }

func (e guardError) Error() string { return e.msg }

// guardUnknownError is a --fail-if guard on an unknown indicator.
type guardUnknownError struct{ msg string }

func (e guardUnknownError) Error() string { return e.msg }

type diffOptions struct {
	out     string
	failIf  []string
	unknown string // fail or pass: a guard whose indicator is unknown
	csvRaw  bool
}

func newDiffCmd() *cobra.Command {
	o := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD_DIR NEW_DIR",
		Short: "Compare two run reports (e.g. last year's and this year's) village by village",
		Long: `Compares two report directories written by 'partons run' and writes into --out:
delta_villages.csv/.geojson (per village and category: old and new nearest
distance, the change, coverage lost or gained; villages that appeared or
disappeared), areas_delta.csv (coverage shares and medians per area, country
and overall) and services_delta.csv (services that appeared or disappeared).

Each file read is checked against the SHA-256 and size its report's
manifest.json records: a truncated, edited, missing or unlisted file, or a
missing or unreadable manifest, is refused naming the file (exit 3).

--fail-if guards let a CI pipeline flag a regression: each is a condition on
the change (new − old) of an overall indicator, e.g.
  --fail-if 'pharmacy_within_3750m_share < -0.02'   (lost 2 points of coverage)
  --fail-if 'post_median_m > 500'
When one holds, partons exits with code 4 after writing the report.
An indicator can be unknown (an empty cell in areas.csv: the access of
some people is not known, e.g. a country without data for the category).
A guard on it is neither tripped nor passed: it is reported as unknown
and partons exits with code 5 after writing the report, or lets it pass
with --unknown pass. A tripped guard (4) outranks an unknown one.`,
		Args: wrapArgs(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(cmd.Context(), o, args[0], args[1], cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	cmd.Flags().StringVarP(&o.out, "out", "o", "partons-diff", "report directory (replaced atomically)")
	cmd.Flags().StringArrayVar(&o.failIf, "fail-if", nil, "exit 4 when this condition on an indicator's change holds; repeatable")
	cmd.Flags().StringVar(&o.unknown, "unknown", "fail", "a --fail-if guard whose indicator is unknown: fail (exit 5) or pass")
	addCSVRawFlag(cmd, &o.csvRaw)
	return cmd
}

func runDiff(ctx context.Context, o *diffOptions, oldDir, newDir string, stdout, stderr io.Writer) error {
	if o.unknown != "fail" && o.unknown != "pass" {
		return usagef("--unknown: %q is not fail or pass", o.unknown)
	}
	if err := checkOutputs("diff", []output.Path{outDir("--out", o.out)}, paths("OLD_DIR", oldDir), paths("NEW_DIR", newDir)); err != nil {
		return err
	}
	guards, err := compare.ParseGuards(o.failIf)
	if err != nil {
		return flagged(err)
	}
	res, err := compare.Diff(ctx, oldDir, newDir, compare.DiffOptions{Out: o.out, Guards: guards,
		PassUnknown: o.unknown == "pass", RawCSV: o.csvRaw, Version: version, Log: stderr})
	var ge *compare.GuardError
	if errors.As(err, &ge) {
		return usagef("--fail-if %q: %v", ge.Expr, ge.Err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "partons: diff %s → %s: %d categories compared → %s\n", oldDir, newDir, len(res.Categories), o.out)
	v := compare.Verdict(res.Guards)
	for _, l := range v.Lines {
		fmt.Fprintln(stdout, l)
	}
	tripped, unknown := v.Tripped, v.Unknown
	switch {
	case len(tripped) > 0:
		msg := fmt.Sprintf("%d guard(s) tripped: %s", len(tripped), strings.Join(tripped, "; "))
		if len(unknown) > 0 {
			msg += fmt.Sprintf("; %d guard(s) on an unknown indicator: %s", len(unknown), strings.Join(unknown, "; "))
		}
		return guardError{msg}
	case len(unknown) > 0 && o.unknown == "fail":
		return guardUnknownError{fmt.Sprintf("%d guard(s) could not be evaluated, their indicator is unknown "+
			"(some people's access is not known, e.g. a country without data for the category; see areas.csv): %s; "+
			"--unknown pass lets them pass", len(unknown), strings.Join(unknown, "; "))}
	}
	return nil
}
