package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/usage"
)

// Exit codes.
const (
	exitOK      = 0
	exitError   = 1 // any other failure
	exitUsage   = 2 // bad command line
	exitInvalid = 3 // invalid input data
	// exitGuard (4, diff.go): a --fail-if guard tripped.
	// exitGuardUnknown (5, diff.go): a --fail-if guard's indicator is unknown.
	exitInterrupt = 130 // stopped by SIGINT (Ctrl-C), or cancelled: 128 + 2, the shell convention
	exitTerminate = 143 // stopped by SIGTERM: 128 + 15
)

// signalExit is the exit code of a process stopped by sig.
func signalExit(sig os.Signal) int {
	if sig == syscall.SIGTERM {
		return exitTerminate
	}
	return exitInterrupt
}

// signalName names sig the way shells do.
func signalName(sig os.Signal) string {
	if sig == syscall.SIGTERM {
		return "SIGTERM"
	}
	return "SIGINT"
}

// usageError marks command-line mistakes.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// flagName is the flag that sets the option key of the study ("snap_m"
// is --snap-m): study errors and notes name options by their keys.
func flagName(key string) string { return "--" + strings.ReplaceAll(key, "_", "-") }

// execute runs the command line and maps the outcome to an exit code,
// printing the error on stderr.
func execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return reportError(runCommand(ctx, args, stdout, stderr), stderr)
}

// runCommand runs the command line and returns its error.
func runCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	c, err := root.ExecuteContextC(ctx)
	// cobra reports a command it does not know from the root, as a plain
	// error: it is a usage error like an unknown flag.
	if err != nil && c == root && strings.HasPrefix(err.Error(), "unknown command ") {
		err = usageError{err}
	}
	return err
}

// reportError prints err (if any) on stderr and returns its exit code.
func reportError(err error, stderr io.Writer) int {
	if err != nil {
		fmt.Fprintln(stderr, "partons:", userMessage(err))
	}
	return exitCode(err)
}

func exitCode(err error) int {
	var ue usageError
	var ge guardError
	var gu guardUnknownError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue), usage.As(err) != nil, errors.Is(err, output.ErrClash):
		return exitUsage
	case errors.As(err, &ge):
		return exitGuard
	case errors.As(err, &gu):
		return exitGuardUnknown
	case errors.Is(err, datasets.ErrInvalid):
		return exitInvalid
	case errors.Is(err, context.Canceled):
		return exitInterrupt
	}
	return exitError
}

// The study writes the binary's version into manifests and names options
// by their flags in the notes of a report.
func init() {
	study.Version = version
	study.OptionName = flagName
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "partons",
		Short: "How far people live from everyday services, across the border",
		Long: `partons measures, for every village, how far the nearest shop, post office,
GP, pharmacy, bank or school is, on either side of a national border, who is
covered within walking and cycling distance, and how the population fares
per area and country. Distances are WGS84 geodesics in metres.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	var cpuProfile string
	var stopProfile func()
	root.PersistentFlags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile (go tool pprof) to this file")
	root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if err := checkNumericFlags(cmd.Flags()); err != nil {
			return err
		}
		if cpuProfile == "" {
			return nil
		}
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return err
		}
		stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
		return nil
	}
	root.PersistentPostRun = func(*cobra.Command, []string) {
		if stopProfile != nil {
			stopProfile()
		}
	}
	root.AddCommand(newRunCmd(), newValidateCmd(), newPrepareCmd(), newScenarioCmd(), newDiffCmd(), newAccessCmd(), newExtractCmd(), newLocateCmd(), newContributionsCmd(), newSiteCmd(), newHistoryCmd())
	for _, c := range root.Commands() {
		if c.Flags().Lookup("quiet") == nil {
			addQuietFlag(c, new(bool)) // accepted everywhere; these print no progress
		}
	}
	return root
}

// addQuietFlag gives cmd the --quiet/-q flag every command has.
func addQuietFlag(cmd *cobra.Command, q *bool) {
	cmd.Flags().BoolVarP(q, "quiet", "q", false, "no progress bars or timings on stderr (warnings and notes about the data are always printed)")
}

// wrapArgs turns cobra's positional-argument errors into usage errors.
func wrapArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// flagged is err of the study with the options it names written as the
// flags that set them ({snap_m} as --snap-m); the error keeps its chain,
// so its kind and exit code.
func flagged(err error) error { return usage.Named(err, flagName) }
