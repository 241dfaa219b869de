package scenario

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/scenario"
	"github.com/partons/partons/travel"
)

// An error computing a scenario variant keeps its kind: a cancellation
// stays a cancellation and an internal failure a failure, never invalid
// data (they all used to become a scenario file error, exit 3).
func TestVariantErrorKeepsItsKind(t *testing.T) {
	for _, tc := range []struct {
		name    string
		err     error
		invalid bool
	}{
		{"cancelled", fmt.Errorf("analysis: routing: %w", context.Canceled), false},
		{"internal", fmt.Errorf("analysis: bus: %w", travel.ErrInvalid), false},
		{"invalid data", &datasets.RecordError{Source: "v.csv", Line: 3, Field: "country", Reason: "no country"}, true},
	} {
		err := variantError("s.yaml", "close-post", tc.err)
		var se *scenario.Error
		if got := errors.Is(err, datasets.ErrInvalid); got != tc.invalid || errors.As(err, &se) != tc.invalid {
			t.Errorf("%s: invalid data %v, want %v (%v)", tc.name, got, tc.invalid, err)
		}
		if !tc.invalid && !errors.Is(err, tc.err) {
			t.Errorf("%s: the cause is lost: %v", tc.name, err)
		}
		if !strings.Contains(err.Error(), "s.yaml") || !strings.Contains(err.Error(), "close-post") {
			t.Errorf("%s: %q does not name the file and the variant", tc.name, err)
		}
	}
}
