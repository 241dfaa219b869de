package main

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/travel"
)

// An error computing a scenario variant keeps its kind: a cancellation
// exits as interrupted and an internal failure as a failure, never as
// invalid data (they all used to become a scenario file error, exit 3).
func TestVariantErrorKeepsItsKind(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want int
	}{
		{"cancelled", fmt.Errorf("analysis: routing: %w", context.Canceled), exitInterrupt},
		{"internal", fmt.Errorf("analysis: bus: %w", travel.ErrInvalid), exitError},
		{"invalid data", &datasets.RecordError{Source: "v.csv", Line: 3, Field: "country", Reason: "no country"}, exitInvalid},
	} {
		err := variantError("s.yaml", "close-post", tc.err)
		if got := exitCode(err); got != tc.want {
			t.Errorf("%s: exit %d, want %d (%v)", tc.name, got, tc.want, err)
		}
		if !errors.Is(err, tc.err) && tc.want != exitInvalid {
			t.Errorf("%s: the cause is lost: %v", tc.name, err)
		}
	}
}
